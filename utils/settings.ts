import { z } from 'zod';
import { storage } from 'wxt/utils/storage';
import { azureEndpoints, PROVIDERS, type ProviderEndpoints } from './realtime/providers';
import type { SitePolicy } from './safety/gate';

/** The user's settings. Read only by the worker and the options page; the API key never leaves the worker. */
export const settingsSchema = z.object({
  apiKey: z.string().trim().default(''),
  provider: z.enum(['openai', 'azure', 'local', 'custom']).default('openai'),
  /** Used when provider is "custom" (a gateway, or a local peer on another port): any OpenAI-compatible URL pair. */
  custom: z
    .object({ mintUrl: z.string().default(''), callsUrl: z.string().default('') })
    .default({ mintUrl: '', callsUrl: '' }),
  /**
   * Azure OpenAI: the resource name (…openai.azure.com) or its endpoint URL, and the deployment the session uses
   * (sent as the model). The key above is sent as Azure's `api-key` header.
   */
  azure: z
    .object({
      resource: z.string().trim().regex(/^([a-z0-9][a-z0-9-]*|https?:\/\/\S+)?$/i, 'The resource name (letters, digits, dashes) or its https:// endpoint.').default(''),
      deployment: z.string().trim().regex(/^[\w.-]*$/, 'A deployment name has only letters, digits, dots, dashes and underscores.').default(''),
    })
    .default({ resource: '', deployment: '' }),
  /**
   * How a session connects: a short-lived key minted here with the API key above; one from your own token server
   * (a URL that mints it with a key it keeps); or your own SDP relay (a URL that takes the offer and returns the
   * answer: no key of any kind in the browser).
   */
  connection: z.enum(['api_key', 'token_server', 'sdp_relay']).default('api_key'),
  tokenServerUrl: z.string().trim().default(''),
  relayUrl: z.string().trim().default(''),
  /** STUN/TURN servers for networks that need them; empty: the browser's defaults. */
  iceServers: z
    .array(
      z.object({
        urls: z
          .array(z.string().trim().regex(/^(stun|stuns|turn|turns):\S+$/, 'An ICE server address starts with stun:, stuns:, turn: or turns:.'))
          .min(1, 'Give at least one stun: or turn: address.'),
        username: z.string().default(''),
        credential: z.string().default(''),
      }),
    )
    .max(8, 'At most 8 ICE servers.')
    .default([]),
  model: z.string().min(1).default('gpt-realtime-2.1-mini'),
  voice: z.string().min(1).default('marin'),
  /** How a turn ends: the service hears when you stop (semantic VAD), or you hold a button or key while you talk. */
  turnDetection: z.enum(['semantic_vad', 'server_vad', 'push_to_talk']).default('semantic_vad'),
  /** Semantic VAD: how soon the AI answers once you pause. */
  eagerness: z.enum(['auto', 'low', 'medium', 'high']).default('auto'),
  /** Server VAD: how loud counts as speech (0 to 1), audio kept from before it, and the pause that ends a turn. */
  vadThreshold: z.number().min(0, 'The threshold is between 0 and 1.').max(1, 'The threshold is between 0 and 1.').default(0.5),
  vadPrefixPaddingMs: z.number().int('Whole milliseconds, please.').min(0, 'The padding cannot be negative.').max(2000, 'At most 2,000 ms of padding.').default(300),
  vadSilenceMs: z.number().int('Whole milliseconds, please.').min(100, 'At least 100 ms of silence.').max(5000, 'At most 5,000 ms of silence.').default(500),
  /** The model that writes your words down for the transcript ('off': no transcript of what you say). */
  transcriptionModel: z.enum(['gpt-4o-mini-transcribe', 'gpt-4o-transcribe', 'whisper-1', 'off']).default('gpt-4o-mini-transcribe'),
  /** How hard a reasoning model thinks before answering; sent only for models that reason ('default': not sent). */
  reasoningEffort: z.enum(['default', 'minimal', 'low', 'medium', 'high']).default('default'),
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
  /** Tools switched off by the user: the session does not declare them (run_javascript also needs the switch above). */
  disabledTools: z.array(z.string()).default([]),
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

export const settingsItem = storage.defineItem<Settings>('local:settings', { fallback: DEFAULT_SETTINGS });

/** Settings as stored may be partial or from an older version: fill in defaults, drop what is invalid. */
export async function loadSettings(): Promise<Settings> {
  const parsed = settingsSchema.safeParse(await settingsItem.getValue());
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export function endpointsOf(settings: Settings): ProviderEndpoints {
  if (settings.provider === 'custom') return settings.custom;
  if (settings.provider === 'azure') return azureEndpoints(settings.azure.resource);
  return PROVIDERS[settings.provider];
}

/** The model name the service is told: Azure names its deployment instead (the model is the deployment's). */
export function serviceModelOf(settings: Settings): string {
  return settings.provider === 'azure' && settings.azure.deployment ? settings.azure.deployment : settings.model;
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
