import { ROLLOVER } from '@/utils/realtime/voice-session';
import { loadSettings } from '@/utils/settings';
import { connectHost, releaseHost, stopSession } from './session';
import { readSession, updateSession } from './session-store';

/** Reconnect attempts, and the pause after each failed one (≈ 15 s in all before giving up). */
const RECONNECT_PAUSES_MS = [250, 500, 1_000, 2_000, 4_000, 8_000];

let reconnecting = false;
/** A drop reported while a reconnect was finishing: it is about the new connection, so there is another round. */
let droppedMeanwhile: string | null = null;

/**
 * The connection dropped, or the session is about to reach the service's time limit: connect again with a fresh
 * key and the conversation replayed, retrying a few times with growing pauses. The UIs show "Reconnecting…"
 * meanwhile; Stop ends it. Tool calls need no care: none can arrive while there is no connection.
 */
export async function reconnectSession(reason: string): Promise<void> {
  if (reconnecting) {
    droppedMeanwhile = reason;
    return;
  }
  reconnecting = true;
  try {
    for (let next: string | null = reason; next !== null; next = droppedMeanwhile) {
      droppedMeanwhile = null;
      if (!(await restore(next))) return;
    }
  } finally {
    reconnecting = false;
  }
}

/** One reconnect; true when the session is live again. */
async function restore(reason: string): Promise<boolean> {
  const { status } = await readSession();
  if (status !== 'live' && status !== 'reconnecting') return false;
  await updateSession((state) => ({ ...state, status: 'reconnecting', error: reason === ROLLOVER ? undefined : reason }));
  let lastError = reason;
  for (const pause of RECONNECT_PAUSES_MS) {
    if ((await readSession()).status !== 'reconnecting') return false; // the user pressed Stop
    // A drop reported before this attempt was about a connection that is gone already.
    droppedMeanwhile = null;
    const resumed = await connectHost(await loadSettings(), { resume: true });
    if (resumed.ok) {
      // Stop may have come while connecting: then the new connection goes too.
      if ((await readSession()).status !== 'reconnecting') {
        await releaseHost();
        return false;
      }
      await updateSession((state) => ({ ...state, status: 'live', error: undefined, reconnects: (state.reconnects ?? 0) + 1 }));
      return true;
    }
    lastError = resumed.error;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
  await stopSession(`The connection to the voice service was lost and could not be restored: ${lastError}`);
  return false;
}
