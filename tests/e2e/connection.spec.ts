import { callTool, expect, startSession, test, updateSettings } from './fixtures';
import { expectSecretNowhere, watchWorkerMessages } from './key-watch';
import { startRecordingServer, tokenServerFor } from './recording-server';

test('your own token server: the extension holds no API key, gets its session key from your URL, and the session works', async ({ extension, demo, peer }) => {
  // The user's server: it keeps the real key and mints with it (here at the local peer), as the seed Next.js app did.
  const server = await startRecordingServer(tokenServerFor(peer));
  const url = `${server.url}/api/realtime-token`;
  const requests = server.received;
  try {
    await updateSettings(extension.worker, { apiKey: '', connection: 'token_server', tokenServerUrl: url });
    const sent = await watchWorkerMessages(extension.worker);
    const popup = await extension.openPopup(demo);
    const session = await startSession(popup, peer);

    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'POST', body: JSON.stringify({ model: 'gpt-realtime-2.1-mini' }) });
    expect(requests[0]!.headers.authorization).toBeUndefined();
    expect(await callTool(session, 'set_background_color', { color: 'navy' })).toMatchObject({ ok: true });
    // No key anywhere in the extension's storage either.
    const stored = await extension.worker.evaluate(async () => JSON.stringify(await chrome.storage.local.get(null)));
    expect(stored).not.toContain(peer.apiKey);
    await expectSecretNowhere(extension.worker, sent, peer.apiKey, expect);
  } finally {
    await server.close();
  }
});

test('a token server that fails gives its own sentence, and nothing is left running', async ({ extension, demo }) => {
  await updateSettings(extension.worker, { apiKey: '', connection: 'token_server', tokenServerUrl: 'http://127.0.0.1:9/api/token' });
  const popup = await extension.openPopup(demo);
  await popup.getByRole('button', { name: 'Start' }).click();
  await expect(popup.locator('.error')).toHaveText('Could not reach your token server at 127.0.0.1:9. Is it running?');
  await expect(popup.locator('[data-status]')).toHaveAttribute('data-status', 'error');
});
