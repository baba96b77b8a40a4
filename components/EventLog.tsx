import { useEffect, useState } from 'preact/hooks';
import { hostMessenger, workerMessenger, type Result } from '@/utils/messaging';
import type { LoggedEvent } from '@/utils/realtime/event-log';
import { messageOf } from '@/utils/errors';

const REFRESH_MS = 1_000;
type Direction = 'all' | LoggedEvent['direction'];

/**
 * The session's last few hundred client and server events (kept by the session host), for debugging: read only
 * while the log is open (once a second), filterable by text and direction, copyable as JSON, and a box to send a
 * client event of your own (checked as JSON here, for its shape by the host).
 */
export function EventLog({ live }: { live: boolean }) {
  const [open, setOpen] = useState(false);
  const [events, setEvents] = useState<LoggedEvent[]>([]);
  const [filter, setFilter] = useState('');
  const [direction, setDirection] = useState<Direction>('all');
  const [copied, setCopied] = useState('');

  useEffect(() => {
    if (!open) return;
    let stopped = false;
    const read = () =>
      void hostMessenger
        .sendMessage('host.eventLog', undefined)
        .then((entries) => !stopped && setEvents(Array.isArray(entries) ? entries : []))
        .catch(() => undefined);
    read();
    const timer = setInterval(read, REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [open, live]);

  const needle = filter.trim().toLowerCase();
  const shown = events.filter(
    (event) => (direction === 'all' || event.direction === direction) && (!needle || event.type.toLowerCase().includes(needle) || event.json.toLowerCase().includes(needle)),
  );
  const copy = () => {
    const text = JSON.stringify(shown.map((event) => ({ ...event, event: parseOr(event.json) })), null, 2);
    void navigator.clipboard.writeText(text).then(
      () => setCopied(`Copied ${shown.length} event${shown.length === 1 ? '' : 's'}.`),
      (error: unknown) => setCopied(`Could not copy: ${messageOf(error)}`),
    );
  };

  return (
    <details class="event-log" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Event log</summary>
      <div class="event-log-tools">
        <input type="search" aria-label="Filter events" placeholder="Filter by type or text" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
        <select aria-label="Direction" value={direction} onChange={(e) => setDirection(e.currentTarget.value as Direction)}>
          <option value="all">Both ways</option>
          <option value="client">Sent (client)</option>
          <option value="server">Received (server)</option>
        </select>
        <button type="button" onClick={copy} disabled={shown.length === 0}>
          Copy JSON
        </button>
      </div>
      {copied ? <p role="status" class="event-log-note">{copied}</p> : null}
      <p class="event-log-note" data-event-count={shown.length}>
        {shown.length} of {events.length} events
      </p>
      <ol class="event-log-list">
        {shown.map((event, index) => (
          <li key={`${event.at}-${index}`} class={`event event-${event.direction}`} data-direction={event.direction} data-type={event.type}>
            <details>
              <summary>
                <span class="event-dir">{event.direction === 'client' ? '↑' : '↓'}</span> <code>{event.type}</code>{' '}
                <small>{new Date(event.at).toLocaleTimeString()}</small>
              </summary>
              <pre>{event.json}</pre>
            </details>
          </li>
        ))}
      </ol>
      <SendClientEvent live={live} />
    </details>
  );
}

function parseOr(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

function SendClientEvent({ live }: { live: boolean }) {
  const [text, setText] = useState('{"type": "response.create"}');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function send(event: Event) {
    event.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      setMessage({ ok: false, text: `Not valid JSON: ${messageOf(error)}` });
      return;
    }
    const result = await workerMessenger
      .sendMessage('worker.sendClientEvent', parsed)
      .catch((failure: unknown): Result => ({ ok: false, error: messageOf(failure) }));
    setMessage(result.ok ? { ok: true, text: 'Sent.' } : { ok: false, text: result.error });
  }

  return (
    <form class="send-event" onSubmit={send}>
      <label class="block">
        Send a client event (JSON)
        <textarea name="client-event" rows={3} spellcheck={false} value={text} onInput={(e) => setText(e.currentTarget.value)} aria-describedby="send-event-result" />
      </label>
      <button type="submit" disabled={!live}>
        Send event
      </button>
      <p id="send-event-result" class={message?.ok === false ? 'error' : 'event-log-note'} role={message?.ok === false ? 'alert' : 'status'}>
        {message?.text ?? ''}
      </p>
    </form>
  );
}
