import { describe, expect, it } from 'vitest';
import { shouldOpenOnboarding } from '@/entrypoints/background/onboarding';

describe('onboarding', () => {
  it('opens on a first install only: not on an update, a browser update or a shared module update', () => {
    expect(shouldOpenOnboarding({ reason: 'install' })).toBe(true);
    for (const reason of ['update', 'chrome_update', 'browser_update', 'shared_module_update']) {
      expect(shouldOpenOnboarding({ reason }), reason).toBe(false);
    }
  });
});
