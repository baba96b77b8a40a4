import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';
import { expect, read, sendMessage, startSession, test } from './fixtures';

/** Globals of Firefox's browser window (the chrome scope extension.inBrowserWindows runs in). */
declare const SidebarController: {
  isOpen: boolean;
  currentID: string;
  browser?: { contentDocument?: { getElementById(id: string): { currentURI?: { spec: string } } | null } };
};
declare const Services: { prefs: { setIntPref(name: string, value: number): void } };

const SCREENSHOTS = path.resolve('test-results/screenshots');

// Firefox's own surfaces: the popup and the real sidebar (sidebar_action) each run a session; the welcome tab a
// first install opens; and an axe-core check of the session window, which only Firefox has.

test('the popup runs a whole session in Firefox: start, a typed message with its tool row and reply, stop', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  await extension.sessionWindow();
  await sendMessage(popup, 'make the background navy');
  await expect.poll(() => read.style(demo, 'body', 'background-color')).toBe('rgb(0, 0, 128)');
  await expect.poll(() => read.text(popup, '.turn-user')).toContain('make the background navy');
  await expect.poll(async () => (await read.texts(popup, '.turn-tool')).at(-1) ?? '').toContain('set_background_color: done');
  await expect.poll(async () => (await read.texts(popup, '.turn-assistant')).at(-1) ?? '').toMatch(/navy/i);
  // Firefox's look, beside Chromium's (tests/e2e/screenshots.spec.ts): kept with the run's artifacts.
  await mkdir(SCREENSHOTS, { recursive: true });
  await popup.setViewport({ width: 380, height: 600 });
  await popup.screenshot({ path: path.join(SCREENSHOTS, 'firefox-popup-live.png') });
  await popup.click('button.stop');
  await expect.poll(() => read.status(popup)).toBe('idle');
  await expect.poll(() => session.closed, { timeout: 10_000 }).toBe(true);
  await expect.poll(() => extension.pageShowing(extension.url('session.html')), { timeout: 5_000 }).toBeNull();
});

test('"Open side panel" in the popup opens Firefox’s sidebar, which runs a whole session: start, a typed message with its tool row and reply, stop', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  await popup.click('.links a');
  const sidebar = () =>
    extension
      .inBrowserWindows(() => {
        const panels = SidebarController.browser?.contentDocument?.getElementById('webext-panels-browser');
        return SidebarController.isOpen ? { id: SidebarController.currentID, url: panels?.currentURI?.spec ?? '' } : null;
      })
      .then((windows) => windows.find(Boolean) ?? null);
  await expect.poll(sidebar, { timeout: 10_000 }).toEqual({ id: expect.stringMatching(/sidebar-action$/), url: extension.url('sidepanel.html') });

  // The sidebar runs a whole session. It is no tab, so a test cannot drive it directly; another extension page (in
  // the same process) reaches its document through extension.getViews, and presses and types there as the
  // sidebar's own scripts see it. Not the popup: it closes itself once the sidebar is open.
  const reach = await extension.openPage('options.html');
  const inSidebar = <T>(act: string, text = '') =>
    reach.evaluate(
      (what, value) => {
        const getViews = browser.extension.getViews as (filter: { type: string }) => (Window & typeof globalThis)[];
        const [view] = getViews({ type: 'sidebar' });
        if (!view) return 'no sidebar view';
        const document = view.document;
        if (what === 'status') return document.querySelector('[data-status]')?.getAttribute('data-status') ?? '';
        if (what === 'texts') return JSON.stringify([...document.querySelectorAll('.turn')].map((row) => row.textContent));
        if (what === 'type') {
          const input = document.querySelector<HTMLInputElement>('input[name="message"]')!;
          input.value = value;
          input.dispatchEvent(new view.Event('input', { bubbles: true }));
          return 'typed';
        }
        const button = document.querySelector<HTMLButtonElement>(what);
        button?.click();
        return button ? 'clicked' : 'missing';
      },
      act,
      text,
    ) as Promise<T>;
  await demo.bringToFront();
  expect(await inSidebar('button.start')).toBe('clicked');
  await expect.poll(() => inSidebar('status'), { timeout: 15_000 }).toBe('live');
  const session = await peer.waitForSession({ timeoutMs: 5_000 });
  await extension.sessionWindow();
  await inSidebar('type', 'make the background navy');
  // Send is enabled once the panel has seen the text (a render later).
  await expect.poll(() => inSidebar('form.message button[type="submit"]:not([disabled])')).toBe('clicked');
  await expect.poll(() => read.style(demo, 'body', 'background-color')).toBe('rgb(0, 0, 128)');
  await expect.poll(async () => JSON.parse(await inSidebar<string>('texts')) as string[]).toEqual([
    expect.stringContaining('make the background navy'),
    expect.stringContaining('set_background_color: done'),
    expect.stringMatching(/navy/i),
  ]);
  expect(await inSidebar('button.stop')).toBe('clicked');
  await expect.poll(() => inSidebar('status')).toBe('idle');
  await expect.poll(() => session.closed, { timeout: 10_000 }).toBe(true);
});

test.describe('on a first install', () => {
  test.use({ firefoxLaunch: { microphoneAllowed: true, keepOnboarding: true } });

  test('the welcome tab opens in Firefox, and "Use the local demo peer" switches the provider to the local peer', async ({ extension }) => {
    const onboarding = extension.onboarding!;
    expect(onboarding, 'the install opened the onboarding tab').toBeTruthy();
    expect(await read.text(onboarding, 'h1')).toBe('Welcome to Voice Page Control');
    expect(await read.text(onboarding, '[data-mic] p')).toContain('Remember for all microphones');
    await onboarding.click('button.primary');
    await expect.poll(() => read.attribute(onboarding, '#provider-now', 'data-provider')).toBe('local');
    const settings = await onboarding.evaluate(async () => (await browser.storage.local.get('settings')).settings as Record<string, unknown>);
    expect(settings).toMatchObject({ provider: 'local', apiKey: 'sk-local-peer', connection: 'api_key' });
  });
});

const AXE = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in `page` and returns its serious and critical violations, one line each. */
async function axeViolations(page: Page): Promise<{ lines: string[]; passes: number }> {
  await page.evaluate(await AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[]; passes: unknown[] }> } }).axe;
    const result = await axe.run();
    return {
      passes: result.passes.length,
      lines: result.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id} [${violation.impact}] ${violation.help}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
    };
  });
}

test('the session window, in a live session, has no serious or critical axe violations, light and dark', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  await startSession(popup, peer);
  const host = await extension.sessionWindow();
  await sendMessage(host, 'make the background navy');
  await expect.poll(async () => (await read.texts(host, '.turn-assistant')).at(-1) ?? '').toMatch(/navy/i);
  const found: string[] = [];
  // Firefox's own switch for the scheme pages see (0 dark, 1 light), set as the browser's settings page does.
  for (const [scheme, override, background] of [['light', 1, 'rgb(255, 255, 255)'], ['dark', 0, 'rgb(13, 17, 23)']] as const) {
    await extension.inBrowserWindows((value) => Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', Number(value)), String(override));
    await expect.poll(() => read.style(host, 'body', 'background-color')).toBe(background);
    const { lines, passes } = await axeViolations(host);
    expect(passes).toBeGreaterThan(10);
    found.push(...lines.map((line) => `session window (${scheme}): ${line}`));
  }
  expect(found).toEqual([]);
});
