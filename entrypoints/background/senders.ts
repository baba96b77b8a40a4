import { browser, type Browser } from 'wxt/browser';

/**
 * Only the extension's own pages (popup, options, session host) may drive the worker. Content scripts run
 * inside web pages; they send nothing to the worker, so anything arriving from a tab's page is refused.
 */
export function isExtensionPage(sender: Browser.runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && isOwnPage(sender.url);
}

export function isOwnPage(url: string | undefined): boolean {
  return url?.startsWith(browser.runtime.getURL('/')) ?? false;
}

export const REFUSED = 'Refused: only the extension itself can control the voice session.';
