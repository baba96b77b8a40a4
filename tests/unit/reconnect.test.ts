import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { IDLE_SESSION } from '@/utils/session-state';

const host = vi.hoisted(() => ({
  /** What each connect attempt answers, in turn; the last one repeats. */
  answers: [] as Array<{ ok: true } | { ok: false; error: string }>,
  attempts: [] as number[],
  stopped: [] as string[],
}));
vi.mock('@/entrypoints/background/session', () => ({
  connectHost: vi.fn(async () => {
    host.attempts.push(Date.now());
    return host.answers.length > 1 ? host.answers.shift()! : host.answers[0]!;
  }),
  releaseHost: vi.fn(async () => undefined),
  stopSession: vi.fn(async (reason: string) => void host.stopped.push(reason)),
}));

const { reconnectSession } = await import('@/entrypoints/background/reconnect');
const { readSession, updateSession } = await import('@/entrypoints/background/session-store');

const failed = (error: string) => ({ ok: false as const, error });

describe('reconnecting after a drop', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.useFakeTimers();
    host.answers = [];
    host.attempts = [];
    host.stopped = [];
    await updateSession(() => ({ ...IDLE_SESSION, status: 'live', startedAt: Date.now() }));
  });
  afterEach(() => vi.useRealTimers());

  it('retries with growing pauses until a connection holds, then is live again', async () => {
    host.answers = [failed('closed while it was being set up'), failed('closed while it was being set up'), { ok: true }];
    const done = reconnectSession('The connection to the voice service was lost.');
    await vi.runAllTimersAsync();
    await done;
    expect(host.attempts).toHaveLength(3);
    const pauses = host.attempts.slice(1).map((at, i) => at - host.attempts[i]!);
    expect(pauses).toEqual([250, 500]);
    expect(await readSession()).toMatchObject({ status: 'live', reconnects: 1 });
    expect((await readSession()).error).toBeUndefined();
    expect(host.stopped).toEqual([]);
  });

  it('gives up after six failed tries (≈ 16 s) and ends the session with the last reason', async () => {
    host.answers = [failed('The connection to the voice service at 127.0.0.1 closed while it was being set up (Transport channel closed).')];
    const startedAt = Date.now();
    const done = reconnectSession('The connection to the voice service was lost.');
    await vi.runAllTimersAsync();
    await done;
    expect(host.attempts).toHaveLength(6);
    expect(Date.now() - startedAt).toBe(250 + 500 + 1_000 + 2_000 + 4_000 + 8_000);
    expect(host.stopped).toEqual([
      'The connection to the voice service was lost and could not be restored: The connection to the voice service at 127.0.0.1 closed while it was being set up (Transport channel closed).',
    ]);
  });

  it('stops trying once the user presses Stop', async () => {
    host.answers = [failed('no answer within 8 seconds')];
    const done = reconnectSession('The connection to the voice service was lost.');
    await vi.advanceTimersByTimeAsync(300); // two attempts made, the second pause running
    expect(host.attempts).toHaveLength(2);
    await updateSession((state) => ({ ...state, status: 'idle' }));
    await vi.runAllTimersAsync();
    await done;
    expect(host.attempts).toHaveLength(2);
    expect(host.stopped).toEqual([]);
  });
});
