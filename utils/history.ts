import { storage } from 'wxt/utils/storage';
import type { Usage } from './realtime/pricing';
import { formatDollars, totalTokens } from './realtime/pricing';
import type { CostPoint, SessionState, TranscriptEntry } from './session-state';

/**
 * Finished sessions, kept on this computer only (storage.local): the conversation with its tool rows, the usage
 * and the cost. The worker adds one when a session ends; the options page lists, exports and deletes them.
 */
export interface PastSession {
  id: string;
  startedAt: number;
  endedAt: number;
  /** Why it ended, when not by Stop. */
  endReason?: string;
  model: string;
  transcript: TranscriptEntry[];
  usage?: Usage;
  costUsd?: number;
  reconnects: number;
  /** Per turn, ms from the end of the user's turn to the answer's first sound. */
  latenciesMs?: number[];
  /** The running cost after each priced response. */
  costOverTime?: CostPoint[];
}

/** At most this many sessions and this many characters in all; the oldest go first. */
export const HISTORY_MAX_SESSIONS = 50;
export const HISTORY_MAX_CHARS = 2_000_000;

export const historyItem = storage.defineItem<PastSession[]>('local:history', { fallback: [] });

/** The session that just ended, as history keeps it; null when nothing was said or done. */
export function pastSessionOf(state: SessionState, model: string, endedAt: number, id: string): PastSession | null {
  if (!state.startedAt || state.transcript.length === 0) return null;
  return {
    id,
    startedAt: state.startedAt,
    endedAt,
    ...(state.error ? { endReason: state.error } : {}),
    model,
    transcript: state.transcript.map(({ role, text, at, state: rowState, ms }) => ({
      role,
      text,
      at,
      ...(rowState ? { state: rowState } : {}),
      ...(ms === undefined ? {} : { ms }),
    })),
    ...(state.usage ? { usage: state.usage } : {}),
    ...(state.costUsd !== undefined ? { costUsd: state.costUsd } : {}),
    reconnects: state.reconnects ?? 0,
    ...(state.latenciesMs?.length ? { latenciesMs: state.latenciesMs } : {}),
    ...(state.costOverTime?.length ? { costOverTime: state.costOverTime } : {}),
  };
}

/** Adds a session, newest first, dropping the oldest beyond the bounds. */
export function withSession(history: PastSession[], session: PastSession): PastSession[] {
  const next = [session, ...history.filter((past) => past.id !== session.id)].slice(0, HISTORY_MAX_SESSIONS);
  while (next.length > 1 && JSON.stringify(next).length > HISTORY_MAX_CHARS) next.pop();
  return next;
}

const WHO: Record<TranscriptEntry['role'], string> = { user: 'You', assistant: 'AI', tool: 'Tool', error: 'Error' };

export function sessionToMarkdown(session: PastSession): string {
  const when = new Date(session.startedAt).toISOString().replace('T', ' ').slice(0, 16);
  const minutes = Math.max(1, Math.round((session.endedAt - session.startedAt) / 60_000));
  const lines = [`# Voice session, ${when} UTC`, ''];
  lines.push(`- Model: ${session.model}`, `- Length: ${minutes} min`);
  if (session.usage) {
    const cost = session.costUsd === undefined ? '' : `, ${formatDollars(session.costUsd)}`;
    lines.push(`- Used: ${totalTokens(session.usage).toLocaleString('en')} tokens${cost}`);
  }
  if (session.latenciesMs?.length) {
    const average = Math.round(session.latenciesMs.reduce((sum, ms) => sum + ms, 0) / session.latenciesMs.length);
    lines.push(`- Answer latency: ${average} ms on average over ${session.latenciesMs.length} turn(s)`);
  }
  if (session.reconnects) lines.push(`- Reconnected: ${session.reconnects} time(s)`);
  if (session.endReason) lines.push(`- Ended: ${session.endReason}`);
  lines.push('', '## Conversation', '');
  for (const entry of session.transcript) {
    const mark = entry.state === 'interrupted' ? ' *(interrupted)*' : '';
    lines.push(entry.role === 'tool' ? `- *${entry.text}*${entry.ms === undefined ? '' : ` (${entry.ms} ms)`}` : `- **${WHO[entry.role]}:** ${entry.text}${mark}`);
  }
  return `${lines.join('\n')}\n`;
}

export function sessionToJson(session: PastSession): string {
  return `${JSON.stringify(session, null, 2)}\n`;
}
