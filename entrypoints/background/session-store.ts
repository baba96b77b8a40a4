import type { Caption } from '@/utils/realtime/captions';
import { IDLE_SESSION, sessionStateItem, TRANSCRIPT_LIMIT, type SessionState, type TranscriptEntry } from '@/utils/session-state';

/**
 * The session state lives in storage.session (a restarted worker finds it there; the UIs watch it). The worker is
 * its only writer, so it also keeps the latest state in memory: reads on the tool-call path cost nothing, and a
 * burst of changes (a model making 40 calls in one response, each with a transcript line) is applied in order in
 * memory and written as a few coalesced writes, not 80 queued ones.
 */
let cached: SessionState | undefined;
let loading: Promise<SessionState> | undefined;
let writing: Promise<void> | undefined;
let dirty = false;

/** The state, with the fields an older version did not store filled in. */
export async function readSession(): Promise<SessionState> {
  if (cached) return cached;
  loading ??= sessionStateItem
    .getValue()
    .then((stored) => (cached ??= { ...IDLE_SESSION, ...stored }))
    .finally(() => (loading = undefined));
  return loading;
}

/**
 * Applies a change to the latest state (changes never overwrite each other: each sees the one before it) and
 * resolves once storage holds a state that includes it.
 */
export async function updateSession(change: (state: SessionState) => SessionState): Promise<SessionState> {
  await readSession();
  const updated = change(cached!);
  cached = updated;
  onChange?.(updated);
  await persist();
  return updated;
}

let onChange: ((state: SessionState) => void) | undefined;

/** One listener for every change (the toolbar badge), called in order as the changes are applied. */
export function onSessionChange(listener: (state: SessionState) => void): void {
  onChange = listener;
}

export function appendTranscript(entry: Omit<TranscriptEntry, 'at'>): Promise<SessionState> {
  return updateSession((state) => ({
    ...state,
    transcript: [...state.transcript, { ...entry, at: Date.now() }].slice(-TRANSCRIPT_LIMIT),
  }));
}

/**
 * A live caption: its row is updated where it stands (conversation order), or added at the end when it is new. A
 * finished user row with no words (noise the transcription heard as nothing) is dropped.
 */
export function putCaption({ itemId, role, text, state }: Caption): Promise<SessionState> {
  return updateSession((session) => {
    const index = session.transcript.findIndex((entry) => entry.itemId === itemId);
    const row: TranscriptEntry = {
      role,
      text,
      itemId,
      ...(state === 'final' ? {} : { state }),
      at: index >= 0 ? session.transcript[index]!.at : Date.now(),
    };
    const transcript = [...session.transcript];
    if (state === 'final' && !text.trim()) {
      if (index >= 0) transcript.splice(index, 1);
    } else if (index >= 0) transcript[index] = row;
    else transcript.push(row);
    return { ...session, transcript: transcript.slice(-TRANSCRIPT_LIMIT) };
  });
}

/** One write at a time, always of the latest state; resolves when nothing newer is left unwritten. */
function persist(): Promise<void> {
  dirty = true;
  writing ??= (async () => {
    try {
      while (dirty) {
        dirty = false;
        await sessionStateItem.setValue(cached!);
      }
    } catch (error) {
      cached = undefined; // storage did not take it: it is the truth again from the next read
      throw error;
    } finally {
      writing = undefined;
    }
  })();
  return writing;
}
