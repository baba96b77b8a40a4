// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { RefRegistry } from '../../../utils/page/refs';
import { UndoJournal } from '../../../utils/page/undo';
import { runTool } from '../../../utils/tools';
import { pageContext } from '../helpers/page-context';

let refs: RefRegistry;
let journal: UndoJournal;
const page = (options: Parameters<typeof pageContext>[1] = {}) => pageContext(document, { refs, journal, ...options });
const $ = (selector: string) => document.querySelector(selector) as HTMLElement;

beforeEach(() => {
  refs = new RefRegistry();
  journal = new UndoJournal();
  document.head.innerHTML = '<style>.card { border-radius: 2px !important; }</style>';
  document.body.innerHTML = '<div class="card" id="one" style="margin: 1px">One</div><div class="card">Two</div><button id="go">Go</button>';
});

describe('set_style', () => {
  it('sets a property on the element a ref names, winning over the page\'s !important rules', async () => {
    const result = await runTool('set_style', { ref: refs.refOf($('#go')), property: 'font-size', value: '20px' }, page());
    expect(result).toEqual({ ok: true, did: 'Set font-size: 20px on button "Go".', changed: 1, undoable: true });
    expect($('#go').style.getPropertyValue('font-size')).toBe('20px');
    expect($('#go').style.getPropertyPriority('font-size')).toBe('important');
  });

  it('sets it on every element a selector matches, accepting camelCase and a trailing !important', async () => {
    expect(await runTool('set_style', { selector: '.card', property: 'borderRadius', value: '8px !important' }, page())).toMatchObject({
      did: 'Set border-radius: 8px on 2 elements matching ".card".',
      changed: 2,
    });
    for (const card of document.querySelectorAll('.card')) expect(getComputedStyle(card).borderRadius).toBe('8px');
  });

  it('refuses what is not CSS, before changing anything', async () => {
    expect(await runTool('set_style', { selector: '#go', property: 'colour', value: 'red' }, page())).toEqual({ ok: false, error: 'The browser does not accept "colour: red" as CSS.' });
    expect(await runTool('set_style', { selector: '#go', property: 'width', value: 'banana' }, page())).toEqual({ ok: false, error: 'The browser does not accept "width: banana" as CSS.' });
    expect(await runTool('set_style', { selector: '#go', property: 'color;x', value: 'red' }, page())).toMatchObject({ ok: false, error: expect.stringContaining('is not a CSS property name') });
    expect(await runTool('set_style', { selector: '.none', property: 'color', value: 'red' }, page())).toEqual({ ok: false, error: 'Nothing on this page matches ".none".' });
    expect(await runTool('set_style', { property: 'color', value: 'red' }, page())).toMatchObject({ ok: false, error: expect.stringContaining('ref') });
    expect(journal.size).toBe(0);
  });

  it('is one undo step that restores every inline style exactly', async () => {
    const before = document.body.innerHTML;
    await runTool('set_style', { selector: '.card', property: 'padding', value: '4px' }, page());
    await runTool('set_style', { selector: '#one', property: '--accent', value: 'teal' }, page());
    expect(journal.labels).toEqual(['set padding: 4px on 2 elements matching ".card"', 'set --accent: teal on 1 element matching "#one"']);
    await runTool('undo', { all: true }, page());
    expect(document.body.innerHTML).toBe(before);
  });

  it('styles elements in open shadow roots by ref, and says a stale ref is gone', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    host.attachShadow({ mode: 'open' }).innerHTML = '<p>Inner</p>';
    const inner = host.shadowRoot?.querySelector('p') as HTMLElement;
    expect(await runTool('set_style', { ref: refs.refOf(inner), property: 'color', value: 'red' }, page())).toMatchObject({ ok: true });
    expect(inner.style.color).toBe('red');
    const ref = refs.refOf(inner);
    host.remove();
    expect(await runTool('set_style', { ref, property: 'color', value: 'blue' }, page())).toMatchObject({ ok: false, error: expect.stringContaining('get_page_outline') });
  });

  it('asks first on a site set to "ask", and changes nothing meanwhile', async () => {
    const before = document.body.innerHTML;
    expect(await runTool('set_style', { selector: '.card', property: 'color', value: 'red' }, page({ policy: 'ask' }))).toMatchObject({
      ok: false,
      needsConfirmation: { action: 'set color: red on 2 elements matching ".card"' },
    });
    expect([document.body.innerHTML, journal.size]).toEqual([before, 0]);
  });
});
