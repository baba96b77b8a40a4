import { describe, expect, it } from 'vitest';
import { badgeOf } from '@/entrypoints/background/badge';
import { IDLE_SESSION } from '@/utils/session-state';

describe('the toolbar badge', () => {
  it('says live, muted, reconnecting and failed at a glance, and nothing when idle', () => {
    expect(badgeOf({ ...IDLE_SESSION, status: 'live' })).toMatchObject({ text: 'ON', title: 'Voice Page Control: live' });
    expect(badgeOf({ ...IDLE_SESSION, status: 'live', muted: true })).toMatchObject({ text: 'MUTE' });
    expect(badgeOf({ ...IDLE_SESSION, status: 'reconnecting' })).toMatchObject({ text: '…', title: 'Voice Page Control: reconnecting' });
    expect(badgeOf({ ...IDLE_SESSION, status: 'error', error: 'No API key is set.' })).toMatchObject({ text: '!', title: 'Voice Page Control: No API key is set.' });
    expect(badgeOf(IDLE_SESSION)).toMatchObject({ text: '', title: 'Voice Page Control' });
  });
});
