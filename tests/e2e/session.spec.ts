import { expect, startSession, test, type Extension } from './fixtures';

const SEED_TOOLS = ['get_page_html', 'set_background_color', 'set_font_color', 'set_button_style'];

test('Start from the popup makes a live session that declares every tool with its JSON schema', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);

  const update = await session.waitFor((event) => event.type === 'session.update', { timeoutMs: 5_000 });
  const declared = update.session.tools as { type: string; name: string; parameters: { type: string; properties: object } }[];
  for (const name of SEED_TOOLS) {
    const tool = declared.find((candidate) => candidate.name === name);
    expect(tool, `${name} is declared`).toBeTruthy();
    expect(tool!.type).toBe('function');
    expect(tool!.parameters.type).toBe('object');
    expect(tool!.parameters).not.toHaveProperty('$schema');
  }
  expect(declared.find((tool) => tool.name === 'set_background_color')!.parameters.properties).toHaveProperty('color');
  expect(update.session.type).toBe('realtime');
  await expect(popup.getByRole('status')).toHaveText(/Live/);
});

test('each seed tool, called by the model, changes the page and is answered with output then response.create', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  const subscribe = demo.locator('#subscribe');
  const before = (await subscribe.boundingBox())!;

  const background = await session.callTool('set_background_color', { color: 'navy' });
  expect(JSON.parse(background.output)).toMatchObject({ ok: true });
  await expect(demo.locator('body')).toHaveCSS('background-color', 'rgb(0, 0, 128)');
  // Page-wide sections with their own background (the header band, the cards) turn navy too.
  await expect(demo.locator('header')).toHaveCSS('background-color', 'rgb(0, 0, 128)');
  await expect(demo.locator('#entry-1')).toHaveCSS('background-color', 'rgb(0, 0, 128)');
  await expect(subscribe).not.toHaveCSS('background-color', 'rgb(0, 0, 128)');

  const font = await session.callTool('set_font_color', { color: 'white' });
  expect(JSON.parse(font.output)).toMatchObject({ ok: true });
  for (const selector of ['#intro', '#title', 'a', 'h2']) {
    await expect(demo.locator(selector).first()).toHaveCSS('color', 'rgb(255, 255, 255)');
  }

  const buttons = await session.callTool('set_button_style', { scale: 2, color: 'green' });
  expect(JSON.parse(buttons.output)).toMatchObject({ ok: true });
  await expect(subscribe).toHaveCSS('background-color', 'rgb(0, 128, 0)');
  const after = (await subscribe.boundingBox())!;
  expect(after.width / before.width).toBeGreaterThan(1.7);
  expect(after.height / before.height).toBeGreaterThan(1.7);

  const html = await session.callTool('get_page_html', { selector: '#entry-1' });
  const read = JSON.parse(html.output) as { ok: boolean; html: string };
  expect(read.ok).toBe(true);
  expect(read.html).toContain('force six');
  expect(read.html).not.toContain('<script');

  // Every call: exactly one function_call_output for its call_id, and the response.create after it.
  // (callTool resolves only once the peer has the output for that call_id and a response.create after it.)
  for (const call of [background, font, buttons, html]) {
    expect(call.outputEvent.item).toMatchObject({ type: 'function_call_output', call_id: call.callId });
    expect(call.responseCreate.type).toBe('response.create');
  }
  const outputs = session.received.filter((entry: { event: { item?: { type?: string; call_id?: string } } | null }) => entry.event?.item?.type === 'function_call_output');
  expect(new Set(outputs.map((entry) => entry.event?.item?.call_id)).size).toBe(outputs.length);
  await expect(popup.locator('.turn-tool')).toHaveCount(4);
});

test('a typed message reaches the model as a user message and its spoken reply shows in the transcript', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);

  await popup.getByLabel('Message to the AI').fill('make the background navy');
  await popup.getByRole('button', { name: 'Send' }).click();

  const message = await session.waitFor(
    (event) => event.type === 'conversation.item.create' && event.item?.type === 'message',
    { timeoutMs: 5_000 },
  );
  expect(message.item.role).toBe('user');
  expect(message.item.content[0]).toEqual({ type: 'input_text', text: 'make the background navy' });
  await expect(demo.locator('body')).toHaveCSS('background-color', 'rgb(0, 0, 128)');
  await expect(popup.locator('.turn-user')).toContainText('make the background navy');
  await expect(popup.locator('.turn-assistant').last()).toContainText(/navy/i);
});

test('microphone audio reaches the peer and the peer’s audio reaches the session host', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);

  // Real RTP from the browser's (fake, beeping) microphone, and audible frames in it — not just silence.
  await expect.poll(async () => (await session.rtpStats()).packetsReceived, { timeout: 10_000 }).toBeGreaterThan(50);
  await expect.poll(() => session.audio.input.loudFrames, { timeout: 10_000 }).toBeGreaterThan(0);
  await expect.poll(async () => (await extension.hostStats(popup))?.receivedBytes ?? 0, { timeout: 10_000 }).toBeGreaterThan(1_000);
  const stats = await extension.hostStats(popup);
  expect(stats!.sentBytes).toBeGreaterThan(1_000);
  expect(stats!.playing).toBe(true);
});

test('bad arguments, a selector that matches nothing and a browser page give clear errors, and the session carries on', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);

  const missing = JSON.parse((await session.callTool('set_font_color', { colour: 'red' })).output);
  expect(missing).toMatchObject({ ok: false });
  expect(missing.error).toMatch(/color/);

  const badColour = JSON.parse((await session.callTool('set_background_color', { color: 'blurple' })).output);
  expect(badColour.ok).toBe(false);
  expect(badColour.error).toMatch(/blurple/);

  const nothing = JSON.parse((await session.callTool('set_background_color', { color: 'navy', selector: '#no-such-thing' })).output);
  expect(nothing.ok).toBe(false);
  expect(nothing.error).toMatch(/#no-such-thing/);

  const unknown = JSON.parse((await session.callTool('launch_rockets', {})).output);
  expect(unknown.ok).toBe(false);
  expect(unknown.error).toMatch(/launch_rockets/);

  await demo.goto('chrome://version');
  const restricted = JSON.parse((await session.callTool('set_background_color', { color: 'navy' })).output);
  expect(restricted.ok).toBe(false);
  expect(restricted.error).toMatch(/chrome:\/\/version/);

  // The session is still live and the next call works.
  await demo.goBack();
  const ok = JSON.parse((await session.callTool('set_background_color', { color: 'navy' })).output);
  expect(ok.ok).toBe(true);
  await expect(demo.locator('body')).toHaveCSS('background-color', 'rgb(0, 0, 128)');
  await expect(popup.locator('[data-status]')).toHaveAttribute('data-status', 'live');
});

test('the session follows the user to another tab, and a closed target tab gives a clear error', async ({ extension, demo, peer, site }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);

  const other = await extension.context.newPage();
  await other.goto(`${site.url}/pages/wikipedia.html`);
  await other.bringToFront();
  await expect
    .poll(async () => JSON.parse((await session.callTool('set_background_color', { color: 'rgb(1, 2, 3)' })).output).ok, {
      timeout: 5_000,
    })
    .toBe(true);
  await expect(other.locator('body')).toHaveCSS('background-color', 'rgb(1, 2, 3)');
  await expect(demo.locator('body')).not.toHaveCSS('background-color', 'rgb(1, 2, 3)');

  await other.close();
  const closed = JSON.parse((await session.callTool('set_background_color', { color: 'navy' })).output);
  expect(closed.ok).toBe(false);
  expect(closed.error).toMatch(/closed/);

  await demo.bringToFront();
  await expect
    .poll(async () => JSON.parse((await session.callTool('set_background_color', { color: 'navy' })).output).ok, { timeout: 5_000 })
    .toBe(true);
});

test('a wrong API key makes Start fail with a clear message in the popup', async ({ extension, demo, peer }) => {
  await extension.worker.evaluate(async () => {
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...(settings as object), apiKey: "sk-wrong-key" } });
  });
  const popup = await extension.openPopup(demo);
  await popup.getByRole('button', { name: 'Start' }).click();
  await expect(popup.locator('[data-status]')).toHaveAttribute('data-status', 'error');
  await expect(popup.getByRole('alert')).toContainText('rejected your API key');
  expect(peer.sessions).toHaveLength(0);
  // Nothing is left running: the Start button is back.
  await expect(popup.getByRole('button', { name: 'Start' })).toBeVisible();
});

test('Stop ends the session and releases the connection', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  await popup.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(popup.locator('[data-status]')).toHaveAttribute('data-status', 'idle');
  await expect.poll(() => session.closed, { timeout: 10_000 }).toBe(true);
  // The call is gone from the host (with the popup still open, the host may already be loaded again, idle).
  await expect.poll(() => extension.hostStats(popup), { timeout: 5_000 }).toBeNull();
  // Once no panel is open, the offscreen document (and with it anything the session held) is gone.
  await popup.close();
  await expect.poll(() => offscreenDocuments(extension), { timeout: 5_000 }).toBe(0);
});

const offscreenDocuments = (extension: Extension) =>
  extension.worker.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType] })).length);

test('an open popup has the session host loaded before Start, idle (no call, no microphone), and closing it unloads it', async ({ extension, demo, peer }) => {
  expect(await offscreenDocuments(extension)).toBe(0);
  const popup = await extension.openPopup(demo);
  await expect.poll(() => offscreenDocuments(extension), { timeout: 5_000 }).toBe(1);
  // Loaded, serving, and holding nothing: no peer connection, and the peer has seen no one.
  await expect.poll(() => extension.hostStats(popup).then((stats) => stats === null)).toBe(true);
  expect(peer.sessions.length).toBe(0);
  await startSession(popup, peer);
  await popup.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(popup.locator('[data-status]')).toHaveAttribute('data-status', 'idle');
  await popup.close();
  await expect.poll(() => offscreenDocuments(extension), { timeout: 5_000 }).toBe(0);
});

test('malformed and unexpected server events do not break the session; server errors are shown', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);

  session.inject('this is not JSON {');
  session.inject({ type: 'response.function_call_arguments.done' }); // no call_id, no name
  session.inject({ type: 'some.future_event', payload: { anything: true } });
  session.inject({ type: 'error', error: { type: 'invalid_request_error', code: 'test', message: 'The provider hiccupped.' } });

  await expect(popup.locator('.turn-error')).toContainText('The provider hiccupped.');
  const after = JSON.parse((await session.callTool('set_background_color', { color: 'navy' })).output);
  expect(after.ok).toBe(true);
  await expect(demo.locator('body')).toHaveCSS('background-color', 'rgb(0, 0, 128)');
  await expect(popup.locator('[data-status]')).toHaveAttribute('data-status', 'live');
});

test('no API key: Start says where to put one and nothing is left running', async ({ extension, demo, peer }) => {
  await extension.worker.evaluate(async () => {
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...(settings as object), apiKey: '' } });
  });
  const popup = await extension.openPopup(demo);
  await popup.getByRole('button', { name: 'Start' }).click();
  await expect(popup.getByRole('alert')).toContainText('No API key is set');
  expect(peer.sessions).toHaveLength(0);
  // No call in the host (it may stay loaded, idle, while the popup is open), and none once the popup is closed.
  await expect.poll(() => extension.hostStats(popup), { timeout: 5_000 }).toBeNull();
  await popup.close();
  await expect.poll(() => offscreenDocuments(extension), { timeout: 5_000 }).toBe(0);
});
