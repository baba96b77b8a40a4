import type { Worker } from '@playwright/test';

/**
 * Records every message the worker sends from now on (runtime.sendMessage: the session host and our pages;
 * tabs.sendMessage: content scripts), as JSON, so a test can assert that a secret is in none of them. The
 * browser API is patched in the worker itself, so the messaging library's calls pass through it.
 */
export async function watchWorkerMessages(worker: Worker): Promise<() => Promise<string[]>> {
  await worker.evaluate(() => {
    const scope = globalThis as unknown as { sentMessages?: string[] };
    if (scope.sentMessages) return;
    const sent: string[] = (scope.sentMessages = []);
    const patch = (api: Record<string, unknown>) => {
      const original = api.sendMessage as (...args: unknown[]) => unknown;
      api.sendMessage = function (this: unknown, ...args: unknown[]) {
        sent.push(JSON.stringify(args.filter((arg) => typeof arg !== 'function')));
        return original.apply(this, args);
      };
    };
    patch(chrome.runtime as unknown as Record<string, unknown>);
    patch(chrome.tabs as unknown as Record<string, unknown>);
  });
  return () => worker.evaluate(() => (globalThis as unknown as { sentMessages: string[] }).sentMessages);
}

/**
 * The secret is in no message the worker sent (to the session host, a content script, a page) and not in the
 * session state the UIs read. Checks first that messages were recorded at all, so an unpatched API cannot pass.
 */
export async function expectSecretNowhere(worker: Worker, sentMessages: () => Promise<string[]>, secret: string, expect: typeof import('@playwright/test').expect) {
  const messages = await sentMessages();
  expect(messages.some((message) => message.includes('host.start')), 'the host.start message was recorded').toBe(true);
  for (const message of messages) expect(message).not.toContain(secret);
  const sessionState = await worker.evaluate(async () => JSON.stringify(await chrome.storage.session.get(null)));
  expect(sessionState).not.toContain(secret);
}
