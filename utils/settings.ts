import { z } from 'zod';
import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import { PROVIDERS, type ProviderEndpoints } from './realtime/providers';
import type { SitePolicy } from './safety/gate';

/** The user's settings. Read only by the worker and the options page; the API key never leaves the worker. */
export const settingsSchema = z.object({
  apiKey: z.string().trim().default(''),
  provider: z.enum(['openai', 'local', 'custom']).default('openai'),
  /** Used when provider is "custom" (a gateway, Azure, or a local peer on another port). */
  custom: z
    .object({ mintUrl: z.string().default(''), callsUrl: z.string().default('') })
    .default({ mintUrl: '', callsUrl: '' }),
  /**
   * How a session gets its short-lived key: minted here with the API key above, or from your own token server
   * (a URL that mints it with a key it keeps: no API key in the browser at all).
   */
  connection: z.enum(['api_key', 'token_server']).default('api_key'),
  tokenServerUrl: z.string().trim().default(''),
  model: z.string().min(1).default('gpt-realtime-2.1-mini'),
  voice: z.string().min(1).default('marin'),
  /** How a turn ends: the service hears when you stop (semantic VAD), or you hold a button or key while you talk. */
  turnDetection: z.enum(['semantic_vad', 'push_to_talk']).default('semantic_vad'),
  /** Semantic VAD: how soon the AI answers once you pause. */
  eagerness: z.enum(['auto', 'low', 'medium', 'high']).default('auto'),
  /** Your own instructions for the AI; empty means the built-in ones (utils/realtime/instructions.ts). */
  instructions: z.string().max(20_000, 'Instructions can be at most 20,000 characters.').default(''),
  noiseReduction: z.enum(['near_field', 'far_field', 'off']).default('near_field'),
  /** How fast the AI speaks, 0.25 to 1.5. */
  speed: z.number().min(0.25, 'Speed is at least 0.25.').max(1.5, 'Speed is at most 1.5.').default(1),
  /** The language you speak (ISO-639-1, like "en"), to help the transcription; empty: detected. */
  transcriptionLanguage: z
    .string()
    .trim()
    .regex(/^([a-z]{2})?$/, 'Use a two-letter language code like "en", or leave it empty.')
    .default(''),
  /** Ends a session after this many minutes (0: no limit). */
  limitMinutes: z.number().int('Whole minutes, please.').min(0, 'The limit cannot be negative.').max(600, 'At most 600 minutes.').default(0),
  /** Ends a session once it has cost this many dollars at list prices (0: no limit). */
  limitDollars: z.number().min(0, 'The limit cannot be negative.').max(1000, 'At most $1,000.').default(0),
  /** Spoken answers, or text only (the AI's words appear in the conversation, nothing is heard). */
  outputModality: z.enum(['audio', 'text']).default('audio'),
  /** Per-site safety setting (utils/safety/gate.ts), by host name; a site not listed is "allow". */
  sitePolicies: z.record(z.string(), z.enum(['allow', 'ask', 'never'])).default({}),
  /** run_javascript is off until the user switches it on; each run still needs confirmation. */
  allowRunJavascript: z.boolean().default(false),
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

let defined: WxtStorageItem<Settings, Record<string, unknown>> | undefined;
const item = (): WxtStorageItem<Settings, Record<string, unknown>> => (defined ??= storage.defineItem<Settings>('local:settings', { fallback: DEFAULT_SETTINGS }));

/**
 * The stored settings. Defined on first use, not at import: wxt/storage reads an item as soon as it is defined, and
 * this module is also loaded where there is no storage API (Chrome's offscreen session host imports the tools, and
 * run_javascript imports this module): there that read was an unhandled rejection at every session start.
 */
export const settingsItem = {
  getValue: () => item().getValue(),
  setValue: (value: Settings) => item().setValue(value),
  watch: (callback: Parameters<WxtStorageItem<Settings, Record<string, unknown>>['watch']>[0]) => item().watch(callback),
};

/** Settings as stored may be partial or from an older version: fill in defaults, drop what is invalid. */
export async function loadSettings(): Promise<Settings> {
  const parsed = settingsSchema.safeParse(await settingsItem.getValue());
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export function endpointsOf(settings: Settings): ProviderEndpoints {
  return settings.provider === 'custom' ? settings.custom : PROVIDERS[settings.provider];
}

/** The key a site's policy is stored under: its host name, lower case, without "www." ('' when not a site). */
export function siteKey(input: string): string {
  const text = input.trim().toLowerCase();
  if (!text) return '';
  try {
    return new URL(text.includes('://') ? text : `https://${text}`).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/**
 * The policy for a page's site: the most specific setting among its host name and the domains it belongs to
 * ("news.example.com", then "example.com"), a leading "www." ignored; "allow" when none is set.
 */
export function sitePolicyOf(settings: Pick<Settings, 'sitePolicies'>, url: string | undefined): SitePolicy {
  let host: string;
  try {
    host = new URL(url ?? '').hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return 'allow';
  }
  const labels = host.split('.');
  const isAddress = /^[\d.]+$/.test(host) || host.includes(':');
  const domains = isAddress ? [host] : labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'));
  for (const domain of domains.length > 0 ? domains : [host]) {
    const policy = settings.sitePolicies[domain] ?? settings.sitePolicies[`www.${domain}`];
    if (policy) return policy;
  }
  return 'allow';
}
