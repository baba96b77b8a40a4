import { generateFuzz, seedFrom } from '../peer/fuzz.mjs';
import { watchContextErrors } from './errors';
import { sendFuzz } from './fuzz-run';
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
/** Messages sent at once; the next batch goes once every call of this one is answered (fuzz-run.ts; no sleeping). */
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

  const watch = await watchContextErrors(extension.context, { popup, tab: demo }, extension.extensionId);
  await watch.canary();

  const { answers, ms: fuzzMs } = await sendFuzz(session, plan, {
    seed: SEED,
    batch: BATCH,
    batchTimeoutMs: BATCH_TIMEOUT_MS,
    // For the diagnosis: the errors so far, and what the session host saw last (its event log, both ways).
    diagnose: async () => {
      const log = (await popup.evaluate(() =>
        chrome.runtime.sendMessage({ id: 1, type: 'host.eventLog', data: undefined, timestamp: Date.now() }).then((r: { res?: unknown }) => r?.res),
      )) as { type: string; json: string }[];
      return `errors in the extension: ${watch.errors.slice(0, 10).join('\n')}\nthe session host's last events: ${log
        .slice(-20)
        .map((e) => `${e.type} ${e.json.slice(0, 160)}`)
        .join('\n')}`;
    },
  });
  expect(peerProblems, 'messages the peer could not send').toEqual([]);
  const expected = new Set(plan.calls.map((call) => call.callId));

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

  // The collector also hears the content script (which the fuzz's calls injected into the tab).
  const before = [...watch.errors];
  await watch.contentScriptCanary('tab');
  expect(before, `FUZZ_SEED=${SEED}: errors in the extension's contexts`).toEqual([]);
  expect(watch.errors, `FUZZ_SEED=${SEED}: errors in the extension's contexts`).toEqual([]);
  console.log(
    `fuzz: FUZZ_SEED=${SEED}: ${plan.items.length} messages, ${expected.size} calls answered once each, in ${(fuzzMs / 1000).toFixed(1)} s; ` +
      `kinds: ${Object.entries(plan.counts).map(([kind, n]) => `${kind} ${n}`).join(', ')}`,
  );
});
