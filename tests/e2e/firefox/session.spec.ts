import type { Page } from 'puppeteer-core';
import { expect, read, sendMessage, startSession, test } from './fixtures';

// Firefox ESR, headless, the Firefox build installed as a temporary add-on, against the local Realtime peer.
// Every test gets the microphone as a user who once chose "Allow" with "Remember for all microphones" (the stored
// origin permission); none sets media.navigator.permission.disabled. microphone.spec.ts starts from nothing.

const SEED_TOOLS = ['get_page_html', 'set_background_color', 'set_font_color', 'set_button_style'];

/** The session state the worker keeps in storage.session, as any extension page can read it. */
const sessionState = (page: Page) =>
  page.evaluate(async () => (await browser.storage.session.get('state')).state as { status: string; targetTabId?: number; error?: string });

test('Start from the popup opens the session window, which holds a live session that declares every tool', async ({ extension, demo, peer, site }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);

  // The session lives in a small extension window of its own, which shows the status too.
  const host = await extension.sessionWindow();
  await expect.poll(() => read.status(host)).toBe('live');
  const window = await host.evaluate(async () => {
    const current = await browser.windows.getCurrent();
    return { type: current.type, width: current.width ?? 0, height: current.height ?? 0 };
  });
  expect(window.type).toBe('popup');
  expect(window.width).toBeLessThan(600);

  // The AI acts on the page the user was looking at, not on the session window.
  const { targetTabId } = await sessionState(popup);
  const demoTabId = await popup.evaluate(async (url) => (await browser.tabs.query({})).find((tab) => tab.url === url)?.id, `${site.url}/demo`);
  expect(demoTabId).toBeDefined();
  expect(targetTabId).toBe(demoTabId);

  const update = await session.waitFor((event) => event.type === 'session.update', { timeoutMs: 5_000 });
  const declared = update.session.tools as { type: string; name: string; parameters: { type: string; properties: object } }[];
  for (const name of SEED_TOOLS) {
    const tool = declared.find((candidate) => candidate.name === name);
    expect(tool, `${name} is declared`).toBeTruthy();
    expect(tool!.type).toBe('function');
    expect(tool!.parameters.type).toBe('object');
  }
  expect(declared.find((tool) => tool.name === 'set_background_color')!.parameters.properties).toHaveProperty('color');
  expect(await read.text(popup, '[data-status]')).toMatch(/Live/);
});

test('each seed tool, called by the model, changes the page and is answered with output then response.create', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  const before = await read.box(demo, '#subscribe');

  const background = await session.callTool('set_background_color', { color: 'navy' });
  expect(JSON.parse(background.output)).toMatchObject({ ok: true });
  expect(await read.style(demo, 'body', 'background-color')).toBe('rgb(0, 0, 128)');

  const font = await session.callTool('set_font_color', { color: 'white' });
  expect(JSON.parse(font.output)).toMatchObject({ ok: true });
  for (const selector of ['#intro', '#title', 'a', 'h2']) {
    expect(await read.style(demo, selector, 'color'), selector).toBe('rgb(255, 255, 255)');
  }

  const buttons = await session.callTool('set_button_style', { scale: 2, color: 'green' });
  expect(JSON.parse(buttons.output)).toMatchObject({ ok: true });
  expect(await read.style(demo, '#subscribe', 'background-color')).toBe('rgb(0, 128, 0)');
  const after = await read.box(demo, '#subscribe');
  expect(after.width / before.width).toBeGreaterThan(1.7);
  expect(after.height / before.height).toBeGreaterThan(1.7);

  const html = await session.callTool('get_page_html', { selector: '#entry-1' });
  const page = JSON.parse(html.output) as { ok: boolean; html: string };
  expect(page.ok).toBe(true);
  expect(page.html).toContain('force six');
  expect(page.html).not.toContain('<script');

  for (const call of [background, font, buttons, html]) {
    expect(call.outputEvent.item.type).toBe('function_call_output');
    expect(call.responseCreate).toBeTruthy();
  }
  const outputs = session.received.filter((entry) => entry.event?.item?.type === 'function_call_output');
  expect(new Set(outputs.map((entry) => entry.event!.item.call_id)).size).toBe(outputs.length);
  await expect.poll(async () => (await read.texts(popup, '.turn-tool')).length).toBe(4);
});

test('a message typed in the session window reaches the model, changes the page, and the reply shows in every UI', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  const host = await extension.sessionWindow();

  await sendMessage(host, 'make the background navy');

  const message = await session.waitFor(
    (event) => event.type === 'conversation.item.create' && event.item?.type === 'message',
    { timeoutMs: 5_000 },
  );
  expect(message.item.role).toBe('user');
  expect(message.item.content[0]).toEqual({ type: 'input_text', text: 'make the background navy' });
  await expect.poll(() => read.style(demo, 'body', 'background-color')).toBe('rgb(0, 0, 128)');
  for (const ui of [host, popup]) {
    await expect.poll(() => read.text(ui, '.turn-user')).toContain('make the background navy');
    await expect.poll(async () => (await read.texts(ui, '.turn-assistant')).at(-1) ?? '').toMatch(/navy/i);
  }
});

test('microphone audio reaches the peer and the peer’s audio plays in the session window', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);

  // Real RTP from Firefox's (fake, steady-tone) microphone, and audible frames in it — not just silence.
  await expect.poll(async () => (await session.rtpStats()).packetsReceived, { timeout: 10_000 }).toBeGreaterThan(50);
  await expect.poll(() => session.audio.input.loudFrames, { timeout: 10_000 }).toBeGreaterThan(10);

  // The peer "speaks" (a tone) about a tool result; the session window receives and plays it.
  await session.callTool('get_page_html', { selector: '#title' });
  await expect.poll(() => session.audio.output.toneFrames, { timeout: 10_000 }).toBeGreaterThan(0);
  await expect.poll(async () => (await extension.hostStats(popup))?.receivedBytes ?? 0, { timeout: 10_000 }).toBeGreaterThan(1_000);
  const stats = await extension.hostStats(popup);
  expect(stats!.sentBytes).toBeGreaterThan(1_000);
  expect(stats!.playing).toBe(true);
});

test('the session follows the user to another tab, never to the session window', async ({ extension, demo, peer, site }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);

  const otherUrl = `${site.url}/pages/wikipedia.html`;
  const other = await extension.newTabBeside(demo, otherUrl);
  const otherTabId = await popup.evaluate(async (url) => (await browser.tabs.query({})).find((tab) => tab.url === url)?.id, otherUrl);
  await expect.poll(async () => (await sessionState(popup)).targetTabId, { timeout: 5_000 }).toBe(otherTabId);
  expect(JSON.parse((await session.callTool('set_background_color', { color: 'rgb(1, 2, 3)' })).output).ok).toBe(true);
  expect(await read.style(other, 'body', 'background-color')).toBe('rgb(1, 2, 3)');
  expect(await read.style(demo, 'body', 'background-color')).not.toBe('rgb(1, 2, 3)');

  // Working in the session window (typing, say) does not make it the target.
  const host = await extension.sessionWindow();
  await host.bringToFront();
  await host.click('input[name="message"]');
  expect(JSON.parse((await session.callTool('set_background_color', { color: 'navy' })).output).ok).toBe(true);
  expect(await read.style(other, 'body', 'background-color')).toBe('rgb(0, 0, 128)');
  expect((await sessionState(popup)).targetTabId).toBe(otherTabId);
});

test('Stop ends the call and closes the session window, which held the microphone', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  const host = await extension.sessionWindow();
  expect(await host.evaluate(() => document.querySelector('audio')?.srcObject != null)).toBe(true);

  await popup.click('button.stop');
  await expect.poll(() => read.status(popup)).toBe('idle');
  await expect.poll(() => session.closed, { timeout: 10_000 }).toBe(true);
  await expect.poll(() => extension.pageShowing(extension.url('session.html')), { timeout: 5_000 }).toBeNull();
  await expect.poll(() => extension.hostStats(popup).catch(() => 'no host'), { timeout: 5_000 }).toBe('no host');
  expect(await read.text(popup, '[role="alert"]')).toBe('');
});

test('closing the session window ends the session cleanly and says why', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  const host = await extension.sessionWindow();

  await host.close();
  await expect.poll(() => read.status(popup), { timeout: 5_000 }).toBe('idle');
  expect(await read.text(popup, '[role="alert"]')).toContain('session window was closed');
  await expect.poll(() => session.closed, { timeout: 10_000 }).toBe(true);

  // A new session starts as usual, in a new window.
  const next = await startSession(popup, peer);
  expect(next).not.toBe(session);
  expect(JSON.parse((await next.callTool('set_background_color', { color: 'navy' })).output).ok).toBe(true);
});

test.describe('with a short idle timeout', () => {
  test.use({ firefoxLaunch: { microphoneAllowed: true, idleTimeoutSeconds: 1 } });

  test('the session survives Firefox suspending the event page, and tool calls wake it', async ({ extension, demo, peer }) => {
    const popup = await extension.openPopup(demo);
    const session = await startSession(popup, peer);

    await expect.poll(() => extension.backgroundState(), { timeout: 15_000 }).toBe('stopped');
    const call = await session.callTool('set_background_color', { color: 'rgb(1, 2, 3)' });
    expect(JSON.parse(call.output)).toMatchObject({ ok: true });
    expect(await read.style(demo, 'body', 'background-color')).toBe('rgb(1, 2, 3)');

    await expect.poll(() => extension.backgroundState(), { timeout: 15_000 }).toBe('stopped');
    await sendMessage(popup, 'make the text white');
    await expect.poll(() => read.style(demo, '#intro', 'color')).toBe('rgb(255, 255, 255)');
    expect(await read.status(popup)).toBe('live');
    expect(session.closed).toBe(false);
  });
});

test('Firefox’s own pages and addons.mozilla.org give clear errors, and the session carries on', async ({ extension, demo, peer, site }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);

  await extension.navigate(demo, 'about:robots');
  const about = JSON.parse((await session.callTool('set_background_color', { color: 'navy' })).output);
  expect(about.ok).toBe(false);
  expect(about.error).toMatch(/about:robots/);

  // Resolves to this machine (firefox.mjs): the tab shows an error page, but its address is the store's.
  await extension.navigate(demo, 'https://addons.mozilla.org/en-US/firefox/').catch(() => undefined);
  const store = JSON.parse((await session.callTool('set_background_color', { color: 'navy' })).output);
  expect(store.ok).toBe(false);
  expect(store.error).toMatch(/extension store \(addons\.mozilla\.org\)/);

  await demo.goto(`${site.url}/demo`);
  const ok = JSON.parse((await session.callTool('set_background_color', { color: 'navy' })).output);
  expect(ok.ok).toBe(true);
  expect(await read.style(demo, 'body', 'background-color')).toBe('rgb(0, 0, 128)');
  expect(await read.status(popup)).toBe('live');
});

test('without access to websites the popup offers it, tool calls say why, and once allowed they work', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  // The user took the extension's access to websites back (about:addons → Permissions).
  await popup.evaluate(() => browser.permissions.remove({ origins: ['<all_urls>'] }));
  await expect.poll(() => read.text(popup, '[data-host-access="missing"]')).toContain('has not given this extension access to websites');

  const session = await startSession(popup, peer);
  const refused = JSON.parse((await session.callTool('set_background_color', { color: 'navy' })).output);
  expect(refused.ok).toBe(false);
  expect(refused.error).toMatch(/has not given me access to this site \(127\.0\.0\.1\).*Allow access to websites/);
  expect(await read.style(demo, 'body', 'background-color')).not.toBe('rgb(0, 0, 128)');

  await popup.bringToFront(); // where the user clicks, and where Firefox shows its prompt
  await popup.click('[data-host-access] button');
  const prompt = await extension.answerPermissionsPrompt();
  expect(prompt.text).toBe('Voice Page Control requests additional settings');
  expect(prompt.content).toContain('Access your data for all websites');
  await expect.poll(() => read.attribute(popup, '[data-host-access]', 'data-host-access')).toBeNull();

  await demo.bringToFront();
  const allowed = JSON.parse((await session.callTool('set_background_color', { color: 'navy' })).output);
  expect(allowed.ok).toBe(true);
  expect(await read.style(demo, 'body', 'background-color')).toBe('rgb(0, 0, 128)');
});

test('a wrong API key saved in the options page makes Start fail with a clear message and leaves nothing open', async ({ extension, demo, peer }) => {
  const options = await extension.openPage('options.html');
  await options.type('input[name="apiKey"]', 'sk-wrong-key');
  await options.click('button[type="submit"]');
  await expect.poll(() => read.text(options, '[role="status"]')).toBe('Saved.');
  await options.close();

  const popup = await extension.openPopup(demo);
  await popup.click('button.start');
  await expect.poll(() => read.status(popup), { timeout: 15_000 }).toBe('error');
  expect(await read.text(popup, '[role="alert"]')).toContain('rejected your API key');
  expect(peer.sessions).toHaveLength(0);
  await expect.poll(() => extension.pageShowing(extension.url('session.html')), { timeout: 5_000 }).toBeNull();
});

test('captions stream in Firefox; speaking over the AI cuts it off (marked interrupted); stop speaking and mute work from the session window', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  const host = await extension.sessionWindow();
  const longMessage = Array.from({ length: 160 }, (_, i) => `word${i}`).join(' ');
  const lastAnswer = async (page: Page) =>
    page.$$eval('.turn-assistant', (rows) => {
      const row = rows.at(-1);
      return { state: row?.getAttribute('data-state') ?? '', text: row?.textContent ?? '' };
    });

  // Barge-in: the AI's row grows while it speaks; the user talks over it.
  await sendMessage(host, longMessage);
  await expect.poll(async () => (await lastAnswer(popup)).text).toContain('word3');
  expect((await lastAnswer(popup)).state).toBe('partial');
  const spoken = await session.userSays('make the background navy');
  expect(spoken.interrupted).toBeTruthy();
  await expect.poll(() => read.style(demo, 'body', 'background-color')).toBe('rgb(0, 0, 128)');
  await expect.poll(async () => (await read.texts(popup, '.turn')).length).toBe(5);
  const states = await popup.$$eval('.turn', (rows) => rows.map((row) => `${row.getAttribute('data-role')}:${row.getAttribute('data-state')}`));
  expect(states).toEqual(['user:final', 'assistant:interrupted', 'user:final', 'tool:final', 'assistant:final']);

  // Stop speaking: response.cancel, then output_audio_buffer.clear.
  await sendMessage(host, longMessage);
  await expect.poll(async () => (await lastAnswer(host)).text).toContain('word3');
  const since = session.received.length;
  await host.click('button.stop-speaking');
  await session.waitFor((event) => event.type === 'output_audio_buffer.clear', { timeoutMs: 5_000, since });
  const types = session.received.slice(since).map((entry: { event: { type?: string } | null }) => entry.event?.type);
  expect(types.indexOf('response.cancel')).toBeGreaterThanOrEqual(0);
  expect(types.indexOf('response.cancel')).toBeLessThan(types.indexOf('output_audio_buffer.clear'));
  await expect.poll(async () => (await lastAnswer(popup)).state).toBe('interrupted');

  // Mute: no more microphone packets reach the peer; unmute: they come again.
  const arrivingIn500ms = async () => {
    const before = (await session.rtpStats()).packetsReceived;
    await new Promise((resolve) => setTimeout(resolve, 500));
    return (await session.rtpStats()).packetsReceived - before;
  };
  await host.click('button.mute');
  await expect.poll(() => read.attribute(popup, 'button.mute', 'aria-pressed')).toBe('true');
  await expect.poll(arrivingIn500ms, { timeout: 10_000 }).toBe(0);
  await host.click('button.mute');
  await expect.poll(arrivingIn500ms, { timeout: 10_000 }).toBeGreaterThan(5);
});

test('the sidebar page holds the whole session in Firefox: start, a typed message with its reply, stop', async ({ extension, demo, peer }) => {
  const sidebar = await extension.openPage('sidepanel.html');
  await demo.bringToFront();
  await startSession(sidebar, peer);
  await extension.sessionWindow();
  await sendMessage(sidebar, 'make the background navy');
  await expect.poll(() => read.style(demo, 'body', 'background-color')).toBe('rgb(0, 0, 128)');
  await expect.poll(async () => (await read.texts(sidebar, '.turn-assistant')).at(-1) ?? '').toMatch(/navy/i);
  await sidebar.click('button.stop');
  await expect.poll(() => read.status(sidebar)).toBe('idle');
});
