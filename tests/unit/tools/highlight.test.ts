// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PageOverlay } from '../../../utils/page/overlay';
import { RefRegistry } from '../../../utils/page/refs';
import { runTool } from '../../../utils/tools';
import { pageContext } from '../helpers/page-context';

let refs: RefRegistry;
let overlay: PageOverlay;
const page = (options: Parameters<typeof pageContext>[1] = {}) => ({ ...pageContext(document, { refs, ...options }), overlay });
const $ = (selector: string) => document.querySelector(selector) as HTMLElement;

beforeEach(() => {
  refs = new RefRegistry();
  overlay = new PageOverlay(document);
  document.body.innerHTML = '<button id="pay" disabled>Pay</button><div hidden><a id="gone" href="/x">Gone</a></div><p id="text">Price</p>';
});

describe('highlight', () => {
  it('scrolls the element into view and outlines it for the given time, with a label', async () => {
    const spy = vi.spyOn(overlay, 'highlight');
    let into: unknown;
    $('#text').scrollIntoView = (arg?: boolean | ScrollIntoViewOptions) => void (into = arg);
    const result = await runTool('highlight', { ref: refs.refOf($('#text')), label: 'Here', seconds: 5 }, page());
    expect(result).toEqual({ ok: true, did: 'Showed p to the user for 5 seconds.' });
    expect(spy).toHaveBeenCalledWith($('#text'), 5000, 'Here');
    expect(into).toEqual({ block: 'center', inline: 'nearest', behavior: 'instant' });
    expect(overlay.shown).toBe(true);
  });

  it('shows disabled controls too (3 seconds by default), needs no confirmation, and changes nothing', async () => {
    const spy = vi.spyOn(overlay, 'highlight');
    const before = document.body.innerHTML;
    expect(await runTool('highlight', { selector: '#pay' }, page({ policy: 'ask' }))).toEqual({ ok: true, did: 'Showed button "Pay" to the user for 3 seconds.' });
    expect(spy).toHaveBeenCalledWith($('#pay'), 3000, undefined);
    expect(document.body.innerHTML).toBe(before);
  });

  it('cannot show hidden elements or stale refs, and bounds the time', async () => {
    expect(await runTool('highlight', { selector: '#gone' }, page())).toMatchObject({ ok: false, error: expect.stringMatching(/^link "Gone" is hidden/) });
    const ref = refs.refOf($('#text'));
    $('#text').remove();
    expect(await runTool('highlight', { ref }, page())).toMatchObject({ ok: false, error: expect.stringContaining('get_page_outline') });
    expect(await runTool('highlight', { selector: '#pay', seconds: 60 }, page())).toMatchObject({ ok: false, error: expect.stringContaining('at most 10') });
  });
});
