import { endpointsOf, serviceModelOf, type Settings } from '../settings';
import { fetchTokenFromServer, hostOf, mintClientSecret, type MintResult } from './mint';

/**
 * How the worker gets a session's short-lived key for the chosen connection: minted with the API key (OpenAI's
 * Bearer header, Azure's `api-key`), or from the user's token server. (An SDP relay needs none.)
 */
export function sessionKey(settings: Settings, doFetch: typeof fetch = fetch): Promise<MintResult> {
  const model = serviceModelOf(settings);
  if (settings.connection === 'token_server') return fetchTokenFromServer({ url: settings.tokenServerUrl, model, fetch: doFetch });
  const { mintUrl, keyHeader } = endpointsOf(settings);
  if (settings.provider === 'azure' && !settings.azure.deployment) {
    return Promise.resolve({ ok: false, error: 'Azure OpenAI needs the deployment name: fill it in the extension options.' });
  }
  return mintClientSecret({ mintUrl, apiKey: settings.apiKey, model, keyHeader, fetch: doFetch });
}

/** The options' ICE servers as RTCPeerConnection takes them (no empty username or credential). */
export function iceServersOf(settings: Pick<Settings, 'iceServers'>): RTCIceServer[] {
  return settings.iceServers.map(({ urls, username, credential }) => ({
    urls,
    ...(username ? { username } : {}),
    ...(credential ? { credential } : {}),
  }));
}

/**
 * "Test connection" (in the worker): a key minted and thrown away, or the token server asked for one. Says plainly
 * whether it worked and why not; the key never leaves the worker (only this sentence does). A relay is tested by
 * the options page itself (relay.ts: an offer needs RTCPeerConnection, which a service worker lacks).
 */
export async function testConnection(settings: Settings, doFetch: typeof fetch = fetch): Promise<{ ok: boolean; message: string }> {
  if (settings.connection === 'sdp_relay') return { ok: false, message: 'An SDP relay is tested from the options page.' };
  const key = await sessionKey(settings, doFetch);
  if (!key.ok) return { ok: false, message: key.error };
  const where = settings.connection === 'token_server' ? `your token server at ${hostOf(settings.tokenServerUrl)}` : (hostOf(endpointsOf(settings).mintUrl) ?? '');
  return { ok: true, message: `Connected: ${where} gave a session key for ${serviceModelOf(settings)}.` };
}
