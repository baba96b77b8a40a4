// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { RefRegistry } from '../../../utils/page/refs';
import { UndoJournal } from '../../../utils/page/undo';
import { runTool } from '../../../utils/tools';
import { pageContext } from '../helpers/page-context';

let refs: RefRegistry;
let journal: UndoJournal;
let events: string[];
const page = (options: Parameters<typeof pageContext>[1] = {}) => pageContext(document, { refs, journal, ...options });

/** Everything reset must restore: the markup and every field's live state. */
function snapshot(): unknown {
  const fields = Array.from(document.querySelectorAll<HTMLInputElement>('input, textarea'), (el) => [el.value, el.checked]);
  const options = Array.from(document.querySelectorAll('option'), (option) => option.selected);
  return { html: document.documentElement.outerHTML, fields, options };
}

beforeEach(() => {
  refs = new RefRegistry();
  journal = new UndoJournal();
  events = [];
  document.head.innerHTML = '';
  document.body.innerHTML = `
    <input id="name" aria-label="Name" value="Ann">
    <textarea id="notes" aria-label="Notes">old</textarea>
    <div id="editor" contenteditable="true" aria-label="Message"><p>Hi <i>you</i></p></div>
    <select id="size" aria-label="Size"><option>S</option><option selected>M</option><option>L</option></select>
    <input type="checkbox" id="news" aria-label="News" checked>
    <input type="radio" name="plan" id="basic" aria-label="Basic" checked><input type="radio" name="plan" id="pro" aria-label="Pro">
    <button id="go" style="color: red">Go</button>`;
  for (const el of document.querySelectorAll('input, textarea, select, [contenteditable]')) {
    for (const type of ['input', 'change']) el.addEventListener(type, () => events.push(`${el.id} ${type}`));
  }
});

describe('reset_page', () => {
  it('reverses every reversible change of every tool, exactly, with input and change events', async () => {
    const before = snapshot();
    const steps: Array<[string, Record<string, unknown>]> = [
      ['type_text', { selector: '#name', text: 'Bob' }],
      ['type_text', { selector: '#notes', text: ' more', clear: false }],
      ['type_text', { selector: '#editor', text: 'Bye' }],
      ['select_option', { selector: '#size', option: 'L' }],
      ['set_checked', { selector: '#news', checked: false }],
      ['set_checked', { selector: '#pro', checked: true }],
      ['set_style', { selector: '#go', property: 'font-size', value: '30px' }],
      ['set_font_color', { color: 'navy' }],
      ['set_button_style', { scale: 2 }],
    ];
    for (const [name, args] of steps) expect(await runTool(name, args, page())).toMatchObject({ ok: true });
    expect(snapshot()).not.toEqual(before);
    events = [];

    const result = await runTool('reset_page', {}, page());
    expect(result).toMatchObject({ ok: true, undone: 9, did: expect.stringMatching(/^Reversed 9 changes: restyled 1 button \(2× size\); made all text navy; .*; …\. Clicks, key presses, submitted forms and navigation cannot be undone\.$/) });
    expect(snapshot()).toEqual(before);
    expect(journal.size).toBe(0);
    expect(events).toEqual(expect.arrayContaining(['name input', 'name change', 'notes input', 'notes change', 'editor input', 'size input', 'size change', 'news input', 'news change', 'basic input', 'basic change']));
  });

  it('says there is nothing to reverse on a fresh page, and that clicks cannot be undone', async () => {
    expect(await runTool('reset_page', {}, page({ policy: 'ask' }))).toEqual({
      ok: true,
      did: 'There were no changes of mine to reverse on this page. Clicks, key presses, submitted forms and navigation cannot be undone.',
      undone: 0,
    });
  });
});
