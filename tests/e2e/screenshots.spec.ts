import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, startSession, test } from './fixtures';

// Screenshots of the extension's surfaces, light and dark, in headless Chromium: the side panel and the popup in a
// live session (a spoken and a typed request, with captions, tool rows and the cost line), the options page and
// the onboarding page. Every run writes them to test-results/screenshots/ (and attaches them to the report);
// `UPDATE_SCREENSHOTS=1 npx playwright test tests/e2e/screenshots.spec.ts` also copies the README's few into
// tests/screenshots/.

test.use({ extensionLaunch: { keepOnboarding: true } });

const OUT = path.resolve('test-results/screenshots');
const README_SET = path.resolve('tests/screenshots');
const FOR_README = new Set(['side-panel-live-light', 'side-panel-live-dark', 'popup-live-light', 'options-light', 'onboarding-dark']);

test('screenshots of the side panel and popup in a live session, the options and the onboarding page, light and dark', async ({ extension, demo, peer }, testInfo) => {
  test.setTimeout(120_000);
  const { context, extensionId } = extension;
  await mkdir(OUT, { recursive: true });
  const open = async (file: string, size: { width: number; height: number }) => {
    const page = await context.newPage();
    await page.setViewportSize(size);
    await page.goto(`chrome-extension://${extensionId}/${file}`);
    return page;
  };
  const shoot = async (name: string, page: Page, target: Page | Locator = page, fullPage = false) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(colorScheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(13, 17, 23)');
      const file = path.join(OUT, `${name}-${colorScheme}.png`);
      await (target === page ? page.screenshot({ path: file, fullPage, animations: 'disabled' }) : (target as Locator).screenshot({ path: file, animations: 'disabled' }));
      await testInfo.attach(`${name}-${colorScheme}`, { path: file, contentType: 'image/png' });
      if (process.env.UPDATE_SCREENSHOTS && FOR_README.has(`${name}-${colorScheme}`)) {
        await copyFile(file, path.join(README_SET, `${name}-${colorScheme}.png`));
      }
    }
  };

  const onboarding = extension.onboarding!;
  await onboarding.setViewportSize({ width: 900, height: 760 });
  await expect(onboarding.getByRole('heading', { level: 1 })).toBeVisible();
  await shoot('onboarding', onboarding, onboarding, true);

  const options = await open('options.html', { width: 900, height: 760 });
  await expect(options.getByRole('button', { name: 'Save' })).toBeVisible();
  await shoot('options', options, options, true);

  // A live session: a spoken request (the peer plays the service's VAD and transcription) and a typed one.
  const panel = await open('sidepanel.html', { width: 380, height: 760 });
  const popup = await open('popup.html', { width: 380, height: 600 });
  await demo.bringToFront();
  const session = await startSession(panel, peer);
  await session.userSays('make the background light blue');
  await expect(panel.locator('.turn-tool')).toHaveCount(1);
  await expect(panel.locator('.turn-assistant[data-state="final"]')).toHaveCount(1);
  await panel.getByLabel('Message to the AI').fill('make the buttons twice as big and green');
  await panel.getByRole('button', { name: 'Send' }).click();
  await expect(panel.locator('.turn-tool')).toHaveCount(2);
  await expect(panel.locator('.turn-assistant[data-state="final"]')).toHaveCount(2);
  await expect(panel.locator('.turn-user')).toHaveCount(2);
  await expect(panel.locator('.usage')).toContainText('tokens');
  await expect(demo.locator('body')).toHaveCSS('background-color', 'rgb(173, 216, 230)');
  await expect(popup.locator('.turn-tool')).toHaveCount(2);

  await shoot('side-panel-live', panel);
  await shoot('popup-live', popup, popup.locator('#app'));

  await panel.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(panel.locator('[data-status]')).toHaveAttribute('data-status', 'idle');
});
