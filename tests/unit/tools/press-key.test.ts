// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { RefRegistry } from '../../../utils/page/refs';
import { runTool } from '../../../utils/tools';
import { pageContext } from '../helpers/page-context';

let refs: RefRegistry;
const page = (options: Parameters<typeof pageContext>[1] = {}) => pageContext(document, { refs, ...options });
const $ = (selector: string) => document.querySelector(selector) as HTMLElement;

function keys(el: EventTarget): string[] {
  const seen: string[] = [];
  for (const type of ['keydown', 'keypress', 'keyup']) {
    el.addEventListener(type, (event) => {
      const key = event as KeyboardEvent;
      const mods = [key.ctrlKey && 'ctrl', key.shiftKey && 'shift', key.altKey && 'alt', key.metaKey && 'meta'].filter(Boolean).join('+');
      seen.push(`${type} ${key.key}|${key.code}|${key.keyCode}${mods ? ` ${mods}` : ''}`);
    });
  }
  return seen;
}

beforeEach(() => {
  refs = new RefRegistry();
  document.body.innerHTML = `
    <input id="first" aria-label="First">
    <button id="skip" disabled>Skip</button>
    <div style="display:none"><input id="hidden"></div>
    <a id="link" href="#top">Top</a>
    <input id="second" aria-label="Second">
    <button id="toggle" aria-pressed="false">Bold</button>
    <form id="form" action="/find"><input id="q" aria-label="Query"><button id="submit">Find</button></form>
    <dialog id="dialog"><input id="in-dialog" aria-label="Inside"></dialog>`;
  $('#toggle').addEventListener('click', () => $('#toggle').setAttribute('aria-pressed', String($('#toggle').getAttribute('aria-pressed') !== 'true')));
});

describe('press_key', () => {
  it('sends keydown, keypress and keyup with the right key, code and keyCode to the focused element', async () => {
    $('#second').focus();
    const seen = keys($('#second'));
    const result = await runTool('press_key', { key: 'a' }, page());
    expect(seen).toEqual(['keydown a|KeyA|65', 'keypress a|KeyA|97', 'keyup a|KeyA|65']);
    expect(result).toEqual({ ok: true, did: 'Pressed a on textbox "Second"; nothing visible happened.', undoable: false });
  });

  it('knows named keys and aliases, sends no keypress for them or with Control, and carries modifiers', async () => {
    const seen = keys($('#first'));
    await runTool('press_key', { key: 'esc', selector: '#first' }, page());
    await runTool('press_key', { key: 'Space', selector: '#first' }, page());
    await runTool('press_key', { key: 'k', modifiers: ['Control', 'Shift'], selector: '#first' }, page());
    await runTool('press_key', { key: '/', selector: '#first' }, page());
    expect(seen).toEqual([
      'keydown Escape|Escape|27', 'keyup Escape|Escape|27',
      'keydown  |Space|32', 'keypress  |Space|32', 'keyup  |Space|32',
      'keydown k|KeyK|75 ctrl+shift', 'keyup k|KeyK|75 ctrl+shift',
      'keydown /|Slash|0', 'keypress /|Slash|47', 'keyup /|Slash|0',
    ]);
    expect(await runTool('press_key', { key: 'Hyper' }, page())).toMatchObject({ ok: false, error: expect.stringMatching(/^"Hyper" is not a key I can press\. Keys: Enter, Escape, Tab/) });
  });

  it('goes to the body when nothing has focus', async () => {
    const seen = keys(document.body);
    expect(await runTool('press_key', { key: 'x' }, page())).toMatchObject({ ok: true, did: expect.stringMatching(/^Pressed x on body/) });
    expect(seen).toHaveLength(3);
  });

  it('Tab and Shift+Tab move focus, skipping disabled and hidden elements', async () => {
    $('#first').focus();
    expect(await runTool('press_key', { key: 'Tab' }, page())).toMatchObject({ did: 'Pressed Tab on textbox "First"; focus moved to link "Top".' });
    expect(document.activeElement?.id).toBe('link');
    await runTool('press_key', { key: 'Tab', modifiers: ['Shift'] }, page());
    expect(document.activeElement?.id).toBe('first');
  });

  it('Tab does nothing when the page cancels the keydown', async () => {
    $('#first').focus();
    $('#first').addEventListener('keydown', (event) => event.preventDefault());
    await runTool('press_key', { key: 'Tab' }, page());
    expect(document.activeElement?.id).toBe('first');
  });

  it('Enter and Space press buttons', async () => {
    await runTool('press_key', { key: 'Enter', selector: '#toggle' }, page());
    expect($('#toggle').getAttribute('aria-pressed')).toBe('true');
    expect(await runTool('press_key', { key: ' ', selector: '#toggle' }, page())).toMatchObject({ did: 'Pressed Space on button "Bold"; it is no longer pressed; the page changed (1 update).' });
  });

  it('Escape closes a native dialog', async () => {
    const dialog = $('#dialog') as HTMLDialogElement;
    dialog.show();
    await runTool('press_key', { key: 'Escape', selector: '#in-dialog' }, page());
    expect(dialog.open).toBe(false);
  });

  it('Enter in a form field needs confirmation (it submits), submits nothing meanwhile, then submits once approved', async () => {
    let submitted = 0;
    $('#form').addEventListener('submit', (event) => {
      event.preventDefault();
      submitted += 1;
    });
    const asked = await runTool('press_key', { key: 'Enter', selector: '#q' }, page());
    expect(asked).toMatchObject({ ok: false, needsConfirmation: { action: 'press Enter on textbox "Query"', reason: 'pressing Enter here submits a form' } });
    expect(submitted).toBe(0);
    const approved = asked.ok ? '' : asked.needsConfirmation?.action;
    await runTool('press_key', { key: 'Enter', selector: '#q' }, page({ approved }));
    expect(submitted).toBe(1);
  });

  it('does not submit when the page cancels Enter\'s keydown', async () => {
    let submitted = 0;
    $('#form').addEventListener('submit', (event) => {
      event.preventDefault();
      submitted += 1;
    });
    $('#q').addEventListener('keydown', (event) => event.preventDefault());
    await runTool('press_key', { key: 'Enter', selector: '#q' }, page({ approved: 'press Enter on textbox "Query"' }));
    expect(submitted).toBe(0);
  });

  it('asks first on a site set to "ask", and sends nothing meanwhile', async () => {
    const seen = keys($('#first'));
    expect(await runTool('press_key', { key: 'a', selector: '#first' }, page({ policy: 'ask' }))).toMatchObject({
      needsConfirmation: { action: 'press a on textbox "First"' },
    });
    expect(seen).toEqual([]);
  });

  it('refuses a stale ref', async () => {
    const ref = refs.refOf($('#first'));
    $('#first').remove();
    expect(await runTool('press_key', { key: 'a', ref }, page())).toMatchObject({ ok: false, error: expect.stringContaining('get_page_outline') });
  });
});
