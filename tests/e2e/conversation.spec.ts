import type { Page } from '@playwright/test';
import { expect, startSession, test, updateSettings } from './fixtures';
import { pricedByHand } from './priced-by-hand';

/** A message the peer does not understand: it answers "I heard you say: …" word by word, long enough to talk over. */
const LONG_MESSAGE = Array.from({ length: 160 }, (_, i) => `word${i}`).join(' ');

async function typeMessage(popup: Page, text: string) {
  await popup.getByLabel('Message to the AI').fill(text);
  await popup.getByRole('button', { name: 'Send' }).click();
}

/** The rows of the conversation as the popup shows them. */
const rows = (popup: Page) =>
  popup.locator('.turn').evaluateAll((items) =>
    items.map((item) => ({ role: item.getAttribute('data-role'), state: item.getAttribute('data-state'), text: item.textContent ?? '' })),
  );

test('captions stream as the AI speaks; speaking over it cuts it off, its words so far stay marked interrupted, and the spoken request runs', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);

  await typeMessage(popup, LONG_MESSAGE);
  // The AI's row appears while it is still speaking, and grows.
  const answer = popup.locator('.turn-assistant').last();
  await expect(answer).toHaveAttribute('data-state', 'partial');
  await expect(answer).toContainText('word3');

  const spoken = await session.userSays('make the background navy');
  expect(spoken.interrupted).toBeTruthy();
  // The peer, as the service does, cancelled the answer it was speaking when the user started to talk.
  const cancelled = session.sent.find(
    (entry: { event: { type?: string; response?: { id?: string } } | null }) => entry.event?.type === 'response.done' && entry.event.response?.id === spoken.interrupted,
  );
  expect(cancelled?.event?.response).toMatchObject({ status: 'cancelled', status_details: { reason: 'turn_detected' } });

  await expect(demo.locator('body')).toHaveCSS('background-color', 'rgb(0, 0, 128)');
  await expect(popup.locator('.turn-assistant').last()).toContainText(/navy/i);
  await expect(popup.locator('.turn-user').last()).toHaveAttribute('data-state', 'final');

  const shown = await rows(popup);
  // Conversation order: typed request, the cut-off answer, the spoken request (its words arrived after the new
  // answer had started), the tool call, the answer to it.
  expect(shown.map((row) => row.role)).toEqual(['user', 'assistant', 'user', 'tool', 'assistant']);
  expect(shown[1]!.state).toBe('interrupted');
  expect(shown[1]!.text).toContain('interrupted');
  const fullEcho = `I heard you say: "${LONG_MESSAGE}".`;
  const cutText = shown[1]!.text.replace(/^AI:\s*/, '').replace(/\s*— interrupted$/, '');
  expect(cutText.length).toBeGreaterThan(10);
  expect(fullEcho.startsWith(cutText.trim())).toBe(true);
  expect(cutText.trim().length).toBeLessThan(fullEcho.length);
  expect(shown[2]!.text).toContain('make the background navy');
});

test('stop speaking sends response.cancel then output_audio_buffer.clear, and the cut-off turn is marked', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);

  await typeMessage(popup, LONG_MESSAGE);
  const answer = popup.locator('.turn-assistant').last();
  await expect(answer).toContainText('word3');
  const since = session.received.length;
  await popup.getByRole('button', { name: 'Stop speaking' }).click();

  await session.waitFor((event) => event.type === 'output_audio_buffer.clear', { timeoutMs: 5_000 });
  const types = session.received.slice(since).map((entry: { event: { type?: string } | null }) => entry.event?.type);
  expect(types.indexOf('response.cancel')).toBeGreaterThanOrEqual(0);
  expect(types.indexOf('response.cancel')).toBeLessThan(types.indexOf('output_audio_buffer.clear'));
  await expect(answer).toHaveAttribute('data-state', 'interrupted');
  await expect(answer).toContainText('— interrupted');
  expect((await answer.textContent())!).not.toContain('word159');

  // The session carries on: the next request is answered in full.
  await typeMessage(popup, 'make the background navy');
  await expect(demo.locator('body')).toHaveCSS('background-color', 'rgb(0, 0, 128)');
});

test('mute takes the microphone off the call (no more audio reaches the peer) and unmute brings it back', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  const packets = async () => (await session.rtpStats()).packetsReceived;
  /** Packets that arrive at the peer within half a second: a window, because "nothing arrives" has no event. */
  const arrivingIn500ms = async () => {
    const before = await packets();
    await new Promise((resolve) => setTimeout(resolve, 500));
    return (await packets()) - before;
  };
  await expect.poll(arrivingIn500ms, { timeout: 10_000 }).toBeGreaterThan(5);

  await popup.getByRole('button', { name: 'Mute' }).click();
  await expect(popup.getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
  await expect(popup.locator('[data-status]')).toContainText('muted');
  await expect.poll(arrivingIn500ms, { timeout: 10_000 }).toBe(0);

  await popup.getByRole('button', { name: 'Unmute' }).click();
  await expect(popup.getByRole('button', { name: 'Mute' })).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(arrivingIn500ms, { timeout: 10_000 }).toBeGreaterThan(5);
});

test('the cost shown equals the sum of the peer’s response.done usage, priced by hand at the model’s list prices', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  await typeMessage(popup, 'make the background navy');
  await expect(popup.locator('.turn-assistant').last()).toContainText(/navy/i);
  await typeMessage(popup, 'make the text white');
  await expect(popup.locator('.turn-assistant').last()).toContainText(/white/i);

  const expected = async () => pricedByHand(session.sent);
  const shown = async () => Number(await popup.locator('.usage').getAttribute('data-cost-usd'));
  // Settled: every response.done the peer sent is counted (both requests and both tool rounds).
  await expect.poll(async () => Math.abs((await shown()) - (await expected()).dollars)).toBeLessThan(1e-12);
  expect((await expected()).responses).toBeGreaterThanOrEqual(4);
  expect(await shown()).toBeGreaterThan(0);
  await expect(popup.locator('.usage')).toContainText(/This session: \$0\.\d{4} · [\d,]+ tokens/);
});

test('a used-up rate limit is said in words, and the session carries on', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  session.inject({
    type: 'rate_limits.updated',
    rate_limits: [
      { name: 'requests', limit: 1000, remaining: 998, reset_seconds: 0.1 },
      { name: 'tokens', limit: 40000, remaining: 0, reset_seconds: 8.5 },
    ],
  });
  await expect(popup.locator('.turn-error')).toContainText("Rate limited: your account's limit of tokens per minute is used up");
  await expect(popup.locator('.turn-error')).toContainText('It resets in 9 s.');
  await typeMessage(popup, 'make the background navy');
  await expect(demo.locator('body')).toHaveCSS('background-color', 'rgb(0, 0, 128)');
});

test('push to talk: no turn detection; holding the button clears the input, releasing commits it and asks for the answer', async ({ extension, demo, peer }) => {
  await updateSettings(extension.worker, { turnDetection: 'push_to_talk' });
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  expect(session.config.audio.input.turn_detection).toBeNull();
  const talk = popup.getByRole('button', { name: 'Hold to talk' });
  const since = session.received.length;

  await talk.hover();
  await popup.mouse.down();
  await expect(popup.getByRole('button', { name: 'Release to send' })).toHaveAttribute('aria-pressed', 'true');
  await session.waitFor('input_audio_buffer.clear', { since, timeoutMs: 5_000 });
  // Talk for a moment: the peer needs at least 100 ms of audio to commit.
  const heard = session.audio.input.durationMs;
  await expect.poll(() => session.audio.input.durationMs - heard).toBeGreaterThan(400);
  await popup.mouse.up();

  await session.waitFor('response.create', { since, timeoutMs: 5_000 });
  const types = session.received.slice(since).map((entry: { event: { type?: string } | null }) => entry.event?.type);
  const order = ['input_audio_buffer.clear', 'input_audio_buffer.commit', 'response.create'].map((type) => types.indexOf(type));
  expect(order.every((index) => index >= 0)).toBe(true);
  expect(order).toEqual([...order].sort((a, b) => a - b));
  // The peer committed the held audio as the user's turn and answered it.
  await expect(popup.locator('.turn-assistant').last()).toContainText(/I heard \d+\.\d seconds of audio/);
  await expect(popup.getByRole('button', { name: 'Hold to talk' })).toHaveAttribute('aria-pressed', 'false');
});

test('options saved during a session reach it as one GA session.update; an invalid value is refused with its reason', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  const options = await extension.context.newPage();
  await options.goto(`chrome-extension://${extension.extensionId}/options.html`);
  await demo.bringToFront();

  await options.getByLabel('Speaking speed').fill('3');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('status')).toHaveText('Not saved: Speed is at most 1.5.');

  const since = session.received.length;
  await options.getByLabel('Speaking speed').fill('1.2');
  await options.getByLabel('How soon it answers').selectOption('low');
  await options.getByLabel('Microphone noise reduction').selectOption('far_field');
  await options.getByLabel('My language (for the transcript)').fill('de');
  await options.getByLabel('Transcription model').selectOption('gpt-4o-transcribe');
  await options.getByLabel('Instructions for the AI').fill('Answer in German, briefly.');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('status')).toHaveText('Saved.');

  const update = await session.waitFor('session.update', { since, timeoutMs: 5_000 });
  expect(update.session).toMatchObject({
    type: 'realtime',
    instructions: 'Answer in German, briefly.',
    output_modalities: ['audio'],
    audio: {
      input: {
        noise_reduction: { type: 'far_field' },
        transcription: { model: 'gpt-4o-transcribe', language: 'de' },
        turn_detection: { type: 'semantic_vad', eagerness: 'low' },
      },
      output: { voice: 'marin', speed: 1.2 },
    },
  });
  expect(update.session.tools.length).toBeGreaterThan(20);
  // One update for one save, and the peer took it.
  expect(session.received.slice(since).filter((entry: { event: { type?: string } | null }) => entry.event?.type === 'session.update')).toHaveLength(1);
  expect(session.config.audio.output.speed).toBe(1.2);
  expect(session.config.instructions).toBe('Answer in German, briefly.');

  // Server VAD, with its three numbers, reaches the running session the same way.
  const next = session.received.length;
  await options.getByLabel('Turn taking').selectOption('server_vad');
  await options.getByLabel(/Speech threshold/).fill('0.7');
  await options.getByLabel(/Audio kept from before speech/).fill('200');
  await options.getByLabel(/Silence that ends my turn/).fill('800');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('status')).toHaveText('Saved.');
  const vad = await session.waitFor('session.update', { since: next, timeoutMs: 5_000 });
  expect(vad.session.audio.input.turn_detection).toEqual({
    type: 'server_vad',
    threshold: 0.7,
    prefix_padding_ms: 200,
    silence_duration_ms: 800,
    create_response: true,
    interrupt_response: true,
  });
  expect(session.config.audio.input.turn_detection).toMatchObject({ type: 'server_vad', silence_duration_ms: 800 });
});

test('a client event sent by hand is checked, then reaches the service; the event log holds both directions', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  /** A message to the worker or the host as our own pages send it (@webext-core/messaging's shape). */
  const ask = (type: string, data: unknown) =>
    popup.evaluate(
      ([type, data]) => chrome.runtime.sendMessage({ id: 7, type, data, timestamp: Date.now() }).then((reply: { res?: unknown }) => reply?.res),
      [type, data] as const,
    );

  const since = session.received.length;
  expect(await ask('worker.sendClientEvent', { type: 'session.hack', session: {} })).toMatchObject({
    ok: false,
    error: expect.stringMatching(/^Not a client event: "type" must be one of: session\.update/),
  });
  const note = { type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'note by hand' }] } };
  expect(await ask('worker.sendClientEvent', note)).toEqual({ ok: true });
  const received = await session.waitFor((event) => event.type === 'conversation.item.create' && event.item?.content?.[0]?.text === 'note by hand', { since });
  expect(received.item).toEqual(note.item);
  expect(session.received.slice(since).some((entry: { event: { type?: string } | null }) => entry.event?.type === 'session.hack')).toBe(false);

  const log = (await ask('host.eventLog', undefined)) as Array<{ direction: string; type: string; json: string }>;
  expect(log.some((entry) => entry.direction === 'client' && entry.type === 'session.update')).toBe(true);
  expect(log.some((entry) => entry.direction === 'server' && entry.type === 'session.updated')).toBe(true);
  expect(log.some((entry) => entry.direction === 'client' && entry.json.includes('note by hand'))).toBe(true);
  expect(log.some((entry) => entry.json.includes('session.hack'))).toBe(false);
});

test('a finished session is kept in the history: listed in the options, exported as Markdown and JSON, deleted', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  await startSession(popup, peer);
  await typeMessage(popup, 'make the background navy');
  await expect(popup.locator('.turn-assistant').last()).toContainText(/navy/i);
  await expect(popup.locator('.usage')).toBeVisible();
  await popup.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(popup.locator('[data-status]')).toHaveAttribute('data-status', 'idle');

  const options = await extension.context.newPage();
  await options.goto(`chrome-extension://${extension.extensionId}/options.html`);
  const row = options.locator('.history li');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(/tokens · \$0\.\d{4}/);

  const [markdown] = await Promise.all([options.waitForEvent('download'), row.getByRole('button', { name: 'Export Markdown' }).click()]);
  const text = await readDownload(markdown);
  expect(text).toMatch(/^# Voice session, \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  expect(text).toContain('- **You:** make the background navy');
  expect(text).toMatch(/- \*set_background_color: done\*/);
  expect(text).toMatch(/- \*\*AI:\*\* .*navy/i);

  const [json] = await Promise.all([options.waitForEvent('download'), row.getByRole('button', { name: 'Export JSON' }).click()]);
  const session = JSON.parse(await readDownload(json));
  expect(session).toMatchObject({ model: 'gpt-realtime-2.1-mini', reconnects: 0 });
  expect(session.transcript.map((entry: { role: string }) => entry.role)).toEqual(['user', 'tool', 'assistant']);
  expect(session.costUsd).toBeGreaterThan(0);

  await row.getByRole('button', { name: 'Delete' }).click();
  await expect(options.locator('.history li')).toHaveCount(0);
  await expect(options.locator('.history')).toContainText('No sessions yet.');
});

async function readDownload(download: import('@playwright/test').Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

test('each turn shows how soon the answer began, and each tool row its round trip', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  const since = session.sent.length;
  const sentAt = Date.now();
  await typeMessage(popup, 'make the background navy');
  await expect(popup.locator('.turn-assistant').last()).toContainText(/navy/i);
  const latency = Number(await popup.locator('[data-latency-ms]').getAttribute('data-latency-ms'));
  // From the message leaving to the peer's first audio of the answer: positive, and within what the test waited.
  expect(latency).toBeGreaterThan(0);
  expect(latency).toBeLessThan(Date.now() - sentAt);
  expect(session.sent.slice(since).some((entry: { event: { type?: string } | null }) => entry.event?.type === 'output_audio_buffer.started')).toBe(true);
  await expect(popup.locator('[data-latency-ms]')).toContainText(`last answer began ${latency} ms after you finished`);
  await expect(popup.locator('.turn-tool').last()).toContainText(/set_background_color: done · \d+ ms/);
});

test('a cost limit ends the session: the AI is asked to say why, and the popup shows the reason', async ({ extension, demo, peer }) => {
  await updateSettings(extension.worker, { limitDollars: 0.0001 });
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  await typeMessage(popup, 'make the background navy');

  const farewell = await session.waitFor((event) => event.type === 'response.create' && /limit of \$0\.0001/.test(event.response?.instructions ?? ''), { timeoutMs: 10_000 });
  expect(farewell.response.instructions).toMatch(/session is ending now: The session ended because it reached your limit of \$0\.0001 \(it cost \$0\.\d{4}\)\./);
  await expect(popup.locator('[data-status]')).toHaveAttribute('data-status', 'idle', { timeout: 15_000 });
  await expect(popup.locator('.error')).toContainText('The session ended because it reached your limit of $0.0001');
  await expect.poll(() => session.closed, { timeout: 10_000 }).toBe(true);
});

test('the toolbar badge shows live, muted and idle as the session goes', async ({ extension, demo, peer }) => {
  const badge = () => extension.worker.evaluate(async () => [await chrome.action.getBadgeText({}), await chrome.action.getTitle({})]);
  const popup = await extension.openPopup(demo);
  await startSession(popup, peer);
  await expect.poll(badge).toEqual(['ON', 'Voice Page Control: live']);
  await popup.getByRole('button', { name: 'Mute' }).click();
  await expect.poll(badge).toEqual(['MUTE', 'Voice Page Control: live, microphone muted']);
  await popup.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect.poll(badge).toEqual(['', 'Voice Page Control']);
});

test('Undo on the latest tool row takes the AI’s change back in the page, and the row says so', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  await startSession(popup, peer);
  const before = await demo.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await typeMessage(popup, 'make the background navy');
  await expect(demo.locator('body')).toHaveCSS('background-color', 'rgb(0, 0, 128)');
  const row = popup.locator('.turn-tool').last();
  await expect(row.getByRole('button', { name: 'Undo' })).toBeVisible();
  // Reading changes nothing, so it gets no Undo of its own.
  await expect(popup.getByRole('button', { name: 'Undo' })).toHaveCount(1);

  await row.getByRole('button', { name: 'Undo' }).click();
  await expect(demo.locator('body')).toHaveCSS('background-color', before);
  await expect(row).toContainText('— undone');
  await expect(popup.getByRole('button', { name: 'Undo' })).toHaveCount(0);
});
