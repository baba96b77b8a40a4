import { browser, type Browser } from 'wxt/browser';
import { isOwnPage } from './senders';
import { isRunning } from '@/utils/session-state';
import { readSession, updateSession } from './session-store';

/** How long a call waits for a navigating tab to finish loading. */
export const LOAD_TIMEOUT_MS = 10_000;

/** The tab a new session acts on: the one the user is looking at, never one of our own pages. */
export async function pickTargetTab(): Promise<number | undefined> {
  const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (active?.id != null && !isOwnPage(active.url)) return active.id;
  const candidates = (await browser.tabs.query({})).filter((tab) => tab.id != null && !isOwnPage(tab.url));
  candidates.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return candidates[0]?.id;
}

/** The session follows the user: switching to a tab makes it the target (our own pages excepted). */
export async function followActivatedTab({ tabId }: { tabId: number }): Promise<void> {
  const session = await readSession();
  if (!isRunning(session.status)) return;
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  if (!tab || isOwnPage(tab.url) || (await inPopupWindow(tab))) return;
  await updateSession((state) => ({ ...state, targetTabId: tabId }));
}

/**
 * Firefox's session window is a popup window whose tab is activated before its address is known; web pages in
 * popup windows (sign-in prompts and the like) are not where the user works either.
 */
export async function inPopupWindow(tab: Browser.tabs.Tab): Promise<boolean> {
  if (tab.windowId == null) return false;
  const window = await browser.windows.get(tab.windowId).catch(() => undefined);
  return window?.type === 'popup';
}

/**
 * Waits until the tab has finished loading (event-driven, bounded), and returns it as it is then; undefined
 * when it was closed. A tab still loading after the bound is returned as it is: the call then tries anyway.
 */
export async function waitForLoad(tabId: number, timeoutMs = LOAD_TIMEOUT_MS): Promise<Browser.tabs.Tab | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (tab: Browser.tabs.Tab | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      browser.tabs.onUpdated.removeListener(onUpdated);
      resolve(tab);
    };
    const onUpdated = (id: number, change: { status?: string }, tab: Browser.tabs.Tab) => {
      if (id === tabId && change.status === 'complete') finish(tab);
    };
    const timer = setTimeout(() => void browser.tabs.get(tabId).then(finish, () => finish(undefined)), timeoutMs);
    browser.tabs.onUpdated.addListener(onUpdated);
    // It may have finished between the caller's look and the listener's start.
    void browser.tabs.get(tabId).then(
      (tab) => tab.status === 'complete' && finish(tab),
      () => finish(undefined),
    );
  });
}
