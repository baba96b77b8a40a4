import { useState } from 'preact/hooks';
import { workerMessenger } from '@/utils/messaging';
import type { Confirmation } from '@/utils/session-state';

/**
 * The safety gate's open question, in the side panel too: answering here is the same as in the confirmation
 * window (which then closes). Only the user's own panels may answer; the worker checks the sender.
 */
export function PendingConfirmation({ question }: { question: Confirmation }) {
  const [error, setError] = useState('');
  const answer = async (approved: boolean) => {
    const result = await workerMessenger.sendMessage('worker.answerConfirmation', { id: question.id, approved }).catch(() => null);
    setError(result?.ok ? '' : (result?.error ?? 'The answer did not reach the extension.'));
  };
  return (
    <section class="card pending-confirmation" role="alertdialog" aria-labelledby="pending-title" aria-describedby="pending-action">
      <h2 id="pending-title">Allow the AI to do this on {question.site || 'this page'}?</h2>
      <p id="pending-action" class="confirm-action">
        {question.action}
      </p>
      <p class="confirm-reason">Asked because {question.reason}.</p>
      <div class="controls">
        <button type="button" class="start" onClick={() => void answer(true)}>
          Allow
        </button>
        <button type="button" class="stop" onClick={() => void answer(false)}>
          Don't allow
        </button>
      </div>
      {error ? <p class="error">{error}</p> : null}
    </section>
  );
}
