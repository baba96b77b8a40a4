// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { colorError, NAMED_COLORS, normalizeColor } from '../../../utils/page/color';

describe('normalizeColor', () => {
  it.each([
    ['red', 'red'],
    ['  Navy ', 'navy'],
    ['transparent', 'transparent'],
    ['RebeccaPurple', 'rebeccapurple'],
    ['#FFF', '#fff'],
    ['#1e90ff', '#1e90ff'],
    ['#1e90ff80', '#1e90ff80'],
    ['#abcd', '#abcd'],
    ['1e90ff', '#1e90ff'],
    ['rgb(255, 0, 0)', 'rgb(255, 0, 0)'],
    ['rgba(0,0,0,.5)', 'rgba(0,0,0,.5)'],
    ['rgb(100% 0% 0% / 50%)', 'rgb(100% 0% 0% / 50%)'],
    ['hsl(120, 50%, 50%)', 'hsl(120, 50%, 50%)'],
    ['hsla(120deg 50% 50% / 0.3)', 'hsla(120deg 50% 50% / 0.3)'],
  ])('accepts %s as %s', (input, expected) => {
    expect(normalizeColor(input)).toBe(expected);
  });

  it.each([
    ['light blue', 'lightblue'],
    ['Dark Slate Grey', 'darkslategrey'],
    ['light-green', 'lightgreen'],
    ['the light blue colour', 'lightblue'],
    ['hot pink color', 'hotpink'],
    ['navy blue', 'navy'],
    ['baby blue', 'lightblue'],
  ])('understands the spoken form %s as %s', (input, expected) => {
    expect(normalizeColor(input, document)).toBe(expected);
  });

  it.each([
    '',
    'blurple',
    'not a colour',
    'inherit',
    'currentColor',
    'initial',
    '#12',
    '#ggg',
    'rgb(1, 2)',
    'rgb(a, b, c)',
    'red; display: none',
    'red } body { display: none',
    'url(https://evil.example/x.png)',
    'face', // a hex-looking word without a digit is not read as #face
    'x'.repeat(200),
  ])('rejects %j', (input) => {
    expect(normalizeColor(input, document)).toBeNull();
  });

  it('lets the browser decide newer colour syntaxes, and happy-dom\'s permissive CSS.supports cannot fool it', () => {
    expect(CSS.supports('color', 'nonsense(1)')).toBe(true); // happy-dom says yes to anything …
    expect(normalizeColor('nonsense(1)', document)).toBeNull(); // … the style assignment check does not
    expect(normalizeColor('nonsense(1)')).toBeNull();
  });

  it('knows all 148 CSS named colours', () => {
    expect(NAMED_COLORS.size).toBe(148);
    for (const name of NAMED_COLORS) expect(normalizeColor(name)).toBe(name);
  });

  it('explains a rejected colour by name', () => {
    expect(colorError('blurple')).toMatch(/^"blurple" is not a colour I can use\./);
  });
});
