import type { Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { callTool, confirmationWindow, expect, startSession, test } from './fixtures';

// axe-core, in the real browser, against every page of the extension Chromium has (onboarding, options, permission, popup, side panel, confirmation, history) (Firefox's session window shows
// the same SessionPanel as the side panel), each in light and in dark (Playwright's prefers-color-scheme emulation).
// Serious and critical violations fail the test; the failure lists each with its page, scheme, rule and elements.

test.use({ extensionLaunch: { keepOnboarding: true } });

const SCHEMES = ['light', 'dark'] as const;

async function violations(page: Page, name: string): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    // The scheme is applied: the page's background is the scheme's own (components/style.css).
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(colorScheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(13, 17, 23)');
    for (const violation of await seriousViolations(page)) found.push(`${name} (${colorScheme}): ${violation}`);
  }
  return found;
}

test('every page of the extension has no serious or critical axe violations, in light and dark', async ({ extension, demo, peer }) => {
  test.setTimeout(120_000);
  const { context, extensionId } = extension;
  const page = async (file: string, size = { width: 1100, height: 760 }) => {
    const opened = await context.newPage();
    await opened.setViewportSize(size);
    await opened.goto(`chrome-extension://${extensionId}/${file}`);
    return opened;
  };
  const found: string[] = [];

  found.push(...(await violations(extension.onboarding!, 'onboarding')));
  const options = await page('options.html');
  await expect(options.getByRole('button', { name: 'Save' })).toBeVisible();
  found.push(...(await violations(options, 'options')));
  const permission = await page('permission.html');
  await expect(permission.getByRole('heading', { name: 'Allow the microphone' })).toBeVisible();
  found.push(...(await violations(permission, 'permission')));

  // The popup's size, and a narrow side panel; idle first, then in a live session with captions and tool rows.
  const popup = await page('popup.html', { width: 360, height: 560 });
  const panel = await page('sidepanel.html', { width: 320, height: 700 });
  await demo.bringToFront();
  found.push(...(await violations(popup, 'popup, idle')));
  // Keyboard: Tab reaches Start, which shows a visible focus ring.
  await popup.bringToFront();
  const focused = () => popup.evaluate(() => document.activeElement?.textContent ?? '');
  for (let presses = 0; presses < 10 && (await focused()) !== 'Start'; presses++) await popup.keyboard.press('Tab');
  expect(await focused()).toBe('Start');
  expect(await popup.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
  await demo.bringToFront();
  found.push(...(await violations(panel, 'side panel, idle')));

  const session = await startSession(panel, peer);
  // Nothing moves while the conversation streams in: the message box stays where it was, and nothing is wider than
  // the popup or the narrow panel.
  const messageBoxAt = async () => [(await popup.locator('form.message').boundingBox())?.y, (await panel.locator('form.message').boundingBox())?.y];
  const before = await messageBoxAt();
  await panel.getByLabel('Message to the AI').fill('make the background navy');
  await panel.getByRole('button', { name: 'Send' }).click();
  await expect(panel.locator('.turn-tool').last()).toContainText('set_background_color: done');
  await expect(panel.locator('.turn-assistant').last()).toContainText(/navy/i);
  await expect(popup.locator('.turn-tool')).toHaveCount(1);
  await expect(popup.locator('.usage')).toContainText('tokens');
  expect(await messageBoxAt()).toEqual(before);
  for (const narrow of [popup, panel]) expect(await narrow.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
  found.push(...(await violations(panel, 'side panel, live')));
  found.push(...(await violations(popup, 'popup, live')));

  // The safety gate's window, with a real question: submitting the demo's form asks first.
  const pending = callTool(session, 'click', { selector: '#send' }, 30_000);
  const confirm = await confirmationWindow(context);
  found.push(...(await violations(confirm, 'confirmation')));
  await confirm.getByRole('button', { name: "Don't allow" }).click();
  expect(await pending).toMatchObject({ ok: false });

  await panel.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(panel.locator('[data-status]')).toHaveAttribute('data-status', 'idle');
  // The history page, with the session just ended (its conversation and charts).
  const history = await page('history.html');
  await expect(history.locator('.past-session')).toHaveCount(1);
  found.push(...(await violations(history, 'history')));
  expect(found).toEqual([]);
});
