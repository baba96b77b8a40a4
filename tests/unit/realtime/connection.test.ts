// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { iceServersOf, sessionKey, testConnection } from '@/utils/realtime/connection';
import { azureEndpoints } from '@/utils/realtime/providers';
import { looksLikeSdp, relayError } from '@/utils/realtime/relay';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '@/utils/settings';

const settingsWith = (patch: Partial<Settings>) => settingsSchema.parse({ ...DEFAULT_SETTINGS, ...patch });
const minted: typeof fetch = vi.fn(async () => new Response(JSON.stringify({ value: 'ek_1', expires_at: 1 }), { status: 200 }));

describe('Azure OpenAI preset', () => {
  it('a resource name becomes its GA v1 paths; an endpoint URL is used as given', () => {
    expect(azureEndpoints('My-Res')).toEqual({
      mintUrl: 'https://my-res.openai.azure.com/openai/v1/realtime/client_secrets',
      callsUrl: 'https://my-res.openai.azure.com/openai/v1/realtime/calls',
      keyHeader: 'api-key',
    });
    expect(azureEndpoints('https://x.cognitiveservices.azure.com/openai/v1/').callsUrl).toBe('https://x.cognitiveservices.azure.com/openai/v1/realtime/calls');
  });

  it('mints with the api-key header (no Bearer) and the deployment as the model', async () => {
    const fetch = vi.fn(minted);
    const key = await sessionKey(settingsWith({ provider: 'azure', apiKey: 'az-key', azure: { resource: 'res', deployment: 'my-rt' } }), fetch);
    expect(key).toMatchObject({ ok: true, value: 'ek_1' });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('https://res.openai.azure.com/openai/v1/realtime/client_secrets');
    expect(init!.headers).toMatchObject({ 'api-key': 'az-key' });
    expect(init!.headers).not.toHaveProperty('Authorization');
    expect(JSON.parse(init!.body as string).session.model).toBe('my-rt');
  });

  it('asks for the deployment when it is missing, and says a 401 is the key', async () => {
    const missing = await sessionKey(settingsWith({ provider: 'azure', apiKey: 'k', azure: { resource: 'res', deployment: '' } }));
    expect(missing).toEqual({ ok: false, error: 'Azure OpenAI needs the deployment name: fill it in the extension options.' });
    const denied = await testConnection(
      settingsWith({ provider: 'azure', apiKey: 'k', azure: { resource: 'res', deployment: 'd' } }),
      async () => new Response(JSON.stringify({ error: { code: '401', message: 'Access denied due to invalid subscription key.' } }), { status: 401 }),
    );
    expect(denied).toEqual({ ok: false, message: 'res.openai.azure.com rejected your API key: Access denied due to invalid subscription key. Check the key in the extension options.' });
  });
});

describe('Test connection', () => {
  it('says which server gave a key, and never the key', async () => {
    const result = await testConnection(settingsWith({ apiKey: 'sk-secret' }), minted);
    expect(result).toEqual({ ok: true, message: 'Connected: api.openai.com gave a session key for gpt-realtime-2.1-mini.' });
    const server = await testConnection(settingsWith({ connection: 'token_server', tokenServerUrl: 'http://127.0.0.1:1/t' }), minted);
    expect(server.message).toBe('Connected: your token server at 127.0.0.1:1 gave a session key for gpt-realtime-2.1-mini.');
  });
});

describe('SDP relay and ICE servers', () => {
  it('tells an SDP answer from anything else, and words the relay’s failures', () => {
    expect(looksLikeSdp('v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n')).toBe(true);
    expect(looksLikeSdp('{"error":"x"}')).toBe(false);
    expect(relayError('Realtime call request failed with status 500', 'r:1')).toBe('Your SDP relay at r:1 answered HTTP 500 instead of an SDP answer.');
    expect(relayError("Failed to execute 'setRemoteDescription': Failed to parse SessionDescription. hello", 'r:1')).toMatch(/not an SDP answer/);
  });

  it('passes ICE servers without empty credentials, and refuses an address that is not stun:/turn:', () => {
    expect(iceServersOf(settingsWith({ iceServers: [{ urls: ['stun:s:3478'], username: '', credential: '' }, { urls: ['turn:t:3478'], username: 'u', credential: 'c' }] }))).toEqual([
      { urls: ['stun:s:3478'] },
      { urls: ['turn:t:3478'], username: 'u', credential: 'c' },
    ]);
    const wrong = settingsSchema.safeParse({ iceServers: [{ urls: ['http://x'] }] });
    expect(wrong.error?.issues[0]?.message).toBe('An ICE server address starts with stun:, stuns:, turn: or turns:.');
  });
});
