import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One HTTP request as a test server received it. */
export interface Received {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/**
 * A small HTTP server on 127.0.0.1 standing in for the user's own server (a gateway, Azure, an SDP relay): it
 * records every request and answers with `handle` (often by asking the local peer, as the real one asks OpenAI).
 * CORS headers are added to every answer, and preflights are answered, like a real deployment.
 */
export async function startRecordingServer(handle: (request: Received) => Promise<Reply> | Reply) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', async () => {
      const cors = {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, api-key, X-OpenAI-Agents-SDK',
        'Access-Control-Expose-Headers': 'Location',
      };
      if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
      const request: Received = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      received.push(request);
      const reply = await Promise.resolve(handle(request)).catch((error: unknown): Reply => ({ status: 502, body: String(error) }));
      res.writeHead(reply.status, { ...cors, ...reply.headers }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Forwards a request to `target` (the local peer), with the headers given, and passes its answer back. */
export async function forward(target: string, init: RequestInit): Promise<Reply> {
  const response = await fetch(target, init);
  const headers: Record<string, string> = { 'Content-Type': response.headers.get('content-type') ?? 'text/plain' };
  const location = response.headers.get('location');
  if (location) headers.Location = location;
  return { status: response.status, body: await response.text(), headers };
}

/** Where the local peer mints keys and takes offers, and the API key it accepts. */
interface PeerEndpoints {
  apiKey: string;
  mintUrl: string;
  callsUrl: string;
}

/** The user's token server: it keeps the real key and mints with it at the peer (the seed Next.js app's way). */
export const tokenServerFor =
  (peer: PeerEndpoints) =>
  (request: Received): Promise<Reply> =>
    forward(peer.mintUrl, {
      method: 'POST',
      headers: { Authorization: `Bearer ${peer.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ session: { type: 'realtime', model: JSON.parse(request.body).model } }),
    });

/**
 * The user's SDP relay, GA-shaped (the seed Python demo's /api/rtc-connect): it holds the API key and posts the
 * offer to the peer's unified interface.
 */
export const sdpRelayFor =
  (peer: PeerEndpoints) =>
  async (request: Received): Promise<Reply> => {
    const form = new FormData();
    form.set('sdp', request.body);
    form.set('session', JSON.stringify({ type: 'realtime', model: 'gpt-realtime-2.1-mini' }));
    const answer = await forward(peer.callsUrl, { method: 'POST', headers: { Authorization: `Bearer ${peer.apiKey}` }, body: form });
    return { ...answer, headers: { 'Content-Type': 'application/sdp' } };
  };

/** Azure OpenAI in front of the peer: its api-key header becomes the peer's Bearer key; the ek_ on the SDP post passes as it came. */
export const azureFor =
  (peer: PeerEndpoints) =>
  (request: Received): Promise<Reply> => {
    const auth = request.headers['api-key'] ? `Bearer ${String(request.headers['api-key'])}` : String(request.headers.authorization);
    return forward(request.path.endsWith('/client_secrets') ? peer.mintUrl : peer.callsUrl, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': String(request.headers['content-type']) },
      body: request.body,
    });
  };
