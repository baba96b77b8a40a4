import { formatDollars, PRICES_AS_OF, totalTokens } from '@/utils/realtime/pricing';
import type { SessionState } from '@/utils/session-state';

/** What the session has used so far: tokens, and dollars when the model's prices are known. */
export function SessionUsage({ state }: { state: SessionState }) {
  const latency = state.latenciesMs?.at(-1);
  // An empty line until the first answer keeps its place: nothing below it moves when the numbers arrive.
  if (!state.usage && latency === undefined) return <p class="usage-placeholder" aria-hidden="true" />;
  const tokens = state.usage ? totalTokens(state.usage).toLocaleString('en') : '0';
  return (
    <p class="usage" data-cost-usd={state.costUsd ?? ''} title={`Priced with OpenAI's list prices of ${PRICES_AS_OF}`}>
      This session: {state.costUsd === undefined ? '' : `${formatDollars(state.costUsd)} · `}
      {tokens} tokens
      {latency === undefined ? null : <span data-latency-ms={latency}> · last answer began {latency} ms after you finished</span>}
    </p>
  );
}
