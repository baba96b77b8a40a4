// @ts-check
/**
 * Shapes of the GA Realtime protocol the local peer needs: ids, default session config, errors, usage, and the
 * session.update checks. Kept apart from the connection code so it reads like a reference
 * (see ../shared/docs/REALTIME.md beside the checkout and the openai package's `realtime.ts` types).
 */
import { randomBytes } from 'node:crypto';

export const DEFAULT_MODEL = 'gpt-realtime-2.1-mini';
export const VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse', 'marin', 'cedar'];
/** Sessions end after 60 minutes (`session_expired`). */
export const SESSION_TTL_SECONDS = 3600;

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * An id shaped like OpenAI's: `prefix_` + 21 random letters and digits (`event_…`, `resp_…`, `call_…`).
 * @param {string} prefix
 * @param {number} [length]
 */
export function newId(prefix, length = 21) {
  const bytes = randomBytes(length);
  let id = '';
  for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length];
  return `${prefix}_${id}`;
}

/** Seconds since the epoch, as the API reports times. */
export const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * A plain object (not an array, not null)?
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
export function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Merges `patch` into `target` in place, the way `session.update` does: only present fields change, nested
 * objects merge, arrays and scalars (and null) replace.
 * @param {Record<string, any>} target
 * @param {Record<string, any>} patch
 */
export function mergeInto(target, patch) {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (isObject(value) && isObject(target[key])) mergeInto(target[key], value);
    else target[key] = structuredClone(value);
  }
  return target;
}

/**
 * The session object a new session starts with, as `session.created` reports it.
 * @param {string} model
 * @returns {Record<string, any>}
 */
export function defaultSession(model = DEFAULT_MODEL) {
  return {
    type: 'realtime',
    object: 'realtime.session',
    id: newId('sess'),
    model,
    output_modalities: ['audio'],
    instructions:
      'You are a helpful voice assistant. (This is the local Realtime peer: it understands simple typed commands.)',
    tools: [],
    tool_choice: 'auto',
    max_output_tokens: 'inf',
    tracing: null,
    truncation: 'auto',
    prompt: null,
    expires_at: 0,
    include: null,
    audio: {
      input: {
        format: { type: 'audio/pcm', rate: 24000 },
        transcription: null,
        noise_reduction: null,
        turn_detection: {
          type: 'server_vad',
          threshold: 0.5,
          prefix_padding_ms: 300,
          silence_duration_ms: 200,
          idle_timeout_ms: null,
          create_response: true,
          interrupt_response: true,
        },
      },
      output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'marin', speed: 1 },
    },
  };
}

/**
 * @typedef {{ type: string, code: string | null, message: string, param: string | null, event_id?: string | null }} ApiError
 */

/**
 * An error body as the API sends it (inside `{error: …}` over HTTP, or in an `error` event).
 * @param {string | null} code
 * @param {string} message
 * @param {{ param?: string | null, type?: string, eventId?: string | null }} [options]
 * @returns {ApiError}
 */
export function apiError(code, message, { param = null, type = 'invalid_request_error', eventId } = {}) {
  return { type, code, message, param, ...(eventId !== undefined ? { event_id: eventId } : {}) };
}

/**
 * Shows a key the way OpenAI's "Incorrect API key provided" message does: the start, stars, the last four.
 * @param {string} key
 */
export function maskKey(key) {
  if (key.length <= 8) return `${key.slice(0, Math.min(5, key.length))}***`;
  if (key.length <= 16) return `${key.slice(0, 5)}***${key.slice(-2)}`;
  return `${key.slice(0, 5)}${'*'.repeat(Math.min(40, key.length - 9))}${key.slice(-4)}`;
}

/** Client events the GA interface accepts (an unknown `type` gets `invalid_value`). */
export const CLIENT_EVENT_TYPES = [
  'session.update',
  'input_audio_buffer.append',
  'input_audio_buffer.commit',
  'input_audio_buffer.clear',
  'output_audio_buffer.clear',
  'conversation.item.create',
  'conversation.item.retrieve',
  'conversation.item.truncate',
  'conversation.item.delete',
  'response.create',
  'response.cancel',
];

/** Beta-shape session fields. GA does not know them (they moved under `audio`, or were renamed). */
const BETA_SESSION_FIELDS = {
  modalities: 'output_modalities',
  voice: 'audio.output.voice',
  speed: 'audio.output.speed',
  input_audio_format: 'audio.input.format',
  output_audio_format: 'audio.output.format',
  input_audio_transcription: 'audio.input.transcription',
  input_audio_noise_reduction: 'audio.input.noise_reduction',
  turn_detection: 'audio.input.turn_detection',
};

/**
 * Checks a `session.update`'s session (or a mint request's session) against the GA rules the peer enforces.
 * @param {unknown} session
 * @param {{ current?: Record<string, any>, assistantHasSpoken?: boolean }} [context]
 * @returns {ApiError | null}
 */
export function sessionProblem(session, { current, assistantHasSpoken = false } = {}) {
  if (!isObject(session)) {
    return apiError('missing_required_parameter', "Missing required parameter: 'session'.", { param: 'session' });
  }
  if (session.type === undefined) {
    return apiError('missing_required_parameter', "Missing required parameter: 'session.type'.", { param: 'session.type' });
  }
  if (session.type !== 'realtime') {
    return apiError(
      'invalid_value',
      `Invalid value: '${String(session.type)}'. Supported values are: 'realtime'.`,
      { param: 'session.type' },
    );
  }
  for (const [field, ga] of Object.entries(BETA_SESSION_FIELDS)) {
    if (field in session) {
      return apiError(
        'unknown_parameter',
        `Unknown parameter: 'session.${field}'. (This is the beta shape; in the GA interface it is 'session.${ga}'.)`,
        { param: `session.${field}` },
      );
    }
  }
  if (current && session.model !== undefined && session.model !== current.model) {
    return apiError('invalid_value', "The session's model cannot be changed once the session has started.", {
      param: 'session.model',
    });
  }
  const modalities = session.output_modalities;
  if (
    modalities !== undefined &&
    !(Array.isArray(modalities) && modalities.length === 1 && (modalities[0] === 'audio' || modalities[0] === 'text'))
  ) {
    return apiError('invalid_value', "Invalid 'session.output_modalities': use [\"audio\"] or [\"text\"].", {
      param: 'session.output_modalities',
    });
  }
  const voice = session.audio?.output?.voice;
  if (voice !== undefined) {
    if (typeof voice !== 'string' || !VOICES.includes(voice)) {
      return apiError(
        'invalid_value',
        `Invalid value: '${String(voice)}'. Supported values are: ${VOICES.map((v) => `'${v}'`).join(', ')}.`,
        { param: 'session.audio.output.voice' },
      );
    }
    if (current && assistantHasSpoken && voice !== current.audio?.output?.voice) {
      return apiError('cannot_update_voice', "Cannot update a conversation's voice if assistant audio is present.", {
        param: 'session.audio.output.voice',
      });
    }
  }
  if (session.tools !== undefined) {
    if (!Array.isArray(session.tools)) {
      return apiError('invalid_type', "Invalid type for 'session.tools': expected an array.", { param: 'session.tools' });
    }
    for (const [i, tool] of session.tools.entries()) {
      if (!isObject(tool)) {
        return apiError('invalid_type', `Invalid type for 'session.tools[${i}]': expected an object.`, {
          param: `session.tools[${i}]`,
        });
      }
      if (tool.type === 'function' && (typeof tool.name !== 'string' || !tool.name)) {
        return apiError('missing_required_parameter', `Missing required parameter: 'session.tools[${i}].name'.`, {
          param: `session.tools[${i}].name`,
        });
      }
    }
  }
  return null;
}

/** Roughly one token per four characters, as OpenAI's rule of thumb says. */
export const textTokens = (/** @type {string} */ text) => Math.ceil(text.length / 4);

/**
 * A `usage` object shaped like the real one (the numbers are estimates: characters / 4 for text, 10 tokens per
 * second of microphone audio in, 20 per second of speech out).
 * @param {{ inputText: number, inputAudio: number, cachedText: number, outputText: number, outputAudio: number }} n
 */
export function usage({ inputText, inputAudio, cachedText, outputText, outputAudio }) {
  const input = inputText + inputAudio;
  const output = outputText + outputAudio;
  return {
    total_tokens: input + output,
    input_tokens: input,
    output_tokens: output,
    input_token_details: {
      text_tokens: inputText,
      audio_tokens: inputAudio,
      image_tokens: 0,
      cached_tokens: cachedText,
      cached_tokens_details: { text_tokens: cachedText, audio_tokens: 0, image_tokens: 0 },
    },
    output_token_details: { text_tokens: outputText, audio_tokens: outputAudio },
  };
}
