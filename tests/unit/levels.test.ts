import { describe, expect, it } from 'vitest';
import { levelOf } from '@/utils/levels';

describe('levelOf', () => {
  it('is 0 for silence and for nothing', () => {
    expect(levelOf(new Float32Array(512))).toBe(0);
    expect(levelOf(new Float32Array(0))).toBe(0);
  });

  it('maps RMS onto 0..1 over 60 dB: full scale 1, -30 dBFS 0.5, below -60 dBFS 0', () => {
    expect(levelOf(new Float32Array(512).fill(1))).toBe(1);
    expect(levelOf(new Float32Array(512).fill(10 ** (-30 / 20)))).toBeCloseTo(0.5, 2);
    expect(levelOf(new Float32Array(512).fill(10 ** (-70 / 20)))).toBe(0);
  });

  it('measures a sine at a quarter of full scale (the peer’s voice) at about 0.75', () => {
    const sine = Float32Array.from({ length: 960 }, (_, i) => 0.25 * Math.sin((2 * Math.PI * 440 * i) / 48_000));
    // RMS 0.25/√2 ≈ 0.177 → -15 dBFS → (60 - 15) / 60.
    expect(levelOf(sine)).toBeCloseTo(0.75, 1);
  });
});
