import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { expect, startSession, test } from './fixtures';

/** Clicks an export button and returns the downloaded file's name and text. */
async function exported(page: Page, button: RegExp | string) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
}

test('a finished session appears in the history with its conversation and charts; its JSON and Markdown exports hold it; delete removes it', async ({ extension, demo, peer }) => {
  const panel = await extension.context.newPage();
  await panel.goto(`chrome-extension://${extension.extensionId}/sidepanel.html`);
  await demo.bringToFront();
  const session = await startSession(panel, peer);
  for (const [index, text] of ['make the background navy', 'make the text white'].entries()) {
    await panel.getByLabel('Message to the AI').fill(text);
    await panel.getByRole('button', { name: 'Send' }).click();
    // Each request: one response that calls the tool, one that answers, and the answer's voice played out.
    await expect
      .poll(() => session.sent.filter((entry: { event: { type?: string } | null }) => entry.event?.type === 'output_audio_buffer.stopped').length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(index + 1);
  }
  await expect(panel.locator('[data-latency-ms]')).toBeVisible();
  const shownCost = Number(await panel.locator('[data-cost-usd]').getAttribute('data-cost-usd'));
  expect(shownCost).toBeGreaterThan(0);
  await panel.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(panel.locator('[data-status]')).toHaveAttribute('data-status', 'idle');

  // The side panel links to the history page.
  const [history] = await Promise.all([extension.context.waitForEvent('page'), panel.getByRole('link', { name: 'History' }).click()]);
  await expect(history).toHaveURL(/\/history\.html$/);
  const past = history.locator('article.past-session');
  await expect(past).toHaveCount(1);
  await expect(past.locator('[data-chart="latency"]')).toHaveAttribute('data-points', /^[1-9]/);
  // Two turns: a line through two dots.
  await expect(past.locator('[data-chart="latency"] svg circle')).toHaveCount(2);
  await expect(past.locator('[data-chart="latency"] svg path.chart-line')).toHaveAttribute('d', /^M[\d.]+,[\d.]+ L[\d.]+,[\d.]+$/);
  await expect(past.locator('[data-chart="cost"]')).toHaveAttribute('data-points', /^[1-9]/);
  await expect(past.getByRole('img', { name: /^Cost over time: \$/ })).toBeVisible();
  await past.getByText('Conversation').click();
  await expect(past.locator('.turn-user').first()).toContainText('make the background navy');
  await expect(past.locator('.turn-tool').first()).toContainText('set_background_color: done');

  expect(await seriousViolations(history)).toEqual([]);

  const json = await exported(history, 'Export JSON');
  expect(json.name).toMatch(/^voice-session-.*\.json$/);
  const saved = JSON.parse(json.text) as {
    transcript: Array<{ role: string; text: string; ms?: number }>;
    costUsd: number;
    latenciesMs: number[];
    costOverTime: Array<{ at: number; usd: number }>;
  };
  expect(saved.transcript.map((row) => row.role)).toEqual(['user', 'tool', 'assistant', 'user', 'tool', 'assistant']);
  expect(saved.transcript[0]!.text).toBe('make the background navy');
  expect(saved.transcript[1]!.ms).toBeGreaterThanOrEqual(0);
  expect(saved.costUsd).toBeCloseTo(shownCost, 10);
  expect(saved.costOverTime.at(-1)!.usd).toBeCloseTo(saved.costUsd, 10);
  expect(saved.latenciesMs.length).toBe(2);

  const markdown = await exported(history, 'Export Markdown');
  expect(markdown.name).toMatch(/\.md$/);
  expect(markdown.text).toContain('- **You:** make the background navy');
  expect(markdown.text).toMatch(/- \*set_background_color: done\* \(\d+ ms\)/);
  expect(markdown.text).toMatch(/- Answer latency: \d+ ms on average over 2 turn\(s\)/);

  await past.getByRole('button', { name: 'Delete' }).click();
  await expect(past).toHaveCount(0);
  await expect(history.getByText('No sessions yet.')).toBeVisible();
  expect(await extension.worker.evaluate(async () => (await chrome.storage.local.get('history')).history)).toEqual([]);
});
