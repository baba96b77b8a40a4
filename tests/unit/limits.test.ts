import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { IDLE_SESSION, type SessionState } from '@/utils/session-state';

const sent = vi.hoisted(() => [] as Array<[string, unknown]>);
vi.mock('@/utils/messaging', () => ({
  hostMessenger: {
    sendMessage: vi.fn(async (type: string, data: unknown) => {
      sent.push([type, data]);
      return { ok: true };
    }),
  },
}));

const { armMinutesLimit, checkLimits, onMinutesAlarm } = await import('@/entrypoints/background/limits');
const { updateSession } = await import('@/entrypoints/background/session-store');
const { settingsItem, DEFAULT_SETTINGS } = await import('@/utils/settings');

const live = (startedAt: number): SessionState => ({ ...IDLE_SESSION, status: 'live', startedAt });

describe('the minutes limit', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    sent.length = 0;
  });

  it('rings an alarm when the limit is due, and clears it when the session ends or the limit is lifted', async () => {
    const startedAt = Date.now();
    await armMinutesLimit(live(startedAt), { limitMinutes: 5 });
    expect((await fakeBrowser.alarms.get('session-minutes-limit'))?.scheduledTime).toBe(startedAt + 5 * 60_000);

    await armMinutesLimit({ ...IDLE_SESSION }, { limitMinutes: 5 });
    expect(await fakeBrowser.alarms.get('session-minutes-limit')).toBeUndefined();

    await armMinutesLimit(live(startedAt), { limitMinutes: 2 });
    expect((await fakeBrowser.alarms.get('session-minutes-limit'))?.scheduledTime).toBe(startedAt + 2 * 60_000);
    await armMinutesLimit(live(startedAt), { limitMinutes: 0 });
    expect(await fakeBrowser.alarms.get('session-minutes-limit')).toBeUndefined();
  });

  it('when the alarm rings past the limit, the AI is asked to say why the session ends', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, limitMinutes: 1 });
    await updateSession(() => live(Date.now() - 61_000));
    await onMinutesAlarm({ name: 'session-minutes-limit', scheduledTime: Date.now() });
    expect(sent).toEqual([['host.endWithMessage', 'The session ended because it reached your limit of 1 minute.']]);
  });

  it('an alarm of another name, or a session still within its limits, ends nothing', async () => {
    await onMinutesAlarm({ name: 'something-else', scheduledTime: Date.now() });
    await checkLimits(live(Date.now() - 30_000), { limitMinutes: 1, limitDollars: 0 });
    await checkLimits({ ...live(Date.now()), costUsd: 0.5 }, { limitMinutes: 0, limitDollars: 1 });
    expect(sent).toEqual([]);
    await checkLimits({ ...live(Date.now()), costUsd: 1.2 }, { limitMinutes: 0, limitDollars: 1 });
    expect(sent).toEqual([['host.endWithMessage', 'The session ended because it reached your limit of $1.00 (it cost $1.20).']]);
  });
});
