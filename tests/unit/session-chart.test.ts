import { describe, expect, it } from 'vitest';
import { scaled } from '@/components/SessionChart';

describe('the history chart’s scaling', () => {
  it('spans the box left to right, with 0 at the bottom and the largest value at the top', () => {
    // 160 × 48 box, 4 px padding.
    expect(scaled([[1, 0], [2, 50], [3, 100]])).toEqual([[4, 44], [80, 24], [156, 4]]);
  });

  it('puts a single point in the middle, and an empty series nowhere', () => {
    expect(scaled([[7, 0]])).toEqual([[80, 24]]);
    expect(scaled([])).toEqual([]);
  });
});
