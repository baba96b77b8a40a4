import { browser } from 'wxt/browser';

export const ONBOARDING_PATH = '/onboarding.html';

/** A first install opens the welcome tab; an update, a browser start or a re-enabled extension does not. */
export function shouldOpenOnboarding(details: { reason: string }): boolean {
  return details.reason === 'install';
}

export async function openOnboarding(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(ONBOARDING_PATH) });
}
