import { useRef, useState } from 'preact/hooks';
import { workerMessenger, type Result } from '@/utils/messaging';
import { isRunning, type SessionState } from '@/utils/session-state';
import { messageOf } from '@/utils/errors';

const STATUS_TEXT: Record<SessionState['status'], string> = {
  idle: 'Not connected',
  starting: 'Connecting…',
  live: 'Live — talk or type',
  reconnecting: 'Reconnecting…',
  error: 'Could not start',
};

/** Start / Stop and the connection status. Errors from the worker are shown as they were worded. */
export function SessionControls({ state }: { state: SessionState }) {
  const [busy, setBusy] = useState(false);
  const running = isRunning(state.status);

  async function toggle() {
    setBusy(true);
    await workerMessenger
      .sendMessage(running ? 'worker.stop' : 'worker.start', undefined)
      .catch((error: unknown): Result => ({ ok: false, error: messageOf(error) }));
    setBusy(false);
  }

  const live = state.status === 'live';
  // Their effect shows in the state every UI watches (muted, the AI's turn marked interrupted).
  const toggleMute = () => void workerMessenger.sendMessage('worker.setMuted', !state.muted).catch(() => undefined);
  const stopSpeaking = () => void workerMessenger.sendMessage('worker.stopSpeaking', undefined).catch(() => undefined);
  // Push to talk: down starts the turn, up (or the pointer leaving the button) sends it; each edge once.
  const holding = useRef(false);
  const talk = (down: boolean) => {
    if (holding.current === down) return;
    holding.current = down;
    void workerMessenger.sendMessage('worker.pushToTalk', down).catch(() => undefined);
  };
  const isTalkKey = (event: KeyboardEvent) => event.key === ' ' || event.key === 'Enter';

  return (
    <section class="controls">
      <button type="button" class={running ? 'stop' : 'start'} disabled={busy && !running} onClick={toggle}>
        {running ? 'Stop' : 'Start'}
      </button>
      {live ? (
        <>
          <button type="button" class="mute" aria-pressed={state.muted === true} onClick={toggleMute}>
            {state.muted ? 'Unmute' : 'Mute'}
          </button>
          <button type="button" class="stop-speaking" title="Cut the AI off" onClick={stopSpeaking}>
            Stop speaking
          </button>
          {state.pushToTalk ? (
            <button
              type="button"
              class="talk"
              aria-pressed={state.talking === true}
              onPointerDown={() => talk(true)}
              onPointerUp={() => talk(false)}
              onPointerLeave={() => talk(false)}
              onKeyDown={(event) => isTalkKey(event) && (event.preventDefault(), talk(true))}
              onKeyUp={(event) => isTalkKey(event) && (event.preventDefault(), talk(false))}
            >
              {state.talking ? 'Release to send' : 'Hold to talk'}
            </button>
          ) : null}
        </>
      ) : null}
      <span class={`status status-${state.status}`} data-status={state.status} role="status">
        {STATUS_TEXT[state.status]}
        {live && state.muted ? ' (muted)' : ''}
      </span>
      {state.error ? (
        <p class="error" role="alert">
          {state.error}
        </p>
      ) : null}
    </section>
  );
}
