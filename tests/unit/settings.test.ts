import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PROVIDERS } from '@/utils/realtime/providers';
import { DEFAULT_SETTINGS, endpointsOf, loadSettings, settingsItem } from '@/utils/settings';

describe('settings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('defaults to OpenAI with no key', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    expect(endpointsOf(DEFAULT_SETTINGS)).toEqual(PROVIDERS.openai);
    expect(DEFAULT_SETTINGS.apiKey).toBe('');
  });

  it('fills in defaults for settings saved by an older version and uses custom endpoints', async () => {
    await fakeBrowser.storage.local.set({
      settings: { apiKey: ' sk-x ', provider: 'custom', custom: { mintUrl: 'http://127.0.0.1:9/m', callsUrl: 'http://127.0.0.1:9/c' } },
    });
    const settings = await loadSettings();
    expect(settings.apiKey).toBe('sk-x');
    expect(settings.model).toBe(DEFAULT_SETTINGS.model);
    expect(endpointsOf(settings)).toEqual({ mintUrl: 'http://127.0.0.1:9/m', callsUrl: 'http://127.0.0.1:9/c' });
  });

  it('falls back to the defaults when what is stored is not settings at all', async () => {
    await fakeBrowser.storage.local.set({ settings: { provider: 'carrier-pigeon' } });
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, provider: 'local' });
    expect(endpointsOf(await loadSettings())).toEqual(PROVIDERS.local);
  });
});
