import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { callTool, expect, startSession, test, updateSettings } from './fixtures';
import { expectSecretNowhere, watchWorkerMessages } from './key-watch';
import { azureFor, forward, sdpRelayFor, startRecordingServer } from './recording-server';

/**
 * Every way to connect, each against a small server of the test's own on 127.0.0.1 that records what it received
 * and passes it on to the local peer the way the real one passes it on to OpenAI.
 */

test('API key in the extension, any OpenAI-compatible URL pair: mint with Bearer key, SDP with the ek_ key; the key is in no message', async ({ extension, demo, peer }) => {
  const gateway = await startRecordingServer((request) =>
    forward(request.path.endsWith('/client_secrets') ? peer.mintUrl : peer.callsUrl, {
      method: 'POST',
      headers: { Authorization: String(request.headers.authorization), 'Content-Type': String(request.headers['content-type']) },
      body: request.body,
    }),
  );
  try {
    await updateSettings(extension.worker, {
      provider: 'custom',
      custom: { mintUrl: `${gateway.url}/gw/v1/realtime/client_secrets`, callsUrl: `${gateway.url}/gw/v1/realtime/calls` },
    });
    const sent = await watchWorkerMessages(extension.worker);
    const popup = await extension.openPopup(demo);
    const session = await startSession(popup, peer);

    const [mint, call] = gateway.received;
    expect(gateway.received).toHaveLength(2);
    expect(mint).toMatchObject({ method: 'POST', path: '/gw/v1/realtime/client_secrets' });
    expect(mint!.headers.authorization).toBe(`Bearer ${peer.apiKey}`);
    expect(JSON.parse(mint!.body)).toMatchObject({ session: { type: 'realtime', model: 'gpt-realtime-2.1-mini' } });
    expect(call).toMatchObject({ method: 'POST', path: '/gw/v1/realtime/calls' });
    expect(call!.headers.authorization).toMatch(/^Bearer ek_/);
    expect(call!.headers['content-type']).toBe('application/sdp');
    expect(call!.body).toMatch(/^v=0\r\n/);
    expect(await callTool(session, 'set_background_color', { color: 'navy' })).toMatchObject({ ok: true });
    await expectSecretNowhere(extension.worker, sent, peer.apiKey, expect);
  } finally {
    await gateway.close();
  }
});

test('Azure OpenAI preset: GA v1 paths, the api-key header for the mint, the deployment named as the model; a 401 is explained', async ({ extension, demo, peer }) => {
  let denyNext = false;
  const azure = await startRecordingServer((request) =>
    denyNext
      ? { status: 401, body: JSON.stringify({ error: { code: '401', message: 'Access denied due to invalid subscription key or wrong API endpoint.' } }) }
      : azureFor(peer)(request),
  );
  try {
    // The deployment's name is what Azure is told (the peer knows only GA model names, so it is named after one); the
    // model chosen in the options (only for prices) is another, so the test tells them apart.
    await updateSettings(extension.worker, { provider: 'azure', model: 'gpt-realtime-2.1', azure: { resource: `${azure.url}/`, deployment: 'gpt-realtime-2.1-mini' } });
    const sent = await watchWorkerMessages(extension.worker);
    const popup = await extension.openPopup(demo);
    const session = await startSession(popup, peer);

    const [mint, call] = azure.received;
    expect(mint).toMatchObject({ method: 'POST', path: '/openai/v1/realtime/client_secrets' });
    expect(mint!.headers['api-key']).toBe(peer.apiKey);
    expect(mint!.headers.authorization).toBeUndefined();
    expect(JSON.parse(mint!.body).session).toMatchObject({ type: 'realtime', model: 'gpt-realtime-2.1-mini' });
    expect(call).toMatchObject({ method: 'POST', path: '/openai/v1/realtime/calls' });
    expect(call!.headers.authorization).toMatch(/^Bearer ek_/);
    expect(call!.headers['api-key']).toBeUndefined();
    expect(call!.body).toMatch(/^v=0\r\n/);
    const update = await session.waitFor('session.update', { timeoutMs: 5_000 });
    expect(update.session.model).toBe('gpt-realtime-2.1-mini');
    expect(await callTool(session, 'set_background_color', { color: 'navy' })).toMatchObject({ ok: true });
    await expectSecretNowhere(extension.worker, sent, peer.apiKey, expect);

    await popup.getByRole('button', { name: 'Stop', exact: true }).click();
    denyNext = true;
    await popup.getByRole('button', { name: 'Start' }).click();
    await expect(popup.locator('.error')).toHaveText(
      `${new URL(azure.url).host} rejected your API key: Access denied due to invalid subscription key or wrong API endpoint. Check the key in the extension options.`,
    );
  } finally {
    await azure.close();
  }
});

test('your own SDP relay: the offer goes to your URL with no key of any kind, the answer comes back, and the session works', async ({ extension, demo, peer }) => {
  const relay = await startRecordingServer(sdpRelayFor(peer));
  try {
    // The API key is still stored from before: relay mode must not use it anywhere.
    await updateSettings(extension.worker, { connection: 'sdp_relay', relayUrl: `${relay.url}/api/rtc-connect` });
    const sent = await watchWorkerMessages(extension.worker);
    const popup = await extension.openPopup(demo);
    const session = await startSession(popup, peer);

    expect(relay.received).toHaveLength(1);
    const [offer] = relay.received;
    expect(offer).toMatchObject({ method: 'POST', path: '/api/rtc-connect' });
    expect(offer!.headers['content-type']).toBe('application/sdp');
    expect(offer!.body).toMatch(/^v=0\r\n/);
    expect(offer!.body).toContain('m=application'); // the oai-events data channel
    expect(offer!.headers.authorization).toBe('Bearer no-key');
    expect(JSON.stringify(offer!.headers)).not.toContain('ek_');
    expect(JSON.stringify(offer!.headers)).not.toContain(peer.apiKey);
    expect(await callTool(session, 'set_background_color', { color: 'navy' })).toMatchObject({ ok: true });

    // A dropped connection comes back through the relay too (a new offer), still with no key.
    const keysBefore = peer.keys.size;
    const next = peer.waitForSession({ fresh: true, timeoutMs: 20_000 });
    await session.close('network dropped (test)');
    const second = await next;
    await expect(popup.locator('[data-status]')).toHaveAttribute('data-status', 'live');
    expect(relay.received).toHaveLength(2);
    expect(relay.received[1]!.body).toMatch(/^v=0\r\n/);
    expect(peer.keys.size).toBe(keysBefore);
    expect(await callTool(second, 'set_background_color', { color: 'teal' })).toMatchObject({ ok: true });

    const messages = await sent();
    expect(messages.join('\n')).not.toMatch(/ek_/);
    await expectSecretNowhere(extension.worker, sent, peer.apiKey, expect);
  } finally {
    await relay.close();
  }
});

test('an SDP relay that cannot be reached, answers 500, or answers something not SDP: each its own sentence', async ({ extension, demo }) => {
  let reply = { status: 500, body: 'Internal Server Error' };
  const relay = await startRecordingServer(() => reply);
  try {
    const popup = await extension.openPopup(demo);
    const startFails = async (relayUrl: string, sentence: string) => {
      await updateSettings(extension.worker, { connection: 'sdp_relay', relayUrl });
      await popup.getByRole('button', { name: 'Start' }).click();
      await expect(popup.locator('.error')).toHaveText(sentence);
      await expect(popup.locator('[data-status]')).toHaveAttribute('data-status', 'error');
    };
    await startFails('http://127.0.0.1:9/api/rtc-connect', 'Could not reach your SDP relay at 127.0.0.1:9. Is it running?');
    const host = new URL(relay.url).host;
    await startFails(`${relay.url}/api/rtc-connect`, `Your SDP relay at ${host} answered HTTP 500 instead of an SDP answer.`);
    reply = { status: 200, body: '{"hello": "world"}' };
    await startFails(`${relay.url}/rtc`, `Your SDP relay at ${host} answered with something that is not an SDP answer (it should start with "v=0").`);
    expect(relay.received.length).toBe(2);
  } finally {
    await relay.close();
  }
});

test('ICE servers from the options reach the peer connection: the browser asks our STUN server, and the session goes live', async ({ extension, demo, peer }) => {
  const stun = dgram.createSocket('udp4');
  const bindingRequests: Buffer[] = [];
  let heard: () => void;
  const firstRequest = new Promise<void>((resolve) => (heard = resolve));
  stun.on('message', (message) => {
    // A STUN binding request: type 0x0001 and the magic cookie 0x2112A442 (RFC 5389).
    if (message.length >= 20 && message.readUInt16BE(0) === 0x0001 && message.readUInt32BE(4) === 0x2112a442) {
      bindingRequests.push(message);
      heard();
    }
  });
  await new Promise<void>((resolve) => stun.bind(0, '127.0.0.1', resolve));
  const port = (stun.address() as AddressInfo).port;
  try {
    await updateSettings(extension.worker, { iceServers: [{ urls: [`stun:127.0.0.1:${port}`], username: '', credential: '' }] });
    const popup = await extension.openPopup(demo);
    const session = await startSession(popup, peer);
    await Promise.race([firstRequest, new Promise((_, reject) => setTimeout(() => reject(new Error('no STUN binding request within 10 s')), 10_000))]);
    expect(bindingRequests.length).toBeGreaterThan(0);
    expect(await callTool(session, 'set_background_color', { color: 'navy' })).toMatchObject({ ok: true });
  } finally {
    stun.close();
  }
});
