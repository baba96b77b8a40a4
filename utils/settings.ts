import { z } from 'zod';
import { storage } from 'wxt/utils/storage';
import { PROVIDERS, type ProviderEndpoints } from './realtime/providers';

/** The user's settings. Read only by the worker and the options page; the API key never leaves the worker. */
export const settingsSchema = z.object({
  apiKey: z.string().trim().default(''),
  provider: z.enum(['openai', 'local', 'custom']).default('openai'),
  /** Used when provider is "custom" (a gateway, Azure, or a local peer on another port). */
  custom: z
    .object({ mintUrl: z.string().default(''), callsUrl: z.string().default('') })
    .default({ mintUrl: '', callsUrl: '' }),
  model: z.string().min(1).default('gpt-realtime-2.1-mini'),
  voice: z.string().min(1).default('marin'),
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
  return settings.provider === 'custom' ? settings.custom : PROVIDERS[settings.provider];
}
