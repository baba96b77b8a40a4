// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"enableIframePageLoading": true}}
import { beforeEach, describe, expect, it } from 'vitest';
import { RefRegistry } from '../../../utils/page/refs';
import { UndoJournal } from '../../../utils/page/undo';
import { runTool } from '../../../utils/tools';
import { pageContext } from '../helpers/page-context';

let refs: RefRegistry;
let journal: UndoJournal;
let events: string[];
const page = (options: Parameters<typeof pageContext>[1] = {}) => pageContext(document, { refs, journal, ...options });
const $ = (selector: string) => document.querySelector(selector) as HTMLElement;
const refOf = (selector: string) => refs.refOf($(selector));

/** Records every pointer/mouse/focus/click event on an element, in order. */
function record(el: Element, types = ['pointerover', 'pointerenter', 'mouseover', 'pointerdown', 'mousedown', 'focus', 'pointerup', 'mouseup', 'click']): void {
  for (const type of types) el.addEventListener(type, () => events.push(type));
}

beforeEach(() => {
  refs = new RefRegistry();
  journal = new UndoJournal();
  events = [];
  document.body.innerHTML = `
    <button id="menu" aria-expanded="false" aria-controls="list">Menu</button>
    <ul id="list" hidden><li><a href="#a">Item</a></li></ul>
    <button id="plain">Nothing</button>
    <button id="off" disabled>Off</button>
    <div style="display: none"><button id="hidden">Hidden</button></div>
    <button id="open">Sign in</button>
    <form id="form" action="/login"><input name="q"><button id="go">Log in</button></form>
    <button id="buy">Buy now</button>
    <button id="delete">Delete account</button>
    <a id="away" href="https://elsewhere.example/page">Elsewhere</a>
    <a id="next" href="/page-2">Next page</a>`;
  $('#menu').addEventListener('click', () => {
    const open = $('#menu').getAttribute('aria-expanded') === 'true';
    $('#menu').setAttribute('aria-expanded', String(!open));
    $('#list').hidden = open;
  });
  $('#open').addEventListener('click', () => {
    document.body.insertAdjacentHTML('beforeend', '<div role="dialog" aria-label="Sign in"><input aria-label="Email"><button>Continue</button></div>');
  });
});

describe('click', () => {
  it('scrolls into view, then plays a person\'s pointer sequence once, at the centre, and focuses', async () => {
    const el = $('#plain');
    record(el);
    const scrolled: unknown[] = [];
    el.scrollIntoView = (arg?: boolean | ScrollIntoViewOptions) => void scrolled.push(arg);
    el.getBoundingClientRect = () => DOMRect.fromRect({ x: 10, y: 20, width: 100, height: 40 });
    let at: number[] = [];
    el.addEventListener('click', (event) => (at = [event.clientX, event.clientY, event.detail, event.button]));
    const result = await runTool('click', { ref: refOf('#plain') }, page());
    expect(scrolled).toEqual([{ block: 'center', inline: 'nearest', behavior: 'instant' }]);
    expect(events).toEqual(['pointerover', 'pointerenter', 'mouseover', 'pointerdown', 'mousedown', 'focus', 'pointerup', 'mouseup', 'click']);
    expect(at).toEqual([60, 40, 1, 0]);
    expect(document.activeElement).toBe(el);
    expect(result).toEqual({ ok: true, did: 'Clicked button "Nothing"; nothing visible happened.', undoable: false });
  });

  it('a cancelled mousedown keeps focus where it was; a cancelled pointerdown drops the mouse events', async () => {
    const el = $('#plain');
    record(el);
    el.addEventListener('pointerdown', (event) => event.preventDefault());
    await runTool('click', { selector: '#plain' }, page());
    expect(events).toEqual(['pointerover', 'pointerenter', 'mouseover', 'pointerdown', 'focus', 'pointerup', 'click']);
    events = [];
    const other = $('#menu');
    record(other, ['focus', 'click']);
    other.addEventListener('mousedown', (event) => event.preventDefault());
    await runTool('click', { selector: '#menu' }, page());
    expect(events).toEqual(['click']);
  });

  it('says the state flipped and shows what is around it now', async () => {
    const result = await runTool('click', { selector: '#menu' }, page());
    expect(result).toMatchObject({ ok: true, undoable: false, did: expect.stringMatching(/^Clicked button "Menu"; it is now expanded; the page changed \(\d+ updates?\)\.$/) });
    expect(result).toHaveProperty('around', expect.stringContaining('link "Item"'));
  });

  it('says a dialog opened, and shows the dialog', async () => {
    const result = await runTool('click', { selector: '#open' }, page());
    expect(result).toMatchObject({ ok: true, did: 'Clicked button "Sign in"; a dialog opened: dialog "Sign in".' });
    expect(result).toHaveProperty('around', expect.stringContaining('textbox "Email"'));
  });

  it('says navigation started when the page unloads, and does not wait the whole settle time for it', async () => {
    $('#plain').addEventListener('click', () => window.dispatchEvent(new Event('beforeunload')));
    const start = Date.now();
    const result = await runTool('click', { selector: '#plain' }, page());
    expect(Date.now() - start).toBeLessThan(200);
    expect(result).toMatchObject({ ok: true, did: expect.stringContaining('the page is navigating to another page') });
    expect(result).not.toHaveProperty('around');
  });

  it('says where a followed link goes, and not when the page cancelled it', async () => {
    $('#next').addEventListener('click', (event) => event.preventDefault(), { once: true });
    expect(await runTool('click', { selector: '#next' }, page())).toMatchObject({ did: expect.not.stringContaining('navigating') });
    const { origin, pathname } = location;
    try {
      expect(await runTool('click', { selector: '#next' }, page())).toMatchObject({
        did: `Clicked link "Next page"; the page is navigating to ${origin}/page-2 (wait for it, then look again).`,
      });
    } finally {
      history.replaceState(null, '', pathname);
    }
  });

  it('refuses disabled and hidden elements with a sentence, and stale refs point to get_page_outline', async () => {
    expect(await runTool('click', { selector: '#off' }, page())).toEqual({
      ok: false,
      error: 'button "Off" is disabled right now, so I cannot click it (the page may need something else done first).',
    });
    expect(await runTool('click', { selector: '#hidden' }, page())).toMatchObject({ ok: false, error: expect.stringMatching(/^button "Hidden" is hidden, so I cannot click it/) });
    const ref = refOf('#plain');
    $('#plain').remove();
    expect(await runTool('click', { ref }, page())).toMatchObject({ ok: false, error: expect.stringContaining('get_page_outline') });
    expect(await runTool('click', {}, page())).toMatchObject({ ok: false, error: expect.stringContaining('ref') });
  });

  it('clicks elements inside open shadow roots and same-origin frames by ref', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<button>Shadow</button>';
    const inner = root.querySelector('button') as HTMLButtonElement;
    let clicks = 0;
    inner.addEventListener('click', () => (clicks += 1));
    expect(await runTool('click', { ref: refs.refOf(inner) }, page())).toMatchObject({ ok: true, did: expect.stringMatching(/^Clicked button "Shadow"/) });
    expect(clicks).toBe(1);

    const frame = document.createElement('iframe');
    document.body.append(frame);
    const doc = frame.contentDocument as Document;
    doc.body.innerHTML = '<button>Framed</button>';
    const framed = doc.querySelector('button') as HTMLButtonElement;
    framed.addEventListener('click', () => (clicks += 1));
    expect(await runTool('click', { ref: refs.refOf(framed) }, page())).toMatchObject({ ok: true, did: expect.stringMatching(/^Clicked button "Framed"/) });
    expect(clicks).toBe(2);
  });
});

describe('click and the safety gate', () => {
  it('asks first on a site set to "ask", and clicks nothing meanwhile', async () => {
    record($('#plain'));
    const result = await runTool('click', { selector: '#plain' }, page({ policy: 'ask' }));
    expect(result).toMatchObject({ ok: false, needsConfirmation: { action: 'click button "Nothing"' } });
    expect(events).toEqual([]);
  });

  it.each([
    ['#go', 'click button "Log in"', 'it submits a form'],
    ['#buy', 'click button "Buy now"', 'the control says "buy", which may not be reversible'],
    ['#delete', 'click button "Delete account"', 'the control says "delete", which may not be reversible'],
    ['#away', 'click link "Elsewhere"', 'it opens another site (elsewhere.example)'],
  ])('always asks before risky clicks (%s), even when the site is allowed; the approved action then goes ahead', async (selector, action, reason) => {
    let submitted = 0;
    let clicked = 0;
    $('#form').addEventListener('submit', (event) => {
      event.preventDefault();
      submitted += 1;
    });
    $(selector).addEventListener('click', (event) => {
      clicked += 1;
      if (selector === '#away') event.preventDefault();
    });
    const asked = await runTool('click', { selector }, page());
    expect(asked).toMatchObject({ ok: false, needsConfirmation: { action, reason } });
    expect([clicked, submitted]).toEqual([0, 0]);
    const approved = asked.ok ? '' : (asked.needsConfirmation?.action ?? '');
    expect(await runTool('click', { selector }, page({ approved }))).toMatchObject({ ok: true });
    expect(clicked).toBe(1);
    expect(submitted).toBe(selector === '#go' ? 1 : 0);
  });
});
