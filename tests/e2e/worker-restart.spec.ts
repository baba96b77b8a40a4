import type { CDPSession } from '@playwright/test';
import { expect, startSession, test } from './fixtures';

type Version = { versionId: string; scriptURL: string; runningStatus: string };

/** The extension worker's running status, as Chrome's ServiceWorker domain reports it. */
async function watchWorker(cdp: CDPSession, extensionId: string) {
  const statuses: string[] = [];
  let versionId = '';
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }: { versions: Version[] }) => {
    for (const version of versions.filter((v) => v.scriptURL.includes(extensionId))) {
      versionId = version.versionId;
      if (statuses.at(-1) !== version.runningStatus) statuses.push(version.runningStatus);
    }
  });
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => statuses.at(-1), { timeout: 5_000 }).toBe('running');
  return { statuses, versionId: () => versionId };
}

test('a restarted background worker loses nothing: the live session keeps its target tab and tool calls still work', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  expect(JSON.parse((await session.callTool('set_background_color', { color: 'navy' })).output).ok).toBe(true);

  // Chrome stops idle extension workers at will (after 30 s); stop it now, the same way.
  const cdp = await extension.context.newCDPSession(demo);
  const worker = await watchWorker(cdp, extension.extensionId);
  await cdp.send('ServiceWorker.stopWorker', { versionId: worker.versionId() });
  // Stopped at some point: a message from the session host may wake it again before a poll looks (seen once).
  await expect.poll(() => worker.statuses, { timeout: 5_000 }).toContain('stopped');

  // The next tool call wakes a fresh worker, which finds the session and its tab in storage.session.
  const after = JSON.parse((await session.callTool('set_font_color', { color: 'white' })).output);
  expect(after).toMatchObject({ ok: true });
  expect(worker.statuses).toContain('stopped');
  expect(worker.statuses.at(-1)).toBe('running');
  await expect(demo.locator('#intro')).toHaveCSS('color', 'rgb(255, 255, 255)');
  await expect(popup.locator('[data-status]')).toHaveAttribute('data-status', 'live');
  // …and the transcript written before the restart is still there.
  await expect(popup.locator('.turn-tool')).toHaveCount(2);
});
