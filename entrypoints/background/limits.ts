import { browser, type Browser } from 'wxt/browser';
import { hostMessenger } from '@/utils/messaging';
import { formatDollars } from '@/utils/realtime/pricing';
import type { Settings } from '@/utils/settings';
import { isRunning, type SessionState } from '@/utils/session-state';
import { stopSession } from './session';
import { readSession } from './session-store';
import { currentSettings } from './settings-cache';

let limitReached = false;

/**
 * The user's limits (options page): past one, the AI says why and the session ends, with the reason shown.
 * The cost is checked on every response (it moves only then); the clock on an alarm (below) and on every response.
 */
export async function checkLimits(state: SessionState, { limitDollars, limitMinutes }: Pick<Settings, 'limitDollars' | 'limitMinutes'>): Promise<void> {
  if (state.status !== 'live' || limitReached) return;
  let reason: string | null = null;
  if (limitDollars > 0 && (state.costUsd ?? 0) >= limitDollars) reason = `it reached your limit of ${formatDollars(limitDollars)} (it cost ${formatDollars(state.costUsd ?? 0)}).`;
  const minutes = state.startedAt ? (Date.now() - state.startedAt) / 60_000 : 0;
  if (!reason && limitMinutes > 0 && minutes >= limitMinutes) reason = `it reached your limit of ${limitMinutes} minute${limitMinutes === 1 ? '' : 's'}.`;
  if (!reason) return;
  limitReached = true;
  try {
    const sentence = `The session ended because ${reason}`;
    const said = await hostMessenger.sendMessage('host.endWithMessage', sentence).catch(() => null);
    if (!said?.ok) await stopSession(sentence);
  } finally {
    limitReached = false;
  }
}

const MINUTES_ALARM = 'session-minutes-limit';
let armedFor: string | undefined;

/**
 * The minutes limit rings an alarm: a quiet session has no response to check it on, and an alarm outlives a
 * suspended worker. Armed when a session goes live or the limit changes, cleared when it ends.
 */
export async function armMinutesLimit(state: SessionState, { limitMinutes }: Pick<Settings, 'limitMinutes'>): Promise<void> {
  const due = isRunning(state.status) && state.startedAt && limitMinutes > 0 ? state.startedAt + limitMinutes * 60_000 : undefined;
  const key = due === undefined ? undefined : String(due);
  if (key === armedFor) return;
  armedFor = key;
  if (due === undefined) await browser.alarms.clear(MINUTES_ALARM);
  else await browser.alarms.create(MINUTES_ALARM, { when: due });
}

/** Registered when the worker starts: the alarm may wake a worker that was suspended. */
export async function onMinutesAlarm(alarm: Browser.alarms.Alarm): Promise<void> {
  if (alarm.name !== MINUTES_ALARM) return;
  await checkLimits(await readSession(), await currentSettings());
}
