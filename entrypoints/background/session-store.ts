import { IDLE_SESSION, sessionStateItem, TRANSCRIPT_LIMIT, type SessionState, type TranscriptEntry } from '@/utils/session-state';

let queue: Promise<unknown> = Promise.resolve();

/**
 * Read-modify-write of the session state, one at a time: host events arrive concurrently and must not
 * overwrite each other. The queue is only an ordering aid; the state itself lives in storage.session.
 */
export function updateSession(change: (state: SessionState) => SessionState): Promise<SessionState> {
  const next = queue.then(async () => {
    const updated = change(await readSession());
    await sessionStateItem.setValue(updated);
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
export const readSession = async (): Promise<SessionState> => ({ ...IDLE_SESSION, ...(await sessionStateItem.getValue()) });
