import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

async function freshWorker() {
  vi.resetModules();
  const cache = await import('@/entrypoints/background/settings-cache');
  cache.forgetSettingsOnChange();
  // wxt/storage reads an item once when it is defined (here, on the watch above): let that read finish first.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return cache;
}

describe('the worker’s settings cache', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads storage once, and sees a change the options page saves on the next call', async () => {
    await fakeBrowser.storage.local.set({ settings: { sitePolicies: { 'a.example': 'ask' } } });
    const { currentSettings } = await freshWorker();
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    expect((await currentSettings()).sitePolicies).toEqual({ 'a.example': 'ask' });
    await currentSettings();
    await currentSettings();
    expect(get.mock.calls.length).toBe(1);

    await fakeBrowser.storage.local.set({ settings: { sitePolicies: { 'a.example': 'never' } } });
    expect((await currentSettings()).sitePolicies).toEqual({ 'a.example': 'never' });
  });
});
