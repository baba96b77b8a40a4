import type { Page } from '@playwright/test';
import { expect, test, updateSettings, type Extension } from './fixtures';
import { startRecordingServer, type Reply } from './recording-server';

/**
 * Start's own failures, each with its own sentence in the popup: a provider out of credit (429
 * insufficient_quota), a rate-limited key (429 rate_limit_exceeded), and a provider that cannot be reached. The
 * provider is an OpenAI-compatible URL pair pointing at a server of the test's own (or at nothing at all).
 */

async function startWith(extension: Extension, demo: Page, mintUrl: string): Promise<Page> {
  await updateSettings(extension.worker, { provider: 'custom', custom: { mintUrl, callsUrl: mintUrl.replace('client_secrets', 'calls') } });
  const popup = await extension.openPopup(demo);
  await popup.getByRole('button', { name: 'Start' }).click();
  await expect(popup.locator('[data-status]')).toHaveAttribute('data-status', 'error');
  return popup;
}

async function providerAnswering(reply: Reply) {
  return startRecordingServer(() => reply);
}

test('a provider account out of credit (429 insufficient_quota) says so, and how to fix it', async ({ extension, demo }) => {
  const provider = await providerAnswering({
    status: 429,
    body: JSON.stringify({ error: { message: 'You exceeded your current quota.', type: 'insufficient_quota', code: 'insufficient_quota' } }),
  });
  try {
    const popup = await startWith(extension, demo, `${provider.url}/v1/realtime/client_secrets`);
    await expect(popup.locator('.error')).toHaveText(
      `Your account at ${new URL(provider.url).host} has no credit left (quota exhausted). Add credit or raise the limit in its billing settings, then press Start again.`,
    );
    expect(provider.received.map((request) => request.path)).toEqual(['/v1/realtime/client_secrets']);
  } finally {
    await provider.close();
  }
});

test('a rate-limited key (429 rate_limit_exceeded) says to wait, not to pay', async ({ extension, demo }) => {
  const provider = await providerAnswering({
    status: 429,
    body: JSON.stringify({ error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' } }),
  });
  try {
    const popup = await startWith(extension, demo, `${provider.url}/v1/realtime/client_secrets`);
    await expect(popup.locator('.error')).toHaveText(`${new URL(provider.url).host} is rate limiting your API key (too many requests). Wait a minute, then press Start again.`);
  } finally {
    await provider.close();
  }
});

test('a provider that cannot be reached says so, and nothing is left running', async ({ extension, demo, peer }) => {
  // A port that was just listening and is now closed: the connection is refused at once.
  const gone = await providerAnswering({ status: 200, body: '{}' });
  await gone.close();
  const popup = await startWith(extension, demo, `${gone.url}/v1/realtime/client_secrets`);
  await expect(popup.locator('.error')).toHaveText(`Could not reach ${new URL(gone.url).host} to start a session. Check your connection and the provider URL.`);
  expect(peer.sessions).toHaveLength(0);
  await expect.poll(() => extension.hostStats(popup), { timeout: 5_000 }).toBeNull();
});
