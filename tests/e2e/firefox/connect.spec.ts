import { forward, startRecordingServer } from '../recording-server';
import { expect, read, startSession, test } from './fixtures';

test('Firefox: your own SDP relay gets the offer with no key, answers it, and the session works', async ({ extension, demo, peer }) => {
  const relay = await startRecordingServer(async (request) => {
    const form = new FormData();
    form.set('sdp', request.body);
    form.set('session', JSON.stringify({ type: 'realtime', model: 'gpt-realtime-2.1-mini' }));
    const answer = await forward(peer.callsUrl, { method: 'POST', headers: { Authorization: `Bearer ${peer.apiKey}` }, body: form });
    return { ...answer, headers: { 'Content-Type': 'application/sdp' } };
  });
  try {
    const options = await extension.openPage('options.html');
    await options.evaluate(async (relayUrl) => {
      const { settings } = await browser.storage.local.get('settings');
      await browser.storage.local.set({ settings: { ...(settings as object), connection: 'sdp_relay', relayUrl } });
    }, `${relay.url}/api/rtc-connect`);
    await options.close();

    const popup = await extension.openPopup(demo);
    const session = await startSession(popup, peer);
    expect(relay.received).toHaveLength(1);
    expect(relay.received[0]!.headers['content-type']).toBe('application/sdp');
    expect(relay.received[0]!.body).toMatch(/^v=0\r\no=mozilla/);
    expect(relay.received[0]!.headers.authorization).toBe('Bearer no-key');
    const call = await session.callTool('set_background_color', { color: 'navy' }, { timeoutMs: 15_000 });
    expect(JSON.parse(call.output)).toMatchObject({ ok: true });
    await expect.poll(() => read.style(demo, 'body', 'background-color')).toBe('rgb(0, 0, 128)');
  } finally {
    await relay.close();
  }
});
