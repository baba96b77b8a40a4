import { storage } from 'wxt/utils/storage';

export type SessionStatus = 'idle' | 'starting' | 'live' | 'error';

export interface TranscriptEntry {
  role: 'user' | 'assistant' | 'tool' | 'error';
  text: string;
  at: number;
}

/**
 * What every UI shows, kept in storage.session so a worker restart loses nothing and UIs just watch it.
 * The worker is the only writer.
 */
export interface SessionState {
  status: SessionStatus;
  /** Why the last start failed or the session ended, in words a person understands. */
  error?: string;
  /** The tab the AI acts on: active at start, then following the user's tab switches. */
  targetTabId?: number;
  startedAt?: number;
  transcript: TranscriptEntry[];
}

export const IDLE_SESSION: SessionState = { status: 'idle', transcript: [] };

/** Transcript rows kept; older ones drop off (the voice context is small anyway). */
export const TRANSCRIPT_LIMIT = 200;

export const sessionStateItem = storage.defineItem<SessionState>('session:state', { fallback: IDLE_SESSION });
