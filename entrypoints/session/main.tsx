import { render } from 'preact';
import { HostAccess } from '@/components/HostAccess';
import { SessionPanel } from '@/components/SessionPanel';
import { workerMessenger } from '@/utils/messaging';
import { MICROPHONE_CONSTRAINTS, type VoiceSession } from '@/utils/realtime/voice-session';
import { serveSessionHost } from '@/utils/session-host';
import '@/components/style.css';

/**
 * Firefox's session host: a small window the worker opens on Start and closes on Stop. Firefox has no offscreen
 * documents, and its background page cannot use the microphone, so the session lives in a page the user sees: it
 * shows the status and the transcript, asks for the microphone itself, and closing it ends the session.
 */
const audioElement = document.querySelector<HTMLAudioElement>('#ai-voice')!;
const root = document.getElementById('app')!;
let session: VoiceSession | null = null;

const show = (askingForMicrophone: boolean) => render(<SessionWindow askingForMicrophone={askingForMicrophone} />, root);
show(false);

/**
 * The microphone is opened as soon as the window loads, and the session is served only afterwards. If Firefox asks
 * the user first (the first time, or every time after "Allow" without "Remember"), the answer is given here, and the
 * worker, which waits for this page to serve (with a generous bound), never starts its shorter start timeout while
 * the user is still reading the prompt. Firefox's permissions.query cannot tell in advance: after an "Allow" without
 * "Remember" it says "granted" although the next window is asked again.
 */
const SHOW_HINT_AFTER_MS = 500;
const microphone = openMicrophoneEarly();

void microphone.settled.then(() => {
  show(false);
  session = serveSessionHost(audioElement, (constraints) => microphone.take() ?? navigator.mediaDevices.getUserMedia(constraints));
});

function openMicrophoneEarly(): { settled: Promise<unknown>; take(): Promise<MediaStream> | null } {
  let early: Promise<MediaStream> | null = navigator.mediaDevices.getUserMedia(MICROPHONE_CONSTRAINTS);
  let pending = true;
  const settled = early.catch(() => undefined).finally(() => (pending = false));
  const hint = () => pending && show(true);
  const timer = setTimeout(hint, SHOW_HINT_AFTER_MS);
  void settled.finally(() => clearTimeout(timer));
  void navigator.permissions
    .query({ name: 'microphone' as PermissionName })
    .then((status) => status.state === 'prompt' && hint())
    .catch(() => undefined);
  return {
    settled,
    // The session's first start uses this stream (or this refusal: the worker then opens the permission page).
    take() {
      const stream = early;
      early = null;
      return stream;
    },
  };
}

// The user closed the window: end the call here and tell the worker, which records the session as idle.
// A stop the worker asked for has already ended the call, so it is not reported twice.
addEventListener('pagehide', () => {
  if (!session?.live) return;
  session.stop();
  void workerMessenger
    .sendMessage('worker.hostEvent', { kind: 'ended', reason: 'The session window was closed, so the voice session ended.' })
    .catch(() => undefined);
});

function SessionWindow({ askingForMicrophone }: { askingForMicrophone: boolean }) {
  return (
    <>
      {askingForMicrophone ? (
        <p class="panel" data-mic="asking" role="note">
          Waiting for the microphone. If Firefox asks whether Voice Page Control may use it (at the top of this window), choose{' '}
          <b>Allow</b> and keep <b>Remember for all microphones</b> ticked, or it will ask again next session.
        </p>
      ) : null}
      <SessionPanel hosted />
      <HostAccess />
      <p class="links panel">Keep this window open while you talk: closing it ends the session. The AI acts on the tab you are looking at.</p>
    </>
  );
}
