import { FIXTURE_PAGES } from '../../fixtures/pages/index.mjs';
import { exercisePage, outlineEntries, type Driver, type ToolOutput } from '../real-pages';
import { expect, startSession, test } from './fixtures';

type PeerSession = Awaited<ReturnType<typeof startSession>>;
const call = async (session: PeerSession, name: string, args: Record<string, unknown> = {}, timeoutMs = 15_000) =>
  JSON.parse((await session.callTool(name, args, { timeoutMs })).output) as ToolOutput;

test('on 20 saved real pages in Firefox (Chromium runs the other 4): the outline stays under the cap, every ref resolves, and the tools act on its refs', async ({ extension, demo, peer, site }) => {
  test.setTimeout(20 * 60_000);
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  let current = demo;
  const driver: Driver = {
    call: (name, args = {}, timeoutMs) => call(session, name, args, timeoutMs),
    callMany: async (calls) => (await session.callTools(calls, { timeoutMs: 60_000 })).map((output) => JSON.parse(output) as ToolOutput),
    // Each page in a fresh tab (the last page's click may still be leaving for an address of its own, and BiDi
    // refuses to navigate a tab in that state); the session follows the user to it, as it does for a person.
    async open(url) {
      const next = await extension.newTabBeside(current, 'about:blank');
      // Some saved pages' own inline scripts try to move to their original site, which BiDi reports as a failed
      // navigation although the page itself loaded: what counts is that the tab shows the page.
      await extension.navigate(next, url).catch(() => undefined);
      await expect.poll(() => next.evaluate(() => [location.href, document.readyState].join(' ')).catch(() => '')).toBe(`${url} complete`);
      const tabId = await popup.evaluate(async (wanted) => (await browser.tabs.query({})).find((tab) => tab.url === wanted)?.id, url);
      await expect
        .poll(() => popup.evaluate(async () => ((await browser.storage.session.get('state')).state as { targetTabId?: number }).targetTabId))
        .toBe(tabId);
      await current.close();
      current = next;
    },
    evaluate: <T>(expression: string) => current.evaluate(expression) as Promise<T>,
    async declineIfAsked() {
      const question = await extension.pageShowing(extension.url('confirm.html'));
      if (!question) return false;
      // A window answered a moment ago may still be showing while it closes: then there was nothing to decline.
      return question.click('button.stop').then(() => true, () => false);
    },
  };
  const results = [];
  // The first 20 of the 24 pages (the minimum); Chromium runs the last 20, so every page runs somewhere.
  const pages = FIXTURE_PAGES.slice(0, 20);
  expect(pages).toHaveLength(20);
  for (const page of pages) results.push(await exercisePage(driver, `${site.url}/pages/${page}`));
  expect(results.filter((result) => result.typed).length).toBeGreaterThan(3);
});

test('a typed search in Firefox: type_text with submit reaches the results, click on a result opens it', async ({ extension, demo, peer, site }) => {
  await extension.navigate(demo, `${site.url}/search`);
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  const box = outlineEntries(String((await call(session, 'get_page_outline')).outline)).find((entry) => entry.role === 'searchbox' || entry.role === 'textbox')!;
  const typing = call(session, 'type_text', { ref: box.ref, text: 'lemon cake', submit: true }, 30_000);
  const question = await extension.findPage('confirm.html');
  await question.click('button.start');
  const typed = await typing;
  expect(typed, typed.error).toMatchObject({ ok: true });
  await expect.poll(() => demo.evaluate(() => location.pathname + location.search)).toMatch(/^\/results\?q=lemon(\+|%20)cake/);
  const results = outlineEntries(String((await call(session, 'get_page_outline', { query: 'lemon cake' })).outline)).filter((entry) => entry.role === 'link');
  const clicked = await call(session, 'click', { ref: results[1]!.ref });
  expect(clicked, clicked.error).toMatchObject({ ok: true });
  await expect.poll(() => demo.evaluate(() => location.pathname)).toBe('/recipe/2');
});
