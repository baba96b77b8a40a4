import { expect, read, sendMessage, startSession, test } from './fixtures';

// Reconnects and rollovers in Firefox ESR: the session window's connection is dropped or renewed, the worker mints
// a fresh key, and the conversation so far is replayed into the new connection as text items.

type PeerSession = Awaited<ReturnType<typeof startSession>>;

/** The text items the extension replayed into a new connection, as "role: text". */
const replayed = (session: PeerSession) =>
  session.received
    .map((entry: { event: { type?: string; item?: { type?: string; role?: string; content?: Array<{ text?: string }> } } | null }) => entry.event)
    .filter((event) => event?.type === 'conversation.item.create' && event.item?.type === 'message')
    .map((event) => `${event!.item!.role}: ${event!.item!.content?.map((part) => part.text).join('')}`);

test('a dropped connection comes back by itself in Firefox, with the conversation replayed, and tool calls work again', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const first = await startSession(popup, peer);
  const host = await extension.sessionWindow();
  await sendMessage(host, 'make the background navy');
  await expect.poll(async () => (await read.texts(popup, '.turn-assistant')).at(-1) ?? '').toMatch(/navy/i);

  const next = peer.waitForSession({ fresh: true, timeoutMs: 20_000 });
  await first.close('network dropped (test)');
  const second = await next;
  await expect.poll(() => read.status(popup)).toBe('live');
  await expect.poll(() => replayed(second)).toEqual(['user: make the background navy', expect.stringMatching(/^assistant: .*navy/i)]);
  const output = JSON.parse((await second.callTool('set_background_color', { color: 'teal' })).output);
  expect(output).toMatchObject({ ok: true });
  await expect.poll(() => read.style(demo, 'body', 'background-color')).toBe('rgb(0, 128, 128)');
});

test('twenty drops in a row in Firefox: each time the session comes back and a tool call works; none is lost', async ({ extension, demo, peer }) => {
  test.setTimeout(120_000);
  const popup = await extension.openPopup(demo);
  let session = await startSession(popup, peer);
  const colors = ['rgb(255, 0, 0)', 'rgb(0, 0, 255)'];
  for (let drop = 1; drop <= 20; drop += 1) {
    const next = peer.waitForSession({ fresh: true, timeoutMs: 20_000 });
    await session.close(`drop ${drop}`);
    session = await next;
    const color = drop % 2 ? 'red' : 'blue';
    expect(JSON.parse((await session.callTool('set_background_color', { color }, { timeoutMs: 15_000 })).output), `after drop ${drop}`).toMatchObject({ ok: true });
    await expect.poll(() => read.style(demo, 'body', 'background-color')).toBe(colors[1 - (drop % 2)]);
  }
  expect(await read.status(popup)).toBe('live');
  expect(await popup.evaluate(async () => ((await browser.storage.session.get('state')).state as { reconnects?: number }).reconnects)).toBe(20);
});

test.describe('a session near the service’s time limit, in Firefox', () => {
  test.use({ peerOptions: { sessionTtlSeconds: 5 } });

  test('rolls over to a new connection before the limit, with the conversation replayed and no error shown', async ({ extension, demo, peer }) => {
    const popup = await extension.openPopup(demo);
    const first = await startSession(popup, peer);
    await sendMessage(await extension.sessionWindow(), 'make the text white');
    await expect.poll(async () => (await read.texts(popup, '.turn-assistant')).at(-1) ?? '').toMatch(/white/i);

    const second = await peer.waitForSession({ fresh: true, timeoutMs: 10_000 });
    // Renewed before the peer's limit: the first connection never got its "session_expired" error.
    expect(first.sent.some((entry: { event: { error?: { code?: string } } | null }) => entry.event?.error?.code === 'session_expired')).toBe(false);
    await expect.poll(() => replayed(second)).toEqual(['user: make the text white', expect.stringMatching(/^assistant: .*white/i)]);
    expect(JSON.parse((await second.callTool('set_background_color', { color: 'navy' }, { timeoutMs: 15_000 })).output)).toMatchObject({ ok: true });
    expect(await read.status(popup)).toBe('live');
    expect(await popup.$$('.error')).toHaveLength(0);
  });
});
