// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { INJECTED_STYLE_ATTRIBUTE, UndoJournal } from '../../../utils/page/undo';
import { pageContext } from '../helpers/page-context';
import { runTool } from '../../../utils/tools';

let journal: UndoJournal;
const page = () => pageContext(document, { journal });

/** happy-dom has no layout; give an element the box a browser would. */
function layout(selector: string, width: number, height: number): void {
  const el = document.querySelector(selector);
  if (!el) throw new Error(`no ${selector}`);
  el.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: 0, width, height });
}

const bg = (selector: string) => getComputedStyle(document.querySelector(selector) as Element).backgroundColor;

beforeEach(() => {
  journal = new UndoJournal();
  document.head.innerHTML = `<style>
    html body.page { background-color: white !important; }
    #wrapper { background-color: #fff; }
    .small { background-color: #eee; }
    .hero { background-image: linear-gradient(red, blue); }
  </style>`;
  document.body.className = 'page';
  document.body.innerHTML = `
    <div id="wrapper"><div id="clear">text</div><div class="small">small</div></div>
    <div id="contents" style="display: contents"><section class="hero">hero</section></div>
    <img id="photo" src="x.png">
    <header><nav class="small">nav</nav></header>`;
});

describe('set_background_color on the whole page', () => {
  it('colours html and body through one injected rule that beats the page\'s own !important rule', async () => {
    const result = await runTool('set_background_color', { color: 'navy' }, page());
    expect(result).toEqual({ ok: true, color: 'navy', changed: 2, undoable: true });
    expect(bg('html')).toBe('navy');
    expect(bg('body')).toBe('navy');
    const injected = document.querySelectorAll<HTMLStyleElement>(`style[${INJECTED_STYLE_ATTRIBUTE}]`);
    expect(injected).toHaveLength(1);
    // Four ids of specificity in a browser (happy-dom weighs :not() like a class, so only class-level page
    // rules can be pitted against it here).
    const boost = ':not(#__vpc)'.repeat(4);
    expect(injected[0]?.sheet?.cssRules[0]?.cssText).toBe(
      `html${boost}, body${boost} { background-color: navy !important; background-image: none !important; }`,
    );
  });

  it('also colours the large opaque containers that would hide the body, and only those', async () => {
    layout('#wrapper', 1024, 3000); // covers the viewport, opaque white → a surface
    layout('#clear', 1024, 3000); // covers it too, but transparent → not a surface
    layout('.small', 300, 40); // opaque but small → not a surface
    layout('#contents', 0, 0); // display: contents has no box; its child is looked at
    layout('.hero', 1024, 700); // gradient and large → a surface, gradient removed
    layout('#photo', 1024, 768); // an image is content, not a background
    const result = await runTool('set_background_color', { color: '#123456' }, page());
    expect(result).toEqual({ ok: true, color: '#123456', changed: 4, undoable: true });
    expect(bg('#wrapper')).toBe('#123456');
    expect((document.querySelector('#wrapper') as HTMLElement).style.getPropertyPriority('background-color')).toBe('important');
    expect((document.querySelector('.hero') as HTMLElement).style.getPropertyValue('background-image')).toBe('none');
    expect(document.querySelector('#clear')?.hasAttribute('style')).toBe(false);
    expect(document.querySelector('.small')?.hasAttribute('style')).toBe(false);
    expect(document.querySelector('#photo')?.hasAttribute('style')).toBe(false);
  });

  it('colours page-wide cards and bands even when short, but not narrow boxes, thin rules or controls', async () => {
    document.head.insertAdjacentHTML('beforeend', '<style>.card, .rule, .wide-button { background-color: #fff; }</style>');
    document.body.insertAdjacentHTML(
      'beforeend',
      '<section class="card">entry</section><div class="rule"></div><button class="wide-button">Go</button>',
    );
    layout('.card', 760, 150); // three quarters of a 1024 px viewport wide: a card a user sees as page
    layout('.rule', 1024, 2); // wide but a hairline
    layout('.wide-button', 1024, 60); // a control keeps its own look
    await runTool('set_background_color', { color: 'navy' }, page());
    expect(bg('.card')).toBe('navy');
    expect(document.querySelector('.rule')?.hasAttribute('style')).toBe(false);
    expect(document.querySelector('.wide-button')?.hasAttribute('style')).toBe(false);
  });

  it('undo removes the rule and restores every inline style exactly', async () => {
    layout('#wrapper', 1024, 3000);
    const before = document.body.innerHTML;
    await runTool('set_background_color', { color: 'navy' }, page());
    expect(bg('#wrapper')).toBe('navy');
    expect(journal.labels).toEqual(['made the page background navy']);
    expect(journal.undoLast()).not.toBeNull();
    expect(document.body.innerHTML).toBe(before);
    expect(bg('body')).toBe('white');
    expect(document.querySelectorAll(`[${INJECTED_STYLE_ATTRIBUTE}]`)).toHaveLength(0);
  });
});

describe('set_background_color with a selector', () => {
  it('colours each matched element and removes gradients that would hide the colour', async () => {
    const result = await runTool('set_background_color', { color: 'light blue', selector: '.small, .hero' }, page());
    expect(result).toEqual({ ok: true, color: 'lightblue', selector: '.small, .hero', changed: 3, undoable: true });
    expect(Array.from(document.querySelectorAll('.small, .hero')).map((el) => getComputedStyle(el).backgroundColor)).toEqual([
      'lightblue',
      'lightblue',
      'lightblue',
    ]);
    expect(getComputedStyle(document.querySelector('.hero') as Element).backgroundImage).toBe('none');
    expect((document.querySelector('nav') as HTMLElement).style.getPropertyValue('background-image')).toBe('');
    expect(bg('body')).toBe('white');
  });

  it('explains bad colours and selectors without changing anything', async () => {
    expect(await runTool('set_background_color', { color: 'blurple' }, page())).toEqual({
      ok: false,
      error: '"blurple" is not a colour I can use. Try a colour name like "navy" or "light blue", or a hex code like "#1e90ff".',
    });
    expect(await runTool('set_background_color', { color: 'red', selector: '##' }, page())).toEqual({
      ok: false,
      error: '"##" is not a valid CSS selector.',
    });
    expect(await runTool('set_background_color', { color: 'red', selector: 'table' }, page())).toEqual({
      ok: false,
      error: 'Nothing on this page matches "table".',
    });
    expect(await runTool('set_background_color', {}, page())).toEqual({
      ok: false,
      error: 'Invalid arguments for set_background_color: "color" is required.',
    });
    expect(journal.size).toBe(0);
    expect(document.querySelectorAll('[style]')).toHaveLength(1); // only the page's own display: contents
  });
});
