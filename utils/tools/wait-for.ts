import { z } from 'zod/mini';
import { squash } from '../page/aria';
import { defineTool } from './tool';

/** Checks run at most this often while the page keeps changing (reading its text costs a layout). */
const CHECK_MS = 100;

/** The page's visible text (innerText skips hidden elements where there is layout), lower-cased, one line. */
function pageText(doc: Document): string {
  const body = doc.body ?? doc.documentElement;
  return (body.innerText ?? body.textContent ?? '').replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Resolves true as soon as `met()` holds, checked after DOM changes and load events (never by an endless
 * poll), or false after `ms`.
 */
function until(doc: Document, met: () => boolean, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    let pending: ReturnType<typeof setTimeout> | undefined;
    const observer = new MutationObserver(() => {
      pending ??= setTimeout(check, CHECK_MS);
    });
    const view = doc.defaultView;
    const finish = (result: boolean): void => {
      observer.disconnect();
      clearTimeout(pending);
      clearTimeout(timeout);
      view?.removeEventListener('load', check);
      resolve(result);
    };
    function check(): void {
      pending = undefined;
      if (met()) finish(true);
    }
    const timeout = setTimeout(() => finish(met()), ms);
    observer.observe(doc, { subtree: true, childList: true, characterData: true, attributes: true });
    view?.addEventListener('load', check);
  });
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} seconds`;

export const waitFor = defineTool({
  name: 'wait_for',
  description:
    'Wait until some text appears on the page (or disappears, with gone=true), or until the page has finished ' +
    'loading (load=true). Waits at most timeout_ms (default 5000, up to 10000) and says how long it took.',
  schema: z
    .object({
      text: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200), z.describe('Text to wait for (case-insensitive).'))),
      gone: z._default(z.boolean(), false).check(z.describe('true: wait for the text to disappear instead. Default false.')),
      load: z.optional(z.boolean().check(z.describe('true: wait until the page has finished loading.'))),
      timeout_ms: z
        ._default(z.int().check(z.gte(100), z.lte(10000)), 5000)
        .check(z.describe('Longest wait in milliseconds, 100 to 10000. Default 5000.')),
    })
    .check(z.refine((a) => a.text !== undefined || a.load === true, { message: 'Give the text to wait for, or load=true.' })),
  async run({ text, gone, load, timeout_ms }, { document }) {
    const loading = load === true || text === undefined;
    const quoted = `"${squash(text ?? '', 60)}"`;
    const needle = text?.replace(/\s+/g, ' ').toLowerCase() ?? '';
    const met = loading ? () => document.readyState === 'complete' : () => pageText(document).includes(needle) !== gone;
    if (met()) {
      const did = loading ? 'The page has finished loading.' : `${quoted} is ${gone ? 'not' : 'already'} on the page.`;
      return { ok: true, did, waited_ms: 0 };
    }
    const start = Date.now();
    const done = await until(document, met, timeout_ms);
    const waited = Date.now() - start;
    if (!done) {
      const failed = loading ? 'The page did not finish loading' : `${quoted} did not ${gone ? 'disappear' : 'appear'}`;
      return { ok: false, error: `${failed} within ${seconds(timeout_ms)}.` };
    }
    const what = loading ? 'The page finished loading' : `${quoted} ${gone ? 'disappeared' : 'appeared'}`;
    return { ok: true, did: `${what} after ${seconds(waited)}.`, waited_ms: waited };
  },
});
