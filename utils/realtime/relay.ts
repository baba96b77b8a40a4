/**
 * "Your own SDP relay" (the seed Python demo's `/api/rtc-connect`): the session host POSTs its offer SDP to the
 * user's URL as `application/sdp` and gets the answer SDP back; the relay holds the API key and talks to the
 * provider (REALTIME.md, "unified interface"). No key of any kind is in the browser.
 *
 * The agents-realtime transport always sends an `Authorization: Bearer …` header with the offer and, in a
 * browser, refuses any key that is not an `ek_` one unless told `useInsecureApiKey`. So the relay gets this
 * placeholder: a word, not a secret, that says there is no key.
 */
export const RELAY_NO_KEY = 'no-key';

/** An SDP answer (or offer) starts with its version line. */
export function looksLikeSdp(text: string): boolean {
  return /^v=0\r?\n/.test(text.trimStart());
}

/** The transport's failures on a relay, in words: the relay's own status, or an answer that is not SDP. */
export function relayError(message: string, host: string): string | null {
  const status = /failed with status (\d+)/.exec(message)?.[1];
  if (status) return `Your SDP relay at ${host} answered HTTP ${status} instead of an SDP answer.`;
  if (/SessionDescription|parse|sdp/i.test(message)) return `Your SDP relay at ${host} answered with something that is not an SDP answer (it should start with "v=0").`;
  if (/fetch|network/i.test(message)) return `Could not reach your SDP relay at ${host}. Is it running?`;
  return null;
}

/**
 * The options page's "Test connection" for a relay: a real offer (one audio transceiver and the `oai-events`
 * data channel, as a session sends), POSTed as a session would; the answer must be SDP. The call is closed at once.
 */
export async function testRelay(url: string, { fetch: doFetch = fetch }: { fetch?: typeof fetch } = {}): Promise<{ ok: boolean; message: string }> {
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    return { ok: false, message: url ? `The relay URL "${url}" is not a valid URL.` : 'Fill in your SDP relay URL first.' };
  }
  const pc = new RTCPeerConnection();
  try {
    pc.addTransceiver('audio', { direction: 'sendrecv' });
    pc.createDataChannel('oai-events');
    const offer = await pc.createOffer();
    let response: Response;
    try {
      response = await doFetch(url, { method: 'POST', body: offer.sdp, headers: { 'Content-Type': 'application/sdp' } });
    } catch {
      return { ok: false, message: `Could not reach your SDP relay at ${host}. Is it running?` };
    }
    const body = await response.text();
    if (!response.ok) return { ok: false, message: `Your SDP relay at ${host} answered HTTP ${response.status} instead of an SDP answer.` };
    if (!looksLikeSdp(body)) return { ok: false, message: `Your SDP relay at ${host} answered with something that is not an SDP answer (it should start with "v=0").` };
    return { ok: true, message: `Connected: your SDP relay at ${host} answered the offer with an SDP answer.` };
  } finally {
    pc.close();
  }
}
