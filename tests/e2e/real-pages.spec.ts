import { FIXTURE_PAGES } from '../fixtures/pages/index.mjs';
import { callTool, confirmationWindow, expect, startSession, takeOpenQuestion, test } from './fixtures';
import { exercisePage, outlineEntries, type Driver, type ToolOutput } from './real-pages';

test('on 20 saved real pages (Firefox runs the other 4): the outline stays under the cap, every ref resolves, and the tools act on its refs', async ({ extension, demo, peer, site }) => {
  test.setTimeout(15 * 60_000);
  // The last 20 of the 24 pages (the minimum); Firefox runs the first 20: every page runs in at least one
  // browser, 16 in both, and the suite stays within its time.
  const pages = FIXTURE_PAGES.slice(-20);
  expect(pages).toHaveLength(20);
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  const driver: Driver = {
    call: (name, args = {}, timeoutMs) => callTool(session, name, args, timeoutMs),
    callMany: async (calls) => (await session.callTools(calls, { timeoutMs: 60_000 })).map((output) => JSON.parse(output) as ToolOutput),
    open: async (url) => {
      await demo.goto(url);
      await demo.bringToFront();
    },
    evaluate: (expression) => demo.evaluate(expression),
    async declineIfAsked() {
      // Only a question still open counts (a window answered a moment ago may be listed while it closes).
      const question = await takeOpenQuestion(extension.context);
      if (!question) return false;
      await question.getByRole('button', { name: "Don't allow" }).click();
      return true;
    },
  };
  const results = [];
  for (const page of pages) {
    results.push(await test.step(page, () => exercisePage(driver, `${site.url}/pages/${page}`)));
  }
  expect(results.filter((result) => result.typed).length, 'pages where text was typed and reset').toBeGreaterThan(3);
  expect(results.reduce((sum, result) => sum + result.refs, 0)).toBeGreaterThan(pages.length * 20);
});

test('a typed search: type_text with submit reaches the results page, and click on a result opens it', async ({ extension, demo, peer, site }) => {
  await demo.goto(`${site.url}/search`);
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);

  const outline = String((await callTool(session, 'get_page_outline')).outline);
  const box = outlineEntries(outline).find((entry) => entry.role === 'searchbox' || entry.role === 'textbox')!;
  expect(box).toBeTruthy();
  // Submitting a search form is a form submission: the gate asks, and the user allows it.
  const typing = callTool(session, 'type_text', { ref: box.ref, text: 'lemon cake', submit: true }, 30_000);
  const question = await confirmationWindow(extension.context);
  await expect(question.locator('#confirm-action')).toContainText('lemon cake');
  await question.getByRole('button', { name: 'Allow', exact: true }).click();
  const typed = await typing;
  expect(typed, typed.error).toMatchObject({ ok: true });
  await expect(demo).toHaveURL(/\/results\?q=lemon(\+|%20)cake/);

  const results = outlineEntries(String((await callTool(session, 'get_page_outline', { query: 'lemon cake' })).outline)).filter((entry) => entry.role === 'link');
  expect(results.length).toBeGreaterThanOrEqual(2);
  const second = results[1]!;
  const clicked = await callTool(session, 'click', { ref: second.ref });
  expect(clicked, clicked.error).toMatchObject({ ok: true, did: expect.stringMatching(/navigat|page/i) });
  await expect(demo).toHaveURL(/\/recipe\/2/);
  await expect(demo.getByRole('heading', { level: 1 })).toContainText(second.name.split(' — ')[0]!);
});
