import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { azureFor, sdpRelayFor, startRecordingServer, tokenServerFor } from '../recording-server';
import { expect, read, startSession, test, updateSettings, watchBackgroundMessages } from './fixtures';

test('Firefox: your own SDP relay gets the offer with no key, answers it, and the session works', async ({ extension, demo, peer }) => {
  const relay = await startRecordingServer(sdpRelayFor(peer));
  try {
    await updateSettings(extension, { connection: 'sdp_relay', relayUrl: `${relay.url}/api/rtc-connect` });
    const expectKeyNowhere = await watchBackgroundMessages(extension);

    const popup = await extension.openPopup(demo);
    const session = await startSession(popup, peer);
    expect(relay.received).toHaveLength(1);
    expect(relay.received[0]!.headers['content-type']).toBe('application/sdp');
    expect(relay.received[0]!.body).toMatch(/^v=0\r\no=mozilla/);
    expect(relay.received[0]!.headers.authorization).toBe('Bearer no-key');
    // The API key is still stored from before: relay mode sends it nowhere.
    await expectKeyNowhere(peer.apiKey);
    const call = await session.callTool('set_background_color', { color: 'navy' }, { timeoutMs: 15_000 });
    expect(JSON.parse(call.output)).toMatchObject({ ok: true });
    await expect.poll(() => read.style(demo, 'body', 'background-color')).toBe('rgb(0, 0, 128)');
  } finally {
    await relay.close();
  }
});

test('Firefox: your own token server mints the session key; the extension holds no API key and sends none', async ({ extension, demo, peer }) => {
  const tokens = await startRecordingServer(tokenServerFor(peer));
  try {
    await updateSettings(extension, { apiKey: '', connection: 'token_server', tokenServerUrl: `${tokens.url}/api/realtime-token` });
    const popup = await extension.openPopup(demo);
    const session = await startSession(popup, peer);
    expect(tokens.received).toHaveLength(1);
    expect(tokens.received[0]).toMatchObject({ method: 'POST', path: '/api/realtime-token', body: JSON.stringify({ model: 'gpt-realtime-2.1-mini' }) });
    expect(tokens.received[0]!.headers.authorization).toBeUndefined();
    expect(JSON.parse((await session.callTool('set_background_color', { color: 'navy' }, { timeoutMs: 15_000 })).output)).toMatchObject({ ok: true });
    const stored = await popup.evaluate(async () => JSON.stringify(await browser.storage.local.get(null)));
    expect(stored).not.toContain(peer.apiKey);
  } finally {
    await tokens.close();
  }
});

test('Firefox: the Azure OpenAI preset posts to the GA v1 paths with the api-key header, and the session works', async ({ extension, demo, peer }) => {
  const azure = await startRecordingServer(azureFor(peer));
  try {
    await updateSettings(extension, { provider: 'azure', azure: { resource: `${azure.url}/`, deployment: 'gpt-realtime-2.1-mini' } });
    const expectKeyNowhere = await watchBackgroundMessages(extension);
    const popup = await extension.openPopup(demo);
    const session = await startSession(popup, peer);
    const [mint, call] = azure.received;
    expect(mint).toMatchObject({ method: 'POST', path: '/openai/v1/realtime/client_secrets' });
    expect(mint!.headers['api-key']).toBe(peer.apiKey);
    expect(mint!.headers.authorization).toBeUndefined();
    expect(call).toMatchObject({ method: 'POST', path: '/openai/v1/realtime/calls' });
    expect(call!.headers.authorization).toMatch(/^Bearer ek_/);
    expect(call!.headers['api-key']).toBeUndefined();
    expect(call!.body).toMatch(/^v=0\r\no=mozilla/);
    // The key went to Azure's mint only: in no message to the session window, a content script or a page.
    await expectKeyNowhere(peer.apiKey);
    expect(JSON.parse((await session.callTool('set_background_color', { color: 'navy' }, { timeoutMs: 15_000 })).output)).toMatchObject({ ok: true });
  } finally {
    await azure.close();
  }
});

test('Firefox: ICE servers from the options reach the peer connection: Firefox asks our STUN server, and the session goes live', async ({ extension, demo, peer }) => {
  const stun = dgram.createSocket('udp4');
  let bindingRequests = 0;
  stun.on('message', (message) => {
    // A STUN binding request: type 0x0001 and the magic cookie 0x2112A442 (RFC 5389).
    if (message.length >= 20 && message.readUInt16BE(0) === 0x0001 && message.readUInt32BE(4) === 0x2112a442) bindingRequests += 1;
  });
  await new Promise<void>((resolve) => stun.bind(0, '127.0.0.1', resolve));
  try {
    const port = (stun.address() as AddressInfo).port;
    await updateSettings(extension, { iceServers: [{ urls: [`stun:127.0.0.1:${port}`], username: '', credential: '' }] });
    const popup = await extension.openPopup(demo);
    const session = await startSession(popup, peer);
    await expect.poll(() => bindingRequests, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(JSON.parse((await session.callTool('set_background_color', { color: 'navy' }, { timeoutMs: 15_000 })).output)).toMatchObject({ ok: true });
  } finally {
    stun.close();
  }
});
