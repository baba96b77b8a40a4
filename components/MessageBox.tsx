import { useState } from 'preact/hooks';
import { workerMessenger, type Result } from '@/utils/messaging';
import { messageOf } from '@/utils/errors';

/** Typed messages go into the live session as a user turn, exactly like speech. */
export function MessageBox({ live }: { live: boolean }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function send(event: Event) {
    event.preventDefault();
    const result = await workerMessenger
      .sendMessage('worker.sendText', text)
      .catch((failure: unknown): Result => ({ ok: false, error: messageOf(failure) }));
    if (result.ok) setText('');
    setError(result.ok ? null : result.error);
  }

  return (
    <form class="message" onSubmit={send}>
      <input
        name="message"
        aria-label="Message to the AI"
        placeholder={live ? 'Type a message…' : 'Start a session to type'}
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
        disabled={!live}
      />
      <button type="submit" disabled={!live || !text.trim()}>
        Send
      </button>
      {error ? <p class="error">{error}</p> : null}
    </form>
  );
}
