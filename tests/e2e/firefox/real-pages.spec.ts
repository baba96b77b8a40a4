import { FIXTURE_PAGES } from '../../fixtures/pages/index.mjs';
import { exercisePage, outlineEntries, type Driver, type ToolOutput } from '../real-pages';
import { expect, startSession, test } from './fixtures';

type PeerSession = Awaited<ReturnType<typeof startSession>>;
const call = async (session: PeerSession, name: string, args: Record<string, unknown> = {}, timeoutMs = 15_000) =>
  JSON.parse((await session.callTool(name, args, { timeoutMs })).output) as ToolOutput;

test('on every saved real page in Firefox: the outline stays under the cap, every ref resolves, and the tools act on its refs', async ({ extension, demo, peer, site }) => {
  test.setTimeout(20 * 60_000);
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  const driver: Driver = {
    call: (name, args = {}, timeoutMs) => call(session, name, args, timeoutMs),
    callMany: async (calls) => (await session.callTools(calls, { timeoutMs: 60_000 })).map((output) => JSON.parse(output) as ToolOutput),
    // The last page's click may still be leaving for an address of its own: then navigate again once it settled.
    open: (url) => extension.navigate(demo, url).catch(async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await extension.navigate(demo, url);
    }),
    evaluate: <T>(expression: string) => demo.evaluate(expression) as Promise<T>,
    async declineIfAsked() {
      const question = await extension.pageShowing(extension.url('confirm.html'));
      if (!question) return false;
      await question.click('button.stop');
      return true;
    },
  };
  const results = [];
  for (const page of FIXTURE_PAGES) results.push(await exercisePage(driver, `${site.url}/pages/${page}`));
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
