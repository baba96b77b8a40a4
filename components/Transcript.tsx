import { useEffect, useRef } from 'preact/hooks';
import type { TranscriptEntry } from '@/utils/session-state';

const WHO: Record<TranscriptEntry['role'], string> = { user: 'You', assistant: 'AI', tool: 'Tool', error: 'Error' };

/** The conversation so far, newest at the bottom. */
export function Transcript({ entries }: { entries: TranscriptEntry[] }) {
  const end = useRef<HTMLLIElement>(null);
  useEffect(() => end.current?.scrollIntoView({ block: 'end' }), [entries.length]);
  if (entries.length === 0) return <p class="transcript-empty">Press Start and talk, or type below.</p>;
  return (
    <ol class="transcript" aria-live="polite">
      {entries.map((entry, index) => (
        <li key={`${entry.at}-${index}`} class={`turn turn-${entry.role}`} data-role={entry.role}>
          <b>{WHO[entry.role]}:</b> {entry.text}
        </li>
      ))}
      <li ref={end} class="transcript-end" aria-hidden="true" />
    </ol>
  );
}
