// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { fetchTokenFromServer, mintClientSecret } from '@/utils/realtime/mint';

const MINT_URL = 'https://api.example.test/v1/realtime/client_secrets';

function reply(status: number, body: unknown): typeof fetch {
  return vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
}

describe('mintClientSecret', () => {
  it('posts the GA request with the key as a Bearer token and returns the ek_ value', async () => {
    const fetch = reply(200, { value: 'ek_abc', expires_at: 1_900_000_000, session: { type: 'realtime' } });
    const result = await mintClientSecret({ mintUrl: MINT_URL, apiKey: 'sk-real', model: 'gpt-realtime-2.1-mini', fetch });
    expect(result).toEqual({ ok: true, value: 'ek_abc', expiresAt: 1_900_000_000 });
    const [url, init] = vi.mocked(fetch).mock.calls[0]!;
    expect(url).toBe(MINT_URL);
    expect((init!.headers as Record<string, string>).Authorization).toBe('Bearer sk-real');
    expect(JSON.parse(init!.body as string)).toEqual({
      expires_after: { anchor: 'created_at', seconds: 600 },
      session: { type: 'realtime', model: 'gpt-realtime-2.1-mini' },
    });
  });

  it('says the key was rejected, with the provider’s own message, on 401', async () => {
    const fetch = reply(401, { error: { message: 'Incorrect API key provided: sk-wr***.', code: 'invalid_api_key' } });
    const result = await mintClientSecret({ mintUrl: MINT_URL, apiKey: 'sk-wrong', model: 'm', fetch });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/api\.example\.test rejected your API key: Incorrect API key provided/);
  });

  it('tells an exhausted quota from a rate limit on 429', async () => {
    const quota = await mintClientSecret({
      mintUrl: MINT_URL,
      apiKey: 'sk',
      model: 'm',
      fetch: reply(429, { error: { message: 'You exceeded your current quota.', type: 'insufficient_quota', code: 'insufficient_quota' } }),
    });
    expect(!quota.ok && quota.error).toMatch(/no credit left \(quota exhausted\)/);
    const limited = await mintClientSecret({
      mintUrl: MINT_URL,
      apiKey: 'sk',
      model: 'm',
      fetch: reply(429, { error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' } }),
    });
    expect(!limited.ok && limited.error).toMatch(/rate limiting your API key \(too many requests\)\. Wait a minute/);
  });

  it('asks for a key instead of calling the provider when none is set', async () => {
    const fetch = reply(200, {});
    const result = await mintClientSecret({ mintUrl: MINT_URL, apiKey: '', model: 'm', fetch });
    expect(!result.ok && result.error).toMatch(/No API key is set/);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('explains an unreachable provider, a bad URL, other HTTP errors and a reply without a key', async () => {
    const offline = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await mintClientSecret({ mintUrl: MINT_URL, apiKey: 'k', model: 'm', fetch: offline })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Could not reach api\.example\.test/),
    });
    expect(await mintClientSecret({ mintUrl: 'not a url', apiKey: 'k', model: 'm', fetch: offline })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/"not a url" is not a valid URL/),
    });
    expect(await mintClientSecret({ mintUrl: MINT_URL, apiKey: 'k', model: 'm', fetch: reply(500, { error: { message: 'Server trouble' } }) })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/HTTP 500\): Server trouble/),
    });
    expect(await mintClientSecret({ mintUrl: MINT_URL, apiKey: 'k', model: 'm', fetch: reply(200, { nope: true }) })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/without a session key/),
    });
  });
});

describe('fetchTokenFromServer', () => {
  it('posts the model to your server and takes the key from the GA answer or the older client_secret shape', async () => {
    const ga = reply(200, { value: 'ek_ga', expires_at: 1_900_000_000 });
    expect(await fetchTokenFromServer({ url: 'https://tokens.example/api/token', model: 'gpt-realtime-2.1-mini', fetch: ga })).toEqual({ ok: true, value: 'ek_ga', expiresAt: 1_900_000_000 });
    const [, init] = vi.mocked(ga).mock.calls[0]!;
    expect(JSON.parse(init!.body as string)).toEqual({ model: 'gpt-realtime-2.1-mini' });
    expect(JSON.stringify(init!.headers)).not.toMatch(/Authorization/i);
    expect(await fetchTokenFromServer({ url: 'https://tokens.example/t', model: 'm', fetch: reply(200, { client_secret: { value: 'ek_old', expires_at: 5 } }) })).toEqual({ ok: true, value: 'ek_old', expiresAt: 5 });
  });

  it('says what is wrong with the server or its answer', async () => {
    expect(await fetchTokenFromServer({ url: 'nope', model: 'm', fetch: reply(200, {}) })).toMatchObject({ ok: false, error: expect.stringMatching(/"nope" is not a valid URL/) });
    expect(await fetchTokenFromServer({ url: 'https://tokens.example/t', model: 'm', fetch: reply(500, { error: { message: 'boom' } }) })).toMatchObject({ ok: false, error: 'Your token server at tokens.example answered HTTP 500: boom' });
    expect(await fetchTokenFromServer({ url: 'https://tokens.example/t', model: 'm', fetch: reply(200, { nothing: 1 }) })).toMatchObject({ ok: false, error: expect.stringMatching(/answered without a key/) });
  });
});
