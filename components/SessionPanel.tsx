import { isRunning } from '@/utils/session-state';
import { EventLog } from './EventLog';
import { MessageBox } from './MessageBox';
import { PendingConfirmation } from './PendingConfirmation';
import { Meter } from './Meter';
import { SessionControls } from './SessionControls';
import { SessionUsage } from './SessionUsage';
import { TargetTab } from './TargetTab';
import { Transcript } from './Transcript';
import { useLevels } from './use-levels';
import { usePreparedHost } from './use-prepared-host';
import { useSessionState } from './use-session-state';

/** The popup keeps at most this many rows, in a box a few lines high scrolled to the newest. */
const COMPACT_ROWS = 12;

/**
 * Everything a user needs during a session. `full` (the side panel) adds the controlled tab and the event log;
 * the popup shows the last few lines. `hosted`: the page is the session host itself (Firefox's session window),
 * where the event log is left out (a page cannot send itself runtime messages).
 */
export function SessionPanel({ variant = 'full', hosted = false }: { variant?: 'full' | 'compact'; hosted?: boolean }) {
  const state = useSessionState();
  const running = isRunning(state.status);
  const live = state.status === 'live';
  usePreparedHost(running || hosted);
  return (
    <main class={`panel panel-${variant}`}>
      <SessionControls state={state} />
      {variant === 'full' && running ? <TargetTab tabId={state.targetTabId} /> : null}
      {variant === 'full' && !hosted && state.confirmation && state.confirmation.answer === undefined ? <PendingConfirmation question={state.confirmation} /> : null}
      <Meters live={live} muted={state.muted === true} />
      <SessionUsage state={state} />
      <Transcript entries={variant === 'compact' ? state.transcript.slice(-COMPACT_ROWS) : state.transcript} />
      <MessageBox live={live} />
      {variant === 'full' && !hosted ? <EventLog live={live} /> : null}
    </main>
  );
}

function Meters({ live, muted }: { live: boolean; muted: boolean }) {
  const levels = useLevels(live);
  return (
    <section class="meters" aria-label="Audio levels">
      <Meter id="mic" label="Microphone" level={levels.mic} muted={muted} />
      <Meter id="ai" label="AI voice" level={levels.ai} />
    </section>
  );
}
