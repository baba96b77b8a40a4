import type { Page } from 'puppeteer-core';
import { expect, read, startSession, test } from './fixtures';

// Tab tools, screenshots and the safety gate's confirmation window in Firefox ESR (the same code as Chrome's).

type PeerSession = Awaited<ReturnType<typeof startSession>>;
const call = async (session: PeerSession, name: string, args: Record<string, unknown> = {}, timeoutMs = 15_000) =>
  JSON.parse((await session.callTool(name, args, { timeoutMs })).output) as { ok: boolean; error?: string } & Record<string, unknown>;
const tabIdOf = (page: Page, url: string) => page.evaluate(async (wanted) => (await browser.tabs.query({})).find((tab) => tab.url === wanted)?.id ?? -1, url);

test('tab tools list, open, switch and close tabs; closing a tab the AI did not open asks in the confirmation window', async ({ extension, demo, peer, site }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  const demoId = await tabIdOf(popup, `${site.url}/demo`);

  const listed = await call(session, 'list_tabs');
  const tabs = listed.tabs as Array<{ tab_id: number; controlled?: boolean }>;
  expect(tabs.find((tab) => tab.tab_id === demoId)).toMatchObject({ controlled: true });

  const wikiUrl = `${site.url}/pages/wikipedia.html`;
  expect(await call(session, 'open_tab', { url: wikiUrl })).toMatchObject({ ok: true });
  const wikiId = await tabIdOf(popup, wikiUrl);
  expect(wikiId).toBeGreaterThan(0);
  expect(await call(session, 'set_background_color', { color: 'rgb(1, 2, 3)' })).toMatchObject({ ok: true });
  const wiki = await extension.pageShowing(wikiUrl);
  expect(await read.style(wiki!, 'body', 'background-color')).toBe('rgb(1, 2, 3)');
  expect(await read.style(demo, 'body', 'background-color')).not.toBe('rgb(1, 2, 3)');

  expect(await call(session, 'switch_tab', { tab_id: demoId })).toMatchObject({ ok: true });
  expect(await call(session, 'set_background_color', { color: 'rgb(4, 5, 6)' })).toMatchObject({ ok: true });
  expect(await read.style(demo, 'body', 'background-color')).toBe('rgb(4, 5, 6)');

  expect(await call(session, 'close_tab', { tab_id: wikiId })).toMatchObject({ ok: true });
  await expect.poll(() => tabIdOf(popup, wikiUrl)).toBe(-1);

  // The popup tab is not the AI's: closing it needs the user, who declines.
  const popupId = await tabIdOf(popup, extension.url('popup.html'));
  const other = await extension.newTabBeside(demo, `${site.url}/demo?second`);
  await demo.bringToFront();
  const otherId = await tabIdOf(popup, `${site.url}/demo?second`);
  const closing = call(session, 'close_tab', { tab_id: otherId }, 20_000);
  const question = await extension.findPage('confirm.html');
  await expect.poll(() => read.text(question, '#confirm-action')).toContain(`close tab ${otherId}`);
  await question.click('button.stop');
  expect(await closing).toMatchObject({ ok: false, error: expect.stringMatching(/declined/) });
  expect(await tabIdOf(popup, `${site.url}/demo?second`)).toBe(otherId);
  expect(popupId).toBeGreaterThan(0);
  expect(other.isClosed()).toBe(false);
});

test('navigating to another site waits for the user; Allow in the confirmation window lets it happen', async ({ extension, demo, peer, site }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  const otherSite = site.url.replace('127.0.0.1', 'localhost');

  const going = call(session, 'navigate', { url: `${otherSite}/pages/wikipedia.html` }, 30_000);
  const question = await extension.findPage('confirm.html');
  await expect.poll(() => read.text(question, '.confirm-reason')).toContain('another site (localhost)');
  expect(await demo.evaluate(() => location.pathname)).toBe('/demo');
  await question.click('button.start');
  expect(await going).toMatchObject({ ok: true });
  await expect.poll(() => demo.evaluate(() => location.href)).toBe(`${otherSite}/pages/wikipedia.html`);
});

test('look_at_page sends a JPEG screenshot to the model as an input_image item', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  const output = await call(session, 'look_at_page');
  expect(output).toMatchObject({ ok: true, did: expect.stringMatching(/attached as an image/) });
  const item = await session.waitFor(
    (event) => event.type === 'conversation.item.create' && event.item?.content?.[0]?.type === 'input_image',
    { timeoutMs: 5_000 },
  );
  expect(item.item.content[0].image_url).toMatch(/^data:image\/jpeg;base64,\/9j\//);
});
