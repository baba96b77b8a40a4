// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { INJECTED_STYLE_ATTRIBUTE, UndoJournal } from '../../../utils/page/undo';
import { pageContext } from '../helpers/page-context';
import { runTool } from '../../../utils/tools';

let journal: UndoJournal;
const page = () => pageContext(document, { journal });
const color = (selector: string) => getComputedStyle(document.querySelector(selector) as Element).color;
const original = CSSStyleSheet.prototype.insertRule;
const ALL = ['body', 'h1', 'h2 a', '.nav a', 'p', 'p span', 'li', 'button'];

beforeEach(() => {
  journal = new UndoJournal();
  // Headings and links with their own colours, one even !important: "make the text white" must still reach them.
  document.head.innerHTML = `<style>
    body { color: #333; }
    h1 { color: darkred; }
    a { color: blue; }
    .nav a.link { color: purple !important; }
  </style>`;
  document.body.innerHTML = `
    <h1>Title</h1>
    <h2><a href="#">Linked heading</a></h2>
    <nav class="nav"><ul><li><a class="link" href="#">Home</a></li></ul></nav>
    <p>Text <span style="color: green">inline green</span></p>
    <button>Go</button>`;
});

describe('set_font_color on the whole page', () => {
  it('turns all text the colour: headings, links, inline-coloured text, buttons', async () => {
    const result = await runTool('set_font_color', { color: 'white' }, page());
    expect(result).toEqual({ ok: true, color: 'white', changed: document.body.getElementsByTagName('*').length + 1, undoable: true });
    // The inline `color: green` (no !important) loses to the !important rule too.
    expect(ALL.map(color)).toEqual(ALL.map(() => 'white'));
  });

  it('uses one injected rule (also setting -webkit-text-fill-color) and no inline styles', async () => {
    const before = document.body.innerHTML;
    const inserted: string[] = [];
    const insertRule = vi.spyOn(CSSStyleSheet.prototype, 'insertRule').mockImplementation(function (
      this: CSSStyleSheet,
      rule: string,
      index?: number,
    ) {
      inserted.push(rule);
      return original.call(this, rule, index);
    });
    await runTool('set_font_color', { color: '#ff8800' }, page());
    insertRule.mockRestore();
    expect(document.body.innerHTML).toBe(before);
    const styles = document.querySelectorAll<HTMLStyleElement>(`style[${INJECTED_STYLE_ATTRIBUTE}]`);
    expect(styles).toHaveLength(1);
    expect(styles[0]?.sheet?.cssRules).toHaveLength(1);
    // happy-dom drops -webkit-text-fill-color from the parsed rule, so check what was inserted.
    expect(inserted).toHaveLength(1);
    expect(inserted[0]).toBe(
      '*:not(#__vpc):not(#__vpc):not(#__vpc):not(#__vpc) { color: #ff8800 !important; -webkit-text-fill-color: #ff8800 !important; }',
    );
  });

  it('undo puts every colour back', async () => {
    const before = ALL.map(color);
    await runTool('set_font_color', { color: 'white' }, page());
    await runTool('set_font_color', { color: 'yellow' }, page());
    expect(color('h1')).toBe('yellow');
    journal.undoLast();
    expect(color('h1')).toBe('white');
    journal.undoLast();
    expect(ALL.map(color)).toEqual(before);
    expect(document.querySelectorAll(`[${INJECTED_STYLE_ATTRIBUTE}]`)).toHaveLength(0);
  });
});

describe('set_font_color with a selector', () => {
  it('recolours the matched elements and everything inside them, nothing else', async () => {
    const result = await runTool('set_font_color', { color: 'navy blue', selector: 'nav, p' }, page());
    expect(result).toEqual({ ok: true, color: 'navy', selector: 'nav, p', changed: 6, undoable: true });
    expect(color('.nav a')).toBe('navy');
    expect(color('li')).toBe('navy');
    expect(color('p')).toBe('navy');
    expect(color('p span')).toBe('navy');
    expect(color('h1')).toBe('darkred');
    expect(color('h2 a')).toBe('blue');
  });

  it('never lets a selector add rules of its own', async () => {
    document.body.insertAdjacentHTML('beforeend', '<p title="} body { display: none">odd</p>');
    const result = await runTool('set_font_color', { color: 'red', selector: 'p[title="} body { display: none"]' }, page());
    // A browser parses the quoted brace as part of the selector; happy-dom's simpler CSS parser may reject the
    // rule (a clear error) or misread it. Either way at most one rule is added and the page stays visible.
    if (result.ok) {
      expect(document.querySelector<HTMLStyleElement>(`style[${INJECTED_STYLE_ATTRIBUTE}]`)?.sheet?.cssRules).toHaveLength(1);
    } else {
      expect(result.error).toMatch(/would not accept/);
      expect(journal.size).toBe(0);
    }
    expect(getComputedStyle(document.body).display).not.toBe('none');
  });

  it('boosts each selector of a list, so more specific !important page rules lose', async () => {
    // Four ids of boost beat this in a browser; happy-dom weighs :not(#id) like a class, so stay class-level.
    document.head.insertAdjacentHTML('beforeend', '<style>.wrap .inner em.x { color: orange !important; }</style>');
    document.body.insertAdjacentHTML('beforeend', '<div id="top" class="wrap"><p class="inner"><em class="x">deep</em></p></div><i>other</i>');
    expect(color('.x')).toBe('orange');
    await runTool('set_font_color', { color: 'teal', selector: 'h1, div[id="top"]' }, page());
    expect(color('.x')).toBe('teal');
    expect(color('i')).not.toBe('teal');
  });

  it('explains bad input and changes nothing', async () => {
    expect(await runTool('set_font_color', { color: 'red', selector: 'p) , body *, :is(b' }, page())).toEqual({
      ok: false,
      error: '"p) , body *, :is(b" is not a valid CSS selector.',
    });
    expect(await runTool('set_font_color', { color: 'red', selector: 'table td' }, page())).toEqual({
      ok: false,
      error: 'Nothing on this page matches "table td".',
    });
    expect(await runTool('set_font_color', { color: 'sparkly' }, page())).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^"sparkly" is not a colour I can use\./),
    });
    expect(await runTool('set_font_color', '{"color": 5}', page())).toEqual({
      ok: false,
      error: 'Invalid arguments for set_font_color: "color" must be a string.',
    });
    expect(journal.size).toBe(0);
    expect(document.querySelectorAll(`[${INJECTED_STYLE_ATTRIBUTE}]`)).toHaveLength(0);
  });
});
