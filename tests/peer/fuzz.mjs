// @ts-check
/**
 * Malformed and unexpected server events for the fuzz test (tests/e2e/fuzz.spec.ts): everything comes from one
 * 32-bit seed, so a failure is replayed with `FUZZ_SEED=<seed>`. Pure: no clock, no crypto, no I/O.
 *
 * The generator knows the tools the extension declared (their JSON schemas, from its session.update), so it can
 * make calls to real tools with arguments that are valid, hostile, or wrong in every way a model could get them
 * wrong. Tools that act beyond the page's styles (clicking, typing, navigating, tabs, screenshots, waiting) only ever
 * get arguments no schema accepts: valid ones would navigate the test tab away, open windows, or wait seconds.
 */

/**
 * Tools whose valid calls are harmless to the test and quick: styles (undone by `reset_page`), reading, scrolling.
 * Every other tool (click, type_text, navigate, open_tab, close_tab, wait_for, look_at_page, …) gets only
 * arguments its schema refuses.
 */
export const SAFE_TOOLS = new Set([
  'get_page_outline',
  'find_text',
  'read_page_text',
  'get_page_html',
  'highlight',
  'scroll',
  'set_style',
  'set_background_color',
  'set_font_color',
  'set_button_style',
  'undo',
  'reset_page',
  'list_tabs',
]);

/** Event types of the GA server protocol (REALTIME.md), as templates are made for them below. */
export const SERVER_EVENT_TYPES = [
  'session.created',
  'session.updated',
  'conversation.item.added',
  'conversation.item.done',
  'conversation.item.retrieved',
  'conversation.item.deleted',
  'conversation.item.truncated',
  'conversation.item.input_audio_transcription.delta',
  'conversation.item.input_audio_transcription.completed',
  'conversation.item.input_audio_transcription.failed',
  'input_audio_buffer.speech_started',
  'input_audio_buffer.speech_stopped',
  'input_audio_buffer.committed',
  'input_audio_buffer.cleared',
  'output_audio_buffer.started',
  'output_audio_buffer.stopped',
  'output_audio_buffer.cleared',
  'response.created',
  'response.done',
  'response.output_item.added',
  'response.output_item.done',
  'response.content_part.added',
  'response.content_part.done',
  'response.output_text.delta',
  'response.output_text.done',
  'response.output_audio.delta',
  'response.output_audio.done',
  'response.output_audio_transcript.delta',
  'response.output_audio_transcript.done',
  'response.function_call_arguments.delta',
  'response.function_call_arguments.done',
  'rate_limits.updated',
  'error',
];

/**
 * The share of each kind of item, in percent (they add up to 100; `outOfOrder` picks send 7 messages each). About a quarter of the messages are function calls: each
 * well-formed one costs a round trip through the worker and the page (≈ 10–40 ms on a busy 2-core machine), so
 * 10,000 events of which ~2,400 are calls keep the run under a minute while every call path is hit hundreds of
 * times; the rest are cheap for the extension and cover the protocol's other events.
 */
export const MIX = {
  invalidJson: 6,
  notAnEvent: 6,
  unknownType: 10,
  wrongTypes: 22,
  unknownIds: 15,
  outOfOrder: 3,
  hugeStrings: 3,
  errorEvents: 5,
  sessionEvents: 2,
  functionCalls: 18,
  brokenFunctionCalls: 6,
  duplicateCalls: 2,
  badCallIds: 2,
};

/**
 * Huge strings are this long (48 Ki characters): escaped twice (inside arguments, inside the event) a message stays
 * under 200 KB, below the data channel's message size limit (256 KiB in Chromium).
 */
/** Repeated call_ids are picked from this many latest calls (see duplicateCalls). */
const RECENT_CALLS = 100;
export const MAX_STRING = 49_152;
/** No message of the run is longer than this, in UTF-8 bytes. */
export const MAX_MESSAGE_BYTES = 200_000;

/**
 * mulberry32: a small, fast, well-mixed 32-bit PRNG; the same seed gives the same numbers everywhere.
 * @param {number} seed
 */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** @param {number} n an integer in [0, n) */
    int: (n) => Math.floor(next() * n),
    /** @template T @param {readonly T[]} list */
    pick: (list) => /** @type {T} */ (list[Math.floor(next() * list.length)]),
    /** @param {number} p */
    chance: (p) => next() < p,
  };
}

/** A seed from `FUZZ_SEED` (decimal or 0x hex), else a random one. @param {string | undefined} text */
export function seedFrom(text) {
  if (text !== undefined && text.trim() !== '') {
    const value = Number(text.trim());
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new Error(`FUZZ_SEED must be an integer in 0..4294967295, not "${text}".`);
    return value;
  }
  return Math.floor(Math.random() * 0x100000000);
}

/**
 * @typedef {{ name: string, parameters?: { properties?: Record<string, any>, required?: string[] } }} ToolSchema
 * @typedef {{ text: string, kind: string }} FuzzItem  one message for the data channel (already serialised)
 * @typedef {{ callId: string, name: string }} ExpectedCall  a call with a well-formed call_id: it must be answered once
 * @typedef {{ items: FuzzItem[], calls: ExpectedCall[], counts: Record<string, number>, openedResponses: string[] }} FuzzPlan
 */

/**
 * The whole fuzz run for one seed: `count` data-channel messages, the calls among them that must each get exactly
 * one `function_call_output`, and how many of each kind there are.
 *
 * Every `response.created` the run sends is followed (somewhere later) by a well-formed `response.done` for the
 * same id, as the real service always does: a response opened and never closed would (correctly) hold back the
 * client's next `response.create` for good, which is not a bug the test should report.
 * @param {{ seed: number, count?: number, tools: ToolSchema[] }} options
 * @returns {FuzzPlan}
 */
export function generateFuzz({ seed, count = 10_000, tools }) {
  const r = prng(seed);
  let serial = 0;
  /** An id unique in this run, shaped like OpenAI's (`prefix_` + letters and digits). @param {string} prefix */
  const id = (prefix) => {
    serial += 1;
    let tail = '';
    for (let i = 0; i < 12; i++) tail += 'abcdefghijklmnopqrstuvwxyz0123456789'[r.int(36)];
    return `${prefix}_fz${serial.toString(36)}${tail}`;
  };
  /** @type {FuzzItem[]} */
  const items = [];
  /** @type {ExpectedCall[]} */
  const calls = [];
  /** Well-formed call events already sent, to repeat (duplicate call_ids). @type {string[]} */
  const sentCalls = [];
  /** Ids "known" to the run, so some events name them and others name ids nobody has seen. */
  const known = { items: /** @type {string[]} */ ([]), responses: /** @type {string[]} */ ([]) };
  /** Responses opened with response.created, closed later with a well-formed response.done. */
  /** @type {string[]} */
  const open = [];
  /** @type {string[]} */
  const openedResponses = [];
  /** @type {Record<string, number>} */
  const counts = {};

  /** @param {string} kind @param {unknown} value an object to serialise, or raw text */
  const push = (kind, value) => {
    counts[kind] = (counts[kind] ?? 0) + 1;
    items.push({ kind, text: typeof value === 'string' ? value : JSON.stringify(value) });
  };

  const bigString = () => {
    const length = r.pick([1_000, 10_000, 30_000, MAX_STRING]);
    const unit = r.pick(['a', 'é', '\u{1F600}', '<script>alert(1)</script>', '\\u0000', '\u202e', 'word ']);
    return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  };
  const weirdString = () =>
    r.pick([
      '',
      ' ',
      '\u0000',
      'null',
      'undefined',
      '__proto__',
      'constructor',
      '<img src=x onerror=alert(1)>',
      '"; DROP TABLE x; --',
      '\u{1F4A9}',
      '\ud800',
      '%s%s%s',
      '../../../etc/passwd',
      'javascript:alert(1)',
      'a'.repeat(r.int(300)),
      `${r.next()}`,
    ]);
  const hostileKey = () => r.pick(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', '']);
  /** @type {(depth?: number) => unknown} */
  const garbage = (depth = 0) => {
    const roll = r.int(depth > 3 ? 6 : 9);
    switch (roll) {
      case 0: return null;
      case 1: return r.chance(0.5);
      case 2: return r.pick([0, -1, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 53), 3.14159]);
      case 3: return weirdString();
      case 4: return r.int(1e6);
      case 5: return [];
      case 6: return Array.from({ length: r.int(4) }, () => garbage(depth + 1));
      case 7: {
        /** @type {Record<string, unknown>} */
        const object = {};
        for (let i = r.int(4); i > 0; i--) object[r.chance(0.4) ? hostileKey() : weirdString().slice(0, 20)] = garbage(depth + 1);
        return object;
      }
      default: {
        // Deep nesting (bounded): a parser or a recursive walk must not overflow its stack.
        let nested = /** @type {unknown} */ ({});
        for (let i = r.int(60) + 10; i > 0; i--) nested = r.chance(0.5) ? [nested] : { a: nested };
        return nested;
      }
    }
  };
  /** A value of some other type than the schema wants. @param {any} schema */
  const wrongType = (schema) => {
    const type = schema?.type ?? (schema?.enum ? 'string' : 'string');
    if (type === 'string') return r.pick([42, true, null, { a: 1 }, ['x'], { __proto__: null }]);
    if (type === 'number' || type === 'integer') return r.pick(['12', 'NaN', true, null, { value: 1 }, [3]]);
    if (type === 'boolean') return r.pick(['true', 1, 0, null, {}, ['yes']]);
    if (type === 'array') return r.pick(['a,b', 42, { 0: 'a' }]);
    if (type === 'object') return r.pick(['{}', 42, ['x']]);
    return r.pick([Symbol.for('x').toString(), 42, [], {}]);
  };
  /** A value the schema accepts (or nearly: bounds are probed too). @param {any} schema @param {string} key */
  const validValue = (schema, key) => {
    if (Array.isArray(schema?.enum)) return r.pick(schema.enum);
    if (Array.isArray(schema?.anyOf)) return validValue(r.pick(schema.anyOf), key);
    switch (schema?.type) {
      case 'boolean': return r.chance(0.5);
      case 'integer': return r.pick([0, 1, 2, 3, -1, schema.maximum ?? 10, schema.minimum ?? 0, (schema.maximum ?? 10) + 1]);
      case 'number': return r.pick([0, 0.5, 1, 1.5, 2, -1, 1e308, 5e-324, schema.maximum ?? 3, (schema.maximum ?? 3) + 0.001]);
      case 'array': return [];
      case 'object': return {};
      default: {
        if (/color/i.test(key)) return r.pick(['navy', 'white', '#123456', 'rgb(1, 2, 3)', 'blurple', 'hsl(0 0% 0%)', 'transparent', 'currentColor', '']);
        if (/selector|scope/i.test(key)) return r.pick(['body', '#subscribe', 'h2', 'p', '*', 'a[href', ':has(', '#no-such-thing', '::before', 'html > body']);
        if (key === 'ref') return r.pick(['e1', 'e2', 'e5', 'e99999', 'x', '']);
        if (key === 'property') return r.pick(['color', 'background-color', 'font-size', 'outline', '--x', '__proto__', 'constructor', 'not-a-property']);
        if (key === 'value') return r.pick(['red', '12px', 'none', 'url(javascript:alert(1))', 'expression(alert(1))', '', 'inherit']);
        return r.chance(0.8) ? r.pick(['lemon', 'Subscribe', 'cake', 'search', 'the', '']) : weirdString();
      }
    }
  };

  /** Arguments (as the JSON string the model sends, or sometimes not a string at all) for one call. @param {ToolSchema | undefined} tool */
  const argumentsFor = (tool) => {
    const properties = tool?.parameters?.properties ?? {};
    const keys = Object.keys(properties);
    const safe = tool !== undefined && SAFE_TOOLS.has(tool.name);
    const invalidText = () => r.pick(['{', '{"a":', '[1,2', 'nul', '{"color": "red"', '}{', '\u0000', '{"a":1}}', "{'a': 1}", 'NaN']);
    const notAnObject = () => JSON.stringify(r.pick([[], [1, 2], 42, 'text', true, -0, 1e308]));
    if (!safe) {
      // Refused by any schema: invalid JSON, JSON that is no object, or a declared field of the wrong type.
      const roll = r.int(keys.length ? 3 : 2);
      if (roll === 0) return invalidText();
      if (roll === 1) return notAnObject();
      /** @type {Record<string, unknown>} */
      const args = {};
      const key = r.pick(keys);
      args[key] = wrongType(properties[key]);
      if (r.chance(0.5)) Object.defineProperty(args, hostileKey(), { value: garbage(), enumerable: true });
      return JSON.stringify(args);
    }
    const roll = r.int(10);
    if (roll === 0) return invalidText();
    if (roll === 1) return notAnObject();
    /** @type {Record<string, unknown>} */
    const args = {};
    let big = false; // one huge string per call at most, so a message stays under MAX_MESSAGE_BYTES
    for (const key of keys) {
      if (r.chance(0.3)) continue; // missing (required or not)
      const schema = properties[key];
      /** @type {boolean} */
      const huge = !big && r.chance(0.125);
      if (huge) big = true;
      args[key] = huge ? bigString() : r.chance(0.7) ? validValue(schema, key) : r.chance(0.5) ? wrongType(schema) : garbage();
    }
    // Extra and hostile keys: JSON.parse makes "__proto__" an own property, which a careless merge would follow.
    for (let extra = r.int(3); extra > 0; extra--) {
      Object.defineProperty(args, r.chance(0.5) ? hostileKey() : weirdString().slice(0, 30), { value: garbage(), enumerable: true, configurable: true });
    }
    let text = JSON.stringify(args);
    if (r.chance(0.1)) text = text.replace(/^\{/, '{"__proto__": {"polluted": "yes", "ok": true}, "constructor": {"prototype": {"polluted": "yes"}}, ');
    if (text.endsWith(', }')) text = text.replace(/, \}$/, '}');
    return text;
  };

  /** A call to a real tool (most), or to one that does not exist. */
  const callTarget = () => {
    if (!tools.length || r.chance(0.12)) {
      return { name: r.pick(['launch_rockets', '', 'get_page_outline ', 'GET_PAGE_HTML', '__proto__', 'constructor', 'toString', 'x'.repeat(200)]), tool: undefined };
    }
    // Safe tools get most calls: those are the ones that reach the page with odd but valid arguments.
    const safe = tools.filter((t) => SAFE_TOOLS.has(t.name));
    const tool = safe.length && r.chance(0.75) ? r.pick(safe) : r.pick(tools);
    return { name: tool.name, tool };
  };

  const responseId = () => (known.responses.length && r.chance(0.5) ? r.pick(known.responses) : id('resp'));
  const itemId = () => (known.items.length && r.chance(0.5) ? r.pick(known.items) : id('item'));
  const base = (/** @type {string} */ type) => ({ type, event_id: id('event') });

  /**
   * One well-formed function call event (the shape the transport acts on).
   * @param {string} callId @param {string} name @param {string} args
   * @param {{ added?: boolean, response?: string }} [options]
   * @returns {Record<string, any>}
   */
  const callEvent = (callId, name, args, { added = false, response = responseId() } = {}) => ({
    ...base(added ? 'response.output_item.added' : 'response.output_item.done'),
    response_id: response,
    output_index: r.int(4),
    item: { id: id('item'), object: 'realtime.item', type: 'function_call', status: 'completed', call_id: callId, name, arguments: args },
  });

  /** A plausible, well-formed event of a known type, for unknown ids and for mutation. @param {string} type */
  const template = (type) => {
    const event = /** @type {Record<string, any>} */ (base(type));
    const item = itemId();
    const resp = responseId();
    switch (type) {
      case 'session.created':
      case 'session.updated':
        return { ...event, session: { type: 'realtime', id: id('sess'), model: 'gpt-realtime-2.1-mini', tools: [] } };
      case 'conversation.item.added':
      case 'conversation.item.done':
      case 'conversation.item.retrieved':
        return { ...event, previous_item_id: r.chance(0.5) ? null : itemId(), item: { id: item, type: 'message', role: r.pick(['user', 'assistant', 'system']), status: 'completed', content: [{ type: 'input_text', text: 'hi' }] } };
      case 'conversation.item.deleted':
        return { ...event, item_id: item };
      case 'conversation.item.truncated':
        return { ...event, item_id: item, content_index: 0, audio_end_ms: r.int(5000) };
      case 'conversation.item.input_audio_transcription.delta':
        return { ...event, item_id: item, content_index: 0, delta: r.pick(['make ', 'the ', 'page ', 'blue']) };
      case 'conversation.item.input_audio_transcription.completed':
        return { ...event, item_id: item, content_index: 0, transcript: 'make the page blue' };
      case 'conversation.item.input_audio_transcription.failed':
        return { ...event, item_id: item, content_index: 0, error: { type: 'transcription_error', message: 'could not transcribe' } };
      case 'input_audio_buffer.speech_started':
        return { ...event, item_id: item, audio_start_ms: r.int(10_000) };
      case 'input_audio_buffer.speech_stopped':
        return { ...event, item_id: item, audio_end_ms: r.int(10_000) };
      case 'input_audio_buffer.committed':
        return { ...event, item_id: item, previous_item_id: null };
      case 'input_audio_buffer.cleared':
        return event;
      case 'output_audio_buffer.started':
      case 'output_audio_buffer.stopped':
      case 'output_audio_buffer.cleared':
        return { ...event, response_id: resp };
      case 'response.created':
        return { ...event, response: { id: resp, object: 'realtime.response', status: 'in_progress', output: [] } };
      case 'response.done':
        return { ...event, response: { id: resp, object: 'realtime.response', status: r.pick(['completed', 'cancelled', 'incomplete', 'failed']), output: [], usage: { total_tokens: 10, input_tokens: 5, output_tokens: 5, input_token_details: { text_tokens: 5, audio_tokens: 0, cached_tokens: 0 }, output_token_details: { text_tokens: 5, audio_tokens: 0 } } } };
      case 'response.output_item.added':
      case 'response.output_item.done':
        return { ...event, response_id: resp, output_index: 0, item: { id: item, type: 'message', role: 'assistant', status: 'in_progress', content: [] } };
      case 'response.content_part.added':
      case 'response.content_part.done':
        return { ...event, response_id: resp, item_id: item, output_index: 0, content_index: 0, part: { type: 'audio', transcript: '' } };
      case 'response.output_text.delta':
      case 'response.output_audio_transcript.delta':
        return { ...event, response_id: resp, item_id: item, output_index: 0, content_index: 0, delta: r.pick(['Hello ', 'there ', 'world. ', '']) };
      case 'response.output_text.done':
        return { ...event, response_id: resp, item_id: item, output_index: 0, content_index: 0, text: 'Hello there.' };
      case 'response.output_audio_transcript.done':
        return { ...event, response_id: resp, item_id: item, output_index: 0, content_index: 0, transcript: 'Hello there.' };
      case 'response.output_audio.delta':
        return { ...event, response_id: resp, item_id: item, output_index: 0, content_index: 0, delta: 'AAAA' };
      case 'response.output_audio.done':
        return { ...event, response_id: resp, item_id: item, output_index: 0, content_index: 0 };
      case 'response.function_call_arguments.delta':
        return { ...event, response_id: resp, item_id: item, output_index: 0, call_id: id('call'), delta: '{"co' };
      case 'response.function_call_arguments.done':
        return { ...event, response_id: resp, item_id: item, output_index: 0, call_id: id('call'), name: 'set_background_color', arguments: '{"color":"red"}' };
      case 'rate_limits.updated':
        return { ...event, rate_limits: [{ name: r.pick(['requests', 'tokens']), limit: 100, remaining: r.int(3), reset_seconds: r.next() * 60 }] };
      case 'error':
        return { ...event, error: { type: 'invalid_request_error', code: 'fuzz', message: 'A fuzzed error.', param: null, event_id: null } };
      default:
        return event;
    }
  };

  /** Changes one field somewhere in the event to the wrong type, removes it, or adds junk. @param {Record<string, any>} event */
  const mutate = (event) => {
    /** @type {string[][]} */
    const paths = [];
    /** @param {any} value @param {string[]} path */
    const walk = (value, path) => {
      if (path.length > 3 || value === null || typeof value !== 'object') return;
      for (const key of Object.keys(value)) {
        if (path.length === 0 && key === 'type') continue;
        paths.push([...path, key]);
        walk(value[key], [...path, key]);
      }
    };
    walk(event, []);
    for (let n = 1 + r.int(3); n > 0 && paths.length; n--) {
      const path = r.pick(paths);
      let parent = event;
      for (const key of path.slice(0, -1)) parent = parent?.[key];
      if (!parent || typeof parent !== 'object') continue;
      const key = /** @type {string} */ (path[path.length - 1]);
      const roll = r.int(4);
      if (roll === 0) delete parent[key];
      else if (roll === 1) parent[key] = garbage();
      else if (roll === 2) parent[key] = wrongType({ type: typeof parent[key] === 'number' ? 'number' : typeof parent[key] === 'boolean' ? 'boolean' : 'string' });
      else Object.defineProperty(parent, hostileKey(), { value: garbage(), enumerable: true, configurable: true, writable: true });
    }
    return event;
  };

  /** Closes one open response (late, as a well-formed response.done). */
  const closeOne = () => {
    const index = r.int(open.length);
    const [resp] = open.splice(index, 1);
    push('responseClose', { ...base('response.done'), response: { id: resp, object: 'realtime.response', status: 'completed', output: [], usage: null } });
  };

  const kinds = /** @type {(keyof typeof MIX)[]} */ (Object.keys(MIX));
  const total = kinds.reduce((sum, kind) => sum + MIX[kind], 0);
  const chooseKind = () => {
    let roll = r.next() * total;
    for (const kind of kinds) {
      roll -= MIX[kind];
      if (roll < 0) return kind;
    }
    return kinds[kinds.length - 1];
  };

  while (items.length < count) {
    if (open.length && (r.chance(0.2) || items.length >= count - open.length)) {
      closeOne();
      continue;
    }
    const kind = /** @type {keyof typeof MIX} */ (chooseKind());
    switch (kind) {
      case 'invalidJson':
        push(kind, r.pick(['', ' ', '{', '}', '{"type":', '{"type": "error"', 'undefined', 'NaN', '\u0000\u0001', '[', '{"type": "response.done",}', 'true false', '\ud800']) + (r.chance(0.3) ? weirdString() : ''));
        break;
      case 'notAnEvent':
        push(kind, r.pick([null, 42, 'text', [], [{ type: 'error' }], true, { event_id: id('event') }, { type: 42 }, { type: null }, { type: ['error'] }, { type: { nested: true } }, garbage()]));
        break;
      case 'unknownType':
        push(kind, { type: r.pick(['some.future_event', 'response.output_item.added.extra', 'session.deleted', '', ' ', '__proto__', 'constructor', 'toString', 'ERROR', 'error ', 'x'.repeat(500)]), event_id: id('event'), payload: garbage() });
        break;
      case 'wrongTypes': {
        const type = r.pick(SERVER_EVENT_TYPES.filter((t) => t !== 'response.created'));
        push(kind, mutate(template(type)));
        break;
      }
      case 'unknownIds': {
        // Well-formed events about items and responses nobody announced.
        const type = r.pick(SERVER_EVENT_TYPES.filter((t) => !t.startsWith('session.') && t !== 'error' && t !== 'response.created'));
        const event = template(type);
        if (typeof event.item_id === 'string') known.items.push(event.item_id);
        if (typeof event.response_id === 'string') known.responses.push(event.response_id);
        push(kind, event);
        break;
      }
      case 'outOfOrder': {
        // One reply's events in a shuffled order (done before delta, deltas after done), its response opened first.
        const resp = id('resp');
        const item = id('item');
        known.responses.push(resp);
        known.items.push(item);
        push('responseOpen', { ...base('response.created'), response: { id: resp, object: 'realtime.response', status: 'in_progress', output: [] } });
        open.push(resp);
        openedResponses.push(resp);
        const textual = r.chance(0.5);
        /** @type {Record<string, any>[]} */
        const sequence = [
          { ...base('response.output_item.added'), response_id: resp, output_index: 0, item: { id: item, type: 'message', role: 'assistant', status: 'in_progress', content: [] } },
          { ...base('output_audio_buffer.started'), response_id: resp },
          ...['Out ', 'of ', 'order. '].map((delta) => ({ ...base(textual ? 'response.output_text.delta' : 'response.output_audio_transcript.delta'), response_id: resp, item_id: item, output_index: 0, content_index: 0, delta })),
          textual
            ? { ...base('response.output_text.done'), response_id: resp, item_id: item, output_index: 0, content_index: 0, text: 'Out of order.' }
            : { ...base('response.output_audio_transcript.done'), response_id: resp, item_id: item, output_index: 0, content_index: 0, transcript: 'Out of order.' },
          { ...base(r.pick(['output_audio_buffer.stopped', 'output_audio_buffer.cleared'])), response_id: resp },
        ];
        for (let i = sequence.length - 1; i > 0; i--) {
          const j = r.int(i + 1);
          const swap = /** @type {Record<string, any>} */ (sequence[i]);
          sequence[i] = /** @type {Record<string, any>} */ (sequence[j]);
          sequence[j] = swap;
        }
        for (const event of sequence) push(kind, event);
        break;
      }
      case 'hugeStrings': {
        const type = r.pick(['response.output_audio_transcript.delta', 'conversation.item.input_audio_transcription.delta', 'response.output_text.done', 'error', 'some.future_event']);
        const event = template(type);
        if ('delta' in event) event.delta = bigString();
        else if ('text' in event) event.text = bigString();
        else if (event.error) event.error.message = bigString();
        else event.payload = bigString();
        push(kind, event);
        break;
      }
      case 'errorEvents': {
        const error = r.pick([
          { type: 'invalid_request_error', code: 'invalid_value', message: 'Invalid value.', param: 'item.call_id', event_id: null },
          { type: 'server_error', code: null, message: 'The server had an error.', event_id: id('event') },
          { type: 'invalid_request_error', code: 'conversation_already_has_active_response', message: 'Conversation already has an active response in progress.' },
          { type: 'invalid_request_error', code: 'response_cancel_not_active', message: 'Cancellation failed: no active response found.' },
          { message: 42 },
          { code: { nested: true } },
          null,
          'a string error',
          [],
          undefined,
        ]);
        push(kind, { ...base('error'), ...(error === undefined ? {} : { error }) });
        break;
      }
      case 'sessionEvents': {
        // Never a session_expired error, nor an expires_at soon: those rightly roll the session over.
        const session = r.pick([null, 42, 'session', [], {}, { expires_at: 'soon' }, { expires_at: -1 }, { expires_at: 1e308 }, { expires_at: Number.MAX_SAFE_INTEGER }, { tools: garbage() }, { tracing: garbage() }, { audio: garbage() }]);
        push(kind, { ...base(r.pick(['session.created', 'session.updated'])), session });
        break;
      }
      case 'functionCalls': {
        const { name, tool } = callTarget();
        const callId = id('call');
        const args = argumentsFor(tool);
        // Sometimes the whole streamed shape (added in progress, argument deltas, arguments done) before the item is done.
        const resp = responseId();
        if (r.chance(0.2)) {
          push(kind, { ...base('response.output_item.added'), response_id: resp, output_index: 0, item: { id: id('item'), type: 'function_call', status: 'in_progress', call_id: callId, name, arguments: '' } });
          push(kind, { ...base('response.function_call_arguments.delta'), response_id: resp, item_id: id('item'), output_index: 0, call_id: callId, delta: args.slice(0, 10) });
          push(kind, { ...base('response.function_call_arguments.done'), response_id: resp, item_id: id('item'), output_index: 0, call_id: callId, name, arguments: args });
        }
        const added = r.chance(0.15);
        push(kind, callEvent(callId, name, args, { added, response: resp }));
        // The transport reports a completed call on .added and on .done: the extension must act once.
        if (added && r.chance(0.5)) push(kind, callEvent(callId, name, args, { response: resp }));
        calls.push({ callId, name });
        sentCalls.push(callId);
        break;
      }
      case 'brokenFunctionCalls': {
        // A call item with a good call_id but something else wrong: it must still be answered (with an error).
        const { name, tool } = callTarget();
        const callId = id('call');
        const event = callEvent(callId, name, argumentsFor(tool));
        const roll = r.int(7);
        if (roll === 0) delete event.item.id;
        else if (roll === 1) delete event.item.arguments;
        else if (roll === 2) event.item.arguments = r.pick([42, null, { color: 'red' }, ['x'], true]);
        else if (roll === 3) delete event.item.name;
        else if (roll === 4) event.item.name = r.pick([42, null, { name: 'undo' }, ['undo']]);
        else if (roll === 5) delete /** @type {Record<string, any>} */ (event).response_id;
        else {
          delete /** @type {Record<string, any>} */ (event).event_id;
          /** @type {Record<string, any>} */ (event).output_index = 'first';
        }
        push(kind, event);
        calls.push({ callId, name: typeof event.item.name === 'string' ? event.item.name : '' });
        sentCalls.push(callId);
        break;
      }
      case 'duplicateCalls': {
        if (!sentCalls.length) break;
        const { name, tool } = callTarget();
        // A repeated call comes within the response it belongs to, so from the last few calls: the host remembers
        // only the last 500 answered ids (voice-session.ts, ANSWERED_CALLS_KEPT), or a long session's ids would pile up.
        push(kind, callEvent(r.pick(sentCalls.slice(-RECENT_CALLS)), name, argumentsFor(tool)));
        break;
      }
      case 'badCallIds': {
        // No well-formed call_id: nothing can be answered, but nothing may break either.
        const { name, tool } = callTarget();
        const event = callEvent('x', name, argumentsFor(tool));
        const callId = r.pick([undefined, null, 42, '', { id: 'call_x' }, ['call_x'], 'x'.repeat(5_000)]);
        if (callId === undefined) delete event.item.call_id;
        else event.item.call_id = /** @type {any} */ (callId);
        push(kind, event);
        break;
      }
    }
  }
  while (open.length) closeOne();
  return { items, calls, counts, openedResponses };
}

/**
 * A well-formed call_id, the kind the fuzz test counts answers for: a non-empty string of at most 256 characters.
 * @param {unknown} value
 */
export function isWellFormedCallId(value) {
  return typeof value === 'string' && value.length > 0 && value.length <= 256;
}
