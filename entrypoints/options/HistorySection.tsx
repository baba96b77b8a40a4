import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { downloadSession } from '@/components/download';
import { HISTORY_MAX_SESSIONS, historyItem, type PastSession } from '@/utils/history';
import { formatDollars, totalTokens } from '@/utils/realtime/pricing';

/** Past sessions, kept on this computer only: export one as JSON or Markdown, or delete it. */
export function HistorySection() {
  const [sessions, setSessions] = useState<PastSession[]>([]);
  useEffect(() => {
    void historyItem.getValue().then(setSessions);
    return historyItem.watch((next) => setSessions(next ?? []));
  }, []);
  const download = downloadSession;
  const remove = (id: string) => void historyItem.setValue(sessions.filter((session) => session.id !== id));
  return (
    <fieldset class="history" id="history">
      <legend>History</legend>
      <small>Finished sessions stay on this computer only (the newest {HISTORY_MAX_SESSIONS}).</small>
      <a href={browser.runtime.getURL('/history.html')} target="_blank" rel="noreferrer">
        Open the history page (conversations, charts of latency and cost)
      </a>
      {sessions.length === 0 ? <p>No sessions yet.</p> : null}
      <ul>
        {sessions.map((session) => (
          <li key={session.id} data-session={session.id}>
            <span>
              {new Date(session.startedAt).toLocaleString()} · {session.transcript.length} rows
              {session.usage ? ` · ${totalTokens(session.usage).toLocaleString('en')} tokens` : ''}
              {session.costUsd === undefined ? '' : ` · ${formatDollars(session.costUsd)}`}
            </span>{' '}
            <button type="button" onClick={() => download(session, 'md')}>
              Export Markdown
            </button>{' '}
            <button type="button" onClick={() => download(session, 'json')}>
              Export JSON
            </button>{' '}
            <button type="button" onClick={() => remove(session.id)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

