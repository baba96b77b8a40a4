import { browser } from 'wxt/browser';

/**
 * Where the Realtime session lives. The worker only needs to open and close it; everything else goes
 * through the host protocol (utils/messaging.ts), so the worker and the UIs do not care which one it is.
 */
export interface SessionHostLauncher {
  open(): Promise<void>;
  close(): Promise<void>;
}

const OFFSCREEN_PATH = '/offscreen.html';
let creating: Promise<void> | null = null;

/** Chrome: one offscreen document, created at most once even when two starts race. */
export const chromeOffscreenHost: SessionHostLauncher = {
  async open() {
    if (await offscreenExists()) return;
    creating ??= browser.offscreen
      .createDocument({
        url: OFFSCREEN_PATH,
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
    documentUrls: [browser.runtime.getURL(OFFSCREEN_PATH)],
  });
  return contexts.length > 0;
}

export const sessionHost: SessionHostLauncher = chromeOffscreenHost;
