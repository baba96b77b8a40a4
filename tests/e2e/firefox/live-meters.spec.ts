import { expect, read, sendMessage, startSession, test } from './fixtures';

/** A message the peer does not understand: it answers "I heard you say: …" word by word, a few seconds of voice. */
const LONG_MESSAGE = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');

test('the sidebar’s meters move with the microphone and the AI’s voice in Firefox (levels from the session window)', async ({ extension, demo, peer }) => {
  const sidebar = await extension.openPage('sidepanel.html');
  await demo.bringToFront();
  await startSession(sidebar, peer);
  await extension.sessionWindow();
  // The highest level each meter showed, recorded in the page on every change.
  await sidebar.evaluate(() => {
    const w = window as unknown as { peaks: Record<string, number> };
    w.peaks = { mic: 0, ai: 0 };
    new MutationObserver(() => {
      for (const meter of document.querySelectorAll<HTMLElement>('[data-meter]')) {
        w.peaks[meter.dataset.meter!] = Math.max(w.peaks[meter.dataset.meter!] ?? 0, Number(meter.dataset.level ?? 0));
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-level'] });
  });
  const peaks = () => sidebar.evaluate(() => ({ ...(window as unknown as { peaks: { mic: number; ai: number } }).peaks }));
  await expect.poll(async () => (await peaks()).mic, { timeout: 10_000 }).toBeGreaterThan(0.2);
  await sendMessage(sidebar, LONG_MESSAGE);
  await expect.poll(async () => (await peaks()).ai, { timeout: 10_000 }).toBeGreaterThan(0.2);
  await sidebar.click('button.stop');
  await expect.poll(() => read.status(sidebar)).toBe('idle');
});
