import { OpenAIRealtimeWebRTC, type TransportEvent } from '@openai/agents-realtime';
import type { AudioStats, HostEvent, HostStartRequest, Result, ToolCall } from '../messaging';
import type { BrowserToolResult } from '../tools/browser-tool';
import type { ToolResult } from '../tools/tool';
import { messageOf } from '../errors';
import { withTimeout } from '../timeout';
import { Captions, type Caption } from './captions';
import { checkClientEvent, EventLog, type LoggedEvent } from './event-log';
import { usageOf } from './pricing';
import { RELAY_NO_KEY, relayError } from './relay';
import { traceMark, traceReset } from '../trace';
import { transportConfigOf, type LiveConfig, type SessionTool } from './session-config';

/** Call ids remembered to act on each call once (see #onFunctionCall). */
const ANSWERED_CALLS_KEPT = 500;

/**
 * One live Realtime voice session: microphone in, the AI's voice out, tool calls answered.
 *
 * We use @openai/agents-realtime's WebRTC *transport* alone, not `RealtimeSession`: the transport does the
 * SDP exchange, the `oai-events` channel, the session.updated handshake and the response.create sequencing
 * in ≈ 82 KB, while RealtimeSession + agents-core + the openai client weigh ≈ 928 KB (REALTIME.md) and
 * their parse time would count against session start, which is a hot path. Tools run in another context
 * (the page), so RealtimeSession's in-process tool runner would not help us anyway.
 *
 * Everything browser-specific comes in as a parameter, so the same class runs in Chrome's offscreen
 * document, in Firefox's session page, and in Node tests.
 */
export interface VoiceSessionDeps {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  audioElement: HTMLAudioElement;
  /** Carries a tool call to the page (or the browser) and brings back its result; must never throw. */
  runTool(call: ToolCall): Promise<BrowserToolResult>;
  /** Transcripts, errors and an unasked-for end, for the worker to record and the UIs to show. */
  report(event: HostEvent): void;
}


/** The microphone as a voice call wants it: the browser's echo cancellation, noise suppression, auto gain. */
export const MICROPHONE_CONSTRAINTS: MediaStreamConstraints = {
  audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  video: false,
};

/** Raised when the microphone is not allowed, so the worker can send the user to the permission page. */
export const MICROPHONE_DENIED = 'microphone-denied';

/** The reason a planned rollover gives: the worker renews the session without calling it a failure. */
export const ROLLOVER = 'The session reached its time limit and is being renewed.';
const ROLLOVER_MARGIN_MS = 60_000;
/** How long connecting may take (SDP exchange, data channel, session.updated); usually well under a second. */
const CONNECT_TIMEOUT_MS = 8_000;
/** The last answer before a limit ends the session: its audio plays out for this long after response.done … */
const FAREWELL_TAIL_MS = 1_500;
/** … and the call ends after this long in any case. */
const FAREWELL_MAX_MS = 8_000;
/** Turns kept for a replay: enough context for the model, small enough to replay in a moment. */
const HISTORY_TURNS = 60;

/** Tool calls of one model response: their outputs are all sent, then one response.create. */
interface ResponseCalls {
  pending: Set<string>;
  done: boolean;
}

export class VoiceSession {
  #transport: OpenAIRealtimeWebRTC | null = null;
  #microphone: MediaStream | null = null;
  #peerConnection: RTCPeerConnection | null = null;
  /** The sender that carries the microphone (kept: while muted its track is null). */
  #microphoneSender: RTCRtpSender | undefined;
  #answeredCalls = new Set<string>();
  #responses = new Map<string, ResponseCalls>();
  #captions: Captions;
  /** Finished turns (typed and spoken, both sides), replayed as text after a reconnect. */
  #history = new Map<string, { role: 'user' | 'assistant'; text: string }>();
  #rolloverTimer: ReturnType<typeof setTimeout> | undefined;
  /** What the session runs with now: a change of the options is sent as one session.update. */
  #config: LiveConfig | undefined;
  #tools: SessionTool[] = [];
  readonly #log = new EventLog();
  /** When the user's last turn ended (speech stopped, a message sent, push to talk released), until the answer's first sound. */
  #turnEndedAt: number | undefined;

  constructor(private readonly deps: VoiceSessionDeps) {
    this.#captions = new Captions((caption) => this.#onCaption(caption));
  }

  get live(): boolean {
    return this.#transport?.status === 'connected';
  }

  /** The microphone while a session holds it (the level meter listens to it; while muted its track is disabled). */
  get microphone(): MediaStream | null {
    return this.#microphone;
  }

  /**
   * Connects. With `request.resume` (after a dropped connection, or to roll over before the service's 60-minute
   * limit) the microphone is kept and the conversation so far is replayed as text items: the service has no resume.
   */
  async start(request: HostStartRequest, tools: SessionTool[]): Promise<Result & { code?: string }> {
    if (!request.resume) traceReset();
    traceMark('host-start');
    this.#closeTransport();
    const microphoneLive = this.#microphone?.getAudioTracks().some((track) => track.readyState === 'live') ?? false;
    if (!request.resume) {
      this.#history.clear();
      this.#log.clear();
    }
    if (!request.resume || !microphoneLive) {
      this.#release();
      try {
        this.#microphone = await this.deps.getUserMedia(MICROPHONE_CONSTRAINTS);
        traceMark('microphone');
      } catch (error) {
        return microphoneError(error);
      }
    }
    const microphone = this.#microphone!;
    if (!request.resume) this.#watchMicrophone(microphone);
    this.#captions = new Captions((caption) => this.#onCaption(caption));
    this.#config = request.config;
    this.#tools = tools;
    const iceServers = request.iceServers ?? [];
    const transport = new OpenAIRealtimeWebRTC({
      baseUrl: request.callsUrl,
      mediaStream: microphone,
      audioElement: this.deps.audioElement,
      // A relay gets no key at all (relay.ts): the transport then needs telling that the placeholder is meant.
      ...(request.relay ? { useInsecureApiKey: true } : {}),
      changePeerConnection: (pc) => {
        // The transport makes its RTCPeerConnection with the defaults; ICE servers can still be set before the offer.
        if (iceServers.length > 0) pc.setConfiguration({ ...pc.getConfiguration(), iceServers });
        // Called before the data channel opens, so before the transport adds its message listeners.
        const channel = transport.connectionState.dataChannel;
        if (channel) guardMessageListeners(channel, (error, data) => this.#onListenerThrew(error, data));
        return (this.#peerConnection = pc);
      },
    });
    this.#transport = transport;
    this.#logClientEvents(transport);
    // Function calls are taken from the raw server events (not the transport's `function_call`, which it only emits
    // for events that pass its schema): a call with a good call_id is answered even when the rest of it is broken.
    transport.on('*', (event) => this.#onServerEvent(event));
    transport.on('connection_change', (status) => {
      if (status === 'disconnected') this.#dropped(transport, 'The connection to the voice service was lost.');
    });
    try {
      // Bounded: a connection the far end closes before its data channel opened would leave connect() waiting.
      await withTimeout(
        transport.connect({
          apiKey: request.relay ? RELAY_NO_KEY : request.clientSecret,
          model: request.model,
          initialSessionConfig: transportConfigOf(request.config, tools),
        }),
        CONNECT_TIMEOUT_MS,
        `no answer within ${CONNECT_TIMEOUT_MS / 1000} seconds`,
      );
      traceMark('connected');
    } catch (error) {
      if (this.#transport === transport) this.#closeTransport();
      if (!request.resume) this.#release();
      return { ok: false, error: connectError(error, request.callsUrl, request.relay === true) };
    }
    this.#watchForDrops(transport);
    if (request.resume) {
      this.#replay(transport);
      // Muted before the drop: the new connection must not carry the microphone either.
      if (microphone.getAudioTracks().some((track) => !track.enabled)) await this.setMuted(true);
    }
    return { ok: true };
  }

  sendText(text: string): Result {
    if (!this.#transport || !this.live) return { ok: false, error: 'No voice session is running. Press Start first.' };
    this.#transport.sendMessage(text, {});
    this.#turnEndedAt = performance.now();
    this.deps.report({ kind: 'transcript', role: 'user', text });
    this.#remember(`typed-${crypto.randomUUID()}`, 'user', text);
    return { ok: true };
  }

  /** Cuts the AI off: `response.cancel` when a response is active, then `output_audio_buffer.clear`. */
  stopSpeaking(): Result {
    if (!this.#transport || !this.live) return { ok: false, error: 'No voice session is running. Press Start first.' };
    this.#transport.interrupt();
    this.#log.add('client', { type: 'output_audio_buffer.clear', note: 'after response.cancel when a response was active' });
    return { ok: true };
  }

  /**
   * A limit was reached: the AI says why in one last answer (bounded: the call ends after its response.done or
   * after a few seconds), then the call ends and the worker is told, with the reason for every UI.
   */
  endWithMessage(reason: string): Result {
    const transport = this.#transport;
    if (!transport || !this.live) return { ok: false, error: 'No voice session is running.' };
    let ended = false;
    const end = () => {
      if (ended || this.#transport !== transport) return;
      ended = true;
      this.stop();
      this.deps.report({ kind: 'ended', reason });
    };
    transport.interrupt();
    // The farewell is the next response created; once it is done, its audio gets a moment to play out.
    let farewellId: string | undefined;
    transport.on('*', (event) => {
      const { type, response } = event as { type?: string; response?: { id?: string } };
      if (type === 'response.created' && !farewellId) farewellId = response?.id;
      else if (type === 'response.done' && farewellId && response?.id === farewellId) setTimeout(end, FAREWELL_TAIL_MS);
    });
    setTimeout(end, FAREWELL_MAX_MS);
    transport.requestResponse({ instructions: `Tell the user, in one short sentence, that the session is ending now: ${reason}` });
    return { ok: true };
  }

  /** Any client event, by hand (debugging, advanced use), once its shape is checked. */
  sendClientEvent(event: unknown): Result {
    const transport = this.#transport;
    if (!transport || !this.live) return { ok: false, error: 'No voice session is running. Press Start first.' };
    const checked = checkClientEvent(event);
    if (!checked.ok) return checked;
    transport.sendEvent(checked.event as Parameters<OpenAIRealtimeWebRTC['sendEvent']>[0]);
    return { ok: true };
  }

  /** The last few hundred events, both ways, oldest first. */
  eventLog(): LoggedEvent[] {
    return this.#log.entries();
  }

  /**
   * What we send passes the transport's sendEvent (and requestResponse, for response.create): both are wrapped to
   * log it. The transport's own cancel in interrupt() bypasses them and is logged where we call it.
   */
  #logClientEvents(transport: OpenAIRealtimeWebRTC): void {
    const sendEvent = transport.sendEvent.bind(transport);
    transport.sendEvent = (event) => {
      this.#log.add('client', event);
      sendEvent(event);
    };
    const requestResponse = transport.requestResponse.bind(transport);
    transport.requestResponse = (response) => {
      this.#log.add('client', { type: 'response.create', ...(response ? { response } : {}) });
      requestResponse(response);
    };
  }

  /**
   * The options changed: one `session.update` with the whole config (the transport fills what is left out with its
   * defaults). The voice stays what the session started with: the service refuses a change once the model spoke.
   */
  updateConfig(config: LiveConfig): Result {
    const transport = this.#transport;
    if (!transport || !this.live || !this.#config) return { ok: false, error: 'No voice session is running. Press Start first.' };
    const next = { ...config, voice: this.#config.voice };
    if (JSON.stringify(next) === JSON.stringify(this.#config)) return { ok: true };
    this.#config = next;
    transport.updateSessionConfig(transportConfigOf(next, this.#tools));
    return { ok: true };
  }

  /**
   * Push to talk. Down: the AI stops speaking and what the microphone sent before is dropped
   * (`input_audio_buffer.clear`). Up: the turn is committed (`input_audio_buffer.commit`) and answered
   * (`response.create`).
   */
  pushToTalk(talking: boolean): Result {
    const transport = this.#transport;
    if (!transport || !this.live) return { ok: false, error: 'No voice session is running. Press Start first.' };
    if (talking) {
      transport.interrupt();
      transport.sendEvent({ type: 'input_audio_buffer.clear' });
    } else {
      transport.sendEvent({ type: 'input_audio_buffer.commit' });
      transport.requestResponse();
      this.#turnEndedAt = performance.now();
    }
    return { ok: true };
  }

  /**
   * Muting disables the microphone track and takes it off the connection (`replaceTrack(null)`): a disabled track
   * alone still sends packets of silence, and "muted" should mean nothing of the microphone leaves the browser.
   */
  async setMuted(muted: boolean): Promise<Result> {
    const track = this.#microphone?.getAudioTracks()[0];
    const pc = this.#peerConnection;
    if (!this.#transport || !this.live || !track || !pc) return { ok: false, error: 'No voice session is running. Press Start first.' };
    this.#microphoneSender ??= pc.getSenders().find((sender) => sender.track === track);
    track.enabled = !muted;
    await this.#microphoneSender?.replaceTrack(muted ? null : track);
    return { ok: true };
  }

  /** Ends the call and releases the microphone and the connection. */
  stop(): void {
    this.#closeTransport();
    this.#release();
    this.#history.clear();
  }

  /** Closes the connection (not the microphone) without reporting it as dropped. */
  #closeTransport(): void {
    const transport = this.#transport;
    this.#transport = null;
    clearTimeout(this.#rolloverTimer);
    this.#peerConnection = null;
    this.#microphoneSender = undefined;
    this.#answeredCalls.clear();
    this.#responses.clear();
    transport?.close();
  }

  /**
   * The connection is gone (or about to reach the service's time limit): close it and tell the worker, which mints
   * a fresh key and starts again with `resume`. Reported once per connection.
   */
  #dropped(transport: OpenAIRealtimeWebRTC, reason: string): void {
    if (this.#transport !== transport) return;
    this.#closeTransport();
    this.deps.report({ kind: 'dropped', reason });
  }

  /**
   * The transport notices a failed peer connection, but not the far end closing the data channel (the peer
   * connection can stay "connected" for 30 s after): the SCTP and DTLS transports say so at once.
   */
  #watchForDrops(transport: OpenAIRealtimeWebRTC): void {
    const pc = this.#peerConnection;
    if (!pc) return;
    const lost = () => this.#dropped(transport, 'The connection to the voice service was lost.');
    const dtls = pc.getSenders().find((sender) => sender.transport)?.transport;
    const gone = () =>
      pc.sctp?.state === 'closed' || dtls?.state === 'closed' || dtls?.state === 'failed' || pc.connectionState === 'failed' || pc.connectionState === 'closed';
    pc.sctp?.addEventListener('statechange', () => gone() && lost());
    dtls?.addEventListener('statechange', () => gone() && lost());
    // It may have gone while connecting (the transport then still resolves its connect): the same drop, now.
    if (gone()) queueMicrotask(lost);
  }

  /** A microphone unplugged (or taken by another program) mid-session ends its track: say so; typing still works. */
  #watchMicrophone(microphone: MediaStream): void {
    for (const track of microphone.getAudioTracks()) {
      track.addEventListener('ended', () => {
        if (this.#microphone !== microphone) return;
        this.deps.report({
          kind: 'error',
          error: 'The microphone stopped (unplugged, or taken by another program). You can keep typing; to talk again, press Stop, then Start.',
        });
      });
    }
  }

  /** The conversation so far, as text items in the new connection, oldest first. */
  #replay(transport: OpenAIRealtimeWebRTC): void {
    for (const { role, text } of this.#history.values()) {
      transport.sendEvent({
        type: 'conversation.item.create',
        item: { type: 'message', role, content: [{ type: role === 'user' ? 'input_text' : 'output_text', text }] },
      });
    }
  }

  /** Every caption goes to the UIs; a finished one is also kept for a replay. */
  #onCaption(caption: Caption): void {
    this.deps.report({ kind: 'caption', ...caption });
    if (caption.state !== 'partial' && caption.text.trim()) this.#remember(caption.itemId, caption.role, caption.text);
  }

  #remember(key: string, role: 'user' | 'assistant', text: string): void {
    this.#history.delete(key); // re-inserted: a turn that changes (final → interrupted) keeps its place below
    this.#history.set(key, { role, text });
    if (this.#history.size > HISTORY_TURNS) this.#history.delete(this.#history.keys().next().value!);
  }

  /**
   * Rolls over before the service ends the session (60 minutes, `expires_at`): a minute before, or a tenth of the
   * lifetime before for short sessions, so the user never hears the cut.
   */
  #scheduleRollover(transport: OpenAIRealtimeWebRTC, expiresAt: unknown): void {
    const delay = rolloverDelayMs(expiresAt, Date.now());
    if (delay === null) return;
    clearTimeout(this.#rolloverTimer);
    this.#rolloverTimer = setTimeout(() => this.#dropped(transport, ROLLOVER), delay);
  }

  async stats(): Promise<AudioStats | null> {
    const pc = this.#peerConnection;
    if (!pc) return null;
    let sentBytes = 0;
    let receivedBytes = 0;
    (await pc.getStats()).forEach((report: { type: string; kind?: string; bytesSent?: number; bytesReceived?: number }) => {
      if (report.kind !== 'audio') return;
      if (report.type === 'outbound-rtp') sentBytes += report.bytesSent ?? 0;
      if (report.type === 'inbound-rtp') receivedBytes += report.bytesReceived ?? 0;
    });
    const audio = this.deps.audioElement;
    return { sentBytes, receivedBytes, playing: audio.srcObject != null && !audio.paused };
  }

  /** Lets go of the microphone and the AI's voice. */
  #release(): void {
    for (const track of this.#microphone?.getTracks() ?? []) track.stop();
    this.#microphone = null;
    this.deps.audioElement.srcObject = null;
  }

  async #onFunctionCall(call: ServerFunctionCall): Promise<void> {
    // The service reports a call on output_item.added and .done when both say "completed" (and a confused one may
    // repeat a call_id): act once.
    if (this.#answeredCalls.has(call.callId)) return;
    this.#answeredCalls.add(call.callId);
    // The repeat comes within the same response: the last few hundred ids are plenty, and a long session's
    // thousands of calls do not pile up here (the bench's 5,000-call soak).
    if (this.#answeredCalls.size > ANSWERED_CALLS_KEPT) this.#answeredCalls.delete(this.#answeredCalls.values().next().value!);
    const transport = this.#transport;
    const responseCalls = this.#callsOf(call.responseId);
    responseCalls?.pending.add(call.callId);
    const startedAt = performance.now();
    const result: BrowserToolResult = call.problem
      ? { ok: false, error: call.problem }
      : await this.deps.runTool({ callId: call.callId, name: call.name, arguments: call.arguments });
    if (this.#transport !== transport || !transport) return;
    const ms = Math.round(performance.now() - startedAt);
    const undoable = result.ok && result.undoable === true;
    // The model's own undo and reset take changes back too: the panels' rows say so.
    const undid = result.ok && call.name === 'undo' ? 'last' : result.ok && call.name === 'reset_page' ? 'all' : undefined;
    this.deps.report({
      kind: 'transcript',
      role: 'tool',
      text: describeToolCall(call.name || '(no tool)', result),
      ms,
      ...(undoable ? { undoable } : {}),
      ...(undid ? { undid } : {}),
    });
    const { image, ...output } = result;
    transport.sendEvent({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: call.callId, output: JSON.stringify(output) } });
    // A screenshot goes to the model as its own user item (the GA models take input_image), after the output
    // that says it was attached and before the response.create that lets the model look at it.
    if (image) {
      transport.sendEvent({
        type: 'conversation.item.create',
        item: { type: 'message', role: 'user', content: [{ type: 'input_image', image_url: image.dataUrl, detail: 'auto' }] },
      });
    }
    if (!responseCalls) {
      transport.requestResponse();
      return;
    }
    responseCalls.pending.delete(call.callId);
    this.#maybeRespond(call.responseId);
  }

  /**
   * One of the transport's data-channel listeners threw on a server event it could not take (its zod `.parse` of a
   * malformed item, a `session.created` without a session): contained, and kept in the event log for debugging.
   */
  #onListenerThrew(error: unknown, data: unknown): void {
    this.#log.add('server', {
      type: 'client.unreadable_server_event',
      error: messageOf(error).slice(0, 300),
      event: typeof data === 'string' ? data.slice(0, 1_000) : '(not text)',
    });
  }

  #callsOf(responseId: string | undefined): ResponseCalls | undefined {
    if (!responseId) return undefined;
    let calls = this.#responses.get(responseId);
    if (!calls) this.#responses.set(responseId, (calls = { pending: new Set(), done: false }));
    return calls;
  }

  /** One response.create after the response that made the calls is done and every output is sent. */
  #maybeRespond(responseId: string | undefined): void {
    const calls = responseId ? this.#responses.get(responseId) : undefined;
    if (!calls || !calls.done || calls.pending.size > 0) return;
    this.#responses.delete(responseId!);
    this.#transport?.requestResponse();
  }

  #onServerEvent(event: TransportEvent): void {
    const data = event as TransportEvent & Record<string, unknown>;
    this.#log.add('server', data);
    this.#captions.onServerEvent(data);
    const transport = this.#transport;
    const call = functionCallOf(data);
    if (call) {
      void this.#onFunctionCall(call);
      return;
    }
    switch (data.type) {
      case 'input_audio_buffer.speech_stopped':
        this.#turnEndedAt = performance.now();
        return;
      case 'output_audio_buffer.started':
      case 'response.output_text.delta':
        // The answer's first sound (or, for text-only answers, its first word).
        if (this.#turnEndedAt !== undefined) {
          this.deps.report({ kind: 'latency', ms: Math.round(performance.now() - this.#turnEndedAt) });
          this.#turnEndedAt = undefined;
        }
        return;
      case 'session.created':
        if (transport) this.#scheduleRollover(transport, (data.session as { expires_at?: unknown } | undefined)?.expires_at);
        return;
      case 'response.done': {
        const usage = usageOf((data.response as { usage?: unknown } | undefined)?.usage);
        if (usage) this.deps.report({ kind: 'usage', usage });
        const id = (data.response as { id?: string } | undefined)?.id;
        const calls = id ? this.#responses.get(id) : undefined;
        if (calls) {
          calls.done = true;
          this.#maybeRespond(id);
        }
        return;
      }
      case 'rate_limits.updated': {
        const spent = rateLimitSpent(data.rate_limits);
        if (spent) this.deps.report({ kind: 'error', error: spent });
        return;
      }
      case 'error': {
        const error = data.error as { message?: unknown; code?: unknown } | null | undefined;
        // The time limit came before our rollover (a clock off, a shorter limit): roll over now.
        if (error?.code === 'session_expired' && transport) return this.#dropped(transport, ROLLOVER);
        this.deps.report({ kind: 'error', error: serverErrorText(error) });
        return;
      }
    }
  }
}

/** A function call as the service announced it; `problem` says why it cannot be run (it is answered with that). */
export interface ServerFunctionCall {
  callId: string;
  name: string;
  arguments: string;
  responseId?: string;
  problem?: string;
}

/** Longest call_id answered: the service's are about 30 characters. */
const MAX_CALL_ID = 256;

/**
 * The function call a server event announces (`response.output_item.added`/`.done` with a completed
 * `function_call` item), or null. Every call with a usable call_id is returned, so it gets an answer, even when its
 * name or arguments are broken: a model left waiting for an output would stall the conversation.
 */
export function functionCallOf(event: Record<string, unknown>): ServerFunctionCall | null {
  if (event.type !== 'response.output_item.added' && event.type !== 'response.output_item.done') return null;
  const item = event.item;
  if (!item || typeof item !== 'object') return null;
  const { type, status, call_id: callId, name, arguments: args } = item as Record<string, unknown>;
  if (type !== 'function_call' || status !== 'completed') return null;
  if (typeof callId !== 'string' || callId.length === 0 || callId.length > MAX_CALL_ID) return null;
  const responseId = typeof event.response_id === 'string' ? event.response_id : undefined;
  const call: ServerFunctionCall = { callId, name: typeof name === 'string' ? name : '', arguments: typeof args === 'string' ? args : '', ...(responseId ? { responseId } : {}) };
  if (typeof name !== 'string' || name.length === 0) return { ...call, problem: 'The call named no tool, so nothing was run.' };
  if (typeof args !== 'string') {
    return { ...call, problem: `The call to ${name.slice(0, 80)} came without its arguments as a JSON string, so it was not run.` };
  }
  return call;
}

/**
 * When to roll over before the service's time limit (`expires_at`, seconds): a minute before, or a tenth of the
 * lifetime before for short sessions. Null for a value that cannot be a real session's end — not a number, already
 * past, or further off than a timer can wait (setTimeout fires at once beyond 2^31 - 1 ms): rolling over at once
 * would start a reconnect for nothing (and loop, for a clock that is off), while the service's own
 * `session_expired` still rolls the session over if it ends.
 */
export function rolloverDelayMs(expiresAt: unknown, now: number): number | null {
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) return null;
  const left = expiresAt * 1000 - now;
  if (left <= 0 || left > MAX_TIMER_MS) return null;
  return left - Math.min(ROLLOVER_MARGIN_MS, left / 10);
}
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Errors are shown with at most this many characters. */
const MAX_ERROR_CHARS = 500;

/** The sentence shown for a server `error` event: its message (as text, cut to a readable length), else a general one. */
export function serverErrorText(error: unknown): string {
  const message = error && typeof error === 'object' ? (error as { message?: unknown }).message : undefined;
  if (typeof message !== 'string' || !message.trim()) return 'The voice service reported an error.';
  return message.length > MAX_ERROR_CHARS ? `${message.slice(0, MAX_ERROR_CHARS)}…` : message;
}

/**
 * The transport parses server events with zod `.parse` in its data channel's message listeners: a malformed event
 * (a function_call item without an id, a message item of the wrong shape, a `session.created` without a session)
 * makes a listener throw — an uncaught error in the session host, and the rest of that listener skipped. Every
 * message listener added to `channel` is wrapped so a throw is contained and handed to `onThrow`.
 */
export function guardMessageListeners(channel: EventTarget, onThrow: (error: unknown, data: unknown) => void): void {
  const wrapped = new WeakMap<EventListenerOrEventListenerObject, EventListener>();
  const add = channel.addEventListener.bind(channel);
  const remove = channel.removeEventListener.bind(channel);
  channel.addEventListener = (type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) => {
    if (type !== 'message' || !listener) return add(type, listener, options);
    let guarded = wrapped.get(listener);
    if (!guarded) {
      guarded = function (this: EventTarget, event: Event) {
        try {
          if (typeof listener === 'function') listener.call(this, event);
          else listener.handleEvent(event);
        } catch (error) {
          onThrow(error, (event as MessageEvent).data);
        }
      };
      wrapped.set(listener, guarded);
    }
    add(type, guarded, options);
  };
  channel.removeEventListener = (type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) =>
    remove(type, (listener && wrapped.get(listener)) ?? listener, options);
}

function describeToolCall(name: string, result: ToolResult): string {
  return result.ok ? `${name}: done` : `${name}: ${result.error}`;
}

/**
 * "The provider's limit of tokens is used up; it resets in 12 s." when a rate limit has nothing left, else null.
 * (`rate_limits.updated`: `[{name: "requests" | "tokens", limit, remaining, reset_seconds}]`.)
 */
export function rateLimitSpent(limits: unknown): string | null {
  if (!Array.isArray(limits)) return null;
  for (const limit of limits as Array<Record<string, unknown>>) {
    if (limit?.remaining !== 0 || typeof limit.name !== 'string') continue;
    const reset = typeof limit.reset_seconds === 'number' ? ` It resets in ${Math.ceil(limit.reset_seconds)} s.` : '';
    return `Rate limited: your account's limit of ${limit.name} per minute is used up, so the AI cannot answer for now.${reset}`;
  }
  return null;
}

function microphoneError(error: unknown): Result & { code?: string } {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return { ok: false, code: MICROPHONE_DENIED, error: 'The microphone is not allowed for this extension yet.' };
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return { ok: false, error: 'No microphone was found. Plug one in (or enable it) and press Start again.' };
  }
  if (name === 'NotReadableError') {
    return { ok: false, error: 'The microphone is in use by another program or could not be opened.' };
  }
  return { ok: false, error: `The microphone could not be opened: ${messageOf(error)}` };
}

/** Turns transport failures into a sentence: the status and the provider's own message where there is one. */
function connectError(error: unknown, callsUrl: string, relay: boolean): string {
  const message = messageOf(error);
  const host = hostOf(callsUrl);
  const fromRelay = relay ? relayError(message, host) : null;
  if (fromRelay) return fromRelay;
  const status = /failed with status (\d+)/.exec(message)?.[1];
  if (status === '401' || status === '403') {
    return `The voice service at ${host} refused the session key (${status}).${detailOf(message)}`;
  }
  if (status) return `The voice service at ${host} answered ${status}.${detailOf(message)}`;
  if (/fetch|network/i.test(message)) return `Could not reach the voice service at ${host}. Is it running and reachable?`;
  if (error instanceof Event) {
    return `The connection to the voice service at ${host} closed while it was being set up (${message}).`;
  }
  return `Could not connect to the voice service at ${host}: ${message}`;
}

function detailOf(message: string): string {
  const detail = message.replace(/^.*?failed with status \d+:?\s*/, '').trim();
  return detail ? ` ${detail}` : '';
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

