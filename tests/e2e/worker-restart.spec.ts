import { expect, startSession, test } from './fixtures';

test('a restarted background worker loses nothing: the live session keeps its target tab and tool calls still work', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  expect(JSON.parse((await session.callTool('set_background_color', { color: 'navy' })).output).ok).toBe(true);

  // Chrome stops idle extension workers at will; do it now, the way the browser would.
  const cdp = await extension.context.newCDPSession(popup);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find((target) => target.type === 'service_worker' && target.url.includes(extension.extensionId));
  expect(worker, 'the extension has a running service worker').toBeTruthy();
  await cdp.send('Target.closeTarget', { targetId: worker!.targetId });
  await expect
    .poll(async () => (await cdp.send('Target.getTargets')).targetInfos.some((target) => target.targetId === worker!.targetId), {
      timeout: 5_000,
    })
    .toBe(false);

  // The next tool call wakes a fresh worker, which finds the session and its tab in storage.session.
  const after = JSON.parse((await session.callTool('set_font_color', { color: 'white' })).output);
  expect(after).toMatchObject({ ok: true });
  await expect(demo.locator('#intro')).toHaveCSS('color', 'rgb(255, 255, 255)');
  await expect(popup.locator('[data-status]')).toHaveAttribute('data-status', 'live');
  // …and the transcript written before the restart is still there.
  await expect(popup.locator('.turn-tool')).toHaveCount(2);
});
