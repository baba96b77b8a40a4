// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { findAll, MAX_TARGETS, splitSelectorList } from '../../../utils/page/select';

describe('splitSelectorList', () => {
  it.each([
    ['p', ['p']],
    ['h1, h2 , nav a', ['h1', 'h2', 'nav a']],
    ['p[title="a,b"], div', ['p[title="a,b"]', 'div']],
    ["a[href='x,y'], :is(b, c) > d", ["a[href='x,y']", ':is(b, c) > d']],
    ['li:not(.a, .b), #x\\,y', ['li:not(.a, .b)', '#x\\,y']],
    ['p,', ['p']],
  ])('%s', (input, expected) => {
    expect(splitSelectorList(input)).toEqual(expected);
  });
});

describe('findAll', () => {
  it('returns matches in document order, or a clear error', () => {
    document.body.innerHTML = '<p id="a"></p><div><p id="b"></p></div>';
    const found = findAll(document, 'p');
    expect(found.ok && found.elements.map((el) => el.id)).toEqual(['a', 'b']);
    expect(findAll(document, 'p[')).toEqual({ ok: false, error: '"p[" is not a valid CSS selector.' });
    expect(findAll(document, 'table')).toEqual({ ok: false, error: 'Nothing on this page matches "table".' });
  });

  it(`stops at ${MAX_TARGETS} elements`, () => {
    document.body.innerHTML = '<i></i>'.repeat(MAX_TARGETS + 10);
    const found = findAll(document, 'i');
    expect(found.ok && found.elements.length).toBe(MAX_TARGETS);
  });
});
