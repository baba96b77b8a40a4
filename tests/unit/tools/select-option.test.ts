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
const select = (id = 'country') => document.getElementById(id) as HTMLSelectElement;
// Read each option's selectedness: happy-dom's selectedOptions misses deselections.
const chosen = (id = 'country') => Array.from(select(id).options).filter((o) => o.selected).map((o) => o.text);

beforeEach(() => {
  refs = new RefRegistry();
  journal = new UndoJournal();
  events = [];
  document.body.innerHTML = `
    <label for="country">Country</label>
    <select id="country">
      <option value="">Choose…</option><option value="fr">France</option><option value="de">Germany</option>
      <option value="gb">United Kingdom</option><option value="us">United States</option><option value="x" disabled>Narnia</option>
    </select>
    <select id="toppings" aria-label="Toppings" multiple>
      <option selected>Cheese</option><option>Ham</option><option>Olives</option>
    </select>
    <select id="off" aria-label="Off" disabled><option>A</option></select>
    <div role="combobox" id="custom" aria-label="Custom">Pick</div>`;
  for (const type of ['input', 'change']) select().addEventListener(type, () => events.push(`${type}:${select().value}`));
});

describe('select_option', () => {
  it('chooses by label, case-insensitively, with input and change events a framework hears', async () => {
    const result = await runTool('select_option', { ref: refs.refOf(select()), option: 'germany' }, page());
    expect(result).toEqual({ ok: true, did: 'Chose "Germany" in combobox "Country".', undoable: true });
    expect(select().value).toBe('de');
    expect(events).toEqual(['input:de', 'change:de']);
  });

  it('matches a value exactly, then a label containing the words; a label stands for its select', async () => {
    await runTool('select_option', { selector: '#country', option: 'GB' }, page());
    expect(chosen()).toEqual(['United Kingdom']);
    await runTool('select_option', { selector: 'label', option: 'states' }, page());
    expect(chosen()).toEqual(['United States']);
  });

  it('adds to the choice in a multiple select', async () => {
    await runTool('select_option', { selector: '#toppings', option: 'olives' }, page());
    expect(chosen('toppings')).toEqual(['Cheese', 'Olives']);
  });

  it('says when it was already chosen, and records nothing', async () => {
    await runTool('select_option', { selector: '#country', option: 'France' }, page());
    expect(await runTool('select_option', { selector: '#country', option: 'France' }, page())).toEqual({
      ok: true,
      did: '"France" was already chosen in combobox "Country"; nothing changed.',
      undoable: false,
    });
    expect(journal.size).toBe(1);
  });

  it('names some options when none matches, and refuses disabled options, disabled selects and custom lists', async () => {
    expect(await runTool('select_option', { selector: '#country', option: 'Spain' }, page())).toEqual({
      ok: false,
      error: 'combobox "Country" has no option like "Spain". Its options: "Choose…", "France", "Germany", "United Kingdom", "United States", "Narnia".',
    });
    expect(await runTool('select_option', { selector: '#country', option: 'narnia' }, page())).toEqual({
      ok: false,
      error: 'The option "Narnia" of combobox "Country" is disabled, so I cannot choose it.',
    });
    expect(await runTool('select_option', { selector: '#off', option: 'A' }, page())).toMatchObject({ ok: false, error: expect.stringContaining('is disabled right now') });
    expect(await runTool('select_option', { selector: '#custom', option: 'A' }, page())).toMatchObject({ ok: false, error: expect.stringContaining('click it to open it') });
    expect(events).toEqual([]);
  });

  it('undo restores the previous choice exactly (single and multiple), with input and change events', async () => {
    await runTool('select_option', { selector: '#country', option: 'France' }, page());
    await runTool('select_option', { selector: '#country', option: 'Germany' }, page());
    await runTool('select_option', { selector: '#toppings', option: 'Ham' }, page());
    events = [];
    await runTool('undo', {}, page());
    expect(chosen('toppings')).toEqual(['Cheese']);
    await runTool('undo', {}, page());
    expect([chosen(), events]).toEqual([['France'], ['input:fr', 'change:fr']]);
    await runTool('undo', {}, page());
    expect(chosen()).toEqual(['Choose…']);
  });

  it('asks first on a site set to "ask", and changes nothing meanwhile', async () => {
    expect(await runTool('select_option', { selector: '#country', option: 'France' }, page({ policy: 'ask' }))).toMatchObject({
      ok: false,
      needsConfirmation: { action: 'choose "France" in combobox "Country"' },
    });
    expect([select().value, events, journal.size]).toEqual(['', [], 0]);
  });

  it('works in an open shadow root by ref, and a stale ref says to look again', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    host.attachShadow({ mode: 'open' }).innerHTML = '<select aria-label="Size"><option>S</option><option>M</option></select>';
    const inner = host.shadowRoot?.querySelector('select') as HTMLSelectElement;
    expect(await runTool('select_option', { ref: refs.refOf(inner), option: 'm' }, page())).toMatchObject({ ok: true });
    expect(inner.value).toBe('M');
    const ref = refs.refOf(inner);
    host.remove();
    expect(await runTool('select_option', { ref, option: 's' }, page())).toMatchObject({ ok: false, error: expect.stringContaining('get_page_outline') });
  });
});
