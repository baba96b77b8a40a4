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
const SEED = seedFrom(process.env.FUZZ_SEED);
const COUNT = Number(process.env.FUZZ_COUNT ?? 10_000);
/** Messages sent at once; the next batch goes once every call of this one is answered (no sleeping). */
const BATCH = 250;
/** How long one batch's calls may take to be answered, at most. */
const BATCH_TIMEOUT_MS = 20_000;

test.setTimeout(180_000);

test(`fuzz: ${COUNT} malformed server events and tool calls (FUZZ_SEED=${SEED})`, async ({ extension, demo, peer }) => {
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
        const examples = missing.slice(0, 4).map((id) => plan.items.find((item) => item.text.includes(id))?.text.slice(0, 400));
        reject(
          new Error(
            `FUZZ_SEED=${SEED}: ${missing.length} call(s) of ${what} not answered within ${BATCH_TIMEOUT_MS} ms, e.g.\n${examples.join('\n')}\n` +
              `errors in the extension so far: ${watch.errors.slice(0, 10).join('\n')}`,
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

  const started = performance.now();
  const expected = new Set(plan.calls.map((call) => call.callId));
  const callIdOf = (text: string): string | null => {
    try {
      const id = (JSON.parse(text) as { item?: { call_id?: unknown } } | null)?.item?.call_id;
      return isWellFormedCallId(id) && expected.has(id as string) ? (id as string) : null;
    } catch {
      return null;
    }
  };
  for (let start = 0; start < plan.items.length; start += BATCH) {
    const batch = plan.items.slice(start, start + BATCH);
    const ids = [...new Set(batch.map((item) => callIdOf(item.text)).filter((id): id is string => id !== null))];
    for (const item of batch) session.inject(item.text);
    await answered(ids, `messages ${start}–${start + batch.length - 1}`);
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
