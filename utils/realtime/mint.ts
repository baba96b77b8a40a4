/**
 * Mints a short-lived client secret (`ek_…`) with the user's API key. Runs only in the background worker:
 * the key goes to the provider's mint URL and nowhere else.
 */
export interface MintRequest {
  mintUrl: string;
  apiKey: string;
  model: string;
  /** `Authorization: Bearer <key>` (default), or Azure's `api-key: <key>`. */
  keyHeader?: 'bearer' | 'api-key';
  fetch?: typeof fetch;
}

export type MintResult = { ok: true; value: string; expiresAt: number } | { ok: false; error: string };

/** The key only has to outlive the connect; a running session outlives it (REALTIME.md). */
const CLIENT_SECRET_TTL_SECONDS = 600;

export async function mintClientSecret({ mintUrl, apiKey, model, keyHeader = 'bearer', fetch: doFetch = fetch }: MintRequest): Promise<MintResult> {
  if (!apiKey) {
    return { ok: false, error: `No API key is set. Open the extension options, paste your ${keyHeader === 'api-key' ? 'Azure OpenAI' : 'OpenAI'} API key, and press Start again.` };
  }
  const host = hostOf(mintUrl);
  if (!host) {
    return { ok: false, error: mintUrl ? `The provider URL "${mintUrl}" is not a valid URL. Check it in the extension options.` : 'No provider address is set (for Azure: the resource name). Fill it in the extension options.' };
  }
  let response: Response;
  try {
    response = await doFetch(mintUrl, {
      method: 'POST',
      headers: { ...(keyHeader === 'api-key' ? { 'api-key': apiKey } : { Authorization: `Bearer ${apiKey}` }), 'Content-Type': 'application/json' },
      body: JSON.stringify({
        expires_after: { anchor: 'created_at', seconds: CLIENT_SECRET_TTL_SECONDS },
        session: { type: 'realtime', model },
      }),
    });
  } catch {
    return { ok: false, error: `Could not reach ${host} to start a session. Check your connection and the provider URL.` };
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = providerMessage(body);
    if (response.status === 401 || response.status === 403) {
      return { ok: false, error: `${host} rejected your API key${message ? `: ${message}` : '.'} Check the key in the extension options.` };
    }
    if (response.status === 429) {
      const code = (body as { error?: { code?: unknown; type?: unknown } } | null)?.error;
      if (code?.code === 'insufficient_quota' || code?.type === 'insufficient_quota') {
        return { ok: false, error: `Your account at ${host} has no credit left (quota exhausted). Add credit or raise the limit in its billing settings, then press Start again.` };
      }
      return { ok: false, error: `${host} is rate limiting your API key (too many requests). Wait a minute, then press Start again.` };
    }
    return { ok: false, error: `${host} could not start a session (HTTP ${response.status})${message ? `: ${message}` : '.'}` };
  }
  const secret = body as { value?: unknown; expires_at?: unknown } | null;
  if (typeof secret?.value !== 'string' || !secret.value) {
    return { ok: false, error: `${host} answered without a session key. Is the provider URL right?` };
  }
  return { ok: true, value: secret.value, expiresAt: typeof secret.expires_at === 'number' ? secret.expires_at : 0 };
}

function providerMessage(body: unknown): string {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' ? message : '';
}

/** The host of a URL ("api.openai.com", "127.0.0.1:8788"), or null when it is not one. */
export function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/**
 * "Your own token server": a URL of yours that mints the short-lived key with the API key it keeps (the seed
 * Next.js app's way), so no API key is ever in the browser. POST `{model}` → `{value: "ek_…"}` (the GA mint
 * answer passed on), or `{client_secret: {value}}` (the older shape).
 */
export async function fetchTokenFromServer({ url, model, fetch: doFetch = fetch }: { url: string; model: string; fetch?: typeof fetch }): Promise<MintResult> {
  const host = hostOf(url);
  if (!host) return { ok: false, error: `The token server URL "${url}" is not a valid URL. Check it in the extension options.` };
  let response: Response;
  try {
    response = await doFetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ model }) });
  } catch {
    return { ok: false, error: `Could not reach your token server at ${host}. Is it running?` };
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = providerMessage(body);
    return { ok: false, error: `Your token server at ${host} answered HTTP ${response.status}${message ? `: ${message}` : '.'}` };
  }
  const answer = body as { value?: unknown; expires_at?: unknown; client_secret?: { value?: unknown; expires_at?: unknown } | unknown } | null;
  const secret = answer?.client_secret && typeof answer.client_secret === 'object' ? (answer.client_secret as { value?: unknown; expires_at?: unknown }) : answer;
  const value = typeof secret?.value === 'string' ? secret.value : typeof answer?.client_secret === 'string' ? answer.client_secret : '';
  if (!value) return { ok: false, error: `Your token server at ${host} answered without a key: expected {"value": "ek_…"}.` };
  return { ok: true, value, expiresAt: typeof secret?.expires_at === 'number' ? secret.expires_at : 0 };
}
