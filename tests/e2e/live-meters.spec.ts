import type { Page, Worker } from '@playwright/test';
import { expect, startSession, test } from './fixtures';

/** A message the peer does not understand: it answers "I heard you say: …" word by word, a few seconds of voice. */
const LONG_MESSAGE = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');

/** The host's stats, asked from the worker (no UI involved, so no UI's port is opened by asking). */
const hostStats = (worker: Worker) =>
  worker.evaluate(() =>
    chrome.runtime
      .sendMessage({ id: 1, type: 'host.stats', data: undefined, timestamp: Date.now() })
      .then((reply: { res?: { levelsSent?: number; levelSubscribers?: number; receivedBytes: number } | null }) => reply?.res ?? null),
  );

/**
 * Records, in the page, the highest raw level each meter has shown since the last reset (a MutationObserver on
 * data-level: every change is seen, not just the ones a poll happens to catch).
 */
async function watchMeters(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { peaks: Record<string, number>; recordPeaks(): void };
    w.peaks = { mic: 0, ai: 0 };
    w.recordPeaks = () => {
      for (const meter of document.querySelectorAll<HTMLElement>('[data-meter]')) {
        const id = meter.dataset.meter!;
        w.peaks[id] = Math.max(w.peaks[id] ?? 0, Number(meter.dataset.level ?? 0));
      }
    };
    new MutationObserver(w.recordPeaks).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-level'] });
  });
  type Watched = { peaks: { mic: number; ai: number }; recordPeaks(): void };
  return {
    peaks: () => page.evaluate(() => ({ ...(window as unknown as Watched).peaks })),
    // From the levels shown now: a steady tone repeats the same value, which changes no attribute.
    reset: () =>
      page.evaluate(() => {
        const w = window as unknown as Watched;
        w.peaks = { mic: 0, ai: 0 };
        w.recordPeaks();
      }),
  };
}

test('the meters move with the microphone and the AI’s voice, the mic meter stays at zero while muted, and no levels flow with no UI open', async ({ extension, demo, peer }) => {
  const panel = await extension.context.newPage();
  await panel.goto(`chrome-extension://${extension.extensionId}/sidepanel.html`);
  await demo.bringToFront();
  const meters = await watchMeters(panel);
  const session = await startSession(panel, peer);

  const mic = panel.getByRole('meter', { name: 'Microphone' });
  const ai = panel.getByRole('meter', { name: 'AI voice' });
  await expect(mic).toHaveAttribute('aria-valuemin', '0');
  await expect(ai).toHaveAttribute('aria-valuemax', '100');

  // Chromium's fake microphone beeps: the mic meter moves.
  await expect.poll(async () => (await meters.peaks()).mic, { timeout: 10_000 }).toBeGreaterThan(0.2);

  // The peer speaks (a tone while it "says" its answer): the AI meter moves.
  await panel.getByLabel('Message to the AI').fill(LONG_MESSAGE);
  await panel.getByRole('button', { name: 'Send' }).click();
  await expect.poll(async () => (await meters.peaks()).ai, { timeout: 10_000 }).toBeGreaterThan(0.2);

  // Muted: the host measures the disabled track as silence; the AI meter keeps moving.
  await panel.getByRole('button', { name: 'Mute' }).click();
  await expect(panel.getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.locator('[data-meter="mic"]')).toHaveAttribute('data-level', '0');
  await meters.reset();
  const stopped = session.sent.length;
  await panel.getByLabel('Message to the AI').fill(`${LONG_MESSAGE} again`);
  await panel.getByRole('button', { name: 'Send' }).click();
  await expect.poll(async () => (await meters.peaks()).ai, { timeout: 10_000 }).toBeGreaterThan(0.2);
  // Until that answer's voice has played out, the microphone meter never rose.
  await expect
    .poll(() => session.sent.slice(stopped).some((entry: { event: { type?: string } | null }) => entry.event?.type === 'output_audio_buffer.stopped'), { timeout: 20_000 })
    .toBe(true);
  expect((await meters.peaks()).mic).toBe(0);
  await expect(mic).toHaveAttribute('aria-valuenow', '0');
  await expect(mic).toHaveAttribute('aria-valuetext', 'muted');
  await panel.getByRole('button', { name: 'Unmute' }).click();
  await expect(panel.getByRole('button', { name: 'Mute' })).toHaveAttribute('aria-pressed', 'false');

  // With the panel open the host sends levels to one subscriber; once it is closed, nothing is sent.
  const open = await hostStats(extension.worker);
  expect(open?.levelSubscribers).toBe(1);
  expect(open?.levelsSent).toBeGreaterThan(0);
  await panel.close();
  await expect.poll(async () => (await hostStats(extension.worker))?.levelSubscribers, { timeout: 5_000 }).toBe(0);
  const closed = (await hostStats(extension.worker))!;
  // Audio keeps flowing both ways (the user speaks, the AI acts and answers aloud), and no level is sent.
  const since = session.sent.length;
  await session.userSays('make the background navy');
  await expect(demo.locator('body')).toHaveCSS('background-color', 'rgb(0, 0, 128)');
  await expect
    .poll(() => session.sent.slice(since).some((entry: { event: { type?: string } | null }) => entry.event?.type === 'output_audio_buffer.stopped'), { timeout: 20_000 })
    .toBe(true);
  const after = (await hostStats(extension.worker))!;
  expect(after.receivedBytes).toBeGreaterThan(closed.receivedBytes);
  expect(after.levelsSent).toBe(closed.levelsSent);
  expect(after.levelSubscribers).toBe(0);
});
