// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { RefRegistry } from '../../../utils/page/refs';
import { resolveTarget } from '../../../utils/page/target';

let refs: RefRegistry;
beforeEach(() => {
  refs = new RefRegistry();
  document.body.innerHTML = '<button id="a">A</button><button id="b">B</button><div id="host"></div>';
});

describe('refs', () => {
  it('gives each element one ref of the form e<number>, kept while it lives', () => {
    const a = document.querySelector('#a')!;
    const b = document.querySelector('#b')!;
    const ra = refs.refOf(a);
    expect(ra).toMatch(/^e[1-9]\d*$/);
    expect(refs.refOf(a)).toBe(ra);
    expect(refs.refOf(b)).not.toBe(ra);
    expect(refs.resolve(ra)).toEqual({ ok: true, element: a });
    expect(refs.peek(document.body)).toBeUndefined();
  });

  it('a removed element stops resolving, with words that say to get a fresh outline', () => {
    const a = document.querySelector('#a')!;
    const ref = refs.refOf(a);
    a.remove();
    const stale = refs.resolve(ref);
    expect(stale).toMatchObject({ ok: false, error: expect.stringMatching(/no longer on the page.*get_page_outline/) });
    expect(refs.resolve('e999')).toMatchObject({ ok: false, error: expect.stringMatching(/no element e999.*get_page_outline/) });
    expect(refs.resolve('button')).toMatchObject({ ok: false, error: expect.stringMatching(/not a ref/) });
  });

  it('resolves elements inside open shadow roots and same-origin frames by ref and by selector', () => {
    const root = document.querySelector('#host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<input id="inside" aria-label="Inside">';
    const inside = root.querySelector('#inside')!;
    expect(resolveTarget({ ref: refs.refOf(inside) }, document, refs)).toEqual({ ok: true, element: inside });
    expect(resolveTarget({ selector: '#inside' }, document, refs)).toEqual({ ok: true, element: inside });
    expect(resolveTarget({ selector: '#nothing' }, document, refs)).toMatchObject({ ok: false, error: expect.stringMatching(/Nothing on this page matches/) });
    expect(resolveTarget({ selector: 'a[' }, document, refs)).toMatchObject({ ok: false, error: expect.stringMatching(/not a valid CSS selector/) });
    expect(resolveTarget({}, document, refs)).toMatchObject({ ok: false, error: expect.stringMatching(/Say which element/) });
  });
});
