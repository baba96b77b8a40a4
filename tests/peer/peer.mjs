// @ts-check
/**
 * The local Realtime peer: a stand-in for OpenAI's Realtime API (GA interface, WebRTC) that runs on 127.0.0.1,
 * so the tests, the demo and the benchmarks work with no internet and no API key.
 *
 *   POST /v1/realtime/client_secrets   mint an ephemeral key (Authorization: Bearer <apiKey>)
 *   POST /v1/realtime/calls            SDP offer in, SDP answer out (Authorization: Bearer ek_…)
 *   /control/…                         watch and steer sessions from another process (see README.md)
 *
 * In-process, `startPeer()` returns the same control surface as methods (waitForSession, callTool, …).
 * The protocol follows ../shared/docs/REALTIME.md (beside the checkout); the session logic lives in session.mjs.
 */
import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import { DEFAULT_MODEL, apiError, defaultSession, isObject, maskKey, mergeInto, newId, nowSeconds, sessionProblem } from './protocol.mjs';
import { offerProblem } from './sdp.mjs';
import { PeerSession } from './session.mjs';

export { parseCommand } from './grammar.mjs';
export { PeerSession } from './session.mjs';

/** Request bodies larger than this are refused (an SDP offer is a few KB). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Ephemeral key lifetime bounds and default (REALTIME.md: 10..7200 s, default 600). */
const MIN_TTL = 10;
const MAX_TTL = 7200;
const DEFAULT_TTL = 600;

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-OpenAI-Agents-SDK',
  'Access-Control-Expose-Headers': 'Location',
};

/**
 * @typedef {object} PeerOptions
 * @property {number} [port] 0 (default) picks a free port
 * @property {string} [host] default 127.0.0.1; the control API is only reachable there
 * @property {string} [apiKey] the "real" key that may mint ephemeral keys; default `sk-local-peer`
 * @property {(message: string) => void} [log] receives one line per notable thing (default: silent)
 * @property {number} [iceTimeoutMs] longest wait for ICE gathering before answering (default 3000)
 * @property {number} [sessionTtlSeconds] a session's lifetime (default 3600, like the real 60 minutes)
 * @property {import('./sdp.mjs').CandidatePolicy} [candidates] which of the peer's ICE candidates answers carry
 *   (default 'auto': 127.0.0.1 only, plus this machine's IPv4 interface addresses for Firefox; see sdp.mjs)
 */

/** An HTTP error with an OpenAI-shaped JSON body. */
class HttpError extends Error {
  /**
   * @param {number} status
   * @param {string | null} code
   * @param {string} message
   * @param {{ param?: string | null, type?: string }} [options]
   */
  constructor(status, code, message, options = {}) {
    super(message);
    this.status = status;
    this.body = { error: apiError(code, message, options) };
  }
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<Buffer>}
 */
async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'request_too_large', `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * @param {Buffer} body
 * @param {{ optional?: boolean }} [options]
 * @returns {Record<string, any>}
 */
function parseJsonBody(body, { optional = false } = {}) {
  const text = body.toString('utf8').trim();
  if (!text && optional) return {};
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HttpError(
      400,
      'invalid_json',
      `We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. ` +
        `The OpenAI API expects a JSON payload, but what was sent was not valid JSON: ${/** @type {Error} */ (error).message}.)`,
    );
  }
  if (!isObject(value)) throw new HttpError(400, 'invalid_type', 'The request body must be a JSON object.');
  return value;
}

/**
 * The bearer token of a request.
 * @param {import('node:http').IncomingMessage} req
 * @returns {string | null}
 */
function bearer(req) {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = header.match(/^Bearer\s+(.+)$/i);
  return match?.[1]?.trim() || null;
}

function missingKey() {
  return new HttpError(
    401,
    'missing_api_key',
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth " +
      '(i.e. Authorization: Bearer YOUR_KEY).',
  );
}

/** @param {string} key */
function wrongKey(key) {
  return new HttpError(
    401,
    'invalid_api_key',
    `Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
  );
}

/**
 * The local Realtime peer. Create it with `startPeer()`.
 *
 * Events: `session` (a call was answered; the PeerSession), `open` (its data channel opened), `received` and
 * `sent` (session, entry), `close` (session, reason).
 */
export class LocalRealtimePeer extends EventEmitter {
  /**
   * @param {Required<Pick<PeerOptions, 'host' | 'apiKey'>> & PeerOptions} options
   */
  constructor(options) {
    super();
    this.host = options.host;
    this.apiKey = options.apiKey;
    this.port = 0;
    this.url = '';
    this.mintUrl = '';
    this.callsUrl = '';
    /** Every session answered since start (or the last reset), oldest first. @type {PeerSession[]} */
    this.sessions = [];
    /** Minted ephemeral keys: value → expiry (unix s) and the session config they carry. @type {Map<string, { expiresAt: number, session: Record<string, any> }>} */
    this.keys = new Map();
    this.#log = options.log ?? (() => {});
    this.#iceTimeoutMs = options.iceTimeoutMs ?? 3000;
    this.#sessionTtlSeconds = options.sessionTtlSeconds;
    this.#candidates = options.candidates ?? 'auto';
    this.#server = createServer((req, res) => void this.#route(req, res));
  }

  #log;
  #iceTimeoutMs;
  /** @type {number | undefined} */
  #sessionTtlSeconds;
  /** @type {import('./sdp.mjs').CandidatePolicy} */
  #candidates;
  #server;

  /** @param {number} port */
  async listen(port) {
    await new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, this.host, () => resolve(undefined));
    });
    const address = this.#server.address();
    this.port = typeof address === 'object' && address ? address.port : port;
    this.url = `http://${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.port}`;
    this.mintUrl = `${this.url}/v1/realtime/client_secrets`;
    this.callsUrl = `${this.url}/v1/realtime/calls`;
    this.#log(`listening on ${this.url}`);
    return this;
  }

  // ——— In-process control API ——————————————————————————————————————————————————————————————————————————

  /** The newest session, or undefined. */
  lastSession() {
    return this.sessions[this.sessions.length - 1];
  }

  /**
   * Resolves with a session whose data channel is open: the newest open one, or (with `fresh`, or when none is
   * open) the next one to open.
   * @param {{ timeoutMs?: number, fresh?: boolean }} [options]
   * @returns {Promise<PeerSession>}
   */
  waitForSession({ timeoutMs = 10_000, fresh = false } = {}) {
    if (!fresh) {
      const open = [...this.sessions].reverse().find((s) => s.openedAt && !s.closed);
      if (open) return Promise.resolve(open);
    }
    return new Promise((resolve, reject) => {
      /** @param {PeerSession} session */
      const onOpen = (session) => {
        clearTimeout(timer);
        resolve(session);
      };
      const timer = setTimeout(() => {
        this.off('open', onOpen);
        reject(new Error(`No Realtime session opened its data channel within ${timeoutMs} ms (${this.sessions.length} call(s) answered so far).`));
      }, timeoutMs);
      this.once('open', onOpen);
    });
  }

  /**
   * Makes the newest session's "model" call a tool (see PeerSession#callTool).
   * @param {string} name
   * @param {Record<string, unknown>} [args]
   * @param {{ timeoutMs?: number }} [options]
   */
  async callTool(name, args = {}, options = {}) {
    const session = this.lastSession();
    if (!session) throw new Error(`callTool(${name}): no session has connected to the peer yet.`);
    return session.callTool(name, args, options);
  }

  /**
   * Sends an event object or raw text down the newest session's data channel.
   * @param {Record<string, any> | string} eventOrRaw
   */
  inject(eventOrRaw) {
    const session = this.lastSession();
    if (!session) throw new Error('inject: no session has connected to the peer yet.');
    session.inject(eventOrRaw);
  }

  /** Closes and forgets every session (minted keys stay valid). */
  async reset() {
    const sessions = this.sessions;
    this.sessions = [];
    await Promise.all(sessions.map((s) => s.close('peer reset')));
  }

  /** Stops the peer: every session, then the HTTP server. */
  async close() {
    await this.reset();
    await new Promise((resolve) => {
      this.#server.close(() => resolve(undefined));
      this.#server.closeAllConnections();
    });
    this.#log('stopped');
  }

  // ——— HTTP ————————————————————————————————————————————————————————————————————————————————————————————

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async #route(req, res) {
    const url = new URL(req.url ?? '/', this.url || 'http://127.0.0.1');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    try {
      if (method === 'OPTIONS') {
        res.writeHead(204, {
          ...CORS_HEADERS,
          'Access-Control-Allow-Private-Network': 'true',
          'Access-Control-Max-Age': '600',
        });
        res.end();
        return;
      }
      if (req.headers['openai-beta']) {
        throw new HttpError(400, 'beta_api_shape_disabled',
          'The beta Realtime API shape (OpenAI-Beta: realtime=v1) is disabled. Use the GA interface: ' +
            'POST /v1/realtime/client_secrets, then POST /v1/realtime/calls.');
      }
      if (method === 'POST' && path === '/v1/realtime/client_secrets') return await this.#mint(req, res);
      if (method === 'POST' && path === '/v1/realtime/calls') return await this.#call(req, res);
      const hangup = path.match(/^\/v1\/realtime\/calls\/(rtc_[A-Za-z0-9]+)\/hangup$/);
      if (method === 'POST' && hangup) return await this.#hangup(req, res, /** @type {string} */ (hangup[1]));
      if (path === '/v1/realtime' || path === '/v1/realtime/sessions' || path === '/v1/realtime/transcription_sessions') {
        throw new HttpError(400, 'beta_api_shape_disabled',
          `${path} belongs to the beta Realtime API shape, which is disabled. Use the GA interface: ` +
            'POST /v1/realtime/client_secrets, then POST /v1/realtime/calls.');
      }
      if (path.startsWith('/control/') || path === '/control') return await this.#control(req, res, method, path, url);
      if (method === 'GET' && path === '/') {
        return this.#json(res, 200, {
          name: 'local Realtime peer',
          mintUrl: this.mintUrl,
          callsUrl: this.callsUrl,
          control: `${this.url}/control/state`,
        });
      }
      throw new HttpError(404, null, `Invalid URL (${method} ${url.pathname})`);
    } catch (error) {
      if (error instanceof HttpError) {
        this.#log(`${method} ${path} → ${error.status} ${error.body.error.code ?? ''}`);
        this.#json(res, error.status, error.body);
      } else {
        this.#log(`${method} ${path} → 500 ${/** @type {Error} */ (error).stack}`);
        this.#json(res, 500, { error: apiError('server_error', `The local peer failed: ${/** @type {Error} */ (error).message}`, { type: 'server_error' }) });
      }
    }
  }

  /**
   * @param {import('node:http').ServerResponse} res
   * @param {number} status
   * @param {unknown} body
   */
  #json(res, status, body) {
    if (res.headersSent) return;
    res.writeHead(status, { ...CORS_HEADERS, 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body, null, 2));
  }

  /**
   * POST /v1/realtime/client_secrets
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async #mint(req, res) {
    const key = bearer(req);
    if (!key) throw missingKey();
    if (key !== this.apiKey) throw wrongKey(key);
    const body = parseJsonBody(await readBody(req), { optional: true });

    let ttl = DEFAULT_TTL;
    if (body.expires_after !== undefined) {
      const after = body.expires_after;
      if (!isObject(after)) throw new HttpError(400, 'invalid_type', "Invalid type for 'expires_after': expected an object.", { param: 'expires_after' });
      if (after.anchor !== undefined && after.anchor !== 'created_at') {
        throw new HttpError(400, 'invalid_value', `Invalid value: '${String(after.anchor)}'. Supported values are: 'created_at'.`, { param: 'expires_after.anchor' });
      }
      if (after.seconds !== undefined) {
        if (typeof after.seconds !== 'number' || !Number.isInteger(after.seconds) || after.seconds < MIN_TTL || after.seconds > MAX_TTL) {
          throw new HttpError(400, 'invalid_value',
            `Invalid 'expires_after.seconds': expected an integer from ${MIN_TTL} to ${MAX_TTL}, got ${JSON.stringify(after.seconds)}.`,
            { param: 'expires_after.seconds' });
        }
        ttl = after.seconds;
      }
    }

    const requested = body.session ?? { type: 'realtime' };
    const problem = sessionProblem(requested);
    if (problem) throw new HttpError(400, problem.code, problem.message, { param: problem.param });
    const model = requested.model ?? DEFAULT_MODEL;
    if (typeof model !== 'string' || !/^gpt-realtime(?:-[a-z0-9.-]+)?$/.test(model) || model.includes('preview')) {
      throw new HttpError(400, 'model_not_found',
        `The model '${String(model)}' does not exist or is not a GA Realtime model (e.g. 'gpt-realtime-2.1-mini').`,
        { param: 'session.model' });
    }
    const session = mergeInto(defaultSession(model), { ...requested, id: undefined, object: undefined });
    const value = newId('ek', 32);
    const expiresAt = nowSeconds() + ttl;
    this.#forgetExpiredKeys();
    this.keys.set(value, { expiresAt, session });
    this.#log(`minted ${value.slice(0, 8)}… (${ttl} s, ${model})`);
    this.#json(res, 200, { value, expires_at: expiresAt, session });
  }

  #forgetExpiredKeys() {
    const now = nowSeconds();
    for (const [value, key] of this.keys) if (key.expiresAt <= now) this.keys.delete(value);
  }

  /**
   * POST /v1/realtime/calls — SDP offer (application/sdp, Bearer ek_…) or the unified interface
   * (multipart/form-data with `sdp` and `session`, Bearer <apiKey>).
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async #call(req, res) {
    const key = bearer(req);
    if (!key) throw missingKey();
    const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
    const body = await readBody(req);

    /** @type {Record<string, any>} */
    let session;
    let offer;
    if (contentType.startsWith('multipart/form-data')) {
      // Unified interface: a server holding the real key relays the offer and the session config.
      const minted = this.keys.get(key);
      if (key !== this.apiKey && !(minted && minted.expiresAt > nowSeconds())) throw wrongKey(key);
      const form = await new Request('http://peer.local/', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(body) })
        .formData()
        .catch(() => {
          throw new HttpError(400, 'invalid_request_error', 'Could not parse the multipart/form-data body.');
        });
      const sdpPart = form.get('sdp');
      offer = typeof sdpPart === 'string' ? sdpPart : sdpPart ? await sdpPart.text() : '';
      const sessionPart = form.get('session');
      const sessionText = typeof sessionPart === 'string' ? sessionPart : sessionPart ? await sessionPart.text() : '';
      const requested = sessionText ? parseJsonBody(Buffer.from(sessionText)) : { type: 'realtime' };
      const problem = sessionProblem(requested);
      if (problem) throw new HttpError(400, problem.code, problem.message, { param: problem.param });
      session = mergeInto(defaultSession(requested.model ?? DEFAULT_MODEL), { ...requested, id: undefined, object: undefined });
    } else {
      const minted = this.keys.get(key);
      if (!minted) {
        if (key === this.apiKey) {
          throw new HttpError(401, 'invalid_api_key',
            'Send the SDP offer with an ephemeral key (ek_…) from POST /v1/realtime/client_secrets, or use the ' +
              'unified interface (multipart/form-data with sdp and session parts) with your API key.');
        }
        throw wrongKey(key);
      }
      if (minted.expiresAt <= nowSeconds()) {
        throw new HttpError(401, 'invalid_api_key',
          `The ephemeral key ${maskKey(key)} expired at ${new Date(minted.expiresAt * 1000).toISOString()}. Mint a new one right before connecting.`);
      }
      if (!contentType.startsWith('application/sdp')) {
        throw new HttpError(400, 'invalid_content_type',
          `Unsupported Content-Type '${contentType || '(none)'}': send the SDP offer as application/sdp.`);
      }
      offer = body.toString('utf8');
      session = structuredClone(minted.session);
      session.id = newId('sess');
    }

    const problem = offerProblem(offer);
    if (problem) throw new HttpError(400, 'invalid_offer', problem, { param: 'sdp' });

    const peerSession = new PeerSession({
      config: session,
      log: this.#log,
      ...(this.#sessionTtlSeconds !== undefined ? { ttlSeconds: this.#sessionTtlSeconds } : {}),
    });
    let answer;
    try {
      answer = await peerSession.answer(offer.replace(/\r?\n/g, '\r\n'), { iceTimeoutMs: this.#iceTimeoutMs, candidates: this.#candidates });
    } catch (error) {
      await peerSession.close('the offer was refused');
      throw new HttpError(400, 'invalid_offer', `The SDP offer could not be used: ${/** @type {Error} */ (error).message}`, { param: 'sdp' });
    }
    this.#adopt(peerSession);
    res.writeHead(201, {
      ...CORS_HEADERS,
      'Content-Type': 'application/sdp',
      Location: `/v1/realtime/calls/${peerSession.callId}`,
    });
    res.end(answer);
  }

  /** @param {PeerSession} session */
  #adopt(session) {
    this.sessions.push(session);
    this.#log(`${session.id}: call ${session.callId} answered`);
    session.on('open', () => this.emit('open', session));
    session.on('received', (entry) => this.emit('received', session, entry));
    session.on('sent', (entry) => this.emit('sent', session, entry));
    session.on('close', (reason) => this.emit('close', session, reason));
    this.emit('session', session);
  }

  /**
   * POST /v1/realtime/calls/{call_id}/hangup
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {string} callId
   */
  async #hangup(req, res, callId) {
    const key = bearer(req);
    if (!key) throw missingKey();
    if (key !== this.apiKey && !this.keys.has(key)) throw wrongKey(key);
    const session = this.sessions.find((s) => s.callId === callId);
    if (!session) throw new HttpError(404, 'call_not_found', `No call with id '${callId}'.`);
    await session.close('hung up');
    res.writeHead(200, CORS_HEADERS);
    res.end();
  }

  // ——— HTTP control API ———————————————————————————————————————————————————————————————————————————————

  /**
   * @param {URL} url
   * @param {Record<string, any>} [body]
   * @returns {PeerSession}
   */
  #pickSession(url, body = {}) {
    const which = body.session ?? url.searchParams.get('session') ?? 'last';
    const session = which === 'last' ? this.lastSession() : this.sessions.find((s) => s.id === which || s.callId === which);
    if (!session) throw new HttpError(404, 'session_not_found', which === 'last' ? 'No session has connected yet.' : `No session '${which}'.`);
    return session;
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {string} method
   * @param {string} path
   * @param {URL} url
   */
  async #control(req, res, method, path, url) {
    if (method === 'GET' && path === '/control/state') {
      return this.#json(res, 200, {
        url: this.url,
        mintUrl: this.mintUrl,
        callsUrl: this.callsUrl,
        keys: this.keys.size,
        sessions: await Promise.all(this.sessions.map(async (s) => ({ ...s.describe(), rtp: await s.rtpStats() }))),
      });
    }
    if (method === 'GET' && (path === '/control/received' || path === '/control/sent')) {
      const session = this.#pickSession(url);
      const since = Number(url.searchParams.get('since') ?? 0) || 0;
      const type = url.searchParams.get('type');
      const list = path === '/control/received' ? session.received : session.sent;
      const events = list.slice(since).filter((e) => !type || e.event?.type === type);
      return this.#json(res, 200, { session: session.id, total: list.length, events });
    }
    if (method === 'POST' && path === '/control/call') {
      const body = parseJsonBody(await readBody(req));
      if (typeof body.name !== 'string' || !body.name) throw new HttpError(400, 'missing_required_parameter', "Missing required parameter: 'name'.", { param: 'name' });
      let args = body.arguments ?? {};
      if (typeof args === 'string') args = parseJsonBody(Buffer.from(args));
      if (!isObject(args)) throw new HttpError(400, 'invalid_type', "'arguments' must be an object (or a JSON string of one).", { param: 'arguments' });
      const session = this.#pickSession(url, body);
      const timeoutMs = typeof body.timeoutMs === 'number' ? body.timeoutMs : 10_000;
      try {
        return this.#json(res, 200, await session.callTool(body.name, args, { timeoutMs }));
      } catch (error) {
        throw new HttpError(504, 'timeout', /** @type {Error} */ (error).message);
      }
    }
    if (method === 'POST' && path === '/control/inject') {
      const body = parseJsonBody(await readBody(req));
      const session = this.#pickSession(url, body);
      if (session.channelState !== 'open') throw new HttpError(409, 'channel_not_open', `The data channel of ${session.id} is ${session.channelState}.`);
      if (typeof body.raw === 'string') session.inject(body.raw);
      else if (isObject(body.event)) session.inject(body.event);
      else throw new HttpError(400, 'missing_required_parameter', 'Send {"event": {...}} or {"raw": "text"}.');
      return this.#json(res, 200, { ok: true, session: session.id });
    }
    if (method === 'POST' && path === '/control/close') {
      const body = parseJsonBody(await readBody(req), { optional: true });
      const session = this.#pickSession(url, body);
      await session.close('closed by the control API');
      return this.#json(res, 200, { ok: true, session: session.id });
    }
    if (method === 'POST' && path === '/control/reset') {
      await this.reset();
      return this.#json(res, 200, { ok: true });
    }
    throw new HttpError(404, null, `Invalid URL (${method} ${path})`);
  }
}

/**
 * Starts the local Realtime peer.
 * @param {PeerOptions} [options]
 * @returns {Promise<LocalRealtimePeer>}
 */
export async function startPeer({ port = 0, host = '127.0.0.1', apiKey = 'sk-local-peer', ...rest } = {}) {
  const peer = new LocalRealtimePeer({ host, apiKey, ...rest });
  return peer.listen(port);
}
