import { sessionToJson, sessionToMarkdown, type PastSession } from '@/utils/history';

/** Saves one past session as a file (the browser's download), JSON or Markdown. */
export function downloadSession(session: PastSession, kind: 'json' | 'md'): void {
  const text = kind === 'json' ? sessionToJson(session) : sessionToMarkdown(session);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: kind === 'json' ? 'application/json' : 'text/markdown' }));
  link.download = `voice-session-${new Date(session.startedAt).toISOString().slice(0, 16).replace(':', '')}.${kind}`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
