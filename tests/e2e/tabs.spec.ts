import { callTool, confirmationWindow, expect, startSession, test } from './fixtures';

/** Tab ids the browser gives, as the extension sees them (Playwright pages have none). */
async function tabIdOf(worker: import('@playwright/test').Worker, url: string): Promise<number> {
  return worker.evaluate(async (wanted) => (await chrome.tabs.query({})).find((tab) => tab.url === wanted)?.id ?? -1, url);
}

test('tab tools list, open, switch and close tabs, and every call lands in the controlled tab', async ({ extension, demo, peer, site }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  const demoId = await tabIdOf(extension.worker, demo.url());

  const listed = await callTool(session, 'list_tabs');
  expect(listed.ok).toBe(true);
  const tabs = listed.tabs as Array<{ tab_id: number; title: string; site: string; controlled?: boolean }>;
  expect(tabs.find((tab) => tab.tab_id === demoId)).toMatchObject({ controlled: true, site: '127.0.0.1' });
  // The extension's own pages (the popup, open as a tab here) are not the user's tabs.
  const popupId = await tabIdOf(extension.worker, popup.url());
  expect(popupId).toBeGreaterThan(0);
  expect(tabs.map((tab) => tab.tab_id)).not.toContain(popupId);
  expect(listed.controlled).toMatch(new RegExp(`tab ${demoId}`));

  // Same site: no question asked. The new tab is controlled from now on.
  const opened = await callTool(session, 'open_tab', { url: `${site.url}/pages/wikipedia.html` });
  expect(opened).toMatchObject({ ok: true });
  const wikiId = await tabIdOf(extension.worker, `${site.url}/pages/wikipedia.html`);
  expect(opened.controlled).toMatch(new RegExp(`tab ${wikiId}`));
  const wiki = extension.context.pages().find((page) => page.url().endsWith('/pages/wikipedia.html'))!;
  expect(await callTool(session, 'set_background_color', { color: 'rgb(1, 2, 3)' })).toMatchObject({ ok: true });
  await expect(wiki.locator('body')).toHaveCSS('background-color', 'rgb(1, 2, 3)');
  await expect(demo.locator('body')).not.toHaveCSS('background-color', 'rgb(1, 2, 3)');

  const switched = await callTool(session, 'switch_tab', { tab_id: demoId });
  expect(switched.controlled).toMatch(new RegExp(`tab ${demoId}`));
  expect(await callTool(session, 'set_background_color', { color: 'rgb(4, 5, 6)' })).toMatchObject({ ok: true });
  await expect(demo.locator('body')).toHaveCSS('background-color', 'rgb(4, 5, 6)');
  await expect(wiki.locator('body')).toHaveCSS('background-color', 'rgb(1, 2, 3)');

  // A tab the AI opened closes without a question.
  expect(await callTool(session, 'close_tab', { tab_id: wikiId })).toMatchObject({ ok: true });
  await expect.poll(() => wiki.isClosed()).toBe(true);

  // A tab the AI did not open: the user is asked; declining leaves it open, and the model is told.
  const other = await extension.context.newPage();
  await other.goto(`${site.url}/pages/bbc-1.html`);
  await demo.bringToFront();
  const otherId = await tabIdOf(extension.worker, other.url());
  const closing = callTool(session, 'close_tab', { tab_id: otherId }, 20_000);
  const question = await confirmationWindow(extension.context);
  await expect(question.locator('#confirm-action')).toContainText(`close tab ${otherId}`);
  await question.getByRole('button', { name: "Don't allow" }).click();
  const declined = await closing;
  expect(declined.ok).toBe(false);
  expect(declined.error).toMatch(/declined/);
  expect(other.isClosed()).toBe(false);

  expect(await callTool(session, 'switch_tab', { tab_id: 999999 })).toMatchObject({ ok: false, error: expect.stringMatching(/no tab 999999/) });
  expect(await callTool(session, 'open_tab', { url: 'file:///etc/passwd' })).toMatchObject({ ok: false, error: expect.stringMatching(/only open web pages/) });
});

test('navigate goes to a page of the same site, back and forward, and a call during navigation waits for the new page', async ({ extension, demo, peer, site }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  // Chrome's back button skips entries the user never interacted with; a person has clicked on the page they read.
  await demo.locator('h1').first().click();

  const went = await callTool(session, 'navigate', { url: `${site.url}/pages/wikipedia.html` });
  expect(went).toMatchObject({ ok: true, undoable: false });
  await expect(demo).toHaveURL(/wikipedia\.html$/);
  expect(await callTool(session, 'navigate', { history: 'back' })).toMatchObject({ ok: true });
  await expect(demo).toHaveURL(/\/demo$/);
  expect(await callTool(session, 'navigate', { history: 'forward' })).toMatchObject({ ok: true });
  await expect(demo).toHaveURL(/wikipedia\.html$/);

  // The page starts loading, and the tool call arrives meanwhile: it runs on the new page.
  await demo.evaluate(() => setTimeout(() => (location.href = '/demo'), 0));
  const during = await callTool(session, 'set_background_color', { color: 'rgb(7, 8, 9)' });
  expect(during.ok).toBe(true);
  await expect(demo).toHaveURL(/\/demo$/);
  await expect(demo.locator('body')).toHaveCSS('background-color', 'rgb(7, 8, 9)');

  expect(await callTool(session, 'navigate', { url: 'javascript:alert(1)' })).toMatchObject({ ok: false });
  expect(await callTool(session, 'navigate', {})).toMatchObject({ ok: false, error: expect.stringMatching(/either "url"/) });
});

test('look_at_page sends the screenshot to the model as an input_image item before the next response', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);

  const call = await session.callTool('look_at_page', {}, { timeoutMs: 15_000 });
  const output = JSON.parse(call.output) as { ok: boolean; did: string; image?: unknown };
  expect(output.ok).toBe(true);
  expect(output.did).toMatch(/attached as an image/);
  expect(output.image).toBeUndefined(); // the picture travels as its own item, not inside the text output
  const item = await session.waitFor(
    (event) => event.type === 'conversation.item.create' && event.item?.type === 'message' && event.item?.content?.[0]?.type === 'input_image',
    { timeoutMs: 5_000 },
  );
  expect(item.item.role).toBe('user');
  const url = item.item.content[0].image_url as string;
  expect(url).toMatch(/^data:image\/jpeg;base64,/);
  // A real JPEG (starts with FF D8), and the peer took it (no error event after it).
  expect(Buffer.from(url.split(',')[1]!, 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  const ids = session.received.map((entry: { event: { type?: string } | null }) => entry.event?.type);
  expect(ids.lastIndexOf('response.create')).toBeGreaterThan(ids.indexOf('conversation.item.create'));
});
