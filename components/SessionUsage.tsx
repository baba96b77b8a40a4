import { formatDollars, PRICES_AS_OF, totalTokens } from '@/utils/realtime/pricing';
import type { SessionState } from '@/utils/session-state';

/** What the session has used so far: tokens, and dollars when the model's prices are known. */
export function SessionUsage({ state }: { state: SessionState }) {
  if (!state.usage) return null;
  const tokens = totalTokens(state.usage).toLocaleString('en');
  return (
    <p class="usage" data-cost-usd={state.costUsd ?? ''} title={`Priced with OpenAI's list prices of ${PRICES_AS_OF}`}>
      This session: {state.costUsd === undefined ? '' : `${formatDollars(state.costUsd)} · `}
      {tokens} tokens
    </p>
  );
}
