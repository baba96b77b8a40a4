import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useSessionState } from '@/components/use-session-state';
import { workerMessenger } from '@/utils/messaging';
import '@/components/style.css';

const id = new URLSearchParams(location.search).get('id') ?? '';
const TIMEOUT_S = 60;

/**
 * The safety gate's question, in a window of the extension's own: web pages cannot see it, script it or click it.
 * It names the action and the site; the user answers with a click or a key (Y / Enter on Allow, N / Escape).
 * The worker takes no answer within 60 s as no.
 */
function Confirm() {
  const { confirmation } = useSessionState();
  const [sent, setSent] = useState<string | null>(null);
  const [left, setLeft] = useState(TIMEOUT_S);
  const decline = useRef<HTMLButtonElement>(null);
  const question = confirmation?.id === id ? confirmation : undefined;

  async function answer(approved: boolean) {
    if (sent) return;
    const result = await workerMessenger.sendMessage('worker.answerConfirmation', { id, approved }).catch(() => null);
    setSent(result?.ok ? (approved ? 'Allowed.' : 'Declined.') : (result?.error ?? 'The answer did not reach the extension.'));
    if (result?.ok) window.close();
  }

  useEffect(() => {
    if (!question) return;
    decline.current?.focus();
    const tick = setInterval(() => setLeft(Math.max(0, TIMEOUT_S - Math.round((Date.now() - question.askedAt) / 1000))), 500);
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'y' || event.key === 'Y') void answer(true);
      if (event.key === 'n' || event.key === 'N' || event.key === 'Escape') void answer(false);
    };
    addEventListener('keydown', onKey);
    return () => {
      clearInterval(tick);
      removeEventListener('keydown', onKey);
    };
  }, [question?.id]);

  if (!question) {
    return (
      <main class="panel confirm">
        <h1>Nothing to confirm</h1>
        <p>{sent ?? 'This question was answered or has expired.'}</p>
      </main>
    );
  }
  return (
    <main class="panel confirm" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-action">
      <h1 id="confirm-title">Allow the AI to do this on {question.site || 'this page'}?</h1>
      <p id="confirm-action" class="confirm-action">{question.action}</p>
      <p class="confirm-reason">Asked because {question.reason}.</p>
      <div class="controls">
        <button class="start" onClick={() => void answer(true)}>
          Allow
        </button>
        <button class="stop" ref={decline} onClick={() => void answer(false)}>
          Don't allow
        </button>
      </div>
      <small>Keys: Y to allow, N or Escape to decline. No answer in {left} s means no.</small>
      {sent ? <p role="status">{sent}</p> : null}
    </main>
  );
}

render(<Confirm />, document.getElementById('app')!);
