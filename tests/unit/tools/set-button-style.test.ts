// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { UndoJournal } from '../../../utils/page/undo';
import { pageContext } from '../helpers/page-context';
import { runTool } from '../../../utils/tools';

let journal: UndoJournal;
const page = () => pageContext(document, { journal });
const style = (selector: string) => getComputedStyle(document.querySelector(selector) as Element);
const inline = (selector: string) => (document.querySelector(selector) as HTMLElement).style;

/** happy-dom has no layout; give an element the rendered box a browser would. */
function layout(selector: string, width: number, height: number): void {
  const el = document.querySelector(selector);
  if (!el) throw new Error(`no ${selector}`);
  Object.defineProperty(el, 'offsetWidth', { configurable: true, get: () => width });
  Object.defineProperty(el, 'offsetHeight', { configurable: true, get: () => height });
}

beforeEach(() => {
  journal = new UndoJournal();
  document.head.innerHTML = `<style>
    button, input, [role=button] { font-size: 14px; padding: 4px 8px; }
    .fixed { width: 100px; height: 30px; }
    .fancy { background-image: linear-gradient(red, blue); color: black; }
    .label { color: gray; }
  </style>`;
  document.body.innerHTML = `
    <button id="plain">Buy</button>
    <button id="fixed" class="fixed">Fixed</button>
    <input id="submit" type="submit" value="Send">
    <a id="role" role="button" class="fancy" href="#"><span class="label">Link button</span></a>
    <input id="text" type="text">
    <div id="div">not a button</div>`;
});

describe('set_button_style sizes', () => {
  it('scale 2 doubles font size and padding of every kind of button, and nothing else', async () => {
    const result = await runTool('set_button_style', { scale: 2 }, page());
    expect(result).toEqual({ ok: true, changed: 4, scale: 2, undoable: true });
    for (const id of ['#plain', '#fixed', '#submit', '#role']) {
      expect([style(id).fontSize, style(id).paddingTop, style(id).paddingLeft]).toEqual(['28px', '8px', '16px']);
    }
    expect(style('#text').fontSize).toBe('14px');
    expect(document.querySelector('#div')?.hasAttribute('style')).toBe(false);
  });

  it('scales a declared width and height too, so the whole box doubles', async () => {
    await runTool('set_button_style', { scale: 2, selector: '#fixed' }, page());
    expect([style('#fixed').width, style('#fixed').height]).toEqual(['200px', '60px']);
  });

  it('holds a rendered button to scale × its box: min-… when growing (content-box sizing subtracts padding and border)', async () => {
    layout('#plain', 60, 24);
    await runTool('set_button_style', { scale: 2, selector: '#plain' }, page());
    // 120 × 48 border box, minus new padding 16+16 / 8+8 (no border in happy-dom's default button style).
    expect(inline('#plain').getPropertyValue('min-width')).toBe('88px');
    expect(inline('#plain').getPropertyValue('min-height')).toBe('32px');
    expect(inline('#plain').getPropertyValue('max-width')).toBe('none');
  });

  it('uses max-… when shrinking, and border-box sizing as is', async () => {
    document.head.insertAdjacentHTML('beforeend', '<style>#plain { box-sizing: border-box; min-width: 80px; }</style>');
    layout('#plain', 80, 24);
    await runTool('set_button_style', { scale: 0.5, selector: '#plain' }, page());
    expect(style('#plain').fontSize).toBe('7px');
    expect(inline('#plain').getPropertyValue('max-width')).toBe('40px');
    expect(inline('#plain').getPropertyValue('max-height')).toBe('12px');
    expect(inline('#plain').getPropertyValue('min-width')).toBe('0px');
  });

  it('size_px sets the font size and scales padding in proportion', async () => {
    const result = await runTool('set_button_style', { size_px: 28, selector: '#plain, #submit' }, page());
    expect(result).toEqual({ ok: true, changed: 2, selector: '#plain, #submit', size_px: 28, undoable: true });
    expect([style('#plain').fontSize, style('#plain').paddingTop, style('#plain').paddingRight]).toEqual(['28px', '8px', '16px']);
    expect(style('#submit').fontSize).toBe('28px');
  });

  it('compounds: scaling twice by 2 makes buttons four times as big', async () => {
    await runTool('set_button_style', { scale: 2, selector: '#plain' }, page());
    await runTool('set_button_style', { scale: 2, selector: '#plain' }, page());
    expect(style('#plain').fontSize).toBe('56px');
    expect(journal.size).toBe(2);
  });
});

describe('set_button_style colours', () => {
  it('sets background and text colour (also of what is inside), removing a gradient', async () => {
    const result = await runTool('set_button_style', { color: 'dark green', text_color: 'white' }, page());
    expect(result).toEqual({ ok: true, changed: 4, color: 'darkgreen', text_color: 'white', undoable: true });
    for (const id of ['#plain', '#fixed', '#submit', '#role']) {
      expect([style(id).backgroundColor, style(id).color]).toEqual(['darkgreen', 'white']);
    }
    expect(style('#role').backgroundImage).toBe('none');
    expect(style('.label').color).toBe('white');
    expect(style('#plain').fontSize).toBe('14px');
  });
});

describe('set_button_style errors and undo', () => {
  it('wants at least one change, and not both scale and size_px', async () => {
    expect(await runTool('set_button_style', {}, page())).toEqual({
      ok: false,
      error: 'Invalid arguments for set_button_style: Give at least one of scale, size_px, color or text_color.',
    });
    expect(await runTool('set_button_style', { scale: 2, size_px: 20 }, page())).toEqual({
      ok: false,
      error: 'Invalid arguments for set_button_style: Give either scale or size_px, not both.',
    });
    expect(await runTool('set_button_style', { scale: 10 }, page())).toEqual({
      ok: false,
      error: 'Invalid arguments for set_button_style: "scale" must be at most 5.',
    });
    expect(await runTool('set_button_style', { size_px: 2 }, page())).toEqual({
      ok: false,
      error: 'Invalid arguments for set_button_style: "size_px" must be at least 6.',
    });
    expect(await runTool('set_button_style', { color: 'meh' }, page())).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^"meh" is not a colour/),
    });
    expect(journal.size).toBe(0);
  });

  it('says so when there are no buttons, or nothing matches the selector', async () => {
    document.body.innerHTML = '<p>No buttons here</p>';
    expect(await runTool('set_button_style', { scale: 2 }, page())).toEqual({
      ok: false,
      error: 'There are no buttons on this page.',
    });
    expect(await runTool('set_button_style', { scale: 2, selector: '.cta' }, page())).toEqual({
      ok: false,
      error: 'Nothing on this page matches ".cta".',
    });
  });

  it('records one step per call, and undo restores every inline style exactly', async () => {
    document.querySelector('#plain')?.setAttribute('style', 'color:red;margin: 2px');
    const before = document.body.innerHTML;
    layout('#fixed', 100, 30);
    await runTool('set_button_style', { scale: 1.5, color: 'gold', text_color: 'navy' }, page());
    expect(journal.labels).toEqual(['restyled 4 buttons (1.5× size, gold background, navy text)']);
    expect(document.body.innerHTML).not.toBe(before);
    journal.undoLast();
    expect(document.body.innerHTML).toBe(before);
    expect(style('#plain').fontSize).toBe('14px');
  });
});
