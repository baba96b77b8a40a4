// @ts-check
/**
 * One call on the local Realtime peer: the WebRTC connection (answer, audio both ways, the `oai-events` data
 * channel) and the GA Realtime protocol spoken on it, plus the hooks tests use to watch and steer it.
 */
import { EventEmitter } from 'node:events';
import wrtc from '@roamhq/wrtc';
import { InputMeter, VoiceOutput, emptyInputStats } from './audio.mjs';
import { continuePlan, parsePlan, planTools, startPlan } from './grammar.mjs';
import {
  CLIENT_EVENT_TYPES,
  SESSION_TTL_SECONDS,
  apiError,
  isObject,
  mergeInto,
  newId,
  nowSeconds,
  sessionProblem,
  textTokens,
  usage,
} from './protocol.mjs';
import { GREETING, describeResult, notFoundReply } from './replies.mjs';
import { filterCandidates, hasWantedCandidates, resolvePolicy } from './sdp.mjs';

/** The data channel's label (REALTIME.md: the client creates it before its offer). */
export const EVENTS_CHANNEL = 'oai-events';
/** A reply's transcript arrives word by word, this far apart… */
const DELTA_INTERVAL_MS = 15;
/** Results of one response spoken one by one; more are summed up in one sentence. */
const MAX_SPOKEN_RESULTS = 4;
/** …and each word adds this much tone to the voice track. */
const TONE_MS_PER_WORD = 60;
/** A commit needs at least this much microphone audio (as the real API requires 100 ms). */
const MIN_COMMIT_MS = 100;
/** Fields of the session object the client cannot set. */
const READ_ONLY_SESSION_FIELDS = ['id', 'object', 'expires_at'];

/**
 * @typedef {{ at: number, event: Record<string, any> | null, raw?: string }} Entry
 *   `at` is epoch ms with sub-ms precision; `event` is null (and `raw` set) when the text was not a JSON object.
 * @typedef {((event: Record<string, any>, entry: Entry) => boolean) | string} Predicate
 *   a function, or an event type to match
 * @typedef {{ name: string, arguments: Record<string, unknown>, itemId: string, responseId: string, answered: boolean, sentAt: number }} IssuedCall
 * @typedef {{ output: string, outputEvent: Record<string, any>, responseCreate: Record<string, any>, callId: string, elapsedMs: number }} ToolCallResult
 * @typedef {{
 *   id: string, status: string, statusDetails: Record<string, any> | null, output: Record<string, any>[],
 *   modalities: string[], inConversation: boolean, metadata: unknown, cancelled: boolean, cancelReason: string | null,
 *   outputText: string, toneMs: number, audioCleared: boolean,
 * }} ActiveResponse
 */

/** Epoch ms with sub-millisecond precision. */
const stamp = () => performance.timeOrigin + performance.now();

/**
 * The text of a user message's `input_text` parts, or null when it has none (an audio message).
 * @param {Record<string, any>} item
 */
function messageText(item) {
  if (!Array.isArray(item.content)) return null;
  const texts = item.content
    .map((p) => (p?.type === 'input_text' ? p.text : p?.type === 'input_audio' ? p.transcript : null))
    .filter((text) => typeof text === 'string');
  return texts.length ? texts.join(' ') : null;
}

export class PeerSession extends EventEmitter {
  /**
   * @param {{ config: Record<string, any>, log?: (message: string) => void, ttlSeconds?: number, openTimeoutMs?: number }} options
   *   `config` is the session object (from the minted key), used and updated in place.
   */
  constructor({ config, log = () => {}, ttlSeconds = SESSION_TTL_SECONDS, openTimeoutMs = 30_000 }) {
    super();
    /** The session's id (`sess_…`), as `session.created` reports it. */
    this.id = /** @type {string} */ (config.id);
    /** The call id (`rtc_…`), the last part of the SDP answer's Location header. */
    this.callId = newId('rtc');
    this.conversationId = newId('conv');
    this.createdAt = Date.now();
    /** @type {number | null} when the data channel opened (epoch ms) */
    this.openedAt = null;
    /** @type {number | null} */
    this.closedAt = null;
    /** @type {string | null} */
    this.closeReason = null;
    this.closed = false;
    /** The session config: starts as the minted session, `session.update` merges into it. */
    this.config = config;
    /** Every event received on the data channel, in order. */
    /** @type {Entry[]} */
    this.received = [];
    /** Every event the peer sent on the data channel, in order. */
    /** @type {Entry[]} */
    this.sent = [];
    /** The conversation's items, as the peer keeps them. */
    /** @type {Record<string, any>[]} */
    this.conversation = [];
    /** Audio statistics: `input` from the client's microphone, `output` the peer's voice track. */
    this.audio = { input: emptyInputStats(), output: /** @type {import('./audio.mjs').OutputStats} */ ({}) };
    /** @type {InstanceType<typeof wrtc.RTCPeerConnection> | null} */
    this.pc = null;
    /** @type {any} the `oai-events` RTCDataChannel */
    this.channel = null;

    this.#log = log;
    this.#ttlSeconds = ttlSeconds;
    this.#openTimeoutMs = openTimeoutMs;
    this.#voice = new VoiceOutput();
    this.audio.output = this.#voice.stats;
    this.#voice.onDrained(() => this.#onVoiceDrained());
    /**
     * When each reply's first tone frame went out on the voice track (epoch ms), with the response playing then:
     * the bench's "end of speech → first audio" ends here.
     * @type {{ at: number, responseId: string | null }[]}
     */
    this.toneStarts = [];
    this.#voice.onToneStart((at) => this.toneStarts.push({ at, responseId: this.#playingResponseId }));
    /**
     * The pause between a reply's words (and their tone). The bench's 5,000-call soak sets 0 so that replies do
     * not set the pace; everything else keeps the default.
     */
    this.wordIntervalMs = DELTA_INTERVAL_MS;
    /** Tone per spoken word; the soak sets 0 so that thousands of replies do not queue hours of tone. */
    this.toneMsPerWord = TONE_MS_PER_WORD;
  }

  #log;
  #ttlSeconds;
  #openTimeoutMs;
  #voice;
  /** @type {InputMeter | null} */
  #meter = null;
  /** @type {ActiveResponse | null} */
  #active = null;
  /** Function calls the peer issued, by call_id. @type {Map<string, IssuedCall>} */
  #calls = new Map();
  /** @type {Set<{ match: (entry: Entry) => boolean, resolve: (entry: Entry) => void, reject: (error: Error) => void }>} */
  #waiters = new Set();
  /** @type {Set<ReturnType<typeof setTimeout>>} */
  #timers = new Set();
  /** The response whose audio is in the output buffer, if any. @type {string | null} */
  #playingResponseId = null;
  #assistantSpoke = false;
  /** Microphone audio (ms) already committed, cleared, or billed to a response. */
  #inputBufferStartMs = 0;
  #billedInputAudioMs = 0;
  #previousInputText = 0;
  /** @type {((value?: unknown) => void) | null} */
  #opened = null;
  /** Resolves when the data channel is open. */
  openPromise = new Promise((resolve) => (this.#opened = resolve));

  // ——— WebRTC ———————————————————————————————————————————————————————————————————————————————————————————

  /**
   * Answers an SDP offer: the client's audio is metered, the peer's voice track goes on the offer's audio
   * section, the `oai-events` channel is awaited. Returns once the candidates the answer keeps are gathered
   * (see sdp.mjs: 127.0.0.1 only, plus this machine's IPv4 interface addresses for Firefox).
   * @param {string} offerSdp
   * @param {{ iceTimeoutMs?: number, candidates?: import('./sdp.mjs').CandidatePolicy }} [options]
   * @returns {Promise<string>} the answer SDP
   */
  async answer(offerSdp, { iceTimeoutMs = 3000, candidates = 'auto' } = {}) {
    const policy = resolvePolicy(candidates, offerSdp);
    const pc = new wrtc.RTCPeerConnection({ iceServers: [] });
    this.pc = pc;
    pc.ontrack = (/** @type {any} */ event) => {
      if (event.track?.kind === 'audio' && !this.#meter && !this.closed) {
        this.#meter = new InputMeter(event.track, this.audio.input);
      }
    };
    pc.ondatachannel = (/** @type {any} */ event) => this.#attachChannel(event.channel);
    pc.onconnectionstatechange = () => {
      if (this.closed) return;
      const state = pc.connectionState;
      this.#log(`${this.id}: connection ${state}`);
      this.emit('connectionstatechange', state);
      if (state === 'failed' || state === 'closed') void this.close(`connection ${state}`);
    };

    await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
    if (/^m=audio /m.test(offerSdp)) pc.addTrack(this.#voice.track, this.#voice.stream);
    await pc.setLocalDescription(await pc.createAnswer());
    await this.#iceGathered(pc, iceTimeoutMs, policy);
    const local = pc.localDescription?.sdp ?? '';
    const { sdp, kept, removed, changed } = filterCandidates(local, policy);
    if (!changed) this.#log(`${this.id}: no 127.0.0.1 candidate was gathered; answering with all candidates`);
    else this.#log(`${this.id}: answer with ${kept} candidate(s) (${policy}), ${removed} other(s) removed`);

    this.#voice.start();
    this.#after(this.#openTimeoutMs, () => {
      if (!this.openedAt) void this.close(`the data channel did not open within ${this.#openTimeoutMs} ms`);
    });
    return sdp;
  }

  /**
   * Resolves when the answer's candidates are ready: as soon as the UDP host candidates the answer keeps have
   * been gathered, or when gathering completes, or after `timeoutMs`. libwebrtc gathers UDP host candidates
   * within a few ms but its TCP candidates only ≈ 100 ms later; the answer drops those anyway, so waiting for
   * "complete" would add ≈ 100 ms to every session start for nothing.
   * @param {InstanceType<typeof wrtc.RTCPeerConnection>} pc
   * @param {number} timeoutMs
   * @param {'loopback' | 'local'} policy
   */
  #iceGathered(pc, timeoutMs, policy) {
    const ready = () =>
      pc.iceGatheringState === 'complete' || hasWantedCandidates(pc.localDescription?.sdp ?? '', policy);
    if (ready()) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        pc.onicecandidate = null;
        pc.onicegatheringstatechange = null;
        resolve(undefined);
      };
      const timer = setTimeout(() => {
        this.#log(`${this.id}: ICE gathering still running after ${timeoutMs} ms; answering with what we have`);
        done();
      }, timeoutMs);
      pc.onicecandidate = () => ready() && done();
      pc.onicegatheringstatechange = () => ready() && done();
    });
  }

  /** @param {any} channel */
  #attachChannel(channel) {
    if (channel.label !== EVENTS_CHANNEL) {
      this.#log(`${this.id}: ignoring data channel "${channel.label}" (only "${EVENTS_CHANNEL}" carries events)`);
      return;
    }
    if (this.channel) return;
    this.channel = channel;
    channel.onmessage = (/** @type {{ data: unknown }} */ event) => this.#onMessage(event.data);
    channel.onclose = () => void this.close('data channel closed');
    if (channel.readyState === 'open') this.#onOpen();
    else channel.onopen = () => this.#onOpen();
  }

  #onOpen() {
    if (this.openedAt || this.closed) return;
    this.openedAt = Date.now();
    this.config.expires_at = nowSeconds() + this.#ttlSeconds;
    this.#log(`${this.id}: data channel open`);
    this.send({ type: 'session.created', session: structuredClone(this.config) });
    this.#after(this.#ttlSeconds * 1000, () => {
      const ttl = this.#ttlSeconds;
      const limit = ttl % 60 === 0 ? `${ttl / 60} minutes` : `${ttl} seconds`;
      this.#sendError('session_expired', `Your session hit the maximum duration of ${limit}.`);
      void this.close('session expired');
    });
    this.#opened?.();
    this.emit('open');
  }

  /** 'none' before a channel exists, else the channel's readyState. */
  get channelState() {
    return this.channel ? String(this.channel.readyState) : 'none';
  }

  /** Whether a response is being generated (between response.created and response.done). */
  get responseActive() {
    return this.#active !== null;
  }

  // ——— Sending ——————————————————————————————————————————————————————————————————————————————————————————

  /**
   * Sends one server event, adding its `event_id`. Recorded in `sent` even if the channel is not open.
   * @param {Record<string, any>} event
   * @returns {Record<string, any>} the event as sent
   */
  send(event) {
    const { type, ...rest } = event;
    const full = { type, event_id: typeof rest.event_id === 'string' ? rest.event_id : newId('event'), ...rest };
    this.#transmit(JSON.stringify(full), { at: stamp(), event: full });
    return full;
  }

  /**
   * Sends anything down the data channel: an event object (an `event_id` is added when it has none) or raw text.
   * @param {Record<string, any> | string} eventOrRaw
   */
  inject(eventOrRaw) {
    if (typeof eventOrRaw === 'string') this.#transmit(eventOrRaw, { at: stamp(), event: null, raw: eventOrRaw });
    else this.send(eventOrRaw);
  }

  /**
   * @param {string} text
   * @param {Entry} entry
   */
  #transmit(text, entry) {
    if (this.channel?.readyState === 'open') {
      try {
        this.channel.send(text);
      } catch (error) {
        this.#log(`${this.id}: send failed: ${/** @type {Error} */ (error).message}`);
      }
    }
    this.sent.push(entry);
    this.emit('sent', entry);
  }

  /**
   * @param {string} code
   * @param {string} message
   * @param {{ param?: string | null, eventId?: string | null, type?: string }} [options]
   */
  #sendError(code, message, options = {}) {
    this.send({ type: 'error', error: apiError(code, message, { eventId: null, ...options }) });
  }

  // ——— Receiving ————————————————————————————————————————————————————————————————————————————————————————

  /** @param {unknown} data */
  #onMessage(data) {
    if (this.closed) return;
    const text = typeof data === 'string' ? data : Buffer.from(/** @type {ArrayBuffer} */ (data)).toString('utf8');
    /** @type {unknown} */
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      this.#record({ at: stamp(), event: null, raw: text });
      this.#sendError(
        'invalid_json',
        `The server could not parse the event: it is not valid JSON (${/** @type {Error} */ (error).message}).`,
      );
      return;
    }
    if (!isObject(parsed)) {
      this.#record({ at: stamp(), event: null, raw: text });
      this.#sendError('invalid_type', 'Invalid event: an event must be a JSON object with a "type".');
      return;
    }
    this.#record({ at: stamp(), event: parsed });
    try {
      this.#handle(parsed);
    } catch (error) {
      // A bug in the peer must not kill the session: report it like a server error.
      this.#log(`${this.id}: error handling ${parsed.type}: ${/** @type {Error} */ (error).stack}`);
      this.#sendError('server_error', `The local peer failed on this event: ${/** @type {Error} */ (error).message}`, {
        type: 'server_error',
        eventId: typeof parsed.event_id === 'string' ? parsed.event_id : null,
      });
    }
  }

  /** @param {Entry} entry */
  #record(entry) {
    this.received.push(entry);
    this.emit('received', entry);
    for (const waiter of [...this.#waiters]) {
      if (waiter.match(entry)) waiter.resolve(entry);
    }
  }

  /** @param {Record<string, any>} event */
  #handle(event) {
    const eventId = typeof event.event_id === 'string' ? event.event_id : null;
    /** @type {(code: string, message: string, param?: string | null) => void} */
    const fail = (code, message, param = null) => this.#sendError(code, message, { param, eventId });

    switch (event.type) {
      case 'session.update':
        return this.#sessionUpdate(event, fail);
      case 'conversation.item.create':
        return this.#itemCreate(event, fail);
      case 'conversation.item.retrieve': {
        const item = this.conversation.find((i) => i.id === event.item_id);
        if (!item) return fail('item_not_found', `Item with item_id '${String(event.item_id)}' not found.`, 'item_id');
        this.send({ type: 'conversation.item.retrieved', item: structuredClone(item) });
        return;
      }
      case 'conversation.item.delete': {
        const index = this.conversation.findIndex((i) => i.id === event.item_id);
        if (index < 0) return fail('item_not_found', `Item with item_id '${String(event.item_id)}' not found.`, 'item_id');
        this.conversation.splice(index, 1);
        this.send({ type: 'conversation.item.deleted', item_id: event.item_id });
        return;
      }
      case 'conversation.item.truncate': {
        const item = this.conversation.find((i) => i.id === event.item_id);
        if (!item || item.role !== 'assistant') {
          return fail('item_not_found', `Assistant item with item_id '${String(event.item_id)}' not found.`, 'item_id');
        }
        this.send({
          type: 'conversation.item.truncated',
          item_id: item.id,
          content_index: event.content_index ?? 0,
          audio_end_ms: event.audio_end_ms ?? 0,
        });
        return;
      }
      case 'response.create':
        if (this.#active) {
          return fail(
            'conversation_already_has_active_response',
            `Conversation already has an active response in progress: ${this.#active.id}. ` +
              'Wait until the response is finished before creating a new one.',
          );
        }
        this.#startResponse(isObject(event.response) ? event.response : {});
        return;
      case 'response.cancel':
        if (!this.#active || (event.response_id !== undefined && event.response_id !== this.#active.id)) {
          return fail('response_cancel_not_active', 'Cancellation failed: no active response found.');
        }
        this.#active.cancelled = true;
        this.#active.cancelReason = 'client_cancelled';
        return;
      case 'output_audio_buffer.clear': {
        const responseId = this.#playingResponseId;
        this.#voice.clear();
        this.#playingResponseId = null;
        if (this.#active) this.#active.audioCleared = true;
        this.send({ type: 'output_audio_buffer.cleared', ...(responseId ? { response_id: responseId } : {}) });
        return;
      }
      case 'input_audio_buffer.clear':
        this.#inputBufferStartMs = this.audio.input.durationMs;
        this.send({ type: 'input_audio_buffer.cleared' });
        return;
      case 'input_audio_buffer.commit':
        return this.#commitInputAudio(fail);
      case 'input_audio_buffer.append':
        // Over WebRTC the microphone arrives on the media track; appended audio is recorded and otherwise ignored.
        return;
      default:
        if (typeof event.type !== 'string') return fail('missing_required_parameter', "Missing required parameter: 'type'.", 'type');
        return fail(
          'invalid_value',
          `Invalid value: '${event.type}'. Supported values are: ${CLIENT_EVENT_TYPES.map((t) => `'${t}'`).join(', ')}.`,
          'type',
        );
    }
  }

  /**
   * @param {Record<string, any>} event
   * @param {(code: string, message: string, param?: string | null) => void} fail
   */
  #sessionUpdate(event, fail) {
    const problem = sessionProblem(event.session, { current: this.config, assistantHasSpoken: this.#assistantSpoke });
    if (problem) return fail(/** @type {string} */ (problem.code), problem.message, problem.param);
    const patch = { ...event.session };
    for (const field of READ_ONLY_SESSION_FIELDS) delete patch[field];
    mergeInto(this.config, patch);
    this.send({ type: 'session.updated', session: structuredClone(this.config) });
  }

  /**
   * Adds an item to the conversation and announces it (`conversation.item.added`, then `.done`).
   * @param {Record<string, any>} item
   * @param {string | null | undefined} previousItemId where to insert: undefined = at the end, 'root' = first
   */
  #addItem(item, previousItemId) {
    let index = this.conversation.length;
    if (previousItemId === 'root') index = 0;
    else if (typeof previousItemId === 'string') index = this.conversation.findIndex((i) => i.id === previousItemId) + 1;
    this.conversation.splice(index, 0, item);
    const previous = index > 0 ? this.conversation[index - 1]?.id ?? null : null;
    this.send({ type: 'conversation.item.added', previous_item_id: previous, item: structuredClone(item) });
    this.send({ type: 'conversation.item.done', previous_item_id: previous, item: structuredClone(item) });
  }

  /**
   * @param {Record<string, any>} event
   * @param {(code: string, message: string, param?: string | null) => void} fail
   */
  #itemCreate(event, fail) {
    const item = event.item;
    if (!isObject(item)) return fail('missing_required_parameter', "Missing required parameter: 'item'.", 'item');
    const previous = event.previous_item_id;
    if (typeof previous === 'string' && previous !== 'root' && !this.conversation.some((i) => i.id === previous)) {
      return fail('item_not_found', `Previous item with id '${previous}' not found.`, 'previous_item_id');
    }
    const id = typeof item.id === 'string' && item.id ? item.id : newId('item');
    if (this.conversation.some((i) => i.id === id)) {
      return fail('duplicate_item_id', `Item with id '${id}' already exists.`, 'item.id');
    }
    const base = { id, object: 'realtime.item', status: 'completed' };

    switch (item.type) {
      case 'message': {
        if (!['user', 'assistant', 'system'].includes(item.role)) {
          return fail('invalid_value', `Invalid value: '${String(item.role)}'. Supported values are: 'user', 'assistant', 'system'.`, 'item.role');
        }
        if (!Array.isArray(item.content)) {
          return fail('missing_required_parameter', "Missing required parameter: 'item.content'.", 'item.content');
        }
        // Images (GA): a PNG or JPEG data URI in a user message.
        for (const [index, part] of item.content.entries()) {
          if (!isObject(part) || part.type !== 'input_image') continue;
          if (item.role !== 'user') return fail('invalid_value', 'Images are only accepted in user messages.', `item.content[${index}]`);
          if (typeof part.image_url !== 'string' || !/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/.test(part.image_url)) {
            return fail('invalid_value', "Invalid 'image_url': expected a PNG or JPEG data URI.", `item.content[${index}].image_url`);
          }
        }
        this.#addItem({ ...base, type: 'message', role: item.role, content: structuredClone(item.content) }, previous);
        return;
      }
      case 'function_call_output': {
        if (typeof item.call_id !== 'string') {
          return fail('missing_required_parameter', "Missing required parameter: 'item.call_id'.", 'item.call_id');
        }
        if (typeof item.output !== 'string') {
          return fail('invalid_type', "Invalid type for 'item.output': expected a string.", 'item.output');
        }
        const call = this.#calls.get(item.call_id);
        if (!call) {
          return fail('invalid_value', `No function call with call_id '${item.call_id}' found in the conversation.`, 'item.call_id');
        }
        if (call.answered) {
          return fail('invalid_value', `The function call '${item.call_id}' already has an output.`, 'item.call_id');
        }
        call.answered = true;
        this.#addItem({ ...base, type: 'function_call_output', call_id: item.call_id, output: item.output }, previous);
        return;
      }
      case 'function_call': {
        // A client replaying history may create function calls itself; their outputs are then accepted too.
        if (typeof item.call_id !== 'string' || typeof item.name !== 'string') {
          return fail('missing_required_parameter', "Missing required parameter: 'item.call_id' or 'item.name'.", 'item');
        }
        /** @type {Record<string, unknown>} */
        let args = {};
        try {
          args = JSON.parse(item.arguments ?? '{}');
        } catch {
          // Kept as given; the peer only needs the name.
        }
        this.#calls.set(item.call_id, { name: item.name, arguments: args, itemId: id, responseId: '', answered: false, sentAt: stamp() });
        this.#addItem({ ...base, type: 'function_call', call_id: item.call_id, name: item.name, arguments: String(item.arguments ?? '{}') }, previous);
        return;
      }
      default:
        return fail(
          'invalid_value',
          `Invalid value: '${String(item.type)}'. Supported values are: 'message', 'function_call', 'function_call_output'.`,
          'item.type',
        );
    }
  }

  /** @param {(code: string, message: string, param?: string | null) => void} fail */
  #commitInputAudio(fail) {
    const ms = this.audio.input.durationMs - this.#inputBufferStartMs;
    if (ms < MIN_COMMIT_MS) {
      return fail(
        'input_audio_buffer_commit_empty',
        `Error committing input audio buffer: buffer too small. Expected at least ${MIN_COMMIT_MS}ms of audio, ` +
          `but buffer only has ${ms.toFixed(2)}ms of audio.`,
      );
    }
    this.#inputBufferStartMs = this.audio.input.durationMs;
    const item = {
      id: newId('item'),
      object: 'realtime.item',
      type: 'message',
      status: 'completed',
      role: 'user',
      content: [{ type: 'input_audio', transcript: null }],
      duration_ms: Math.round(ms),
    };
    this.send({
      type: 'input_audio_buffer.committed',
      previous_item_id: this.conversation[this.conversation.length - 1]?.id ?? null,
      item_id: item.id,
    });
    this.#addItem(item, undefined);
  }

  // ——— Responses ————————————————————————————————————————————————————————————————————————————————————————

  /**
   * Decides what a response will be: tool calls, or words. A command that acts on an element ("click
   * Subscribe") is a plan of several responses: its lookup (get_page_outline, list_tabs) first; when the
   * lookup's output comes back, the act on what it found, instead of words; the reply at the end says what
   * every step did.
   * @param {Record<string, any>} params the `response` of `response.create`
   * @returns {{ calls: { name: string, arguments: Record<string, unknown> }[] } | { text: string }}
   */
  #plan(params) {
    const items = Array.isArray(params.input) ? params.input : this.conversation;
    const last = items[items.length - 1];
    if (!last) return { text: GREETING };

    if (last.type === 'function_call_output') {
      const outputs = [];
      for (let i = items.length - 1; i >= 0 && items[i]?.type === 'function_call_output'; i--) outputs.unshift(items[i]);
      /** @type {string[]} */
      const said = [];
      /** @type {{ said: string[], then?: import('./grammar.mjs').Continuation } | undefined} */
      let waiting;
      /** @type {{ call: IssuedCall | undefined, output: string } | undefined} */
      let lookup;
      for (const o of outputs) {
        const call = this.#calls.get(o.call_id);
        const output = String(o.output);
        this.#noteResult(call, output);
        const plan = call ? this.#waiting.get(call.arguments) : undefined;
        if (plan && call) {
          this.#waiting.delete(call.arguments);
          waiting = plan;
        }
        if (plan?.then) lookup = { call, output };
        else said.push(describeResult(call, output));
      }
      // A batch of many calls (a script checking a page) gets a one-line summary, not a sentence per call.
      if (!waiting && said.length > MAX_SPOKEN_RESULTS) {
        const failed = outputs.filter((o) => /"ok":\s*false/.test(String(o.output))).length;
        return { text: `${outputs.length} tool calls answered, ${failed} failed.` };
      }
      if (!waiting) return { text: said.join(' ') };
      const done = [...waiting.said, ...said];
      if (!waiting.then || !lookup) return { text: done.join(' ') };
      const next = continuePlan(waiting.then, lookup.output);
      if (!next.calls.length) {
        const why = next.notFound ? notFoundReply(next.notFound) : describeResult(lookup.call, lookup.output);
        return { text: [...done, why].join(' ') };
      }
      const refused = this.#refusal(next.calls.map((c) => c.name), params);
      if (refused) return { text: [...done, refused].join(' ') };
      return this.#go(next, done);
    }
    if (last.type === 'message' && last.role === 'user') {
      const text = messageText(last);
      if (text === null) {
        const seconds = ((last.duration_ms ?? 0) / 1000).toFixed(1);
        return {
          text: `I heard ${seconds} seconds of audio, but this local peer cannot understand speech. ` +
            'Type a command instead, like "make the background navy".',
        };
      }
      const steps = parsePlan(text, { reading: this.#reading, lastRef: this.#lastRef, tools: this.#declaredTools(params) });
      if (!steps.length) return { text: `I heard you say: "${text.trim()}".` };
      const refused = this.#refusal(planTools(steps), params);
      if (refused) return { text: refused };
      return this.#go(startPlan(steps), []);
    }
    return { text: 'Is there anything else I can change on this page?' };
  }

  /**
   * Plans waiting for a tool's output, by the call they wait for: what the rest of the plan does with that output
   * (`then`) and what the steps before said (for the reply at the end). The key is the call's `arguments` object,
   * which #emitCall keeps as that call_id's entry in #calls, so the plan for an output is `#calls.get(call_id)`'s.
   * @type {WeakMap<object, { said: string[], then?: import('./grammar.mjs').Continuation }>}
   */
  #waiting = new WeakMap();
  /** The page read_page_text last gave: "next page" reads the one after. @type {{ page: number, pages?: number } | null} */
  #reading = null;
  /** The ref last acted on: "click it". @type {string | null} */
  #lastRef = null;

  /**
   * The calls of one response of a plan; the plan's rest waits for the last one.
   * @param {import('./grammar.mjs').Batch} batch
   * @param {string[]} said what the plan's earlier steps did
   * @returns {{ calls: { name: string, arguments: Record<string, unknown> }[] }}
   */
  #go(batch, said) {
    const last = batch.calls[batch.calls.length - 1];
    if (last && (batch.then || said.length)) this.#waiting.set(last.arguments, batch.then ? { said, then: batch.then } : { said });
    for (const call of batch.calls) if (typeof call.arguments.ref === 'string') this.#lastRef = call.arguments.ref;
    return { calls: batch.calls };
  }

  /**
   * Remembers what later commands refer to: the page read (for "next page"); a new page forgets both.
   * @param {IssuedCall | undefined} call
   * @param {string} output
   */
  #noteResult(call, output) {
    /** @type {unknown} */
    let result;
    try {
      result = JSON.parse(output);
    } catch {
      return;
    }
    if (!call || !isObject(result) || result.ok === false) return;
    if (call.name === 'read_page_text' && typeof result.page === 'number') {
      this.#reading = { page: result.page, ...(typeof result.pages === 'number' ? { pages: result.pages } : {}) };
    } else if (['navigate', 'switch_tab', 'open_tab', 'close_tab'].includes(call.name)) {
      this.#reading = null;
      this.#lastRef = null;
    }
  }

  /**
   * The names of the function tools this response may use.
   * @param {Record<string, any>} params
   */
  #declaredTools(params) {
    const tools = Array.isArray(params.tools) ? params.tools : Array.isArray(this.config.tools) ? this.config.tools : [];
    return new Set(tools.filter((t) => t?.type === 'function').map((t) => String(t.name)));
  }

  /**
   * Why these tools cannot be called (tools switched off, or one the session did not declare), or null.
   * @param {string[]} names
   * @param {Record<string, any>} params
   */
  #refusal(names, params) {
    const toolChoice = params.tool_choice ?? this.config.tool_choice ?? 'auto';
    if (toolChoice === 'none') return `I would use ${names[0]}, but tools are switched off (tool_choice is "none").`;
    const declared = this.#declaredTools(params);
    const missing = names.find((name) => !declared.has(name));
    return missing ? `I would use ${missing}, but this session has no tool by that name.` : null;
  }

  /**
   * Starts a response (the caller has checked that none is active).
   * @param {Record<string, any>} params the `response` of `response.create`
   * @param {{ name: string, arguments: Record<string, unknown> }[]} [scriptedCalls] calls to make instead of planning
   * @returns {string[]} the call ids of a function-call response
   */
  #startResponse(params, scriptedCalls) {
    const modalities = Array.isArray(params.output_modalities)
      ? params.output_modalities
      : Array.isArray(this.config.output_modalities) ? this.config.output_modalities : ['audio'];
    /** @type {ActiveResponse} */
    const response = {
      id: newId('resp'),
      status: 'in_progress',
      statusDetails: null,
      output: [],
      modalities,
      inConversation: params.conversation !== 'none',
      metadata: params.metadata ?? null,
      cancelled: false,
      cancelReason: null,
      outputText: '',
      toneMs: 0,
      audioCleared: false,
    };
    const plan = scriptedCalls ? { calls: scriptedCalls } : this.#plan(params);
    this.#active = response;
    this.send({ type: 'response.created', response: this.#responseObject(response, null) });
    if ('calls' in plan) {
      const ids = plan.calls.map((call, index) => this.#emitCall(response, call, index));
      this.#finishResponse(response);
      return ids;
    }
    void this.#speak(response, plan.text);
    return [];
  }

  /**
   * The `response` object of response.created / response.done.
   * @param {ActiveResponse} response
   * @param {Record<string, any> | null} usageObject
   */
  #responseObject(response, usageObject) {
    return {
      object: 'realtime.response',
      id: response.id,
      status: response.status,
      status_details: response.statusDetails,
      output: structuredClone(response.output),
      conversation_id: response.inConversation ? this.conversationId : null,
      output_modalities: response.modalities,
      max_output_tokens: this.config.max_output_tokens ?? 'inf',
      audio: { output: { format: this.config.audio?.output?.format ?? { type: 'audio/pcm', rate: 24000 }, voice: this.config.audio?.output?.voice ?? 'marin' } },
      usage: usageObject,
      metadata: response.metadata,
    };
  }

  /**
   * Emits one function call item, complete, in the order the real service does.
   * @param {ActiveResponse} response
   * @param {{ name: string, arguments: Record<string, unknown> }} call
   * @param {number} outputIndex
   * @returns {string} the call_id
   */
  #emitCall(response, call, outputIndex) {
    const callId = newId('call');
    const itemId = newId('item');
    const args = JSON.stringify(call.arguments ?? {});
    const common = { response_id: response.id, item_id: itemId, output_index: outputIndex, call_id: callId };
    const item = { id: itemId, object: 'realtime.item', type: 'function_call', status: 'in_progress', name: call.name, call_id: callId, arguments: '' };
    this.#calls.set(callId, { name: call.name, arguments: call.arguments ?? {}, itemId, responseId: response.id, answered: false, sentAt: stamp() });

    const previous = response.inConversation ? this.conversation[this.conversation.length - 1]?.id ?? null : null;
    this.send({ type: 'response.output_item.added', response_id: response.id, output_index: outputIndex, item: structuredClone(item) });
    if (response.inConversation) this.send({ type: 'conversation.item.added', previous_item_id: previous, item: structuredClone(item) });
    this.send({ type: 'response.function_call_arguments.delta', ...common, delta: args });
    this.send({ type: 'response.function_call_arguments.done', ...common, name: call.name, arguments: args });
    const done = { ...item, status: 'completed', arguments: args };
    this.send({ type: 'response.output_item.done', response_id: response.id, output_index: outputIndex, item: structuredClone(done) });
    if (response.inConversation) {
      this.send({ type: 'conversation.item.done', previous_item_id: previous, item: structuredClone(done) });
      this.conversation.push(done);
    }
    response.output.push(done);
    response.outputText += args;
    return callId;
  }

  /**
   * Streams a spoken (or text) reply word by word; the voice track plays a tone for it.
   * @param {ActiveResponse} response
   * @param {string} text
   */
  async #speak(response, text) {
    const audio = response.modalities.includes('audio');
    const itemId = newId('item');
    const where = { response_id: response.id, item_id: itemId, output_index: 0, content_index: 0 };
    const item = { id: itemId, object: 'realtime.item', type: 'message', status: 'in_progress', role: 'assistant', content: [] };
    const previous = response.inConversation ? this.conversation[this.conversation.length - 1]?.id ?? null : null;

    this.send({ type: 'response.output_item.added', response_id: response.id, output_index: 0, item: structuredClone(item) });
    if (response.inConversation) this.send({ type: 'conversation.item.added', previous_item_id: previous, item: structuredClone(item) });
    this.send({ type: 'response.content_part.added', ...where, part: audio ? { type: 'audio', transcript: '' } : { type: 'text', text: '' } });
    if (audio) {
      this.#playingResponseId = response.id;
      this.send({ type: 'output_audio_buffer.started', response_id: response.id });
    }

    const words = text.split(/(?<= )/);
    for (const [i, delta] of words.entries()) {
      if (i > 0 && this.wordIntervalMs > 0) await this.#sleep(this.wordIntervalMs);
      if (this.closed) return;
      if (response.cancelled) break;
      response.outputText += delta;
      this.send({ type: audio ? 'response.output_audio_transcript.delta' : 'response.output_text.delta', ...where, delta });
      if (audio && !response.audioCleared && this.toneMsPerWord > 0) {
        this.#voice.speak(this.toneMsPerWord);
        response.toneMs += this.toneMsPerWord;
      }
    }

    const said = response.outputText;
    if (audio) {
      this.send({ type: 'response.output_audio.done', ...where });
      this.send({ type: 'response.output_audio_transcript.done', ...where, transcript: said });
    } else {
      this.send({ type: 'response.output_text.done', ...where, text: said });
    }
    this.send({ type: 'response.content_part.done', ...where, part: audio ? { type: 'audio', transcript: said } : { type: 'text', text: said } });
    const done = {
      ...item,
      status: response.cancelled ? 'incomplete' : 'completed',
      content: [audio ? { type: 'output_audio', transcript: said } : { type: 'output_text', text: said }],
    };
    this.send({ type: 'response.output_item.done', response_id: response.id, output_index: 0, item: structuredClone(done) });
    if (response.inConversation) {
      this.send({ type: 'conversation.item.done', previous_item_id: previous, item: structuredClone(done) });
      this.conversation.push(done);
    }
    response.output.push(done);
    this.#finishResponse(response);
  }

  /** @param {ActiveResponse} response */
  #finishResponse(response) {
    response.status = response.cancelled ? 'cancelled' : 'completed';
    response.statusDetails = response.cancelled ? { type: 'cancelled', reason: response.cancelReason } : null;
    if (this.#active === response) this.#active = null;
    if (response.toneMs > 0) this.#assistantSpoke = true;
    this.send({ type: 'response.done', response: this.#responseObject(response, this.#usage(response)) });
    // The tone may already have finished playing while words were still being generated.
    if (this.#playingResponseId === response.id && !this.#voice.stats.speaking) this.#onVoiceDrained();
  }

  #onVoiceDrained() {
    const id = this.#playingResponseId;
    if (!id || this.closed) return;
    if (this.#active?.id === id) return; // still generating: more tone will follow
    this.#playingResponseId = null;
    this.send({ type: 'output_audio_buffer.stopped', response_id: id });
  }

  /**
   * Token counts shaped like the real `usage` (estimates; see protocol.mjs).
   * @param {ActiveResponse} response
   */
  #usage(response) {
    let conversationLength = 0;
    for (const item of this.conversation) conversationLength += this.#itemLength(item);
    // textTokens is characters ÷ 4, so the lengths add up to the same count as the joined text.
    const inputText = Math.ceil((String(this.config.instructions ?? '').length + JSON.stringify(this.config.tools ?? []).length + conversationLength) / 4);
    const inputAudio = Math.round((this.audio.input.durationMs - this.#billedInputAudioMs) / 100);
    this.#billedInputAudioMs = this.audio.input.durationMs;
    const cachedText = this.#previousInputText >= 1024 ? Math.min(inputText, Math.floor(this.#previousInputText / 64) * 64) : 0;
    this.#previousInputText = inputText;
    return usage({
      inputText,
      inputAudio,
      cachedText,
      outputText: textTokens(response.outputText),
      outputAudio: Math.round(response.toneMs / 50),
    });
  }

  /**
   * Each item's text length for `#usage`, computed once per item state: a long session (the bench's 5,000-call
   * soak) would otherwise stringify the whole conversation for every response. Items change only by getting new
   * `content` / `output` / `arguments` values, so comparing those references is enough.
   */
  #itemLengths = new WeakMap();

  /** @param {Record<string, any>} item */
  #itemLength(item) {
    const cached = this.#itemLengths.get(item);
    if (cached && cached.content === item.content && cached.output === item.output && cached.arguments === item.arguments) return cached.length;
    const length = (JSON.stringify(item.content ?? '') + (item.output ?? '') + (item.arguments ?? '')).length;
    this.#itemLengths.set(item, { content: item.content, output: item.output, arguments: item.arguments, length });
    return length;
  }

  // ——— Test control —————————————————————————————————————————————————————————————————————————————————————

  /**
   * Resolves with the first received event matching `predicate` — including events already received (from
   * index `since`). Rejects after `timeoutMs`, or when the session closes.
   * @param {Predicate} predicate
   * @param {{ timeoutMs?: number, since?: number }} [options]
   * @returns {Promise<Record<string, any>>}
   */
  async waitFor(predicate, options = {}) {
    const entry = await this.#waitForEntry(predicate, options);
    return /** @type {Record<string, any>} */ (entry.event);
  }

  /**
   * @param {Predicate} predicate
   * @param {{ timeoutMs?: number, since?: number, what?: string, shownMs?: number }} options
   *   `what` describes the awaited event and `shownMs` the timeout, for the error message
   * @returns {Promise<Entry>}
   */
  #waitForEntry(predicate, { timeoutMs = 5000, since = 0, what, shownMs = timeoutMs } = {}) {
    const test = typeof predicate === 'string' ? (/** @type {Record<string, any>} */ e) => e.type === predicate : predicate;
    const match = (/** @type {Entry} */ entry) => entry.event !== null && Boolean(test(entry.event, entry));
    const found = this.received.slice(since).find(match);
    if (found) return Promise.resolve(found);
    const description = what ?? (typeof predicate === 'string' ? `a "${predicate}" event` : 'a matching event');
    if (this.closed) return Promise.reject(new Error(`Session ${this.id} is closed: ${description} will never arrive.`));
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        /** @param {Entry} entry */
        resolve: (entry) => {
          clearTimeout(timer);
          this.#waiters.delete(waiter);
          resolve(entry);
        },
        /** @param {Error} error */
        reject: (error) => {
          clearTimeout(timer);
          this.#waiters.delete(waiter);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        const lastTypes = this.received.slice(-5).map((e) => e.event?.type ?? '(unparsable)').join(', ') || 'nothing';
        waiter.reject(new Error(`Timed out after ${Math.round(shownMs)} ms waiting for ${description} on session ${this.id} (last received: ${lastTypes}).`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  /**
   * The user says `text` into the microphone: what the real service's server VAD and input transcription send for
   * such an utterance (the peer recognises no speech itself, so the words are scripted). Speaking over the AI is a
   * barge-in, as with `interrupt_response`: the active response is cancelled (`turn_detected`) and its audio
   * cleared. Then, with `create_response`, a response to the words (as to typed ones); the transcription arrives
   * after that response has started, word by word, as the real one does (late: clients key rows by `item_id`).
   * Resolves once the transcription is complete.
   * @param {string} text
   * @returns {Promise<{ itemId: string, interrupted: string | null }>}
   */
  async userSays(text) {
    const turn = this.config.audio?.input?.turn_detection ?? {};
    const itemId = newId('item');
    const words = text.split(/(?<= )/);
    this.send({ type: 'input_audio_buffer.speech_started', audio_start_ms: Math.round(this.audio.input.durationMs), item_id: itemId });
    /** @type {string | null} */
    let interrupted = null;
    if (turn.interrupt_response !== false) {
      if (this.#active) {
        interrupted = this.#active.id;
        this.#active.cancelled = true;
        this.#active.cancelReason = 'turn_detected';
      }
      if (this.#playingResponseId) {
        const responseId = this.#playingResponseId;
        this.#voice.clear();
        this.#playingResponseId = null;
        if (this.#active) this.#active.audioCleared = true;
        this.send({ type: 'output_audio_buffer.cleared', response_id: responseId });
      }
    }
    await this.#sleep(words.length * DELTA_INTERVAL_MS);
    if (this.closed) return { itemId, interrupted };
    this.send({ type: 'input_audio_buffer.speech_stopped', audio_end_ms: Math.round(this.audio.input.durationMs), item_id: itemId });
    this.send({ type: 'input_audio_buffer.committed', previous_item_id: this.conversation[this.conversation.length - 1]?.id ?? null, item_id: itemId });
    this.#inputBufferStartMs = this.audio.input.durationMs;
    /** @type {Record<string, any>} */
    const item = { id: itemId, object: 'realtime.item', type: 'message', status: 'completed', role: 'user', content: [{ type: 'input_audio', transcript: null }] };
    this.#addItem(item, undefined);
    // The cancelled response ends within one word's interval; the new one starts after it.
    for (let i = 0; i < 200 && this.#active; i += 1) await this.#sleep(DELTA_INTERVAL_MS);
    if (turn.create_response !== false && !this.#active && !this.closed) {
      item.content = [{ type: 'input_audio', transcript: text }]; // what the model heard
      this.#startResponse({});
    }
    let transcript = '';
    for (const delta of words) {
      transcript += delta;
      this.send({ type: 'conversation.item.input_audio_transcription.delta', item_id: itemId, content_index: 0, delta });
      await this.#sleep(DELTA_INTERVAL_MS);
    }
    this.send({ type: 'conversation.item.input_audio_transcription.completed', item_id: itemId, content_index: 0, transcript });
    return { itemId, interrupted };
  }

  /**
   * Several tool calls in one response, as a model may make them: resolves once the client has answered every
   * call and sent its response.create. Returns the outputs in call order.
   * @param {{ name: string, arguments?: Record<string, unknown> }[]} calls
   * @param {{ timeoutMs?: number }} [options]
   * @returns {Promise<string[]>}
   */
  async callTools(calls, { timeoutMs = 30_000 } = {}) {
    const deadline = performance.now() + timeoutMs;
    const left = () => Math.max(1, deadline - performance.now());
    await Promise.race([this.openPromise, this.#sleep(timeoutMs)]);
    while (this.#active && performance.now() < deadline) await this.#sleep(5);
    if (this.closed || this.#active) throw new Error(`callTools: session ${this.id} is closed or busy.`);
    const since = this.received.length;
    const ids = this.#startResponse({}, calls.map((call) => ({ name: call.name, arguments: call.arguments ?? {} })));
    const outputs = [];
    for (const callId of ids) {
      const entry = await this.#waitForEntry(
        (e) => e.type === 'conversation.item.create' && e.item?.type === 'function_call_output' && e.item?.call_id === callId,
        { since, timeoutMs: left(), what: `the client's function_call_output for ${callId}` },
      );
      outputs.push(String(/** @type {Record<string, any>} */ (entry.event).item.output));
    }
    await this.#waitForEntry('response.create', { since, timeoutMs: left(), what: 'a response.create after the outputs' });
    return outputs;
  }

  /**
   * Makes the "model" call a tool, as if it had decided to: a complete function-call response. Resolves once
   * the client has sent the `function_call_output` for it AND a `response.create` after that.
   * Waits (within the timeout) for an active response to finish first.
   * @param {string} name
   * @param {Record<string, unknown>} [args]
   * @param {{ timeoutMs?: number }} [options]
   * @returns {Promise<ToolCallResult>}
   */
  async callTool(name, args = {}, { timeoutMs = 10_000 } = {}) {
    const deadline = performance.now() + timeoutMs;
    const left = () => Math.max(0, deadline - performance.now());
    if (!this.openedAt) {
      /** @type {ReturnType<typeof setTimeout> | undefined} */
      let timer;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`callTool(${name}): the data channel of session ${this.id} did not open within ${timeoutMs} ms.`)),
          timeoutMs,
        );
      });
      await Promise.race([this.openPromise, timeout]).finally(() => clearTimeout(timer));
    }
    while (this.#active && left() > 0) await this.#sleep(5);
    if (this.closed) throw new Error(`callTool(${name}): session ${this.id} is closed.`);
    if (this.#active) throw new Error(`callTool(${name}): a response was still active after ${timeoutMs} ms.`);

    const since = this.received.length;
    const [callId = ''] = this.#startResponse({}, [{ name, arguments: args }]);
    const sentAt = this.#calls.get(callId)?.sentAt ?? stamp();
    const outputEntry = await this.#waitForEntry(
      (e) => e.type === 'conversation.item.create' && e.item?.type === 'function_call_output' && e.item?.call_id === callId,
      { since, timeoutMs: left(), shownMs: timeoutMs, what: `the client's function_call_output for ${name} (${callId})` },
    );
    const after = this.received.indexOf(outputEntry) + 1;
    const createEntry = await this.#waitForEntry('response.create', {
      since: after,
      timeoutMs: Math.max(1, left()),
      shownMs: timeoutMs,
      what: `a response.create after the output of ${name} (${callId})`,
    });
    const outputEvent = /** @type {Record<string, any>} */ (outputEntry.event);
    return {
      callId,
      output: String(outputEvent.item.output),
      outputEvent,
      responseCreate: /** @type {Record<string, any>} */ (createEntry.event),
      elapsedMs: outputEntry.at - sentAt,
    };
  }

  /**
   * Takes calls the test sent by hand (with `inject`) as the peer's own, so the client's outputs for them are
   * accepted quietly (recorded, added to the conversation) instead of answered with an "unknown call_id" error.
   * @param {{ callId: string, name: string }[]} calls
   */
  adoptCalls(calls) {
    for (const { callId, name } of calls) {
      if (!this.#calls.has(callId)) this.#calls.set(callId, { name, arguments: {}, itemId: '', responseId: '', answered: false, sentAt: stamp() });
    }
  }

  /**
   * RTP counters of the audio in both directions, from the peer connection's stats. (The `audio.input` frame
   * counts come from an audio sink that produces frames even before packets arrive; these count real packets.)
   * @returns {Promise<{ packetsReceived: number, bytesReceived: number, packetsSent: number, bytesSent: number }>}
   */
  async rtpStats() {
    const totals = { packetsReceived: 0, bytesReceived: 0, packetsSent: 0, bytesSent: 0 };
    if (!this.pc || this.closed) return totals;
    try {
      const report = await this.pc.getStats();
      report.forEach((/** @type {Record<string, any>} */ r) => {
        if (r.kind !== 'audio') return;
        if (r.type === 'inbound-rtp') {
          totals.packetsReceived += r.packetsReceived ?? 0;
          totals.bytesReceived += r.bytesReceived ?? 0;
        } else if (r.type === 'outbound-rtp') {
          totals.packetsSent += r.packetsSent ?? 0;
          totals.bytesSent += r.bytesSent ?? 0;
        }
      });
    } catch {
      // Closed meanwhile.
    }
    return totals;
  }

  /**
   * A summary for the HTTP control API.
   */
  describe() {
    return {
      id: this.id,
      callId: this.callId,
      createdAt: this.createdAt,
      openedAt: this.openedAt,
      closedAt: this.closedAt,
      closeReason: this.closeReason,
      closed: this.closed,
      channelState: this.channelState,
      connectionState: this.pc?.connectionState ?? 'new',
      responseActive: this.responseActive,
      received: this.received.length,
      sent: this.sent.length,
      conversationItems: this.conversation.length,
      audio: structuredClone(this.audio),
      config: structuredClone(this.config),
    };
  }

  // ——— Lifetime —————————————————————————————————————————————————————————————————————————————————————————

  /** @param {number} ms */
  #sleep(ms) {
    return new Promise((resolve) => this.#after(ms, () => resolve(undefined), true));
  }

  /**
   * A timer that is cleared when the session closes.
   * @param {number} ms
   * @param {() => void} fn
   * @param {boolean} [runOnClose] run `fn` when the session closes instead of dropping it (for sleeps)
   */
  #after(ms, fn, runOnClose = false) {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      fn();
    }, ms);
    timer.unref?.();
    if (runOnClose) /** @type {any} */ (timer).runOnClose = fn;
    this.#timers.add(timer);
    return timer;
  }

  /**
   * Ends the session: timers, audio, data channel and peer connection. Safe to call more than once.
   * @param {string} [reason]
   * @returns {Promise<void>}
   */
  async close(reason = 'closed by the peer') {
    if (this.closed) return;
    this.closed = true;
    this.closedAt = Date.now();
    this.closeReason = reason;
    this.#log(`${this.id}: closed (${reason})`);
    this.#active = null;
    for (const timer of this.#timers) {
      clearTimeout(timer);
      /** @type {any} */ (timer).runOnClose?.();
    }
    this.#timers.clear();
    for (const waiter of [...this.#waiters]) waiter.reject(new Error(`Session ${this.id} closed (${reason}).`));
    this.#opened?.();
    // Let libwebrtc finish the callback we may be inside of before tearing down native objects.
    await new Promise((resolve) => setImmediate(resolve));
    this.#voice.stop();
    this.#meter?.stop();
    try {
      if (this.channel && this.channel.readyState !== 'closed') this.channel.close();
    } catch {
      // Already gone.
    }
    try {
      this.pc?.close();
    } catch {
      // Already gone.
    }
    this.emit('close', reason);
  }
}
