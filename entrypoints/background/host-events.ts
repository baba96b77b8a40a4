import type { HostEvent } from '@/utils/messaging';
import type { SessionState } from '@/utils/session-state';
import { addUsage, costOf, NO_USAGE } from '@/utils/realtime/pricing';
import { checkLimits } from './limits';
import { reconnectSession } from './reconnect';
import { stopSession } from './session';
import { markUndone } from './session-controls';
import { appendTranscript, putCaption, updateSession } from './session-store';
import { currentSettings } from './settings-cache';

/** What the host reports becomes session state, which every open UI watches. */
export async function recordHostEvent(event: HostEvent): Promise<void> {
  if (event.kind === 'transcript' || event.kind === 'caption') {
    await (event.kind === 'caption'
      ? putCaption(event)
      : appendTranscript({
          role: event.role,
          text: event.text,
          ...(event.ms === undefined ? {} : { ms: event.ms }),
          ...(event.undoable ? { undoable: true } : {}),
        }));
    if (event.kind === 'transcript' && event.undid) await markUndone(event.undid);
    // The user asked again: repeating the last call is a new request, not a loop.
    if (event.role === 'user') await updateSession((state) => ({ ...state, lastCall: undefined }));
  } else if (event.kind === 'error') {
    await appendTranscript({ role: 'error', text: event.error });
  } else if (event.kind === 'latency') {
    await updateSession((state) => ({ ...state, latenciesMs: [...(state.latenciesMs ?? []), event.ms].slice(-100) }));
  } else if (event.kind === 'usage') {
    const { model, limitDollars, limitMinutes } = await currentSettings();
    const cost = costOf(model, event.usage);
    const state = await updateSession((current) => ({
      ...current,
      usage: addUsage(current.usage ?? NO_USAGE, event.usage),
      ...(cost === null ? {} : withCost(current, (current.costUsd ?? 0) + cost)),
    }));
    await checkLimits(state, { limitDollars, limitMinutes });
  } else if (event.kind === 'dropped') {
    await reconnectSession(event.reason);
  } else {
    // The call ended on its own: release everything and say why.
    await stopSession(event.reason);
  }
}

/** The new running cost, and a point on its curve for the history chart. */
function withCost(state: SessionState, usd: number): Pick<SessionState, 'costUsd' | 'costOverTime'> {
  return { costUsd: usd, costOverTime: [...(state.costOverTime ?? []), { at: Date.now(), usd }].slice(-200) };
}
