import { expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { launchFirefoxWithExtension, type FirefoxExtension } from '../../demo/firefox.mjs';
import { test as base, type Peer } from '../local-services';

// Firefox ESR, headless, driven by puppeteer-core over WebDriver BiDi, with the built extension installed as a
// temporary add-on (tests/demo/firefox.mjs). The Playwright runner runs these tests; puppeteer drives the browser.

type PeerSession = Awaited<ReturnType<Peer['waitForSession']>>;
export type AudioStats = { sentBytes: number; receivedBytes: number; playing: boolean };

export interface FirefoxLaunch {
  /**
   * Store "Allow" for the microphone before the test, as the user's earlier "Allow" with "Remember for all
   * microphones" did. Off: the extension meets Firefox's permission model from scratch.
   */
  microphoneAllowed?: boolean;
  /** Firefox suspends an idle MV3 event page after this long (default 30 s). */
  idleTimeoutSeconds?: number;
  /** Keep the welcome tab the install opens (`extension.onboarding`); by default the launch closes it. */
  keepOnboarding?: boolean;
}

export interface Extension extends FirefoxExtension {
  /** Opens the popup as a tab (then brings `front` back to the front so it stays the target tab). */
  openPopup(front: Page): Promise<Page>;
  /** The window the worker opens to hold the session. */
  sessionWindow(options?: { timeoutMs?: number }): Promise<Page>;
  /** The host protocol's read-only audio stats, asked the way the popup could ask them. */
  hostStats(from: Page): Promise<AudioStats | null>;
}

interface Fixtures {
  firefoxLaunch: FirefoxLaunch;
  extension: Extension;
  /** The demo page, in the tab the session will act on. */
  demo: Page;
}

export const test = base.extend<Fixtures>({
  firefoxLaunch: [{ microphoneAllowed: true }, { option: true }],
  extension: async ({ peer, firefoxLaunch }, use) => {
    const firefox = await launchFirefoxWithExtension({ idleTimeoutSeconds: firefoxLaunch.idleTimeoutSeconds, keepOnboarding: firefoxLaunch.keepOnboarding });
    try {
      await firefox.configure({ apiKey: peer.apiKey, mintUrl: peer.mintUrl, callsUrl: peer.callsUrl });
      if (firefoxLaunch.microphoneAllowed) await firefox.grantMicrophone();
      const extension = Object.assign(firefox, {
        async openPopup(front: Page) {
          const popup = await firefox.openPage('popup.html');
          await front.bringToFront();
          return popup;
        },
        sessionWindow: (options?: { timeoutMs?: number }) => firefox.findPage('session.html', options),
        // Firefox resolves with nothing (Chrome rejects) when no page answers: both mean "no host".
        hostStats: (from: Page) =>
          from
            .evaluate(() =>
              browser.runtime
                .sendMessage({ id: 1, type: 'host.stats', data: undefined, timestamp: Date.now() })
                .then((reply?: { res?: AudioStats | null }) => reply ?? null),
            )
            .then((reply) => {
              if (!reply) throw new Error('No session host answered.');
              return reply.res ?? null;
            }),
      });
      await use(extension);
    } finally {
      await firefox.close();
    }
  },
  demo: async ({ extension, site }, use) => {
    const [page] = await extension.browser.pages();
    await page!.goto(`${site.url}/demo`);
    await use(page!);
  },
});

/** What a page shows, read fresh on every call (for expect.poll: puppeteer has no auto-waiting assertions). */
export const read = {
  status: (page: Page) => read.attribute(page, '[data-status]', 'data-status'),
  attribute: (page: Page, selector: string, name: string) =>
    page.$eval(selector, (element, attribute) => element.getAttribute(attribute), name).catch(() => null),
  text: (page: Page, selector: string) => page.$eval(selector, (element) => element.textContent ?? '').catch(() => ''),
  texts: (page: Page, selector: string) => page.$$eval(selector, (elements) => elements.map((element) => element.textContent ?? '')),
  style: (page: Page, selector: string, property: string) =>
    page.$eval(selector, (element, name) => getComputedStyle(element).getPropertyValue(name), property),
  box: (page: Page, selector: string) =>
    page.$eval(selector, (element) => {
      const { width, height } = element.getBoundingClientRect();
      return { width, height };
    }),
};

/** Presses Start in `page` (the popup) and waits until the session is live there and at the peer. */
export async function startSession(page: Page, peer: Peer): Promise<PeerSession> {
  await page.click('button.start');
  await expect.poll(() => read.status(page), { timeout: 15_000 }).toBe('live');
  return peer.waitForSession({ timeoutMs: 5_000 });
}

/** Types a message into the session panel of `page` and sends it, as a user does. */
export async function sendMessage(page: Page, text: string): Promise<void> {
  await page.type('input[name="message"]', text);
  await page.click('form.message button[type="submit"]');
}

/**
 * Records every message the background page sends from now on (runtime.sendMessage: the session window and our
 * pages; tabs.sendMessage: content scripts), patched in the background page itself from an extension tab that stays
 * open (Firefox's MV3 background is an event page, reachable with runtime.getBackgroundPage). Returns a check that
 * `secret` is in none of them and not in the session state, after making sure host.start was recorded at all.
 */
export async function watchBackgroundMessages(extension: Extension) {
  const watcher = await extension.openPage('options.html');
  await watcher.evaluate(async () => {
    const background = (await browser.runtime.getBackgroundPage()) as unknown as { browser: typeof browser } | null;
    if (!background) throw new Error('No background page to watch.');
    const sent: string[] = ((window as unknown as { sentMessages: string[] }).sentMessages = []);
    const patch = (api: Record<string, unknown>) => {
      const original = api.sendMessage as (...args: unknown[]) => unknown;
      api.sendMessage = function (this: unknown, ...args: unknown[]) {
        sent.push(JSON.stringify(args.filter((arg) => typeof arg !== 'function')));
        return original.apply(this, args);
      };
    };
    patch(background.browser.runtime as unknown as Record<string, unknown>);
    patch(background.browser.tabs as unknown as Record<string, unknown>);
  });
  return async function expectSecretNowhere(secret: string) {
    const messages = await watcher.evaluate(() => (window as unknown as { sentMessages: string[] }).sentMessages);
    expect(messages.some((message) => message.includes('host.start')), 'the host.start message was recorded').toBe(true);
    for (const message of messages) expect(message).not.toContain(secret);
    expect(await watcher.evaluate(async () => JSON.stringify(await browser.storage.session.get(null)))).not.toContain(secret);
  };
}

/** Changes the extension's settings from one of its pages, as the options page's Save does. */
export async function updateSettings(extension: Extension, patch: Record<string, unknown>): Promise<void> {
  const options = await extension.openPage('options.html');
  await options.evaluate(async (change) => {
    const { settings } = await browser.storage.local.get('settings');
    await browser.storage.local.set({ settings: { ...(settings as object), ...change } });
  }, patch);
  await options.close();
}

export { expect };
