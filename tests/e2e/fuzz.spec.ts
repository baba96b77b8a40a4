import { generateFuzz, isWellFormedCallId, seedFrom } from '../peer/fuzz.mjs';
import { watchContextErrors } from './errors';
import { callTool, expect, startSession, test } from './fixtures';

/**
 * The fuzz test: 10,000 malformed or unexpected server events and tool-call arguments (tests/peer/fuzz.mjs has the
 * mix and why), from one printed seed, sent down the peer's data channel into the real extension in real Chromium.
 * Replay a failure with `FUZZ_SEED=<seed> npx playwright test tests/e2e/fuzz.spec.ts`; `FUZZ_COUNT` changes the
 * number of messages.
 *
 * It asserts: no uncaught error, unhandled rejection or console error in the worker, the offscreen session host,
 * the popup or the tab (page and content script); every call with a well-formed call_id answered with exactly one
 * function_call_output; and afterwards the session still works (a tool call changes the page, a typed message is
 * answered).
 */
const COUNT = Number(process.env.FUZZ_COUNT ?? 10_000);
/** Messages sent at once; the next batch goes once every call of this one is answered (no sleeping). */
const BATCH = 250;
/** How long one batch's calls may take to be answered, at most. */
const BATCH_TIMEOUT_MS = Number(process.env.FUZZ_BATCH_TIMEOUT_MS ?? 30_000);

test.setTimeout(180_000);
/** What the peer could not send (a message the data channel refused) would look like a lost event: it is reported. */
const peerProblems: string[] = [];
test.use({ peerOptions: { log: (message: string) => void (/send failed/.test(message) && peerProblems.push(message)) } });

test(`fuzz: ${COUNT} malformed server events and tool calls, from a printed seed`, async ({ extension, demo, peer }) => {
  // Chosen here, not at load: the runner loads this file in two processes, and the title must be the same in both.
  const SEED = seedFrom(process.env.FUZZ_SEED);
  console.log(`fuzz: FUZZ_SEED=${SEED} (replay: FUZZ_SEED=${SEED} npx playwright test tests/e2e/fuzz.spec.ts)`);
  test.info().annotations.push({ type: 'FUZZ_SEED', description: String(SEED) });
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  const update = await session.waitFor('session.update');
  const plan = generateFuzz({ seed: SEED, count: COUNT, tools: update.session.tools });
  session.adoptCalls(plan.calls);

  const watch = await watchContextErrors(extension.context, { popup, tab: demo }, extension.extensionId);
  await watch.canary();

  // Outputs per call_id, counted as the peer receives them; a batch waits on these, not on a clock.
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
        const missing = ids.filter((id) => !answers.has(id));
        const examples = missing.slice(0, 4).map((id) => plan.items.filter((item) => item.text.includes(id)).map((item) => item.text.slice(0, 600)).join("\n  then: "));
        reject(
          new Error(
            `FUZZ_SEED=${SEED}: ${missing.length} call(s) of ${what} not answered within ${BATCH_TIMEOUT_MS} ms, e.g.\n${examples.join('\n')}\n` +
              `errors in the extension so far: ${watch.errors.slice(0, 10).join('\n')}\n` +
              `peer sessions: ${peer.sessions.length}; last received: ${session.received.slice(-3).map((entry: { event: unknown }) => JSON.stringify(entry.event)?.slice(0, 200)).join(' | ')}`,
          ),
        );
      }, BATCH_TIMEOUT_MS);
      waiting = {
        ids,
        resolve: () => {
          clearTimeout(timer);
          waiting = null;
          resolve();
        },
      };
    });

  // The peer's data channel (libwebrtc M106 in Node) loses a large message sent while much is still buffered, so a
  // message waits until the buffer has room for it (on the channel's bufferedamountlow event, not a clock).
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
  const started = performance.now();
  const expected = new Set(plan.calls.map((call) => call.callId));
  const callIdOf = (text: string): string | null => {
    try {
      // The message that completes a call (not an in-progress announcement of it, which may end a batch).
      const item = (JSON.parse(text) as { item?: { type?: unknown; status?: unknown; call_id?: unknown } } | null)?.item;
      if (item?.type !== 'function_call' || item.status !== 'completed') return null;
      const id = item.call_id;
      return isWellFormedCallId(id) && expected.has(id as string) ? (id as string) : null;
    } catch {
      return null;
    }
  };
  for (let start = 0; start < plan.items.length; start += BATCH) {
    const batch = plan.items.slice(start, start + BATCH);
    const ids = [...new Set(batch.map((item) => callIdOf(item.text)).filter((id): id is string => id !== null))];
    for (const item of batch) {
      await drained(item.text.length);
      session.inject(item.text);
    }
    const batchStarted = performance.now();
    await answered(ids, `messages ${start}–${start + batch.length - 1}`).catch(async (error: Error) => {
      // What the session host saw last (its event log, both ways), for the diagnosis.
      const log = (await popup
        .evaluate(() => chrome.runtime.sendMessage({ id: 1, type: 'host.eventLog', data: undefined, timestamp: Date.now() }).then((r: { res?: unknown }) => r?.res))
        .catch(() => [])) as { type: string; json: string }[];
      throw new Error(`${error.message}\nthe session host's last events: ${log.slice(-20).map((e) => `${e.type} ${e.json.slice(0, 160)}`).join('\n')}`);
    });
    if (process.env.FUZZ_DEBUG) console.log(`batch ${start}: ${ids.length} calls in ${Math.round(performance.now() - batchStarted)} ms`);
    expect(peerProblems, 'messages the peer could not send').toEqual([]);
    expect(session.closed, `FUZZ_SEED=${SEED}: the session closed during messages ${start}–${start + batch.length - 1}`).toBe(false);
  }
  const fuzzMs = performance.now() - started;

  // Every well-formed call answered exactly once (duplicates of a call_id included).
  const twice = [...expected].filter((id) => (answers.get(id) ?? 0) > 1);
  expect(twice, `FUZZ_SEED=${SEED}: calls answered more than once`).toEqual([]);
  expect([...expected].filter((id) => !answers.has(id)), `FUZZ_SEED=${SEED}: calls never answered`).toEqual([]);

  // The session still works: a normal tool call changes the page, a typed message is answered.
  expect((await callTool(session, 'reset_page')).ok).toBe(true);
  expect((await callTool(session, 'set_background_color', { color: 'navy' })).ok).toBe(true);
  await expect(demo.locator('body')).toHaveCSS('background-color', 'rgb(0, 0, 128)');
  await popup.getByLabel('Message to the AI').fill('make the text white');
  await popup.getByRole('button', { name: 'Send' }).click();
  await expect(demo.locator('#intro')).toHaveCSS('color', 'rgb(255, 255, 255)');
  await expect(popup.locator('.turn-assistant').last()).toContainText(/white/i);
  await expect(popup.locator('[data-status]')).toHaveAttribute('data-status', 'live');

  expect(watch.errors, `FUZZ_SEED=${SEED}: errors in the extension's contexts`).toEqual([]);
  console.log(
    `fuzz: FUZZ_SEED=${SEED}: ${plan.items.length} messages, ${expected.size} calls answered once each, in ${(fuzzMs / 1000).toFixed(1)} s; ` +
      `kinds: ${Object.entries(plan.counts).map(([kind, n]) => `${kind} ${n}`).join(', ')}`,
  );
});
