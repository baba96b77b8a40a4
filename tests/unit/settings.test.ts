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

describe('site policies', () => {
  it('reads the most specific setting for a page, parent domains included, "www." ignored', async () => {
    const { sitePolicyOf } = await import('@/utils/settings');
    const settings = { sitePolicies: { 'example.com': 'ask', 'bank.example.com': 'never', '127.0.0.1': 'never' } as const };
    expect(sitePolicyOf(settings, 'https://www.example.com/a')).toBe('ask');
    expect(sitePolicyOf(settings, 'https://news.example.com/a')).toBe('ask');
    expect(sitePolicyOf(settings, 'https://bank.example.com/a')).toBe('never');
    expect(sitePolicyOf(settings, 'http://127.0.0.1:8080/')).toBe('never');
    expect(sitePolicyOf(settings, 'https://example.org/')).toBe('allow');
    expect(sitePolicyOf(settings, 'not a url')).toBe('allow');
  });

  it('keys a typed site or pasted address by its host name', async () => {
    const { siteKey } = await import('@/utils/settings');
    expect(siteKey(' WWW.Example.com ')).toBe('example.com');
    expect(siteKey('https://news.example.com/path?q=1')).toBe('news.example.com');
    expect(siteKey('')).toBe('');
    expect(siteKey('::::')).toBe('');
  });
});
