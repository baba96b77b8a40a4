import { browser } from 'wxt/browser';
import { hostMessenger } from '@/utils/messaging';

/**
 * Where the Realtime session lives. The worker only needs to open and close it; everything else goes
 * through the host protocol (utils/messaging.ts), so the worker and the UIs do not care which one it is.
 */
export interface SessionHostLauncher {
  open(): Promise<void>;
  close(): Promise<void>;
  /** Loads the host ahead of a Start where that is invisible to the user (Chrome); otherwise does nothing. */
  prepare(): Promise<void>;
}

/**
 * Each browser's host page is built for that browser only, and WXT types page paths after the last build,
 * so these two are plain strings resolved here rather than typed paths.
 */
const OFFSCREEN_PATH = 'offscreen.html';
const SESSION_PATH = 'session.html';
const pageUrl = (path: string): string => browser.runtime.getURL('/') + path;
let creating: Promise<void> | null = null;

/** Chrome: one offscreen document, created at most once even when two starts race. */
export const chromeOffscreenHost: SessionHostLauncher = {
  prepare: () => chromeOffscreenHost.open(),
  async open() {
    if (await offscreenExists()) return;
    creating ??= browser.offscreen
      .createDocument({
        url: pageUrl(OFFSCREEN_PATH),
        reasons: [browser.offscreen.Reason.USER_MEDIA, browser.offscreen.Reason.WEB_RTC, browser.offscreen.Reason.AUDIO_PLAYBACK],
        justification: 'Holds the voice session: microphone, WebRTC connection to the AI, and playback of its voice.',
      })
      .finally(() => (creating = null));
    await creating;
  },
  async close() {
    await creating?.catch(() => undefined);
    if (await offscreenExists()) await browser.offscreen.closeDocument();
  },
};

async function offscreenExists(): Promise<boolean> {
  const contexts = await browser.runtime.getContexts({
    contextTypes: [browser.runtime.ContextType.OFFSCREEN_DOCUMENT],
    documentUrls: [pageUrl(OFFSCREEN_PATH)],
  });
  return contexts.length > 0;
}

/** Big enough for the status, a few transcript lines and the message box (components/SessionPanel.tsx). */
const SESSION_WINDOW = { width: 400, height: 560 };
/**
 * The first time, the window asks Firefox's microphone question and serves only once the user has answered it, so
 * the wait is long; it ends at once if the user closes the window.
 */
const READY_TIMEOUT_MS = 120_000;
let opening: Promise<number> | null = null;
/** Windows created but maybe not yet showing their address (so not found by it): close() must find them too. */
const loading = new Set<number>();

/**
 * Firefox: no offscreen documents, and getUserMedia in the background page is refused, so the session lives
 * in a small extension window (entrypoints/session/) that the user sees: it shows the status and transcript,
 * asks for the microphone itself, and closing it ends the session. One window at most, reused if open.
 */
export const firefoxWindowHost: SessionHostLauncher = {
  // A window that pops up when a panel opens would be in the way: Firefox's host opens at Start only.
  prepare: async () => undefined,
  async open() {
    const [existing] = await sessionWindowIds();
    if (existing != null) return untilServing(existing);
    opening ??= createSessionWindow().finally(() => (opening = null));
    const created = await opening;
    loading.add(created);
    await untilServing(created).finally(() => loading.delete(created));
  },
  async close() {
    await opening?.catch(() => undefined);
    const windows = new Set([...loading, ...(await sessionWindowIds())]);
    await Promise.all([...windows].map((id) => browser.windows.remove(id).catch(() => undefined)));
  },
};

async function createSessionWindow(): Promise<number> {
  const created = await browser.windows.create({ type: 'popup', url: pageUrl(SESSION_PATH), ...SESSION_WINDOW });
  return created?.id ?? browser.windows.WINDOW_ID_NONE;
}

/** Windows showing the session page (found by address: the worker keeps nothing in memory). */
async function sessionWindowIds(): Promise<number[]> {
  const url = pageUrl(SESSION_PATH);
  const tabs = await browser.tabs.query({ windowType: 'popup' });
  return [...new Set(tabs.flatMap((tab) => (tab.url?.split(/[?#]/)[0] === url && tab.windowId != null ? [tab.windowId] : [])))];
}

/**
 * The window exists once created; its page serves the host protocol once its script ran (and the microphone
 * question, if any, is answered). Polling also keeps Firefox from suspending the event page meanwhile.
 */
async function untilServing(windowId: number): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (let pause = 10; ; pause = Math.min(pause * 2, 250)) {
    const serving = await hostMessenger.sendMessage('host.stats', undefined).then(
      () => true,
      () => false,
    );
    if (serving) return;
    if (!(await browser.windows.get(windowId).catch(() => null))) throw new Error('the session window was closed before the session started.');
    if (Date.now() > deadline) throw new Error(`the session window was not ready after ${READY_TIMEOUT_MS / 1000} s.`);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/** Selected at build time: each browser's bundle carries only its own host. */
export const sessionHost: SessionHostLauncher = import.meta.env.FIREFOX ? firefoxWindowHost : chromeOffscreenHost;
