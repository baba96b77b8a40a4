import { describe, expect, it } from 'vitest';
import { addUsage, audioPricePerMinute, costOf, formatDollars, NO_USAGE, usageOf } from '@/utils/realtime/pricing';

const serviceUsage = {
  total_tokens: 1900,
  input_tokens: 1500,
  output_tokens: 400,
  input_token_details: {
    text_tokens: 1200,
    audio_tokens: 300,
    image_tokens: 0,
    cached_tokens: 1024,
    cached_tokens_details: { text_tokens: 1024, audio_tokens: 0, image_tokens: 0 },
  },
  output_token_details: { text_tokens: 100, audio_tokens: 300 },
};

describe('pricing a session', () => {
  it('reads response.usage as the service sends it', () => {
    expect(usageOf(serviceUsage)).toEqual({ textIn: 1200, audioIn: 300, imageIn: 0, cachedTextIn: 1024, cachedAudioIn: 0, textOut: 100, audioOut: 300 });
  });

  it('prices cached input at the cached price and the rest at the list price (gpt-realtime-2.1-mini, by hand)', () => {
    // (1200 − 1024) × 0.60 + 1024 × 0.30 + 300 × 10 + 100 × 2.40 + 300 × 20 = 105.6 + 307.2 + 3000 + 240 + 6000 = 9652.8 per million
    expect(costOf('gpt-realtime-2.1-mini', usageOf(serviceUsage)!)).toBeCloseTo(0.0096528, 10);
    // gpt-realtime-2.1: 176 × 4 + 1024 × 0.40 + 300 × 32 + 100 × 24 + 300 × 64 = 704 + 409.6 + 9600 + 2400 + 19200 = 32313.6
    expect(costOf('gpt-realtime-2.1', usageOf(serviceUsage)!)).toBeCloseTo(0.0323136, 10);
  });

  it('has no price for a model it does not know, and counts malformed usage as nothing', () => {
    expect(costOf('some-other-model', NO_USAGE)).toBeNull();
    expect(usageOf('nonsense')).toBeNull();
    expect(usageOf({ input_token_details: { text_tokens: -5, audio_tokens: 'x' }, output_token_details: null })).toEqual(NO_USAGE);
  });

  it('adds responses up, and formats small sums with enough digits', () => {
    const one = usageOf(serviceUsage)!;
    expect(addUsage(one, one).audioOut).toBe(600);
    expect(formatDollars(0.0096528)).toBe('$0.0097');
    expect(formatDollars(12.345)).toBe('$12.35');
  });
});

describe('audioPricePerMinute', () => {
  it('prices a minute of speech each way from the audio token rates (10/s in, 20/s out)', () => {
    expect(audioPricePerMinute('gpt-realtime-2.1-mini')).toEqual({ in: 0.006, out: 0.024 });
    expect(audioPricePerMinute('gpt-realtime-2.1')!.out).toBeCloseTo(0.0768, 6);
    expect(audioPricePerMinute('unknown-model')).toBeNull();
  });
});
