// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { RefRegistry } from '../../../utils/page/refs';
import { UndoJournal } from '../../../utils/page/undo';
import { runTool } from '../../../utils/tools';
import { pageContext } from '../helpers/page-context';

let refs: RefRegistry;
let journal: UndoJournal;
const page = (options: Parameters<typeof pageContext>[1] = {}) => pageContext(document, { refs, journal, ...options });
const $ = <T extends Element = HTMLInputElement>(selector: string) => document.querySelector(selector) as T;

/**
 * A controlled input as React makes it: React defines `value` on the element instance to track what the app
 * set, and its onChange fires for an input event only when the value differs from the tracked one. A tool that
 * wrote through the instance would update the tracker and the change would be lost.
 */
function controlled(el: HTMLInputElement | HTMLTextAreaElement): { changes: string[]; instanceWrites: number } {
  const native = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value') as PropertyDescriptor;
  const state = { changes: [] as string[], instanceWrites: 0 };
  let tracked = el.value;
  Object.defineProperty(el, 'value', {
    configurable: true,
    get: () => native.get?.call(el) as string,
    set: (value: string) => {
      state.instanceWrites += 1;
      tracked = value;
      native.set?.call(el, value);
    },
  });
  el.addEventListener('input', () => {
    if (el.value !== tracked) {
      tracked = el.value;
      state.changes.push(el.value);
    }
  });
  return state;
}

function log(el: Element, types = ['focus', 'input', 'change']): string[] {
  const seen: string[] = [];
  for (const type of types) el.addEventListener(type, (event) => seen.push(`${type}${event instanceof InputEvent && event.data ? `:${event.data}` : ''}`));
  return seen;
}

beforeEach(() => {
  refs = new RefRegistry();
  journal = new UndoJournal();
  document.body.innerHTML = `
    <label>Name <input id="name" value="Ann"></label>
    <textarea id="notes" aria-label="Notes">old</textarea>
    <div id="editor" contenteditable="true" aria-label="Message"><p>Hello <b>there</b></p></div>
    <input id="ro" aria-label="Fixed" readonly value="x">
    <input id="off" aria-label="Off" disabled>
    <input id="box" type="checkbox" aria-label="Agree">
    <select id="pick" aria-label="Pick"><option>A</option></select>
    <div id="plain">text</div>
    <input id="pw" type="password" aria-label="Password">
    <input id="card" aria-label="Card" autocomplete="cc-number">
    <input id="otp" aria-label="Code" autocomplete="one-time-code">
    <form id="search" action="/search"><input id="q" name="q" aria-label="Search"><button id="go">Search</button></form>
    <input id="chat" aria-label="Chat">`;
});

describe('type_text', () => {
  it('replaces a controlled input\'s value through the prototype setter, so the framework sees the change', async () => {
    const input = $('#name');
    const react = controlled(input);
    const seen = log(input);
    const result = await runTool('type_text', { ref: refs.refOf(input), text: 'Bob' }, page());
    expect(result).toEqual({ ok: true, did: 'Typed "Bob" into textbox "Name".', undoable: true });
    expect(input.value).toBe('Bob');
    expect(react).toEqual({ changes: ['Bob'], instanceWrites: 0 });
    expect(seen).toEqual(['focus', 'input:Bob', 'change']);
  });

  it('adds to the end with clear=false, and types into the field a label stands for', async () => {
    await runTool('type_text', { selector: 'label', text: 'ette', clear: false }, page());
    expect($('#name').value).toBe('Annette');
  });

  it('types into a controlled textarea', async () => {
    const textarea = $<HTMLTextAreaElement>('#notes');
    const react = controlled(textarea);
    await runTool('type_text', { selector: '#notes', text: 'new\nlines' }, page());
    expect(textarea.value).toBe('new\nlines');
    expect(react.changes).toEqual(['new\nlines']);
  });

  it('types into a contenteditable editor (replacing or appending) and fires input', async () => {
    const editor = $<HTMLElement>('#editor');
    const seen = log(editor, ['input']);
    expect(await runTool('type_text', { selector: '#editor', text: 'Hi all' }, page())).toMatchObject({ ok: true, did: 'Typed "Hi all" into textbox "Message".' });
    expect(editor.textContent).toBe('Hi all');
    await runTool('type_text', { selector: '#editor', text: '!', clear: false }, page());
    expect(editor.textContent).toBe('Hi all!');
    expect(seen).toEqual(['input:Hi all', 'input:!']);
  });

  it('undo restores the exact previous content of each kind of field, with input and change events', async () => {
    const input = $('#name');
    const react = controlled(input);
    const seen = log(input, ['input', 'change']);
    const editor = $<HTMLElement>('#editor');
    const html = editor.innerHTML;
    await runTool('type_text', { selector: '#name', text: 'Bob' }, page());
    await runTool('type_text', { selector: '#notes', text: 'x' }, page());
    await runTool('type_text', { selector: '#editor', text: 'Hi' }, page());
    expect(journal.labels).toEqual(['typed "Bob" into textbox "Name"', 'typed "x" into textbox "Notes"', 'typed "Hi" into textbox "Message"']);
    await runTool('undo', { all: true }, page());
    expect([input.value, $<HTMLTextAreaElement>('#notes').value, editor.innerHTML]).toEqual(['Ann', 'old', html]);
    expect(react.changes).toEqual(['Bob', 'Ann']);
    expect(seen).toEqual(['input:Bob', 'change', 'input', 'change']);
  });

  it('refuses fields it cannot type into, with a sentence that says what to use instead', async () => {
    expect(await runTool('type_text', { selector: '#ro', text: 'y' }, page())).toEqual({ ok: false, error: 'textbox "Fixed" is read-only, so I cannot type into it.' });
    expect(await runTool('type_text', { selector: '#off', text: 'y' }, page())).toMatchObject({ ok: false, error: expect.stringMatching(/^textbox "Off" is disabled right now/) });
    expect(await runTool('type_text', { selector: '#box', text: 'y' }, page())).toMatchObject({ error: expect.stringContaining('Use set_checked') });
    expect(await runTool('type_text', { selector: '#pick', text: 'y' }, page())).toMatchObject({ error: expect.stringContaining('Use select_option') });
    expect(await runTool('type_text', { selector: '#plain', text: 'y' }, page())).toEqual({ ok: false, error: 'div is not a text field, so I cannot type into it.' });
    const ref = refs.refOf($('#chat'));
    $('#chat').remove();
    expect(await runTool('type_text', { ref, text: 'y' }, page())).toMatchObject({ ok: false, error: expect.stringContaining('get_page_outline') });
    expect(journal.size).toBe(0);
  });

  it('types into inputs inside an open shadow root by ref', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    host.attachShadow({ mode: 'open' }).innerHTML = '<input aria-label="Inner">';
    const inner = host.shadowRoot?.querySelector('input') as HTMLInputElement;
    expect(await runTool('type_text', { ref: refs.refOf(inner), text: 'deep' }, page())).toMatchObject({ ok: true, did: 'Typed "deep" into textbox "Inner".' });
    expect(inner.value).toBe('deep');
  });

  it('submit=true presses Enter: the form is submitted through its default button', async () => {
    const keys = log($('#q'), ['keydown', 'keypress', 'keyup']);
    let submitter: string | undefined;
    $('#search').addEventListener('submit', (event) => {
      event.preventDefault();
      submitter = (event as SubmitEvent).submitter?.id;
    });
    const asked = await runTool('type_text', { selector: '#q', text: 'cats', submit: true }, page());
    expect(asked).toMatchObject({ ok: false, needsConfirmation: { action: 'type "cats" into textbox "Search" and submit', reason: 'it submits a form' } });
    expect([$('#q').value, submitter, keys]).toEqual(['', undefined, []]);
    const approved = asked.ok ? '' : asked.needsConfirmation?.action;
    expect(await runTool('type_text', { selector: '#q', text: 'cats', submit: true }, page({ approved }))).toMatchObject({
      ok: true,
      did: 'Typed "cats" into textbox "Search" and pressed Enter.',
    });
    expect([$('#q').value, submitter, keys]).toEqual(['cats', 'go', ['keydown', 'keypress', 'keyup']]);
  });

  it('submit=true without a form sends Enter to the field (chat boxes listen for it)', async () => {
    const keys: string[] = [];
    $('#chat').addEventListener('keydown', (event) => keys.push(`${event.key}/${event.code}/${event.keyCode}`));
    const asked = await runTool('type_text', { selector: '#chat', text: 'hi', submit: true }, page());
    expect(asked).toMatchObject({ needsConfirmation: { reason: 'pressing Enter may send what was typed' } });
    const approved = asked.ok ? '' : asked.needsConfirmation?.action;
    await runTool('type_text', { selector: '#chat', text: 'hi', submit: true }, page({ approved }));
    expect(keys).toEqual(['Enter/Enter/13']);
  });

  it('always asks before typing into password, card and one-time-code fields, and never repeats the secret', async () => {
    for (const selector of ['#pw', '#card', '#otp']) {
      const result = await runTool('type_text', { selector, text: 'hunter2' }, page());
      expect(result).toMatchObject({ ok: false, needsConfirmation: { action: expect.stringMatching(/^type "••••" into textbox/) } });
      expect(JSON.stringify(result)).not.toContain('hunter2');
      expect($(selector).value).toBe('');
      const approved = result.ok ? '' : result.needsConfirmation?.action;
      const done = await runTool('type_text', { selector, text: 'hunter2' }, page({ approved }));
      expect(done).toMatchObject({ ok: true });
      expect(JSON.stringify(done)).not.toContain('hunter2');
      expect($(selector).value).toBe('hunter2');
    }
    expect(journal.labels.join()).not.toContain('hunter2');
  });

  it('asks first on a site set to "ask", and types nothing meanwhile', async () => {
    const seen = log($('#name'));
    expect(await runTool('type_text', { selector: '#name', text: 'Bob' }, page({ policy: 'ask' }))).toMatchObject({
      ok: false,
      needsConfirmation: { action: 'type "Bob" into textbox "Name"' },
    });
    expect([$('#name').value, seen, journal.size]).toEqual(['Ann', [], 0]);
  });

  it('says when a field did not take the text as typed', async () => {
    document.body.insertAdjacentHTML('beforeend', '<input id="n" type="number" aria-label="Age">');
    expect(await runTool('type_text', { selector: '#n', text: 'ten' }, page())).toMatchObject({
      ok: true,
      did: 'Typed "ten" into spinbutton "Age", but it holds "" (the field did not take the text as typed).',
    });
  });
});
