import { storage } from 'wxt/utils/storage';
import type { Usage } from './realtime/pricing';
import type { LastCall } from './safety/loop-guard';
import type { PendingAction } from './tools/tool';

export type SessionStatus = 'idle' | 'starting' | 'live' | 'reconnecting' | 'error';

/** A session is running from Start until Stop (or a failure), through reconnects. */
export const isRunning = (status: SessionStatus): boolean => status === 'live' || status === 'starting' || status === 'reconnecting';

export interface TranscriptEntry {
  role: 'user' | 'assistant' | 'tool' | 'error';
  text: string;
  at: number;
  /** The conversation item a spoken caption belongs to; its row is updated as the words come. */
  itemId?: string;
  /** A tool row: the call's round trip from the session host, in ms. */
  ms?: number;
  /** A tool row whose change can be undone; `undone` once the user (or the AI) took it back. */
  undoable?: boolean;
  undone?: boolean;
  /** partial: the words are still coming; interrupted: the AI was cut off here. Absent when complete. */
  state?: 'partial' | 'interrupted';
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
  /** How often the connection was restored (dropped, or rolled over before the service's time limit). */
  reconnects?: number;
  transcript: TranscriptEntry[];
  /** Tabs the AI opened in this session: close_tab closes these without asking. */
  openedTabIds: number[];
  /** Tabs the AI acted in: their "AI is controlling this tab" badge is removed when the session ends. */
  touchedTabIds: number[];
  /** The loop guard's count of identical calls in a row (utils/safety/loop-guard.ts). */
  lastCall?: LastCall;
  /** Tokens used in this session so far (every response.done), and what they cost with the chosen model. */
  usage?: Usage;
  /** Dollars, when the model's prices are known (utils/realtime/pricing.ts). */
  costUsd?: number;
  /** The running cost after each priced response (the last 200), for the history's chart. */
  costOverTime?: CostPoint[];
  /** The session takes turns by push to talk (set at start from the settings). */
  pushToTalk?: boolean;
  /** Push to talk is held down now. */
  talking?: boolean;
  /** Per turn: ms from the end of the user's turn to the first sound of the answer (the last 100 turns). */
  latenciesMs?: number[];
  /** The microphone is muted: nothing of it is sent. */
  muted?: boolean;
  /** The question the confirmation window shows, until the user answers it or 60 s pass. */
  confirmation?: Confirmation;
}

export interface CostPoint {
  at: number;
  usd: number;
}

/** An action waiting for the user's yes or no (utils/safety/gate.ts decides which actions need one). */
export interface Confirmation extends PendingAction {
  id: string;
  askedAt: number;
  /** Set by the confirmation window: true = allow, false = decline. */
  answer?: boolean;
}

export const IDLE_SESSION: SessionState = { status: 'idle', transcript: [], openedTabIds: [], touchedTabIds: [] };

/** Transcript rows kept; older ones drop off (the voice context is small anyway). */
export const TRANSCRIPT_LIMIT = 200;

export const sessionStateItem = storage.defineItem<SessionState>('session:state', { fallback: IDLE_SESSION });
