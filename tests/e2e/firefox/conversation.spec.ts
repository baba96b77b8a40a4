import { pricedByHand } from '../priced-by-hand';
import { expect, read, sendMessage, startSession, test, updateSettings } from './fixtures';

// Push to talk, a live settings change and the running cost in Firefox ESR: the same host code as Chrome's
// offscreen document, here in the session window.

type Received = { event: { type?: string } | null };
const typesOf = (received: readonly Received[]) => received.map((entry) => entry.event?.type);

test('push to talk in Firefox: no turn detection; holding the button clears the input, releasing commits it and asks for the answer', async ({ extension, demo, peer }) => {
  await updateSettings(extension, { turnDetection: 'push_to_talk' });
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  expect(session.config.audio.input.turn_detection).toBeNull();
  const since = session.received.length;

  await popup.hover('button.talk');
  await popup.mouse.down();
  await expect.poll(() => read.attribute(popup, 'button.talk', 'aria-pressed')).toBe('true');
  expect(await read.text(popup, 'button.talk')).toBe('Release to send');
  await session.waitFor('input_audio_buffer.clear', { since, timeoutMs: 5_000 });
  // Talk for a moment: the peer needs at least 100 ms of audio to commit.
  const heard = session.audio.input.durationMs;
  await expect.poll(() => session.audio.input.durationMs - heard).toBeGreaterThan(400);
  await popup.mouse.up();

  await session.waitFor('response.create', { since, timeoutMs: 5_000 });
  const types = typesOf(session.received.slice(since));
  const order = ['input_audio_buffer.clear', 'input_audio_buffer.commit', 'response.create'].map((type) => types.indexOf(type));
  expect(order.every((index) => index >= 0)).toBe(true);
  expect(order).toEqual([...order].sort((a, b) => a - b));
  await expect.poll(async () => (await read.texts(popup, '.turn-assistant')).at(-1) ?? '').toMatch(/I heard \d+\.\d seconds of audio/);
  expect(await read.attribute(popup, 'button.talk', 'aria-pressed')).toBe('false');
});

test('settings saved during a session in Firefox reach it as one GA session.update', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  const since = session.received.length;
  await updateSettings(extension, {
    instructions: 'Answer in German, briefly.',
    speed: 1.2,
    noiseReduction: 'far_field',
    transcriptionLanguage: 'de',
    turnDetection: 'server_vad',
    vadThreshold: 0.7,
    vadPrefixPaddingMs: 200,
    vadSilenceMs: 800,
  });
  const update = await session.waitFor('session.update', { since, timeoutMs: 5_000 });
  expect(update.session).toMatchObject({
    type: 'realtime',
    instructions: 'Answer in German, briefly.',
    audio: {
      input: {
        noise_reduction: { type: 'far_field' },
        transcription: { language: 'de' },
        turn_detection: { type: 'server_vad', threshold: 0.7, prefix_padding_ms: 200, silence_duration_ms: 800 },
      },
      output: { speed: 1.2 },
    },
  });
  expect(typesOf(session.received.slice(since)).filter((type) => type === 'session.update')).toHaveLength(1);
  expect(session.config.audio.output.speed).toBe(1.2);
  expect(await read.status(popup)).toBe('live');
});

test('the cost shown in Firefox equals the sum of the peer’s response.done usage, priced by hand', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  const host = await extension.sessionWindow();
  await sendMessage(host, 'make the background navy');
  await expect.poll(async () => (await read.texts(popup, '.turn-assistant')).at(-1) ?? '').toMatch(/navy/i);

  const shown = async () => Number(await read.attribute(popup, '.usage', 'data-cost-usd'));
  await expect.poll(async () => Math.abs((await shown()) - pricedByHand(session.sent).dollars)).toBeLessThan(1e-12);
  expect(pricedByHand(session.sent).responses).toBeGreaterThanOrEqual(2);
  expect(await shown()).toBeGreaterThan(0);
  expect(await read.text(popup, '.usage')).toMatch(/This session: \$0\.\d{4} · [\d,]+ tokens/);
});
