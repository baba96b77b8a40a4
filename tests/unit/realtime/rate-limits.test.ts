import { describe, expect, it } from 'vitest';
import { rateLimitSpent } from '@/utils/realtime/voice-session';

describe('rate_limits.updated', () => {
  it('says which limit is used up and when it resets', () => {
    expect(
      rateLimitSpent([
        { name: 'requests', limit: 1000, remaining: 999, reset_seconds: 0.06 },
        { name: 'tokens', limit: 50000, remaining: 0, reset_seconds: 11.2 },
      ]),
    ).toBe("Rate limited: your account's limit of tokens per minute is used up, so the AI cannot answer for now. It resets in 12 s.");
  });

  it('says nothing while something is left, or when the event is malformed', () => {
    expect(rateLimitSpent([{ name: 'tokens', limit: 50000, remaining: 10 }])).toBeNull();
    expect(rateLimitSpent('nonsense')).toBeNull();
    expect(rateLimitSpent([null, { remaining: 0 }])).toBeNull();
  });
});
