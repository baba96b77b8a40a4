import { browser, type Browser } from 'wxt/browser';
import { contentMessenger, type PageToolCall, type ToolCall } from '@/utils/messaging';
import { READABILITY_GLOBAL } from '@/utils/page/readability';
import { restrictedReason } from '@/utils/page/restricted';
import { declinedMessage, NEVER_SITE } from '@/utils/safety/gate';
import { countCall, loopMessage, signatureOf } from '@/utils/safety/loop-guard';
import { sitePolicyOf, type Settings } from '@/utils/settings';
import type { BrowserToolResult } from '@/utils/tools/browser-tool';
import { browserToolNamed } from '@/utils/tools/browser-tools';
import { pageToolNamed } from '@/utils/tools/page-tools';
import { tools } from '@/utils/tools';
import type { ToolResult } from '@/utils/tools/tool';
import { validateArgs } from '@/utils/tools/validate';
import { withTimeout } from '@/utils/timeout';
import { messageOf } from '@/utils/errors';
import { browserToolContext } from './browser-context';
import { askUser } from './confirmations';
import { missingHostAccess } from './host-access';
import { readSession, updateSession } from './session-store';
import { currentSettings } from './settings-cache';
import { siteOf } from '@/utils/tabs';
import { waitForLoad } from './tab-router';

const CONTENT_SCRIPT = '/content-scripts/content.js' as const;
/** Scripts a page tool may need besides the content script (Tool.needs), injected right before its call. */
const EXTRA_SCRIPTS = { readability: '/readability.js' } as const;
const TOOL_TIMEOUT_MS = 12_000;
/** How long an answer may still come once the tab has started loading another document. */
const NAVIGATION_GRACE_MS = 500;
const PAGE_LEFT = 'the page was left while the tool ran';
type OurScript = typeof CONTENT_SCRIPT | (typeof EXTRA_SCRIPTS)[keyof typeof EXTRA_SCRIPTS];

/**
 * One tool call from the model (or the user's Undo button: `byUser`), wherever it runs: the loop guard first, then the browser's tools here in the
 * worker, or the page's tools in the controlled tab (through the safety gate, asking the user when it says so).
 */
export async function routeToolCall(call: ToolCall, { byUser = false } = {}): Promise<BrowserToolResult> {
  const [blocked, settings] = await Promise.all([countInLoopGuard(call), currentSettings()]);
  if (blocked) return fail(loopMessage(call.name));
  // A tool switched off in the options is not offered to the model; one called anyway is refused (the panel's own
  // Undo button is the user, not the model).
  if (!byUser && settings.disabledTools.includes(call.name)) {
    return fail(`The ${call.name} tool is switched off in the extension's options. Do not use it; tell the user if they ask for it.`);
  }

  const browserTool = browserToolNamed(call.name);
  if (browserTool) {
    const valid = validateArgs(call.name, browserTool.schema, call.arguments);
    if (!valid.ok) return valid;
    return browserTool.run(valid.args, await browserToolContext(settings)).catch(asFailure);
  }
  if (!pageToolNamed(call.name)) {
    return fail(`There is no tool called "${call.name}". Available: ${tools.map((tool) => tool.name).join(', ')}.`);
  }
  return runInTab(call, settings);
}

/** Counts the call (in session state, so a restarted worker keeps counting); true when it must be refused. */
async function countInLoopGuard(call: ToolCall): Promise<boolean> {
  let blocked = false;
  const signature = signatureOf(call.name, call.arguments);
  await updateSession((state) => {
    const counted = countCall(state.lastCall, signature);
    blocked = counted.blocked;
    return { ...state, lastCall: counted.last };
  });
  return blocked;
}

async function runInTab(call: ToolCall, settings: Settings): Promise<ToolResult> {
  const { targetTabId } = await readSession();
  if (targetTabId == null) {
    return fail('I do not know which tab to work on. Click on the tab you want me to change and ask again.');
  }
  let tab = await browser.tabs.get(targetTabId).catch(() => undefined);
  if (!tab?.id) {
    return fail('The tab I was working on has been closed. Switch to the tab you want me to change and ask again.');
  }
  // A call that arrives while the tab navigates waits for the new page (bounded) instead of failing.
  if (tab.status === 'loading') tab = (await waitForLoad(tab.id)) ?? tab;
  const restricted = restrictedReason(tab.url);
  if (restricted) return fail(restricted);
  const policy = sitePolicyOf(settings, tab.url);
  if (policy === 'never') return fail(NEVER_SITE(siteOf(tab.url)));

  const message: PageToolCall = { name: call.name, args: call.arguments, policy };
  let result = await callPage(tab, message);
  if (!result.ok && result.needsConfirmation) {
    const pending = result.needsConfirmation;
    const answer = await askUser(pending);
    if (answer !== 'approved') return fail(declinedMessage(pending.action, answer === 'timeout'));
    result = await callPage(tab, { ...message, approved: pending.action });
    // The page changed between the question and the answer (another element, another risk): never act on it.
    if (!result.ok && result.needsConfirmation) {
      return fail(`The page changed while the user was deciding, so I did not do "${pending.action}". Look at the page again first.`);
    }
  }
  if (result.ok) await rememberTouched(targetTabId);
  return result;
}

/** Sends a call to the tab's content script, injecting it (and any script the tool needs) on demand. */
async function callPage(tab: Browser.tabs.Tab, message: PageToolCall): Promise<ToolResult> {
  const tabId = tab.id!;
  const needs = pageToolNamed(message.name)?.needs;
  if (needs && !(await hasReadability(tabId))) {
    const injected = await inject(tab, EXTRA_SCRIPTS[needs]);
    if (injected) return fail(injected);
  }
  try {
    return await askContentScript(tabId, message);
  } catch (error) {
    if (await leftDuringCall(tabId, tab.url, error)) return leftThePage(tabId);
    if (!isNoReceiver(error)) return fail(`The page did not answer: ${messageOf(error)}`);
  }
  const injected = await inject(tab, CONTENT_SCRIPT);
  if (injected) return fail(injected);
  try {
    return await askContentScript(tabId, message);
  } catch (error) {
    if (await leftDuringCall(tabId, tab.url, error)) return leftThePage(tabId);
    return fail(`The page did not answer: ${messageOf(error)}`);
  }
}

/**
 * The page received the call and then unloaded before answering: the action started a navigation (a link, a
 * submitted form). It is never sent again (that would repeat the action on the new page); the model is told
 * where the tab went once it has loaded.
 */
async function leftThePage(tabId: number): Promise<ToolResult> {
  const tab = await waitForLoad(tabId);
  return {
    ok: true,
    did: `Done; the page navigated, and the tab is now at ${tab?.url ?? 'an unknown address'} (${(tab?.title ?? '').slice(0, 80)}).`,
    navigated: true,
    undoable: false,
  };
}

/**
 * One call to the tab's content script, with a deadline. If the tab starts loading another document meanwhile
 * (the call clicked a link or submitted a form), an answer has a short grace period and is then given up on:
 * Chrome rejects such a call, Firefox leaves it unanswered.
 */
function askContentScript(tabId: number, message: PageToolCall): Promise<ToolResult> {
  let onUpdated: ((id: number, change: { status?: string }) => void) | undefined;
  const navigated = new Promise<never>((_, reject) => {
    onUpdated = (id, change) => {
      if (id === tabId && change.status === 'loading') setTimeout(() => reject(new Error(PAGE_LEFT)), NAVIGATION_GRACE_MS);
    };
    browser.tabs.onUpdated.addListener(onUpdated);
  });
  const answer = contentMessenger.sendMessage('content.runTool', message, tabId);
  return withTimeout(Promise.race([answer, navigated]), TOOL_TIMEOUT_MS, `the page took longer than ${TOOL_TIMEOUT_MS / 1000} seconds`).finally(
    () => onUpdated && browser.tabs.onUpdated.removeListener(onUpdated),
  );
}

/** Whether Readability is already loaded in the tab's isolated world (so its 35 KB are parsed once per page). */
async function hasReadability(tabId: number): Promise<boolean> {
  const [probe] = await browser.scripting
    .executeScript({ target: { tabId }, func: (key: string) => key in globalThis, args: [READABILITY_GLOBAL] })
    .catch(() => []);
  return probe?.result === true;
}

/** Injects one of our scripts into the tab's top frame; returns why it could not, or null. */
async function inject(tab: Browser.tabs.Tab, file: OurScript): Promise<string | null> {
  const run = () => browser.scripting.executeScript({ target: { tabId: tab.id! }, files: [file] });
  try {
    await run().catch(async (error: unknown) => {
      // The tab started loading another document under us: inject into that one once it has loaded.
      if (!/frame .*(was )?removed|No frame|document .*unloaded/i.test(messageOf(error))) throw error;
      await waitForLoad(tab.id!);
      await run();
    });
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

/**
 * Whether the call reached the page and the page then went away before answering (a click on a link, a submitted
 * form): Chrome says so ("message channel closed"), or answers nothing while the tab is already loading another
 * document. Such a call must not be sent again: that would repeat the action on the new page.
 */
async function leftDuringCall(tabId: number, urlBefore: string | undefined, error: unknown): Promise<boolean> {
  const message = messageOf(error);
  if (message === PAGE_LEFT || /message (channel|port) (is )?closed|back\/forward cache|disconnected|destroyed before/i.test(message)) return true;
  if (!/No response/i.test(message)) return false;
  const now = await browser.tabs.get(tabId).catch(() => undefined);
  return now?.status === 'loading' || now?.url !== urlBefore;
}

/** Tabs the AI acted in get their badge removed when the session ends. */
async function rememberTouched(tabId: number): Promise<void> {
  const { touchedTabIds } = await readSession();
  if (touchedTabIds.includes(tabId)) return;
  await updateSession((state) => ({ ...state, touchedTabIds: [...new Set([...state.touchedTabIds, tabId])] }));
}

/** Tells every tab the AI acted in that the session ended (their badge and highlights go). */
export async function releaseTouchedTabs(tabIds: readonly number[]): Promise<void> {
  await Promise.all(tabIds.map((tabId) => contentMessenger.sendMessage('content.sessionEnded', undefined, tabId).catch(() => undefined)));
}

function asFailure(error: unknown): ToolResult {
  return fail(messageOf(error));
}

function fail(error: string): ToolResult {
  return { ok: false, error };
}
