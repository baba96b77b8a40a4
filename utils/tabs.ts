import { browser, type Browser } from 'wxt/browser';
import type { BrowserToolContext } from './tools/browser-tool';

/**
 * What the tab tools share: how a tab is named to the model, which addresses the AI may open, and the sentence
 * that says which tab is controlled now (every tab tool ends with it, so the model never loses track).
 */

export function siteOf(url: string | undefined): string {
  try {
    return new URL(url ?? '').hostname;
  } catch {
    return '';
  }
}

/** Only web pages: the AI never opens file:, data:, javascript: or browser pages. Null when the URL is fine. */
export function webUrlError(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a web address. Give a full address starting with https://.`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return `I only open web pages (http and https addresses), not ${parsed.protocol} addresses.`;
  }
  return null;
}

const PRIVATE_SITE = '(a site the user keeps private)';

/** A tab as the model sees it; a site the user set to "never" shows neither its title nor its address. */
export function tabSummary(tab: Browser.tabs.Tab, context: Pick<BrowserToolContext, 'tabId' | 'policyOf' | 'openedTabs'>) {
  const hidden = context.policyOf(tab.url) === 'never';
  return {
    tab_id: tab.id,
    title: hidden ? PRIVATE_SITE : (tab.title ?? '').slice(0, 100),
    site: hidden ? '' : siteOf(tab.url) || (tab.url ?? '').split(':')[0],
    ...(tab.id === context.tabId ? { controlled: true } : {}),
    ...(tab.active ? { active: true } : {}),
    ...(tab.id != null && context.openedTabs.includes(tab.id) ? { opened_by_ai: true } : {}),
  };
}

/** "Now controlling tab 12: Lemon cake (recipes.example)"; a "never" site is named by its id alone. */
export async function controlledNote(
  tabId: number | undefined,
  policyOf: BrowserToolContext['policyOf'],
): Promise<string> {
  if (tabId == null) return 'No tab is controlled now.';
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  if (!tab) return 'No tab is controlled now.';
  if (policyOf(tab.url) === 'never') return `Now controlling tab ${tabId}: ${PRIVATE_SITE}`;
  return `Now controlling tab ${tabId}: ${(tab.title ?? '').slice(0, 80) || '(untitled)'} (${siteOf(tab.url) || tab.url})`;
}

/** The web tabs a person works in: not the extension's own pages or windows. */
export async function userTabs(): Promise<Browser.tabs.Tab[]> {
  const own = browser.runtime.getURL('/');
  const windows = await browser.windows.getAll({ populate: true, windowTypes: ['normal'] });
  return windows.flatMap((window) => window.tabs ?? []).filter((tab) => !(tab.url ?? '').startsWith(own));
}
