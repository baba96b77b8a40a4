// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { UndoJournal } from '../../../utils/page/undo';
import { runTool } from '../../../utils/tools';
import { pageContext } from '../helpers/page-context';

/**
 * The safety gate across every tool that changes or acts on the page: on a site set to "ask", each one stops
 * before touching anything and returns the action for the user to confirm; the confirmed action then goes ahead.
 */

let journal: UndoJournal;
let events: string[];

const CALLS: Array<[string, Record<string, unknown>, string]> = [
  ['click', { selector: '#more' }, 'click button "More"'],
  ['type_text', { selector: '#name', text: 'Bob' }, 'type "Bob" into textbox "Name"'],
  ['press_key', { selector: '#name', key: 'x' }, 'press x on textbox "Name"'],
  ['select_option', { selector: '#size', option: 'L' }, 'choose "L" in combobox "Size"'],
  ['set_checked', { selector: '#news', checked: true }, 'check checkbox "News"'],
  ['set_style', { selector: '#more', property: 'color', value: 'red' }, 'set color: red on 1 element matching "#more"'],
  ['set_background_color', { color: 'navy' }, 'make the page background navy'],
  ['set_background_color', { color: 'navy', selector: 'form' }, 'make the background of "form" navy'],
  ['set_font_color', { color: 'red' }, 'make all text red'],
  ['set_font_color', { color: 'red', selector: 'p' }, 'make the text of "p" red'],
  ['set_button_style', { scale: 2 }, 'restyle 2 buttons (2× size)'],
];

beforeEach(() => {
  journal = new UndoJournal();
  events = [];
  document.head.innerHTML = '';
  document.body.innerHTML = `
    <form id="form"><p>Text</p><input id="name" aria-label="Name" value="Ann">
      <select id="size" aria-label="Size"><option>M</option><option>L</option></select>
      <input type="checkbox" id="news" aria-label="News"><button type="submit">Send</button></form>
    <button id="more" type="button">More</button>`;
  for (const type of ['click', 'mousedown', 'pointerdown', 'focusin', 'keydown', 'input', 'change', 'submit']) {
    document.addEventListener(type, () => events.push(type), true);
  }
});

function state(): unknown {
  const name = document.getElementById('name') as HTMLInputElement;
  const news = document.getElementById('news') as HTMLInputElement;
  const size = document.getElementById('size') as HTMLSelectElement;
  return { html: document.documentElement.outerHTML, name: name.value, news: news.checked, size: size.value, focus: document.activeElement?.localName };
}

describe('the safety gate in every acting tool', () => {
  it.each(CALLS)('%s asks first on a site set to "ask" and changes nothing', async (name, args, action) => {
    const before = state();
    const result = await runTool(name, args, pageContext(document, { policy: 'ask', journal }));
    expect(result).toMatchObject({ ok: false, needsConfirmation: { action, reason: 'you asked to confirm every action on localhost' } });
    expect(state()).toEqual(before);
    expect([events, journal.size]).toEqual([[], 0]);
  });

  it.each(CALLS)('%s goes ahead on a site set to "ask" once the user confirmed that very action', async (name, args, action) => {
    expect(await runTool(name, args, pageContext(document, { policy: 'ask', journal, approved: `${action} ` }))).toMatchObject({ needsConfirmation: { action } });
    const before = state();
    const asked = await runTool(name, args, pageContext(document, { policy: 'ask', journal }));
    const approved = asked.ok ? undefined : asked.needsConfirmation?.action;
    expect(approved).toBe(action);
    expect(await runTool(name, args, pageContext(document, { policy: 'ask', journal, approved }))).toMatchObject({ ok: true });
    expect(state()).not.toEqual(before);
  });

  it('tools that only look or remove our own changes need no confirmation', async () => {
    const page = pageContext(document, { policy: 'ask', journal });
    for (const [name, args] of [
      ['scroll', { direction: 'down' }],
      ['highlight', { selector: '#more' }],
      ['wait_for', { text: 'Text' }],
      ['reset_page', {}],
    ] as const) {
      expect(await runTool(name, args, page)).toMatchObject({ ok: true });
    }
  });
});
