import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { downloadSession } from '@/components/download';
import { SessionChart } from '@/components/SessionChart';
import { HISTORY_MAX_SESSIONS, historyItem, type PastSession } from '@/utils/history';
import { formatDollars, totalTokens } from '@/utils/realtime/pricing';
import type { TranscriptEntry } from '@/utils/session-state';
import '@/components/style.css';

const WHO: Record<TranscriptEntry['role'], string> = { user: 'You', assistant: 'AI', tool: 'Tool', error: 'Error' };

/** Past sessions (utils/history.ts, on this computer only): conversation, tool calls, cost, charts; export, delete. */
function History() {
  const [sessions, setSessions] = useState<PastSession[] | null>(null);
  useEffect(() => {
    void historyItem.getValue().then(setSessions);
    return historyItem.watch((next) => setSessions(next ?? []));
  }, []);
  const remove = async (id: string) => historyItem.setValue((await historyItem.getValue()).filter((session) => session.id !== id));
  return (
    <main class="history-page">
      <h1>Session history</h1>
      <p class="muted">Finished sessions stay on this computer only (the newest {HISTORY_MAX_SESSIONS}); nothing here is sent anywhere.</p>
      {sessions?.length === 0 ? <p>No sessions yet. Start one from the toolbar button or the side panel.</p> : null}
      <ol class="history-list">
        {(sessions ?? []).map((session) => (
          <li key={session.id}>
            <PastSessionView session={session} onDelete={() => void remove(session.id)} />
          </li>
        ))}
      </ol>
    </main>
  );
}

function PastSessionView({ session, onDelete }: { session: PastSession; onDelete(): void }) {
  const minutes = Math.max(1, Math.round((session.endedAt - session.startedAt) / 60_000));
  const tools = session.transcript.filter((entry) => entry.role === 'tool').length;
  const heading = `${new Date(session.startedAt).toLocaleString()} · ${minutes} min`;
  return (
    <article class="past-session" data-session={session.id} aria-label={`Session of ${heading}`}>
      <header>
        <h2>{heading}</h2>
        <p class="muted">
          {session.model} · {session.transcript.length} rows · {tools} tool call{tools === 1 ? '' : 's'}
          {session.usage ? ` · ${totalTokens(session.usage).toLocaleString('en')} tokens` : ''}
          {session.costUsd === undefined ? '' : ` · ${formatDollars(session.costUsd)}`}
          {session.endReason ? ` · ended: ${session.endReason}` : ''}
        </p>
      </header>
      <SessionChart latenciesMs={session.latenciesMs} costOverTime={session.costOverTime} />
      <details>
        <summary>Conversation</summary>
        <ol class="transcript history-transcript">
          {session.transcript.map((entry, index) => (
            <li key={`${entry.at}-${index}`} class={`turn turn-${entry.role}`} data-role={entry.role}>
              <b>{WHO[entry.role]}:</b> {entry.text}
              {entry.state === 'interrupted' ? <em class="cut"> — interrupted</em> : null}
              {entry.ms === undefined ? null : <small class="ms"> · {entry.ms} ms</small>}
            </li>
          ))}
        </ol>
      </details>
      <div class="history-actions">
        <button type="button" onClick={() => downloadSession(session, 'json')}>
          Export JSON
        </button>
        <button type="button" onClick={() => downloadSession(session, 'md')}>
          Export Markdown
        </button>
        <button type="button" class="danger" onClick={onDelete}>
          Delete
        </button>
      </div>
    </article>
  );
}

render(<History />, document.getElementById('app')!);
