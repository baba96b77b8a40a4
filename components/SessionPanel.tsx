import { MessageBox } from './MessageBox';
import { SessionControls } from './SessionControls';
import { SessionUsage } from './SessionUsage';
import { Transcript } from './Transcript';
import { useSessionState } from './use-session-state';

/** Everything a user needs during a session; the popup shows it, and so can a side panel. */
export function SessionPanel() {
  const state = useSessionState();
  return (
    <main class="panel">
      <SessionControls state={state} />
      <SessionUsage state={state} />
      <Transcript entries={state.transcript} />
      <MessageBox live={state.status === 'live'} />
    </main>
  );
}
