// @ts-check
/**
 * Part 6: the soak — thousands of tool calls in one live session (see README.md).
 *
 * set_background_color on the demo page, cycling through ten colours (every call changes the page, and no two
 * calls in a row are identical, so the loop guard never refuses one). The peer's spoken reply after each result is
 * sent without pauses between words and without tone (`session.wordIntervalMs = 0`, `toneMsPerWord = 0`), so
 * the calls, not the replies' 15 ms-per-word pacing, set the pace; every reply's events still reach the extension.
 * Checked: every call_id the peer issued got its function_call_output (none lost, none answered ok: false).
 * Measured: calls/s, and the JS heap (CDP, after forced GC) of the offscreen document and of the service worker
 * at checkpoints; the verdict compares the heap after all calls with the heap after the first 100.
 */
import { heapAfterGc } from './targets.mjs';
import { stamp, summarize } from './stats.mjs';

const COLORS = ['navy', 'teal', 'maroon', 'olive', 'purple', 'rgb(10, 20, 30)', '#123456', 'lightblue', 'darkslategrey', 'hsl(30, 60%, 40%)'];

/**
 * @param {{ session: any, targets: { name: string, target: import('./targets.mjs').TargetSession }[], calls: number,
 *   baselineAt: number, progress: (message: string) => void, timeoutMs: number }} ctx
 */
export async function runSoak({ session, targets, calls, baselineAt, progress, timeoutMs }) {
  const sentBefore = session.sent.length;
  const receivedBefore = session.received.length;
  const saved = { wordIntervalMs: session.wordIntervalMs, toneMsPerWord: session.toneMsPerWord };
  session.wordIntervalMs = 0;
  session.toneMsPerWord = 0;
  const checkpointsAt = new Set([baselineAt, ...[0.2, 0.4, 0.6, 0.8].map((f) => Math.round(calls * f)), calls]);
  /** @type {{ calls: number, heap: Record<string, number>, atMs: number }[]} */
  const checkpoints = [];
  const failures = /** @type {string[]} */ ([]);
  const samples = [];
  let pausedMs = 0;
  const started = stamp();
  try {
    for (let i = 0; i < calls; i += 1) {
      const args = { color: COLORS[i % COLORS.length] };
      try {
        const result = await session.callTool('set_background_color', args, { timeoutMs });
        samples.push(result.elapsedMs);
        const parsed = JSON.parse(result.output);
        if (parsed.ok !== true) failures.push(`call ${i + 1}: ok is not true: ${result.output.slice(0, 200)}`);
      } catch (error) {
        failures.push(`call ${i + 1}: ${error instanceof Error ? error.message : String(error)}`);
        if (failures.length >= 10) throw new Error(`The soak stopped after ${i + 1} calls with ${failures.length} failures:\n  ${failures.join('\n  ')}`);
      }
      const done = i + 1;
      if (done % 500 === 0) progress(`soak: ${done}/${calls} calls, ${(done / ((stamp() - started - pausedMs) / 1000)).toFixed(1)} calls/s`);
      if (checkpointsAt.has(done)) {
        const pause = stamp();
        // Let the reply to the last call finish before measuring.
        await new Promise((resolve) => setTimeout(resolve, 300));
        /** @type {Record<string, number>} */
        const heap = {};
        for (const { name, target } of targets) heap[name] = await heapAfterGc(target);
        checkpoints.push({ calls: done, heap, atMs: stamp() - started });
        progress(`soak: heap after ${done} calls: ${Object.entries(heap).map(([k, v]) => `${k} ${(v / 1024 / 1024).toFixed(2)} MB`).join(', ')}`);
        pausedMs += stamp() - pause;
      }
    }
  } finally {
    session.wordIntervalMs = saved.wordIntervalMs;
    session.toneMsPerWord = saved.toneMsPerWord;
  }
  const elapsedMs = stamp() - started - pausedMs;

  // Every call the peer issued in the soak, answered exactly once.
  const issued = new Set(
    session.sent
      .slice(sentBefore)
      .filter((/** @type {any} */ e) => e.event?.type === 'response.function_call_arguments.done')
      .map((/** @type {any} */ e) => e.event.call_id),
  );
  /** @type {Map<string, number>} */
  const answered = new Map();
  for (const e of session.received.slice(receivedBefore)) {
    const item = /** @type {any} */ (e).event?.item;
    if (/** @type {any} */ (e).event?.type === 'conversation.item.create' && item?.type === 'function_call_output') {
      answered.set(item.call_id, (answered.get(item.call_id) ?? 0) + 1);
    }
  }
  const unanswered = [...issued].filter((id) => !answered.has(id));
  const answeredTwice = [...answered].filter(([, n]) => n > 1).map(([id]) => id);

  const base = checkpoints.find((c) => c.calls === baselineAt);
  const last = checkpoints[checkpoints.length - 1];
  /** @type {Record<string, { after: number, final: number, growth: number }>} */
  const growth = {};
  if (base && last) {
    for (const { name } of targets) {
      const after = /** @type {number} */ (base.heap[name]);
      const final = /** @type {number} */ (last.heap[name]);
      growth[name] = { after, final, growth: final / after - 1 };
    }
  }
  return {
    calls,
    baselineAt,
    issued: issued.size,
    answered: answered.size,
    unanswered,
    answeredTwice,
    failures,
    elapsedMs,
    callsPerSecond: calls / (elapsedMs / 1000),
    roundTrip: summarize(samples),
    checkpoints,
    growth,
  };
}
