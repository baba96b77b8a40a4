import { isRunning } from '@/utils/session-state';
import { EventLog } from './EventLog';
import { MessageBox } from './MessageBox';
import { Meter } from './Meter';
import { SessionControls } from './SessionControls';
import { SessionUsage } from './SessionUsage';
import { TargetTab } from './TargetTab';
import { Transcript } from './Transcript';
import { useLevels } from './use-levels';
import { useSessionState } from './use-session-state';

/** The popup keeps at most this many rows, in a box a few lines high scrolled to the newest. */
const COMPACT_ROWS = 12;

/**
 * Everything a user needs during a session. `full` (the side panel) adds the controlled tab and the event log;
 * the popup shows the last few lines. `meters` is off where the page is the session host itself (Firefox's
 * session window), and so is the event log: a page cannot open a port to itself nor message itself.
 */
export function SessionPanel({ variant = 'full', hosted = false }: { variant?: 'full' | 'compact'; hosted?: boolean }) {
  const state = useSessionState();
  const running = isRunning(state.status);
  const live = state.status === 'live';
  return (
    <main class={`panel panel-${variant}`}>
      <SessionControls state={state} />
      {variant === 'full' && running ? <TargetTab tabId={state.targetTabId} /> : null}
      {!hosted ? <Meters live={live} muted={state.muted === true} reconnects={state.reconnects ?? 0} /> : null}
      <SessionUsage state={state} />
      <Transcript entries={variant === 'compact' ? state.transcript.slice(-COMPACT_ROWS) : state.transcript} />
      <MessageBox live={live} />
      {variant === 'full' && !hosted ? <EventLog live={live} /> : null}
    </main>
  );
}

function Meters({ live, muted, reconnects }: { live: boolean; muted: boolean; reconnects: number }) {
  const levels = useLevels(live, reconnects);
  return (
    <section class="meters" aria-label="Audio levels">
      <Meter id="mic" label="Microphone" level={levels.mic} muted={muted} />
      <Meter id="ai" label="AI voice" level={levels.ai} />
    </section>
  );
}
