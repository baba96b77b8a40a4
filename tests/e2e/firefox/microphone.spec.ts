import type { Page } from 'puppeteer-core';
import { expect, read, startSession, test } from './fixtures';

// Firefox's permission model from scratch: no stored microphone permission and no
// media.navigator.permission.disabled. Firefox's real prompt is answered as a user would answer it.
test.use({ firefoxLaunch: { microphoneAllowed: false } });

const microphoneState = (page: Page) =>
  page.evaluate(async () => (await navigator.permissions.query({ name: 'microphone' as PermissionName })).state);

test('the first Start asks in the session window; Allow without “Remember” lasts one session, with it Firefox never asks again', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  expect(await extension.storedMicrophonePermission()).toBe('unset');

  // Start: the session window opens and Firefox asks there, while the window says what to choose.
  await popup.click('button.start');
  const host = await extension.sessionWindow();
  await expect.poll(() => read.text(host, '[data-mic="asking"]')).toContain('Remember for all microphones');
  expect(await read.status(popup)).toBe('starting');
  const prompt = await extension.answerMicrophonePrompt({ remember: false });
  expect(prompt.text).toBe('Allow Voice Page Control to use your microphone?');
  expect(prompt.checkbox).toBe('Remember for all microphones');
  expect(prompt.checkedByDefault).toBe(true); // Firefox ticks it for extensions
  await expect.poll(() => read.status(popup), { timeout: 15_000 }).toBe('live');
  const first = await peer.waitForSession({ timeoutMs: 5_000 });
  await expect.poll(() => first.audio.input.loudFrames, { timeout: 10_000 }).toBeGreaterThan(10);
  expect(await extension.storedMicrophonePermission()).toBe('prompt'); // "Always ask"
  // Firefox's permissions.query says "granted" now, though the next session window is asked again.
  expect(await microphoneState(popup)).toBe('granted');

  // The next session asks again; this time the user keeps "Remember for all microphones" ticked.
  await popup.click('button.stop');
  await expect.poll(() => read.status(popup)).toBe('idle');
  await popup.click('button.start');
  await expect.poll(async () => read.text(await extension.sessionWindow(), '[data-mic="asking"]')).toContain('Remember for all microphones');
  await extension.answerMicrophonePrompt({ remember: true });
  await expect.poll(() => read.status(popup), { timeout: 15_000 }).toBe('live');
  expect(await extension.storedMicrophonePermission()).toBe('allow');

  // From now on Start needs no answer at all: the stored origin permission is used.
  await popup.click('button.stop');
  await expect.poll(() => read.status(popup)).toBe('idle');
  const third = await startSession(popup, peer);
  expect(third).not.toBe(first);
  expect(await read.text(await extension.sessionWindow(), 'body')).not.toContain('Waiting for the microphone');
  await expect.poll(() => third.audio.input.loudFrames, { timeout: 10_000 }).toBeGreaterThan(10);
});

test('Block in the session window: Start fails and the permission page says how to undo it in Firefox', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  await popup.click('button.start');
  const prompt = await extension.answerMicrophonePrompt({ allow: false, remember: true });
  expect(prompt.block).toBe('Block');
  expect(await extension.storedMicrophonePermission()).toBe('block');

  await expect.poll(() => read.status(popup), { timeout: 15_000 }).toBe('error');
  expect(await read.text(popup, '[role="alert"]')).toContain('permission to use the microphone');
  expect(peer.sessions).toHaveLength(0);
  await expect.poll(() => extension.pageShowing(extension.url('session.html')), { timeout: 5_000 }).toBeNull();

  const permission = await extension.findPage('permission.html');
  expect(await read.text(permission, 'h1')).toBe('Allow the microphone');
  await expect.poll(() => read.text(permission, '[data-mic="denied"]')).toContain('blocked');
  const help = await read.text(permission, '[data-mic="denied"]');
  expect(help).toContain('In Firefox');
  expect(help).not.toContain('chrome://');
});

test('closing the session window while Firefox asks cancels the start and says so', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  await popup.click('button.start');
  const host = await extension.sessionWindow();
  await expect.poll(() => read.text(host, '[data-mic="asking"]')).toContain('Firefox asks');

  await host.close();
  await expect.poll(() => read.status(popup), { timeout: 10_000 }).toBe('error');
  expect(await read.text(popup, '[role="alert"]')).toContain('session window was closed before the session started');
  expect(peer.sessions).toHaveLength(0);
  expect(await extension.storedMicrophonePermission()).toBe('unset');
});
