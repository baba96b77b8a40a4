import { loadSettings, settingsItem, type Settings } from '@/utils/settings';

let cached: Promise<Settings> | undefined;

/**
 * The settings as the options page last saved them, read once and kept until they change: every tool call needs
 * them, and reading and validating storage each time cost a few milliseconds of the call's round trip. A restarted
 * worker simply reads them again.
 */
export function currentSettings(): Promise<Settings> {
  cached ??= loadSettings().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

/**
 * Registered when the worker starts (entrypoints/background/index.ts): a saved change is seen by the next call,
 * and handed to `onChange` (a running session applies it).
 */
export function forgetSettingsOnChange(onChange: (settings: Settings) => void = () => undefined): void {
  settingsItem.watch(() => {
    cached = undefined;
    void currentSettings().then(onChange, () => undefined);
  });
}
