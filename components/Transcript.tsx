import { useEffect, useRef } from 'preact/hooks';
import { workerMessenger } from '@/utils/messaging';
import type { TranscriptEntry } from '@/utils/session-state';

const WHO: Record<TranscriptEntry['role'], string> = { user: 'You', assistant: 'AI', tool: 'Tool', error: 'Error' };

/** The conversation so far, newest at the bottom. */
export function Transcript({ entries }: { entries: TranscriptEntry[] }) {
  // Undo takes back the latest change: only the latest reversible row not yet undone offers it.
  const undoAt = entries.findLastIndex((entry) => entry.undoable && !entry.undone);
  // Follow the newest caption inside the list only (scrollIntoView would scroll the whole page too), and only while
  // the reader is at the bottom: someone reading back is not pulled away.
  const list = useRef<HTMLOListElement>(null);
  const pinned = useRef(true);
  useEffect(() => {
    if (list.current && pinned.current) list.current.scrollTop = list.current.scrollHeight;
  }, [entries.length, entries[entries.length - 1]?.text]);
  if (entries.length === 0) return <p class="transcript-empty">Press Start and talk, or type below.</p>;
  return (
    <ol
      class="transcript"
      ref={list}
      aria-label="Conversation"
      aria-live="polite"
      tabIndex={0}
      onScroll={(event) => {
        const { scrollTop, scrollHeight, clientHeight } = event.currentTarget;
        pinned.current = scrollHeight - scrollTop - clientHeight < 24;
      }}
    >
      {entries.map((entry, index) => (
        <li
          key={entry.itemId ?? `${entry.at}-${index}`}
          class={`turn turn-${entry.role}${entry.state ? ` turn-${entry.state}` : ''}`}
          data-role={entry.role}
          data-state={entry.state ?? 'final'}
        >
          <b>{WHO[entry.role]}:</b> {entry.text || (entry.state === 'partial' ? '…' : '')}
          {entry.state === 'interrupted' ? <em class="cut"> — interrupted</em> : null}
          {entry.ms === undefined ? null : <small class="ms"> · {entry.ms} ms</small>}
          {entry.undone ? <em class="cut"> — undone</em> : null}
          {index === undoAt ? (
            <button type="button" class="undo" onClick={() => void workerMessenger.sendMessage('worker.undoLast', undefined).catch(() => undefined)}>
              Undo
            </button>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
