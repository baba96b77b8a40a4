// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { runTool } from '../../../utils/tools';
import { pageContext } from '../helpers/page-context';

const page = () => pageContext(document, { policy: 'ask' });

beforeEach(() => {
  document.body.innerHTML = '<p id="status">Loading results…</p><main></main>';
});

describe('wait_for', () => {
  it('returns at once when the text is already there (case-insensitive, whitespace squashed)', async () => {
    expect(await runTool('wait_for', { text: 'loading   RESULTS' }, page())).toEqual({ ok: true, did: '"loading RESULTS" is already on the page.', waited_ms: 0 });
  });

  it('wakes on the DOM change that adds the text, and says how long it took', async () => {
    setTimeout(() => document.querySelector('main')?.insertAdjacentHTML('beforeend', '<h2>Order <b>placed</b></h2>'), 150);
    const start = Date.now();
    const result = await runTool('wait_for', { text: 'Order placed', timeout_ms: 3000 }, page());
    expect(Date.now() - start).toBeLessThan(1000);
    expect(result).toMatchObject({ ok: true, did: expect.stringMatching(/^"Order placed" appeared after 0\.\d seconds\.$/) });
  });

  it('waits for text to disappear with gone=true', async () => {
    setTimeout(() => document.getElementById('status')?.remove(), 100);
    expect(await runTool('wait_for', { text: 'Loading results', gone: true }, page())).toMatchObject({ ok: true, did: expect.stringMatching(/disappeared after/) });
    expect(await runTool('wait_for', { text: 'Loading results', gone: true }, page())).toMatchObject({ did: '"Loading results" is not on the page.' });
  });

  it('times out with a sentence', async () => {
    const start = Date.now();
    expect(await runTool('wait_for', { text: 'Never', timeout_ms: 300 }, page())).toEqual({ ok: false, error: '"Never" did not appear within 0.3 seconds.' });
    expect(Date.now() - start).toBeGreaterThanOrEqual(290);
  });

  it('waits for the page to finish loading', async () => {
    expect(await runTool('wait_for', { load: true }, page())).toEqual({ ok: true, did: 'The page has finished loading.', waited_ms: 0 });
    let state: DocumentReadyState = 'interactive';
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => state });
    try {
      setTimeout(() => {
        state = 'complete';
        window.dispatchEvent(new Event('load'));
      }, 100);
      expect(await runTool('wait_for', { load: true }, page())).toMatchObject({ ok: true, did: expect.stringMatching(/^The page finished loading after/) });
    } finally {
      delete (document as { readyState?: unknown }).readyState;
    }
  });

  it('needs text or load, and bounds the wait to 10 seconds', async () => {
    expect(await runTool('wait_for', {}, page())).toEqual({ ok: false, error: 'Invalid arguments for wait_for: Give the text to wait for, or load=true.' });
    expect(await runTool('wait_for', { text: 'x', timeout_ms: 60000 }, page())).toMatchObject({ ok: false, error: expect.stringContaining('at most 10000') });
  });
});
