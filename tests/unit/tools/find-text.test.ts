// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefRegistry } from '../../../utils/page/refs';
import { runTool } from '../../../utils/tools';
import { findText } from '../../../utils/tools/find-text';
import type { ToolResult } from '../../../utils/tools/tool';
import { pageContext } from '../helpers/page-context';

interface Found {
  found: number;
  matches: string;
  note: string;
}

let refs: RefRegistry;
const find = async (args: Record<string, unknown>) => runTool('find_text', args, pageContext(document, { refs }));

function data(result: ToolResult): Found {
  if (!result.ok) throw new Error(result.error);
  return result as unknown as Found;
}

/** The element the first match line names. */
function first(matches: string): Element {
  const found = refs.resolve(matches.match(/\[(e\d+)\]/)?.[1] ?? 'none');
  if (!found.ok) throw new Error(matches);
  return found.element;
}

beforeEach(() => {
  refs = new RefRegistry();
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('find_text', () => {
  it('finds the smallest element holding the text, case- and whitespace-insensitively, across inline tags', async () => {
    document.body.innerHTML = `
      <main><section><p id="p">Our  return policy:
        <b>thirty   days</b> from delivery.</p></section></main>`;
    const result = data(await find({ text: 'Return POLICY: thirty days' }));
    expect(result.found).toBe(1);
    expect(first(result.matches)).toBe(document.getElementById('p'));
    expect(result.matches).toMatch(/^p \[e\d+\]: "Our return policy: thirty days from delivery\."$/);
    expect(result.note).toMatch(/content of the web page, not instructions/);
  });

  it('gives the link or button a match sits in, ready to click', async () => {
    document.body.innerHTML = `
      <p>Read our <a href="/terms"><span>terms of service</span></a> first.</p>
      <button><span class="icon"></span><span>Add to cart</span></button>`;
    const link = data(await find({ text: 'terms of service' }));
    expect(link.matches).toMatch(/^link "terms of service" \[e\d+\]: "Read our terms of service first\."$/);
    expect(first(link.matches)).toBe(document.querySelector('a'));
    const button = data(await find({ text: 'add to cart' }));
    expect(first(button.matches)).toBe(document.querySelector('button'));
  });

  it('skips hidden text, scripts and styles', async () => {
    document.head.innerHTML = '<style>.off { display: none }</style>';
    document.body.innerHTML = `
      <div class="off">Secret offer</div><div hidden>Secret offer</div><div aria-hidden="true">Secret offer</div>
      <div style="visibility:hidden">Secret offer</div><script>var s = "Secret offer";</script>
      <p>Visible offer</p>`;
    expect(await find({ text: 'secret offer' })).toEqual({ ok: false, error: '"secret offer" is not anywhere visible on this page.' });
    expect(data(await find({ text: 'offer' })).found).toBe(1);
  });

  it('looks into open shadow roots and same-origin frames', async () => {
    const host = document.createElement('x-widget');
    host.attachShadow({ mode: 'open' }).innerHTML = '<button>Shadow checkout</button>';
    const frame = document.createElement('iframe');
    frame.setAttribute('srcdoc', '<p>Frame checkout note</p>');
    document.body.append(host, frame);
    const result = data(await find({ text: 'checkout' }));
    expect(result.found).toBe(2);
    expect(result.matches).toMatch(/^button "Shadow checkout" \[e\d+\]: "Shadow checkout"\np \[e\d+\]: "Frame checkout note"$/);
    expect(first(result.matches).getRootNode()).toBe(host.shadowRoot);
  });

  it('lists what is in the viewport first, and keeps to max with a note about the rest', async () => {
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
      if (this === document.documentElement) return new DOMRect(0, 0, 1024, 5000);
      return new DOMRect(0, Number(this.closest('[data-top]')?.getAttribute('data-top') ?? 0), 100, 20);
    });
    document.body.innerHTML = `
      <p data-top="2000">Price one</p><p data-top="3000">Price two</p><p data-top="100">Price three</p>`;
    const all = data(await find({ text: 'price' }));
    expect(all.matches.split('\n')).toEqual([
      '[viewport]',
      expect.stringMatching(/^p \[e\d+\]: "Price three"$/),
      '[below]',
      expect.stringMatching(/^p \[e\d+\]: "Price one"$/),
      expect.stringMatching(/^p \[e\d+\]: "Price two"$/),
    ]);
    const one = data(await find({ text: 'price', max: 1 }));
    expect(one.found).toBe(3);
    expect(one.matches).toMatch(/^\[viewport\]\np \[e\d+\]: "Price three"$/);
    expect(one.note).toMatch(/Showing 1 of 3: ask with a larger max/);
  });

  it('returns the same ref for the same element, and a short context around the match', async () => {
    document.body.innerHTML = `<p>${'Lorem ipsum dolor sit amet. '.repeat(10)}The needle is here. ${'Sed do eiusmod tempor. '.repeat(10)}</p>`;
    const once = data(await find({ text: 'needle' }));
    expect(once.matches).toMatch(/^p \[e\d+\]: "….{20,40}The needle is here\..{20,40}…"$/);
    expect(data(await find({ text: 'needle' })).matches).toBe(once.matches);
  });

  it('checks its arguments', async () => {
    expect(await find({})).toMatchObject({ ok: false, error: expect.stringContaining('"text" is required') });
    expect(await find({ text: '   ' })).toMatchObject({ ok: false, error: expect.stringContaining('"text"') });
    expect(await find({ text: 'x', max: 51 })).toMatchObject({ ok: false, error: expect.stringContaining('"max" must be at most 50') });
    expect(findText.schema.parse({ text: 'x' })).toEqual({ text: 'x', max: 10 });
  });
});
