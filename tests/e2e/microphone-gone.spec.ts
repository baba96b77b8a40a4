import { watchContextErrors } from './errors';
import { callTool, expect, startSession, test } from './fixtures';

const MICROPHONE_GONE = 'The microphone stopped (unplugged, or taken by another program). You can keep typing; to talk again, press Stop, then Start.';

test('the microphone gone mid-session: the popup says so in its own sentence, typing and tools carry on, Stop then Start brings it back', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  await expect.poll(async () => (await session.rtpStats()).packetsReceived, { timeout: 10_000 }).toBeGreaterThan(10);
  const watch = await watchContextErrors(extension.context, { popup, tab: demo }, extension.extensionId);
  await watch.canary();

  // Unplugging ends the track the way the browser does it: readyState "ended", then an `ended` event (stop() alone
  // fires none). The microphone is the track on the session host's peer connection, found from the heap over CDP.
  const { result: prototype } = (await watch.send('offscreen', 'Runtime.evaluate', { expression: 'RTCPeerConnection.prototype' })) as { result: { objectId: string } };
  const { objects } = (await watch.send('offscreen', 'Runtime.queryObjects', { prototypeObjectId: prototype.objectId })) as { objects: { objectId: string } };
  const { result: ended } = (await watch.send('offscreen', 'Runtime.callFunctionOn', {
    objectId: objects.objectId,
    returnByValue: true,
    functionDeclaration: `function () {
      const tracks = this.flatMap((pc) => pc.getSenders().map((sender) => sender.track)).filter((track) => track && track.kind === 'audio' && track.readyState === 'live');
      for (const track of tracks) { track.stop(); track.dispatchEvent(new Event('ended')); }
      return tracks.length;
    }`,
  })) as { result: { value: number } };
  expect(ended.value, 'microphone tracks ended').toBe(1);

  // Its own row, with exactly that sentence (the popup labels error rows "Error: ").
  await expect(popup.locator('.turn-error')).toHaveText(`Error: ${MICROPHONE_GONE}`);
  await expect(popup.locator('[data-status]')).toHaveAttribute('data-status', 'live');

  // The session carries on without the microphone: a typed message is answered, a tool call changes the page.
  await popup.getByLabel('Message to the AI').fill('make the background navy');
  await popup.getByRole('button', { name: 'Send' }).click();
  await expect(demo.locator('body')).toHaveCSS('background-color', 'rgb(0, 0, 128)');
  await expect(popup.locator('.turn-assistant').last()).toContainText(/navy/i);
  expect((await callTool(session, 'set_font_color', { color: 'white' })).ok).toBe(true);
  await expect(demo.locator('#intro')).toHaveCSS('color', 'rgb(255, 255, 255)');

  // As the sentence says: Stop, then Start, and the (new) microphone reaches the peer again.
  await popup.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(popup.locator('[data-status]')).toHaveAttribute('data-status', 'idle');
  await expect.poll(() => session.closed, { timeout: 10_000 }).toBe(true);
  await popup.getByRole('button', { name: 'Start' }).click();
  await expect(popup.locator('[data-status]')).toHaveAttribute('data-status', 'live', { timeout: 15_000 });
  // Live in the popup means the new session's data channel is open at the peer already.
  const again = peer.lastSession()!;
  expect(again).not.toBe(session);
  await expect.poll(async () => (await again.rtpStats()).packetsReceived, { timeout: 10_000 }).toBeGreaterThan(10);
  await expect.poll(() => again.audio.input.loudFrames, { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(popup.locator('.turn-error')).toHaveCount(0);

  expect(watch.errors).toEqual([]);
});
