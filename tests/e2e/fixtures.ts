import { expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { configureExtension, launchWithExtension } from '../demo/chromium.mjs';
import { test as base, type Peer } from './local-services';

type LaunchOptions = Parameters<typeof launchWithExtension>[0];

export interface Extension {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** The welcome tab the install opened, when the launch kept it (`extensionLaunch: { keepOnboarding: true }`). */
  onboarding?: Page;
  /** Opens the popup as a tab (then brings `front` back to the front so it stays the target tab). */
  openPopup(front: Page): Promise<Page>;
  /** The host protocol's read-only audio stats, asked the way the popup could ask them. */
  hostStats(from: Page): Promise<{ sentBytes: number; receivedBytes: number; playing: boolean } | null>;
}

interface Fixtures {
  extensionLaunch: LaunchOptions;
  extension: Extension;
  /** The demo page, in the tab the session will act on. */
  demo: Page;
}

export const test = base.extend<Fixtures>({
  extensionLaunch: [{}, { option: true }],
  extension: async ({ peer, extensionLaunch }, use) => {
    const { context, extensionId, worker, onboarding } = await launchWithExtension(extensionLaunch);
    await configureExtension(worker, { apiKey: peer.apiKey, mintUrl: peer.mintUrl, callsUrl: peer.callsUrl });
    const extension: Extension = {
      context,
      extensionId,
      worker,
      onboarding,
      async openPopup(front) {
        const popup = await context.newPage();
        await popup.goto(`chrome-extension://${extensionId}/popup.html`);
        await front.bringToFront();
        return popup;
      },
      hostStats: (from) =>
        from.evaluate(() =>
          chrome.runtime
            .sendMessage({ id: 1, type: 'host.stats', data: undefined, timestamp: Date.now() })
            .then((reply: { res?: unknown }) => reply?.res as { sentBytes: number; receivedBytes: number; playing: boolean } | null),
        ),
    };
    await use(extension);
    await context.close();
  },
  demo: async ({ extension, site }, use) => {
    const page = extension.context.pages()[0] ?? (await extension.context.newPage());
    await page.goto(`${site.url}/demo`);
    await use(page);
  },
});

/** Presses Start in the popup and waits until the session is live at the peer and in the popup. */
export async function startSession(popup: Page, peer: Peer) {
  await popup.getByRole('button', { name: 'Start' }).click();
  await expect(popup.locator('[data-status]')).toHaveAttribute('data-status', 'live', { timeout: 15_000 });
  return peer.waitForSession({ timeoutMs: 5_000 });
}

type PeerSession = Awaited<ReturnType<typeof startSession>>;

/** Has the peer call a tool as the model would, and returns the parsed output the extension answered with. */
export async function callTool(session: PeerSession, name: string, args: Record<string, unknown> = {}, timeoutMs = 15_000) {
  const call = await session.callTool(name, args, { timeoutMs });
  return JSON.parse(call.output) as { ok: boolean; error?: string } & Record<string, unknown>;
}

/** Changes the extension's settings from the worker, as the options page would. */
export async function updateSettings(worker: Worker, patch: Record<string, unknown>): Promise<void> {
  await worker.evaluate(async (change) => {
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...(settings as object), ...change } });
  }, patch);
}

/** Confirmation windows already handed to a test: each question opens its own, and an answered one may linger a moment. */
const handedOut = new WeakSet<Page>();

/** The safety gate's question open now in a window no test has taken yet, if there is one; taking it marks it. */
export async function takeOpenQuestion(context: BrowserContext): Promise<Page | undefined> {
  for (const candidate of context.pages()) {
    if (handedOut.has(candidate) || candidate.isClosed() || !candidate.url().includes('/confirm.html')) continue;
    if (!(await candidate.getByRole('alertdialog').isVisible().catch(() => false))) continue;
    handedOut.add(candidate);
    return candidate;
  }
  return undefined;
}

/** The safety gate's confirmation window, once it opens (it is an extension popup window, not part of any page). */
export async function confirmationWindow(context: BrowserContext, timeoutMs = 10_000): Promise<Page> {
  let found: Page | undefined;
  await expect.poll(async () => Boolean((found = await takeOpenQuestion(context))), { timeout: timeoutMs }).toBe(true);
  return found!;
}

export { expect };
