import { isWellFormedCallId, type FuzzPlan } from '../peer/fuzz.mjs';
import type { Peer } from './local-services';

type PeerSession = Awaited<ReturnType<Peer['waitForSession']>>;

/**
 * Sends a fuzz plan down the peer's data channel in batches: the next batch goes once every call completed in this
 * one has its function_call_output at the peer (waited on as the peer records it, not on a clock). Returns how many
 * outputs each call_id got. Shared by the Chromium and the Firefox fuzz tests.
 */
export async function sendFuzz(
  session: PeerSession,
  plan: FuzzPlan,
  {
    seed,
    batch: batchSize = 250,
    batchTimeoutMs = 30_000,
    diagnose = async () => '',
  }: { seed: number; batch?: number; batchTimeoutMs?: number; diagnose?: () => Promise<string> },
): Promise<{ answers: Map<string, number>; ms: number }> {
  session.adoptCalls(plan.calls);
  const answers = new Map<string, number>();
  let waiting: { ids: string[]; resolve: () => void } | null = null;
  session.on('received', (entry: { event: { type?: string; item?: { type?: string; call_id?: unknown } } | null }) => {
    const item = entry.event?.type === 'conversation.item.create' ? entry.event.item : undefined;
    if (item?.type !== 'function_call_output' || typeof item.call_id !== 'string') return;
    answers.set(item.call_id, (answers.get(item.call_id) ?? 0) + 1);
    if (waiting && waiting.ids.every((id) => answers.has(id))) waiting.resolve();
  });
  const answered = (ids: string[], what: string) =>
    new Promise<void>((resolve, reject) => {
      if (ids.every((id) => answers.has(id))) return resolve();
      const timer = setTimeout(() => {
        waiting = null;
        const missing = ids.filter((id) => !answers.has(id));
        const examples = missing.slice(0, 4).map((id) =>
          plan.items
            .filter((item) => item.text.includes(id))
            .map((item) => item.text.slice(0, 600))
            .join('\n  then: '),
        );
        reject(new Error(`FUZZ_SEED=${seed}: ${missing.length} call(s) of ${what} not answered within ${batchTimeoutMs} ms, e.g.\n${examples.join('\n')}`));
      }, batchTimeoutMs);
      waiting = {
        ids,
        resolve: () => {
          clearTimeout(timer);
          waiting = null;
          resolve();
        },
      };
    });

  // Backpressure: a message waits until the peer's send buffer has room (its bufferedamountlow event), so the
  // 10,000 messages never pile up in it.
  const channel = session.channel as { bufferedAmount: number; bufferedAmountLowThreshold: number; onbufferedamountlow: (() => void) | null };
  channel.bufferedAmountLowThreshold = 64 * 1024;
  const drained = (size: number) =>
    channel.bufferedAmount + size <= 256 * 1024
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          channel.onbufferedamountlow = () => {
            channel.onbufferedamountlow = null;
            resolve();
          };
        });
  const expected = new Set(plan.calls.map((call) => call.callId));
  /** The call a message completes (not an in-progress announcement of it, which may end a batch). */
  const callIdOf = (text: string): string | null => {
    try {
      const item = (JSON.parse(text) as { item?: { type?: unknown; status?: unknown; call_id?: unknown } } | null)?.item;
      if (item?.type !== 'function_call' || item.status !== 'completed') return null;
      return isWellFormedCallId(item.call_id) && expected.has(item.call_id as string) ? (item.call_id as string) : null;
    } catch {
      return null;
    }
  };

  const started = performance.now();
  for (let start = 0; start < plan.items.length; start += batchSize) {
    const batch = plan.items.slice(start, start + batchSize);
    const what = `messages ${start}–${start + batch.length - 1}`;
    const ids = [...new Set(batch.map((item) => callIdOf(item.text)).filter((id): id is string => id !== null))];
    for (const item of batch) {
      await drained(item.text.length);
      session.inject(item.text);
    }
    await answered(ids, what).catch(async (error: Error) => {
      throw new Error(`${error.message}\n${await diagnose().catch(() => '')}`);
    });
    if (session.closed) throw new Error(`FUZZ_SEED=${seed}: the session closed during ${what} (${session.closeReason}).`);
  }
  return { answers, ms: performance.now() - started };
}
