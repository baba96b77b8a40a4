/**
 * What a session costs: the token counts of each `response.done` (`response.usage`), priced per model.
 *
 * Prices in US dollars per million tokens, as OpenAI published them on 2026-11-21 (../shared/docs/REALTIME.md).
 * The published list gives one cached-input price per model; it is applied to cached text and audio alike. A model
 * not in the table has no price: the UIs then show tokens only.
 */
export const PRICES_AS_OF = '2026-11-21';

interface ModelPrices {
  textIn: number;
  audioIn: number;
  imageIn: number;
  cachedIn: number;
  textOut: number;
  audioOut: number;
}

export const PRICES: Record<string, ModelPrices> = {
  'gpt-realtime-2.1': { textIn: 4, audioIn: 32, imageIn: 5, cachedIn: 0.4, textOut: 24, audioOut: 64 },
  'gpt-realtime-2.1-mini': { textIn: 0.6, audioIn: 10, imageIn: 0.8, cachedIn: 0.3, textOut: 2.4, audioOut: 20 },
};

/** One response's tokens (cached tokens are part of the input counts, as the service reports them). */
export interface Usage {
  textIn: number;
  audioIn: number;
  imageIn: number;
  cachedTextIn: number;
  cachedAudioIn: number;
  textOut: number;
  audioOut: number;
}

export const NO_USAGE: Usage = { textIn: 0, audioIn: 0, imageIn: 0, cachedTextIn: 0, cachedAudioIn: 0, textOut: 0, audioOut: 0 };

/** `response.usage` as the service sends it → our counts; anything missing or malformed counts as 0. */
export function usageOf(raw: unknown): Usage | null {
  if (!raw || typeof raw !== 'object') return null;
  const usage = raw as Record<string, unknown>;
  const details = (key: string) => (usage[key] && typeof usage[key] === 'object' ? (usage[key] as Record<string, unknown>) : {});
  const input = details('input_token_details');
  const output = details('output_token_details');
  const cached = input.cached_tokens_details && typeof input.cached_tokens_details === 'object' ? (input.cached_tokens_details as Record<string, unknown>) : {};
  const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0);
  return {
    textIn: count(input.text_tokens),
    audioIn: count(input.audio_tokens),
    imageIn: count(input.image_tokens),
    cachedTextIn: count(cached.text_tokens),
    cachedAudioIn: count(cached.audio_tokens),
    textOut: count(output.text_tokens),
    audioOut: count(output.audio_tokens),
  };
}

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    textIn: a.textIn + b.textIn,
    audioIn: a.audioIn + b.audioIn,
    imageIn: a.imageIn + b.imageIn,
    cachedTextIn: a.cachedTextIn + b.cachedTextIn,
    cachedAudioIn: a.cachedAudioIn + b.cachedAudioIn,
    textOut: a.textOut + b.textOut,
    audioOut: a.audioOut + b.audioOut,
  };
}

export const totalTokens = (usage: Usage): number => usage.textIn + usage.audioIn + usage.imageIn + usage.textOut + usage.audioOut;

/** The price of some tokens with `model`, in dollars; null when the model's prices are not known. */
export function costOf(model: string, usage: Usage): number | null {
  const price = PRICES[model];
  if (!price) return null;
  const cachedText = Math.min(usage.cachedTextIn, usage.textIn);
  const cachedAudio = Math.min(usage.cachedAudioIn, usage.audioIn);
  const dollars =
    (usage.textIn - cachedText) * price.textIn +
    (usage.audioIn - cachedAudio) * price.audioIn +
    (cachedText + cachedAudio) * price.cachedIn +
    usage.imageIn * price.imageIn +
    usage.textOut * price.textOut +
    usage.audioOut * price.audioOut;
  return dollars / 1_000_000;
}

/** "$0.0123" — small sums keep enough digits to see them move. */
export function formatDollars(dollars: number): string {
  return `$${dollars < 1 ? dollars.toFixed(4) : dollars.toFixed(2)}`;
}

/** Audio tokens per minute: 10 a second of your speech in, 20 a second of the AI's speech out (OpenAI's rates). */
const AUDIO_TOKENS_PER_MINUTE = { in: 600, out: 1200 };

/** What a minute of audio costs with `model`, each way, in dollars (before cached input); null when not known. */
export function audioPricePerMinute(model: string): { in: number; out: number } | null {
  const price = PRICES[model];
  if (!price) return null;
  return { in: (AUDIO_TOKENS_PER_MINUTE.in * price.audioIn) / 1_000_000, out: (AUDIO_TOKENS_PER_MINUTE.out * price.audioOut) / 1_000_000 };
}
