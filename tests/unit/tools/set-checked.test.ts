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
const $ = (selector: string) => document.querySelector(selector) as HTMLInputElement;

beforeEach(() => {
  refs = new RefRegistry();
  journal = new UndoJournal();
  events = [];
  document.body.innerHTML = `
    <label><input type="checkbox" id="news"> Newsletter</label>
    <label class="toggle"><input type="checkbox" id="dark" style="display:none"> Dark mode</label>
    <fieldset>
      <label><input type="radio" name="size" value="s" id="s" checked> Small</label>
      <label><input type="radio" name="size" value="m" id="m"> Medium</label>
    </fieldset>
    <label><input type="radio" name="plan" id="basic"> Basic</label><label><input type="radio" name="plan" id="pro"> Pro</label>
    <div role="switch" id="wifi" aria-checked="false" aria-label="Wi-Fi" tabindex="0"></div>
    <div role="radiogroup"><div role="radio" id="a" aria-checked="true">A</div><div role="radio" id="b" aria-checked="false">B</div></div>
    <input type="checkbox" id="off" disabled aria-label="Off">
    <button id="btn">Button</button>`;
  for (const id of ['news', 's', 'm']) {
    for (const type of ['click', 'input', 'change']) $(`#${id}`).addEventListener(type, () => events.push(`${id} ${type}:${$(`#${id}`).checked}`));
  }
  // ARIA widgets change state in their click handlers, as frameworks do.
  $('#wifi').addEventListener('click', () => $('#wifi').setAttribute('aria-checked', String($('#wifi').getAttribute('aria-checked') !== 'true')));
  for (const radio of document.querySelectorAll('[role=radio]')) {
    radio.addEventListener('click', () => {
      for (const other of document.querySelectorAll('[role=radio]')) other.setAttribute('aria-checked', String(other === radio));
    });
  }
});

describe('set_checked', () => {
  it('checks a checkbox by clicking it (click, input, change) and says so', async () => {
    const result = await runTool('set_checked', { ref: refs.refOf($('#news')), checked: true }, page());
    expect(result).toMatchObject({ ok: true, did: 'Checked checkbox "Newsletter".', undoable: true });
    expect($('#news').checked).toBe(true);
    expect(events).toEqual(['news click:true', 'news input:true', 'news change:true']);
  });

  it('says nothing changed when it is already in that state', async () => {
    expect(await runTool('set_checked', { selector: '#news', checked: false }, page())).toEqual({
      ok: true,
      did: 'checkbox "Newsletter" was already unchecked; nothing changed.',
      undoable: false,
    });
    expect([events, journal.size]).toEqual([[], 0]);
  });

  it('clicks the visible label of a hidden custom-toggle input, or the input a label names', async () => {
    expect(await runTool('set_checked', { selector: '#dark', checked: true }, page())).toMatchObject({ ok: true, did: 'Checked checkbox "Dark mode".' });
    expect($('#dark').checked).toBe(true);
    await runTool('set_checked', { selector: 'label', checked: true }, page());
    expect($('#news').checked).toBe(true);
  });

  it('switches ARIA switches and radios through their click handlers', async () => {
    expect(await runTool('set_checked', { selector: '#wifi', checked: true }, page())).toMatchObject({ ok: true, did: 'Checked switch "Wi-Fi".' });
    expect($('#wifi').getAttribute('aria-checked')).toBe('true');
    await runTool('set_checked', { selector: '#b', checked: true }, page());
    expect([$('#a').getAttribute('aria-checked'), $('#b').getAttribute('aria-checked')]).toEqual(['false', 'true']);
  });

  it('will not uncheck a radio button directly, and refuses disabled boxes and things that are not checkable', async () => {
    expect(await runTool('set_checked', { selector: '#s', checked: false }, page())).toEqual({
      ok: false,
      error: 'radio "Small" is a radio button: it is unchecked by choosing another option of its group.',
    });
    expect(await runTool('set_checked', { selector: '#off', checked: true }, page())).toMatchObject({ ok: false, error: expect.stringContaining('disabled') });
    expect(await runTool('set_checked', { selector: '#btn', checked: true }, page())).toEqual({
      ok: false,
      error: 'button "Button" is not a checkbox, switch or radio button. Click it instead if it is a toggle.',
    });
  });

  it('says so when the page would not let it change', async () => {
    $('#news').addEventListener('click', (event) => event.preventDefault());
    expect(await runTool('set_checked', { selector: '#news', checked: true }, page())).toEqual({
      ok: false,
      error: 'I clicked checkbox "Newsletter", but it did not become checked: the page may not allow it right now.',
    });
    expect(journal.size).toBe(0);
  });

  it('undo unchecks a checkbox again, with click, input and change', async () => {
    await runTool('set_checked', { selector: '#news', checked: true }, page());
    events = [];
    expect(await runTool('undo', {}, page())).toMatchObject({ ok: true, changes: ['checked checkbox "Newsletter"'] });
    expect($('#news').checked).toBe(false);
    expect(events).toEqual(['news click:false', 'news input:false', 'news change:false']);
  });

  it('undo re-checks the radio that was chosen before (native and ARIA), or none if none was', async () => {
    await runTool('set_checked', { selector: '#m', checked: true }, page());
    expect([$('#s').checked, $('#m').checked]).toEqual([false, true]);
    await runTool('set_checked', { selector: '#b', checked: true }, page());
    await runTool('set_checked', { selector: '#pro', checked: true }, page());
    events = [];
    await runTool('undo', { all: true }, page());
    expect([$('#basic').checked, $('#pro').checked]).toEqual([false, false]);
    expect([$('#a').getAttribute('aria-checked'), $('#b').getAttribute('aria-checked')]).toEqual(['true', 'false']);
    expect([$('#s').checked, $('#m').checked]).toEqual([true, false]);
    expect(events).toEqual(['s click:true', 's input:true', 's change:true']);
  });

  it('asks first on a site set to "ask", and changes nothing meanwhile', async () => {
    expect(await runTool('set_checked', { selector: '#news', checked: true }, page({ policy: 'ask' }))).toMatchObject({
      ok: false,
      needsConfirmation: { action: 'check checkbox "Newsletter"' },
    });
    expect([$('#news').checked, events, journal.size]).toEqual([false, [], 0]);
  });

  it('works inside an open shadow root by ref', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    host.attachShadow({ mode: 'open' }).innerHTML = '<input type="checkbox" aria-label="Inner">';
    const inner = host.shadowRoot?.querySelector('input') as HTMLInputElement;
    expect(await runTool('set_checked', { ref: refs.refOf(inner), checked: true }, page())).toMatchObject({ ok: true });
    expect(inner.checked).toBe(true);
  });
});
