import { browser, type Browser } from 'wxt/browser';
import { contentMessenger, type PageToolCall, type ToolCall } from '@/utils/messaging';
import { restrictedReason } from '@/utils/page/restricted';
import type { ToolResult } from '@/utils/tools/tool';
import { withTimeout } from '@/utils/timeout';
import { missingHostAccess } from './host-access';
import { isOwnPage } from './senders';
import { readSession, updateSession } from './session-state';
import { messageOf } from '@/utils/errors';

const CONTENT_SCRIPT = '/content-scripts/content.js';
const TOOL_TIMEOUT_MS = 10_000;

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
  if (session.status !== 'live' && session.status !== 'starting') return;
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  if (!tab || isOwnPage(tab.url) || (await inPopupWindow(tab))) return;
  await updateSession((state) => ({ ...state, targetTabId: tabId }));
}

/**
 * Firefox's session window is a popup window whose tab is activated before its address is known; web pages in
 * popup windows (sign-in prompts and the like) are not where the user works either.
 */
async function inPopupWindow(tab: Browser.tabs.Tab): Promise<boolean> {
  if (tab.windowId == null) return false;
  const window = await browser.windows.get(tab.windowId).catch(() => undefined);
  return window?.type === 'popup';
}

/** Runs one tool call in the session's target tab, injecting the content script the first time it is needed. */
export async function routeToolCall(call: ToolCall): Promise<ToolResult> {
  const { targetTabId } = await readSession();
  if (targetTabId == null) {
    return fail('I do not know which tab to work on. Click on the tab you want me to change and ask again.');
  }
  const tab = await browser.tabs.get(targetTabId).catch(() => undefined);
  if (!tab?.id) {
    return fail('The tab I was working on has been closed. Switch to the tab you want me to change and ask again.');
  }
  const restricted = restrictedReason(tab.url);
  if (restricted) return fail(restricted);
  const message = { name: call.name, args: call.arguments, policy: 'allow' as const };
  try {
    return await askContentScript(tab.id, message);
  } catch (error) {
    if (!isNoReceiver(error)) return fail(`The page did not answer: ${messageOf(error)}`);
  }
  const injected = await inject(tab);
  if (injected) return fail(injected);
  try {
    return await askContentScript(tab.id, message);
  } catch (error) {
    return fail(`The page did not answer: ${messageOf(error)}`);
  }
}

function askContentScript(tabId: number, message: PageToolCall): Promise<ToolResult> {
  return withTimeout(
    contentMessenger.sendMessage('content.runTool', message, tabId),
    TOOL_TIMEOUT_MS,
    `the page took longer than ${TOOL_TIMEOUT_MS / 1000} seconds`,
  );
}

/** Injects the content script on demand; returns why it could not, or null. */
async function inject(tab: Browser.tabs.Tab): Promise<string | null> {
  try {
    await browser.scripting.executeScript({ target: { tabId: tab.id! }, files: [CONTENT_SCRIPT] });
    return null;
  } catch (error) {
    const noAccess = await missingHostAccess(tab.url);
    if (noAccess) return noAccess;
    return `I can't work on this page (${tab.url ?? 'unknown address'}): the browser does not let extensions change it. ${messageOf(error)}`;
  }
}

/** A tab with no content script of ours yet answers "receiving end does not exist" (or nothing at all). */
function isNoReceiver(error: unknown): boolean {
  return /Receiving end does not exist|Could not establish connection|No response/i.test(messageOf(error));
}

function fail(error: string): ToolResult {
  return { ok: false, error };
}
