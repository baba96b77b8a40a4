// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { RefRegistry } from '../../../utils/page/refs';
import { runTool } from '../../../utils/tools';
import { pageContext } from '../helpers/page-context';

let refs: RefRegistry;
let behaviors: unknown[];
const page = (options: Parameters<typeof pageContext>[1] = {}) => pageContext(document, { refs, ...options });
const $ = (selector: string) => document.querySelector(selector) as HTMLElement;

/** happy-dom has no layout: give an element a browser's scroll size, and a scrollTo that clamps like one. */
function scrollable(el: Element, height: number, screen: number): void {
  Object.defineProperty(el, 'scrollHeight', { configurable: true, value: height });
  Object.defineProperty(el, 'clientHeight', { configurable: true, value: screen });
  let top = 0;
  Object.defineProperty(el, 'scrollTop', { configurable: true, get: () => top, set: (value: number) => (top = value) });
  el.scrollTo = ((options: ScrollToOptions) => {
    behaviors.push(options.behavior);
    top = Math.max(0, Math.min(options.top ?? top, height - screen));
  }) as Element['scrollTo'];
}

beforeEach(() => {
  refs = new RefRegistry();
  behaviors = [];
  document.body.innerHTML = `
    <h1>Title</h1>
    <div id="list" role="list" aria-label="Results" style="overflow-y: auto; height: 100px"><p id="row">Row</p></div>
    <div id="short" style="overflow-y: auto"><p id="inside">Short</p></div>
    <p id="far">Far away</p>`;
  scrollable(document.documentElement, innerHeight * 5, innerHeight);
  scrollable($('#list'), 1000, 100);
});

describe('scroll', () => {
  it('scrolls the page a screen (90 %) at a time, instantly, and says where it is', async () => {
    const result = await runTool('scroll', { direction: 'down' }, page());
    expect(document.documentElement.scrollTop).toBeCloseTo(innerHeight * 0.9);
    expect(behaviors).toEqual(['instant']);
    expect(result).toEqual({ ok: true, did: 'Scrolled down; now at 23% of the page; about 3.1 screens more below.', undoable: false });
    expect(await runTool('scroll', { direction: 'down', screens: 2.5 }, page())).toMatchObject({ did: expect.stringMatching(/^Scrolled down; now at 79% of the page/) });
  });

  it('goes to the top and bottom, and says when it cannot go further', async () => {
    expect(await runTool('scroll', { direction: 'bottom' }, page())).toMatchObject({ did: 'Scrolled to the bottom; now at the bottom of the page.' });
    expect(await runTool('scroll', { direction: 'down' }, page())).toMatchObject({ did: 'Could not scroll down: already at the bottom of the page.' });
    expect(await runTool('scroll', { direction: 'top' }, page())).toMatchObject({ did: 'Scrolled to the top; now at the top of the page; about 4 screens more below.' });
    expect(await runTool('scroll', { direction: 'up' }, page())).toMatchObject({ did: expect.stringMatching(/^Could not scroll up: already at the top/) });
  });

  it('scrolls the scrolling box an element is in (or is), not the page', async () => {
    expect(await runTool('scroll', { direction: 'down', selector: '#row' }, page())).toMatchObject({
      did: 'Scrolled down; now at 10% of list "Results"; about 8.1 screens more below.',
    });
    expect($('#list').scrollTop).toBe(90);
    expect(await runTool('scroll', { direction: 'bottom', ref: refs.refOf($('#list')) }, page())).toMatchObject({ did: expect.stringContaining('at the bottom of list "Results"') });
    expect(document.documentElement.scrollTop).toBe(0);
    // A box with overflow but nothing to scroll is skipped: the page scrolls.
    await runTool('scroll', { direction: 'down', selector: '#inside' }, page());
    expect(document.documentElement.scrollTop).toBeGreaterThan(0);
  });

  it('brings an element into view when there is no direction', async () => {
    let into: unknown;
    $('#far').scrollIntoView = (arg?: boolean | ScrollIntoViewOptions) => void (into = arg);
    expect(await runTool('scroll', { selector: '#far' }, page())).toMatchObject({ ok: true, did: 'Scrolled p into view; now at the top of the page; about 4 screens more below.' });
    expect(into).toEqual({ block: 'center', inline: 'nearest', behavior: 'instant' });
  });

  it('wants a direction or an element, at most 10 screens, and a live ref; needs no confirmation', async () => {
    expect(await runTool('scroll', {}, page())).toMatchObject({ ok: false, error: expect.stringContaining('Say a direction') });
    expect(await runTool('scroll', { direction: 'down', screens: 11 }, page())).toMatchObject({ ok: false, error: expect.stringContaining('at most 10') });
    expect(await runTool('scroll', { direction: 'sideways' }, page())).toMatchObject({ ok: false });
    const ref = refs.refOf($('#far'));
    $('#far').remove();
    expect(await runTool('scroll', { ref }, page())).toMatchObject({ ok: false, error: expect.stringContaining('get_page_outline') });
    expect(await runTool('scroll', { direction: 'down' }, page({ policy: 'ask' }))).toMatchObject({ ok: true });
  });

  it('says when the page does not scroll at all', async () => {
    scrollable(document.documentElement, innerHeight, innerHeight);
    expect(await runTool('scroll', { direction: 'down' }, page())).toMatchObject({ did: 'Could not scroll down: the page fits on the screen (nothing to scroll).' });
  });
});
