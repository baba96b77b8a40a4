// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { UndoJournal } from '../../../utils/page/undo';
import { pageContext } from '../helpers/page-context';
import { runTool } from '../../../utils/tools';

let journal: UndoJournal;
const page = () => pageContext(document, { journal });
const computed = (selector: string) => getComputedStyle(document.querySelector(selector) as Element);

beforeEach(() => {
  journal = new UndoJournal();
  document.head.innerHTML = '<style>h1 { color: black; } button { font-size: 10px; }</style>';
  document.body.innerHTML = '<h1>Title</h1><button style="margin: 1px">Go</button>';
});

describe('undo', () => {
  it('says there is nothing to undo on a fresh page', async () => {
    expect(await runTool('undo', {}, page())).toEqual({ ok: false, error: 'There is nothing of mine to undo on this page.' });
    expect(await runTool('undo', '{"all": true}', page())).toEqual({
      ok: false,
      error: 'There is nothing of mine to undo on this page.',
    });
  });

  it('reverses only the last change by default', async () => {
    await runTool('set_font_color', { color: 'red' }, page());
    await runTool('set_button_style', { scale: 3 }, page());
    expect(computed('button').fontSize).toBe('30px');
    expect(await runTool('undo', '', page())).toEqual({
      ok: true,
      undone: 1,
      changes: ['restyled 1 button (3× size)'],
      remaining: 1,
    });
    expect(computed('button').fontSize).toBe('10px');
    expect(document.querySelector('button')?.getAttribute('style')).toBe('margin: 1px');
    expect(computed('h1').color).toBe('red');
  });

  it('reverses everything with all=true, newest first', async () => {
    await runTool('set_font_color', { color: 'red' }, page());
    await runTool('set_background_color', { color: 'navy' }, page());
    await runTool('set_button_style', { color: 'gold' }, page());
    expect(await runTool('undo', { all: true }, page())).toEqual({
      ok: true,
      undone: 3,
      changes: ['restyled 1 button (gold background)', 'made the page background navy', 'made all text red'],
      remaining: 0,
    });
    expect(computed('h1').color).toBe('black');
    expect(computed('body').backgroundColor).not.toBe('navy');
    expect(document.head.querySelectorAll('style')).toHaveLength(1);
    expect(document.querySelector('button')?.getAttribute('style')).toBe('margin: 1px');
    expect(await runTool('undo', {}, page())).toMatchObject({ ok: false });
  });

  it('does not count failed calls as changes', async () => {
    await runTool('set_font_color', { color: 'nope' }, page());
    await runTool('set_button_style', { scale: 2, selector: '.missing' }, page());
    expect(await runTool('undo', {}, page())).toMatchObject({ ok: false });
  });

  it('rejects a non-boolean all', async () => {
    expect(await runTool('undo', { all: 'yes' }, page())).toEqual({
      ok: false,
      error: 'Invalid arguments for undo: "all" must be a boolean.',
    });
  });
});
