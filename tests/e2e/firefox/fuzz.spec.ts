import type { Page } from 'puppeteer-core';
import { generateFuzz, seedFrom } from '../../peer/fuzz.mjs';
import { sendFuzz } from '../fuzz-run';
import { expect, read, sendMessage, startSession, test } from './fixtures';

/**
 * The fuzz test in Firefox ESR (tests/e2e/fuzz.spec.ts is the full one, in Chromium): 1,000 malformed server events
 * and tool calls from a printed seed into the session window. Errors are collected from the pages puppeteer sees
 * (the session window, the popup, the tab); Firefox's background event page is not one of them.
 * Replay: `FUZZ_SEED=<seed> npx playwright test tests/e2e/firefox/fuzz.spec.ts`.
 */
const COUNT = Number(process.env.FUZZ_COUNT ?? 1_000);

test.setTimeout(120_000);

/**
 * Uncaught errors, unhandled rejections and console errors of each page, recorded by listeners installed in it
 * (WebDriver BiDi does not report them for moz-extension pages), read back with `errors()`.
 */
async function collectErrors(pages: Record<string, Page>) {
  for (const page of Object.values(pages)) {
    await page.evaluate(() => {
      const seen: string[] = [];
      Object.assign(window, { __fuzzErrors: seen });
      window.addEventListener('error', (event) => seen.push(`uncaught ${String(event.message)}`));
      window.addEventListener('unhandledrejection', (event) => seen.push(`unhandled rejection ${String((event.reason as Error)?.message ?? event.reason)}`));
      const error = console.error.bind(console);
      console.error = (...args: unknown[]) => {
        seen.push(`console.error ${args.map(String).join(' ')}`);
        error(...args);
      };
    });
  }
  return async () => {
    const all: string[] = [];
    for (const [name, page] of Object.entries(pages)) {
      const seen = await page.evaluate(() => (window as unknown as { __fuzzErrors?: string[] }).__fuzzErrors ?? ['(the listeners are gone: the page was reloaded)']);
      all.push(...seen.map((text) => `${name}: ${text}`));
    }
    return all;
  };
}

test(`fuzz in Firefox: ${COUNT} malformed server events and tool calls, from a printed seed`, async ({ extension, demo, peer }) => {
  const SEED = seedFrom(process.env.FUZZ_SEED);
  console.log(`firefox fuzz: FUZZ_SEED=${SEED} (replay: FUZZ_SEED=${SEED} npx playwright test tests/e2e/firefox/fuzz.spec.ts)`);
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  const host = await extension.sessionWindow();
  const update = await session.waitFor('session.update');
  const plan = generateFuzz({ seed: SEED, count: COUNT, tools: update.session.tools });

  const pages = { host, popup, tab: demo };
  const errors = await collectErrors(pages);
  // Proof the collector works: one unhandled rejection in each page is seen.
  for (const [name, page] of Object.entries(pages)) await page.evaluate((tag) => void Promise.reject(new Error(tag)), `canary-${name}`);
  const missingCanaries = async () => {
    const seen = await errors();
    return Object.keys(pages).filter((name) => !seen.some((error) => error.startsWith(`${name}:`) && error.includes(`canary-${name}`)));
  };
  await expect.poll(missingCanaries, { timeout: 5_000 }).toEqual([]);
  const seenBefore = (await errors()).filter((error) => !error.includes('canary-'));
  for (const page of Object.values(pages)) await page.evaluate(() => void ((window as unknown as { __fuzzErrors: string[] }).__fuzzErrors.length = 0));
  expect(seenBefore).toEqual([]);

  const { answers, ms } = await sendFuzz(session, plan, { seed: SEED, batchTimeoutMs: 30_000, diagnose: async () => `errors: ${(await errors()).join('\n')}` });
  const expected = plan.calls.map((call) => call.callId);
  expect(expected.filter((id) => (answers.get(id) ?? 0) !== 1), `FUZZ_SEED=${SEED}: calls not answered exactly once`).toEqual([]);

  // The session still works: a tool call changes the page, a typed message is answered.
  expect(JSON.parse((await session.callTool('reset_page', {}, { timeoutMs: 15_000 })).output).ok).toBe(true);
  expect(JSON.parse((await session.callTool('set_background_color', { color: 'navy' }, { timeoutMs: 15_000 })).output).ok).toBe(true);
  await expect.poll(() => read.style(demo, 'body', 'background-color')).toBe('rgb(0, 0, 128)');
  await sendMessage(host, 'make the text white');
  await expect.poll(() => read.style(demo, '#intro', 'color')).toBe('rgb(255, 255, 255)');
  await expect.poll(async () => (await read.texts(host, '.turn-assistant')).at(-1) ?? '').toMatch(/white/i);
  await expect.poll(() => read.status(host)).toBe('live');

  expect(await errors(), `FUZZ_SEED=${SEED}: errors in the extension's pages`).toEqual([]);
  console.log(`firefox fuzz: FUZZ_SEED=${SEED}: ${plan.items.length} messages, ${expected.length} calls answered once each, in ${(ms / 1000).toFixed(1)} s`);
});
