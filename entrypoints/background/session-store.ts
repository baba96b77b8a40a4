import { IDLE_SESSION, sessionStateItem, TRANSCRIPT_LIMIT, type SessionState, type TranscriptEntry } from '@/utils/session-state';

let queue: Promise<unknown> = Promise.resolve();
/**
 * The worker is the state's only writer, so what it last wrote is what storage holds: reads on the tool-call path
 * are served from memory. Storage stays the truth: a restarted worker starts with nothing here and reads it.
 */
let cached: SessionState | undefined;

/**
 * Read-modify-write of the session state, one at a time: host events arrive concurrently and must not
 * overwrite each other. The queue is only an ordering aid; the state itself lives in storage.session.
 */
export function updateSession(change: (state: SessionState) => SessionState): Promise<SessionState> {
  const next = queue.then(async () => {
    const updated = change(await readSession());
    cached = updated;
    try {
      await sessionStateItem.setValue(updated);
    } catch (error) {
      cached = undefined; // not written: read storage again next time
      throw error;
    }
    return updated;
  });
  queue = next.catch(() => undefined);
  return next;
}

export function appendTranscript(entry: Omit<TranscriptEntry, 'at'>): Promise<SessionState> {
  return updateSession((state) => ({
    ...state,
    transcript: [...state.transcript, { ...entry, at: Date.now() }].slice(-TRANSCRIPT_LIMIT),
  }));
}

/** The state, with the fields an older version did not store filled in. */
export async function readSession(): Promise<SessionState> {
  cached ??= { ...IDLE_SESSION, ...(await sessionStateItem.getValue()) };
  return cached;
}
