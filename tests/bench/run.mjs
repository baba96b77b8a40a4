// @ts-check
/**
 * The benchmark suite (`npm run bench`, `npm run bench -- --quick`, `--json out.json`). See README.md.
 *
 * In one run, in headless Debian Chromium with the built extension, against the local Realtime peer started in
 * this process (everything on 127.0.0.1):
 *   1. session start: popup Start click → data channel open at the peer → session.updated → popup "live";
 *   2. tool-call round trips at the peer (set_background_color on the demo page, get_page_html on a saved
 *      Wikipedia page);
 *   3. the baselines, measured in the same run on the same pages: the same DOM change / read done by Playwright
 *      `page.evaluate` and by raw CDP `Runtime.evaluate`; every timing is also reported as a ratio to them;
 *   4. the sizes of the content script and of the offscreen document's JavaScript;
 *   5. the page outline (get_page_outline's builder) on every saved real page, beside Playwright's aria snapshots
 *      (outline.mjs; `--outline-only` runs just this part, in plain headless Chromium, with no build).
 * Timings are reported, never judged: the run fails only when something does not work.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROME_EXTENSION_DIR, CHROMIUM, ROOT, chromiumArgs, configureExtension, launchWithExtension } from '../demo/chromium.mjs';
import { startPageServer } from '../demo/page-server.mjs';
import { startPeer } from '../peer/peer.mjs';
import { benchOutline, reportOutline } from './outline.mjs';
import { buildExtension, staleReason } from './build.mjs';
import { measureBareStart, prepareBareExtension } from './bare.mjs';
import { measureTurnLatency } from './latency.mjs';
import { runSoak } from './soak.mjs';
import { browserCdp, targetClockOffset } from './targets.mjs';
import { measureSizes } from './sizes.mjs';
import { clockOffset, fmtBytes, fmtMs, fmtRatio, pollUntil, stamp, summarize, table, withTimeout } from './stats.mjs';

/** @typedef {import('./stats.mjs').Summary} Summary */
/** @typedef {import('../peer/session.mjs').PeerSession} PeerSession */
/** @typedef {import('playwright-core').Page} Page */

const HELP = `Usage: npm run bench [-- options]

  --quick         small counts: a smoke run in well under a minute
  --json <file>   also write every number (and the raw samples) to <file> as JSON
  --build         always run \`wxt build\` first (default: only when .output/chrome-mv3 is missing or older
                  than the sources)
  --no-build      never build; use .output/chrome-mv3 as it is
  --outline-only  only part 5, the page outline on the saved pages (plain headless Chromium, no build, no session)
  --only <parts>  only these parts, comma-separated: start (1, with the bare page), latency (1c), tools (2–3),
                  soak (6), outline (5). Sizes (4) are always listed. A part that needs a live session gets one
                  (not measured) when start is left out.
  --soak-calls <n>  tool calls in the soak (default 5000, 300 with --quick)
  --help          this text
`;

/** Counts for a full and a quick run. Starts: one cold start (the browser's first) plus `starts` measured ones. */
const PLANS = {
  full: { starts: 10, bgWarmup: 10, bgCalls: 200, htmlWarmup: 3, htmlCalls: 40, turns: 8, soakCalls: 5000, soakBaseline: 100, watchdogMs: 6 * 60_000 },
  quick: { starts: 3, bgWarmup: 3, bgCalls: 30, htmlWarmup: 1, htmlCalls: 8, turns: 3, soakCalls: 300, soakBaseline: 100, watchdogMs: 2 * 60_000 },
};

/** The parts `--only` can name. */
const PARTS = ['start', 'latency', 'tools', 'soak', 'outline'];
/** The soak's own time on the watchdog, per 1,000 calls. */
const SOAK_WATCHDOG_MS_PER_1000 = 4 * 60_000;

/** The outline part (57 pages, each snapshot taken several times) has its own time on the watchdog. */
const OUTLINE_WATCHDOG_MS = { full: 12 * 60_000, quick: 6 * 60_000 };

/** Every wait is bounded by one of these. */
const TIMEOUTS = {
  live: 20_000,
  stop: 10_000,
  toolCall: 15_000,
  navigation: 30_000,
  action: 10_000,
  browserClose: 15_000,
};

/** Pause after a Stop has completed, before the next timed Start. */
const SETTLE_MS = 250;

/** Colours cycled through by the background-colour series (each call really changes the page). */
const COLORS = ['navy', 'teal', 'maroon', 'olive', 'purple', 'rgb(10, 20, 30)', '#123456', 'lightblue', 'darkslategrey', 'hsl(30, 60%, 40%)'];
/** get_page_html reads up to this many characters (the tool's maximum), so its output is as large as it gets. */
const HTML_MAX_CHARS = 20_000;
/** The big real page for the get_page_html series (served by tests/demo/page-server.mjs). */
const BIG_PAGE = '/pages/wikipedia.html';

// ——— Baseline functions (run in the page; must be self-contained) ———————————————————————————————————————

/**
 * The same DOM change the set_background_color tool makes for the whole page — one injected `!important` rule on
 * html and body — and a read of the computed colour (which makes the browser resolve style, as the tool does).
 * @param {string} color
 */
function applyBackground(color) {
  let style = document.getElementById('__bench_bg');
  if (!style) {
    style = document.createElement('style');
    style.id = '__bench_bg';
    (document.head ?? document.documentElement).append(style);
  }
  style.textContent = `html, body { background-color: ${color} !important; background-image: none !important; }`;
  return getComputedStyle(document.body).backgroundColor;
}

/**
 * The read get_page_html does, done the plain way: the body's HTML, cut to the same number of characters.
 * @param {number} maxChars
 */
function readBodyHtml(maxChars) {
  return document.body.outerHTML.slice(0, maxChars);
}

// ——— Options ————————————————————————————————————————————————————————————————————————————————————————————

/** A mistake on the command line: reported without a stack trace. */
class UsageError extends Error {}

/** @param {string[]} argv */
function parseArgs(argv) {
  const options = {
    quick: false,
    json: /** @type {string | null} */ (null),
    build: /** @type {'auto' | 'always' | 'never'} */ ('auto'),
    help: false,
    outlineOnly: false,
    only: new Set(PARTS),
    soakCalls: /** @type {number | null} */ (null),
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--build') options.build = 'always';
    else if (arg === '--no-build') options.build = 'never';
    else if (arg === '--outline-only') options.outlineOnly = true;
    else if (arg === '--only' || arg?.startsWith('--only=')) {
      const list = arg === '--only' ? argv[(i += 1)] : arg.slice('--only='.length);
      const parts = (list ?? '').split(',').map((p) => p.trim()).filter(Boolean);
      const unknown = parts.filter((p) => !PARTS.includes(p));
      if (!parts.length || unknown.length) throw new UsageError(`--only takes a comma-separated list of ${PARTS.join(', ')}${unknown.length ? ` (not: ${unknown.join(', ')})` : ''}`);
      options.only = new Set(parts);
      if (parts.length === 1 && parts[0] === 'outline') options.outlineOnly = true;
    } else if (arg === '--soak-calls' || arg?.startsWith('--soak-calls=')) {
      const value = Number(arg === '--soak-calls' ? argv[(i += 1)] : arg.slice('--soak-calls='.length));
      if (!Number.isInteger(value) || value < 1) throw new UsageError('--soak-calls needs a whole number ≥ 1');
      options.soakCalls = value;
    }
    else if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg === '--json') {
      const file = argv[i + 1];
      if (!file || file.startsWith('--')) throw new UsageError('--json needs a file name: --json <file>');
      options.json = path.resolve(file);
      i += 1;
    } else if (arg?.startsWith('--json=')) options.json = path.resolve(arg.slice('--json='.length));
    else throw new UsageError(`unknown option ${arg}.\n\n${HELP}`);
  }
  return options;
}

/** @param {string} message */
const progress = (message) => process.stderr.write(`bench: ${message}\n`);

// ——— Measurements ———————————————————————————————————————————————————————————————————————————————————————

/**
 * Records, in the popup, when a click happens and when `[data-status="live"]` appears (a MutationObserver, so
 * the time is when the DOM changed, not when a poll noticed it).
 * @param {Page} popup
 */
async function instrumentPopup(popup) {
  await popup.evaluate(() => {
    const w = /** @type {any} */ (window);
    const now = () => performance.timeOrigin + performance.now();
    w.__bench = { click: null, live: null };
    addEventListener('click', () => {
      if (w.__bench.click == null) w.__bench.click = now();
    }, true);
    new MutationObserver(() => {
      if (w.__bench.live == null && document.querySelector('[data-status="live"]')) w.__bench.live = now();
    }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
  });
}

/**
 * @typedef {{
 *   keyMinted: number | null, offerAtPeer: number, answerSent: number | null, dataChannelOpen: number,
 *   sessionUpdateReceived: number | null, sessionUpdatedSent: number, popupLive: number,
 * }} StartMilestones  ms after the click, on this process's clock
 */

/** The milestones, in order, with their labels. */
const MILESTONES = /** @type {const} */ ([
  ['keyMinted', 'ephemeral key minted (peer)'],
  ['offerAtPeer', 'SDP offer at the peer (createdAt)'],
  ['answerSent', 'SDP answer sent (peer)'],
  ['dataChannelOpen', 'data channel open (peer openedAt)'],
  ['sessionUpdateReceived', 'session.update received (peer)'],
  ['sessionUpdatedSent', 'session.updated sent (peer)'],
  ['popupLive', 'popup shows data-status="live"'],
]);

/** The bare page's milestones (part 1b), in order, with their labels. */
const BARE_MILESTONES = /** @type {const} */ ([
  ['keyMinted', 'ephemeral key minted (in the page)'],
  ['microphone', 'getUserMedia resolved (in the page)'],
  ['offerAtPeer', 'SDP offer at the peer (createdAt)'],
  ['answerSet', 'SDP answer set (in the page)'],
  ['dataChannelOpen', 'data channel open (peer openedAt)'],
  ['pageLive', 'session.created received (in the page)'],
]);

/**
 * One Start click, measured. Leaves the session live.
 * @param {{ popup: Page, peer: Awaited<ReturnType<typeof startPeer>>, marks: { mint: number[], answered: Map<string, number> } }} ctx
 * @returns {Promise<{ milestones: StartMilestones, session: PeerSession, clickAt: number, clickLagMs: number, clockRttMs: number }>}
 */
async function measureStart({ popup, peer, marks }) {
  const before = peer.sessions.length;
  const { offset, rtt } = await clockOffset(popup);
  await popup.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__bench.click = null;
    w.__bench.live = null;
  });
  const nodeClick = stamp();
  // force: the popup is a background tab, where requestAnimationFrame does not run, so Playwright's "stable"
  // check would add ≈ 2 s to every click. The click itself is still a real mouse event.
  await popup.getByRole('button', { name: 'Start' }).click({ timeout: TIMEOUTS.action, force: true });
  await popup
    .waitForFunction(() => /** @type {any} */ (window).__bench.live != null || document.querySelector('[data-status="error"]'), null, {
      timeout: TIMEOUTS.live,
      polling: 5,
    })
    .catch(() => {
      throw new Error(`The popup did not show data-status="live" within ${TIMEOUTS.live} ms of clicking Start (${peer.sessions.length - before} call(s) reached the peer).`);
    });
  if (await popup.locator('[data-status="error"]').count()) {
    const alert = await popup.getByRole('alert').textContent({ timeout: 1_000 }).catch(() => null);
    throw new Error(`Start failed in the popup: ${alert?.trim() || '(no error message shown)'}`);
  }
  const seen = /** @type {{ click: number | null, live: number }} */ (await popup.evaluate(() => /** @type {any} */ (window).__bench));
  const click = seen.click == null ? nodeClick : seen.click - offset;

  const session = await pollUntil(() => peer.sessions.slice(before).find((s) => s.openedAt), {
    timeoutMs: TIMEOUTS.live,
    what: 'the new session to open its data channel at the peer',
  });
  const updated = await pollUntil(() => session.sent.find((e) => e.event?.type === 'session.updated'), {
    timeoutMs: TIMEOUTS.live,
    what: 'the peer to send session.updated',
  });
  const update = session.received.find((e) => e.event?.type === 'session.update');
  const mint = [...marks.mint].reverse().find((t) => t >= click - 1);
  const answered = marks.answered.get(session.id);
  /** @param {number | null | undefined} t */
  const since = (t) => (t == null ? null : t - click);
  return {
    milestones: {
      keyMinted: since(mint),
      offerAtPeer: session.createdAt - click,
      answerSent: since(answered),
      dataChannelOpen: /** @type {number} */ (session.openedAt) - click,
      sessionUpdateReceived: since(update?.at),
      sessionUpdatedSent: updated.at - click,
      popupLive: seen.live - offset - click,
    },
    session,
    clickAt: click,
    clickLagMs: seen.click == null ? Number.NaN : seen.click - offset - nodeClick,
    clockRttMs: rtt,
  };
}

/**
 * Where a Start's time went, inside the extension: the `vpc:*` marks (utils/trace.ts) of the worker and of the
 * offscreen document, the offscreen document's own navigation timing and its POST of the SDP offer (resource
 * timing), each in ms after the click on this process's clock (each context's clock offset measured over CDP).
 * @param {Awaited<ReturnType<typeof browserCdp>>} cdp
 * @param {{ offscreen: (t: { url: string }) => boolean, worker: (t: { type: string, url: string }) => boolean }} match
 * @param {number} clickAt
 * @returns {Promise<Record<string, number>>}
 */
async function traceStart(cdp, match, clickAt) {
  /** @type {Record<string, number>} */
  const out = {};
  for (const [where, predicate] of /** @type {const} */ ([['worker', match.worker], ['offscreen', match.offscreen]])) {
    const target = await cdp.attach(predicate);
    if (!target) continue;
    try {
      const { offset } = await targetClockOffset(target);
      const entries = await target.evaluate(`(() => {
        const t0 = performance.timeOrigin;
        const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('vpc:')).map((m) => [m.name.slice(4), t0 + m.startTime]);
        const nav = performance.getEntriesByType('navigation')[0];
        const extra = [];
        if (nav) extra.push(['document-created', t0], ['scripts-run (DOMContentLoaded)', t0 + nav.domContentLoadedEventStart]);
        const post = performance.getEntriesByType('resource').filter((r) => r.name.includes('/realtime/calls')).pop();
        if (post) extra.push(['POST offer sent', t0 + post.startTime], ['POST answer received', t0 + post.responseEnd]);
        return [...marks, ...extra];
      })()`);
      for (const [name, at] of entries) out[`${where}: ${name}`] = at - offset - clickAt;
    } finally {
      await target.detach();
    }
  }
  return out;
}

/**
 * Stop in the popup, then wait until the session is gone everywhere (popup idle, peer closed, the host idle).
 * @param {{ popup: Page, session: PeerSession, offscreenCount: () => Promise<number> }} ctx
 */
async function stopSession({ popup, session, offscreenCount }) {
  await popup.getByRole('button', { name: 'Stop', exact: true }).click({ timeout: TIMEOUTS.action, force: true });
  await popup.locator('[data-status="idle"]').waitFor({ timeout: TIMEOUTS.stop });
  await pollUntil(() => session.closed, { timeoutMs: TIMEOUTS.stop, what: `the peer to see session ${session.id} close` });
  // The call's offscreen document closes; with the popup still open the product loads a fresh one, idle, for the
  // next Start (entrypoints/background/prepared-host.ts), as it does for a user looking at the popup. Ready when it
  // answers and holds no call.
  const idleHost = () =>
    popup.evaluate(() =>
      chrome.runtime.sendMessage({ id: 1, type: 'host.stats', data: undefined, timestamp: Date.now() }).then(
        (reply) => reply?.res === null,
        () => false,
      ),
    );
  await pollUntil(async () => (await offscreenCount()) === 1 && (await idleHost()), { timeoutMs: TIMEOUTS.stop, intervalMs: 20, what: 'the session host to be loaded again, idle' });
  // Let the browser finish tearing the old connection down before the next start is timed.
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}

/**
 * Tool calls made by the peer's "model"; `elapsedMs` is function call sent → function_call_output received.
 * @param {PeerSession} session
 * @param {string} name
 * @param {(i: number) => Record<string, unknown>} argsFor
 * @param {{ warmup: number, count: number, check?: (result: Record<string, any>) => string | null }} options
 */
async function toolSeries(session, name, argsFor, { warmup, count, check }) {
  const warm = [];
  const samples = [];
  let outputChars = 0;
  for (let i = 0; i < warmup + count; i += 1) {
    const args = argsFor(i);
    const result = await session.callTool(name, args, { timeoutMs: TIMEOUTS.toolCall });
    /** @type {Record<string, any>} */
    let parsed;
    try {
      parsed = JSON.parse(result.output);
    } catch {
      throw new Error(`${name}(${JSON.stringify(args)}) returned output that is not JSON: ${result.output.slice(0, 200)}`);
    }
    if (parsed.ok !== true) throw new Error(`${name}(${JSON.stringify(args)}) failed in the page: ${result.output.slice(0, 300)}`);
    const problem = check?.(parsed);
    if (problem) throw new Error(`${name}(${JSON.stringify(args)}): ${problem}`);
    if (i < warmup) warm.push(result.elapsedMs);
    else {
      samples.push(result.elapsedMs);
      outputChars += result.output.length;
    }
  }
  return { firstCallMs: warm[0] ?? samples[0] ?? Number.NaN, warmup: warm, samples, outputChars: count ? outputChars / count : 0 };
}

/**
 * Round trips of one in-page function, timed in this process around the call.
 * @template A, R
 * @param {(arg: A) => Promise<R>} run
 * @param {(i: number) => A} argFor
 * @param {{ warmup: number, count: number, check: (value: R, arg: A) => string | null }} options
 */
async function evalSeries(run, argFor, { warmup, count, check }) {
  const samples = [];
  for (let i = 0; i < warmup + count; i += 1) {
    const arg = argFor(i);
    const started = stamp();
    const value = await run(arg);
    const elapsed = stamp() - started;
    const problem = check(value, arg);
    if (problem) throw new Error(problem);
    if (i >= warmup) samples.push(elapsed);
  }
  return { samples };
}

// ——— Report ————————————————————————————————————————————————————————————————————————————————————————————

/**
 * @param {any} r the results object
 */
function report(r) {
  const base = r.baselines?.setBackground.pageEvaluate.summary ?? null;
  const htmlBase = r.baselines?.readHtml.pageEvaluate.summary ?? null;
  /** @param {number} value  @param {Summary | null} of */
  const ratio = (value, of) => (of ? fmtRatio(value / of.median) : '—');
  const lines = [];
  lines.push('');
  lines.push(`Voice Page Control — benchmark (${r.meta.quick ? 'quick' : 'full'} run)`);
  lines.push(`${r.meta.browser}, headless · ${r.meta.cpus} CPU(s) · Node ${r.meta.node} · ${r.meta.date}`);
  const load = r.meta.loadAverage1m;
  lines.push(
    `Load average (1 min) at start ${load.start.toFixed(2)}, at end ${load.end.toFixed(2)}` +
      (Math.max(load.start, load.end) > r.meta.cpus ? ' — the machine was busy with other work: compare the ratios, not the raw times.' : ''),
  );
  if (base && htmlBase) {
    lines.push(
      `Baseline for the ratios: Playwright page.evaluate doing the same background change, median ${fmtMs(base.median)}` +
        ` (p95 ${fmtMs(base.p95)}); for get_page_html, page.evaluate reading body.outerHTML, median ${fmtMs(htmlBase.median)}.`,
    );
  }
  lines.push(`Parts: ${r.meta.parts.join(', ')}.`);
  lines.push('');

  const s = r.sessionStart;
  if (s) {
  lines.push(`1. Session start: popup Start click → …  (${s.runs.length} measured starts, Stop between; "cold" = the browser's first start)`);
  lines.push(
    table(
      ['click → milestone', 'cold', 'median', 'p95', 'max', 'median ÷ baseline', 'reference'],
      MILESTONES.map(([key, label]) => {
        const summary = /** @type {Summary} */ (s.summary[key]);
        return [
          label,
          fmtMs(s.cold[key]),
          fmtMs(summary.median),
          fmtMs(summary.p95),
          fmtMs(summary.max),
          ratio(summary.median, base),
          key === 'dataChannelOpen' ? '≈ 270–450 ms' : '',
        ];
      }),
    ),
  );
  const traced = Object.entries(s.trace.summary).sort((a, b) => /** @type {Summary} */ (a[1]).median - /** @type {Summary} */ (b[1]).median);
  if (traced.length) {
    lines.push('Inside the extension (utils/trace.ts marks, navigation and resource timing; ms after the click):');
    lines.push(
      table(
        ['click → mark', 'median', 'p95'],
        traced.map(([key, summary]) => [key, fmtMs(/** @type {Summary} */ (summary).median), fmtMs(/** @type {Summary} */ (summary).p95)]),
      ),
    );
  }
  lines.push('');
  const bs = s.bare.summary;
  if (s.bare.runs.length) {
    lines.push(`1b. The bare connect page beside it (bench-only extension page, same peer, same run, alternating with the starts above; ${s.bare.runs.length} measured + 1 warm-up)`);
    lines.push(
      table(
        ['click → milestone', 'median', 'p95', 'max'],
        BARE_MILESTONES.map(([key, label]) => {
          const summary = /** @type {Summary} */ (bs[key]);
          return [label, fmtMs(summary.median), fmtMs(summary.p95), fmtMs(summary.max)];
        }),
      ),
    );
    lines.push(
      `Start ÷ bare page: click → live in the UI ${fmtRatio(r.ratios.startVsBareLiveMedian)} median (${fmtMs(s.summary.popupLive.median)} ÷ ${fmtMs(bs.pageLive.median)}), ` +
        `${fmtRatio(r.ratios.startVsBareLiveP95)} p95; click → data channel open at the peer ${fmtRatio(r.ratios.startVsBareOpenMedian)} median. Target ≤ 1.2×.`,
    );
    lines.push('');
  }
  }

  const L = r.latency;
  if (L) {
    lines.push('1c. End of speech → first audio of the answer (scripted turns: the peer sends speech_stopped, then answers)');
    /** @param {string} label  @param {Summary | null} summary */
    const lrow = (label, summary) => [label, summary ? String(summary.n) : '0', fmtMs(summary?.median ?? Number.NaN), fmtMs(summary?.p95 ?? Number.NaN), fmtMs(summary?.max ?? Number.NaN)];
    lines.push(
      table(
        ['speech_stopped (peer) → …', 'n', 'median', 'p95', 'max'],
        [
          lrow('spoken answer: response.created sent (peer)', L.plain.responseCreated),
          lrow('spoken answer: first tone frame out (peer)', L.plain.peer),
          lrow('spoken answer: tone heard in the offscreen document', L.plain.ear),
          lrow('tool turn: function_call_output at the peer', L.tool.toolOutput),
          lrow('tool turn: first tone frame out (peer)', L.tool.peer),
          lrow('tool turn: tone heard in the offscreen document', L.tool.ear),
        ],
      ),
    );
    if (L.earProblem) lines.push(`(The offscreen ear did not run: ${L.earProblem}.)`);
    lines.push('');
  }

  const t = r.toolCalls;
  if (t) {
  const b = r.baselines;
  lines.push('2–3. Tool call round trip at the peer (function call sent → function_call_output received) and its baselines');
  /** @param {string} label  @param {Summary} summary  @param {Summary} of  @param {string} [ref] */
  const row = (label, summary, of, ref = '') => [
    label,
    String(summary.n),
    fmtMs(summary.median),
    fmtMs(summary.p95),
    fmtMs(summary.max),
    ratio(summary.median, of),
    fmtRatio(summary.p95 / of.p95),
    ref,
  ];
  lines.push(
    table(
      ['series', 'n', 'median', 'p95', 'max', 'median ÷ base', 'p95 ÷ base', 'reference'],
      [
        row('set_background_color, demo page (tool call)', t.setBackground.summary, base, '≈ 9 ms / 18 ms'),
        row('  baseline: page.evaluate, same DOM change', b.setBackground.pageEvaluate.summary, base, '1.0 ms / 2.3 ms'),
        row('  baseline: CDP Runtime.evaluate, same change', b.setBackground.cdp.summary, base, '0.76 ms / 2.3 ms'),
        row('click by ref, demo page (tool call)', t.click.summary, base),
        row(`get_page_html max_chars ${HTML_MAX_CHARS}, wikipedia (tool call)`, t.getPageHtml.summary, htmlBase),
        row('  baseline: page.evaluate, body.outerHTML cut', b.readHtml.pageEvaluate.summary, htmlBase),
        row('  baseline: CDP Runtime.evaluate, same read', b.readHtml.cdp.summary, htmlBase),
      ],
    ),
  );
  lines.push(
    `First call on a page (includes injecting content.js): set_background_color ${fmtMs(t.setBackground.firstCallMs)}` +
      ` (${ratio(t.setBackground.firstCallMs, base)}), get_page_html ${fmtMs(t.getPageHtml.firstCallMs)}` +
      ` (${ratio(t.getPageHtml.firstCallMs, htmlBase)}). get_page_html output ≈ ${Math.round(t.getPageHtml.outputChars)} characters per call.`,
  );
  lines.push(
    `Tool call ÷ page.evaluate, median: ${fmtRatio(r.ratios.setBackgroundMedian)} (set_background_color), ` +
      `${fmtRatio(r.ratios.clickMedian)} (click by ref; ${fmtRatio(r.ratios.clickVsSetBackgroundMedian)} set_background_color's), ` +
      `${fmtRatio(r.ratios.getPageHtmlMedian)} (get_page_html).`,
  );
  lines.push('');
  }

  const z = r.sizes;
  lines.push('4. Hot-path script sizes (.output/chrome-mv3)');
  lines.push(
    table(
      ['script', 'files', 'raw', 'gzip'],
      [
        ['content script (content-scripts/content.js)', '1', fmtBytes(z.content.bytes), fmtBytes(z.content.gzipBytes)],
        ['offscreen document JS (offscreen.html + imports)', String(z.offscreen.files.length), fmtBytes(z.offscreen.bytes), fmtBytes(z.offscreen.gzipBytes)],
        ...z.offscreen.files.map((/** @type {any} */ f) => [`  ${f.file}`, '', fmtBytes(f.bytes), fmtBytes(f.gzipBytes)]),
        ...(z.worker ? [['service worker (background.js), for reference', '1', fmtBytes(z.worker.bytes), fmtBytes(z.worker.gzipBytes)]] : []),
      ],
    ),
  );
  if (z.offscreen.lazy.length) lines.push(`Offscreen dynamic imports (not counted): ${z.offscreen.lazy.map((/** @type {any} */ f) => `${f.file} ${fmtBytes(f.bytes)}`).join(', ')}`);
  lines.push('');
  if (r.outline) lines.push(reportOutline(r.outline));
  const k = r.soak;
  if (k) {
    lines.push(`6. Soak: ${k.calls} set_background_color calls in one session (colours cycled; the peer's replies without pauses or tone)`);
    lines.push(
      `${k.issued} call_ids issued, ${k.answered} answered, ${k.unanswered.length} unanswered, ${k.answeredTwice.length} answered twice, ${k.failures.length} failed. ` +
        `${k.callsPerSecond.toFixed(1)} calls/s (${(k.elapsedMs / 1000).toFixed(1)} s, heap checkpoints not counted); ` +
        `round trip at the peer median ${fmtMs(k.roundTrip.median)}, p95 ${fmtMs(k.roundTrip.p95)}, max ${fmtMs(k.roundTrip.max)}.`,
    );
    const names = Object.keys(k.checkpoints[0]?.heap ?? {});
    lines.push(
      table(
        ['JS heap after GC, after … calls', ...names],
        k.checkpoints.map((/** @type {any} */ c) => [String(c.calls), ...names.map((n) => fmtBytes(c.heap[n]))]),
      ),
    );
    lines.push(
      `Heap after ${k.calls} ÷ after ${k.baselineAt}: ` +
        Object.entries(k.growth)
          .map(([name, g]) => `${name} ${(/** @type {any} */ (g).growth * 100).toFixed(1)} %`)
          .join(', ') +
        ' (target: within ±10 %).',
    );
    lines.push('');
  }
  const d = r.meta.durationsMs;
  lines.push(
    `Took ${(d.total / 1000).toFixed(1)} s: build ${d.build == null ? 'skipped (up to date)' : `${(d.build / 1000).toFixed(1)} s`}, ` +
      `browser launch ${(d.launch / 1000).toFixed(1)} s, session starts ${(d.starts / 1000).toFixed(1)} s, turns ${(d.latency / 1000).toFixed(1)} s, ` +
      `tool calls + baselines ${(d.toolCalls / 1000).toFixed(1)} s, soak ${(d.soak / 1000).toFixed(1)} s, page outline ${(d.outline / 1000).toFixed(1)} s.`,
  );
  lines.push('');
  return lines.join('\n');
}

// ——— Main ——————————————————————————————————————————————————————————————————————————————————————————————

/**
 * `--outline-only`: part 5 alone, in plain headless Chromium (the outline is added to each page by outline.mjs,
 * so the extension is neither built nor loaded).
 * @param {ReturnType<typeof parseArgs>} options
 */
async function outlineOnly(options) {
  const started = stamp();
  const loadAtStart = os.loadavg()[0] ?? 0;
  progress('launching Chromium…');
  const browser = await withTimeout(
    chromium.launch({ executablePath: CHROMIUM, headless: true, args: chromiumArgs().filter((arg) => !arg.includes('extension')) }),
    60_000,
    `Chromium (${CHROMIUM}) did not start`,
  );
  try {
    const context = await browser.newContext();
    const outline = await benchOutline({ context, quick: options.quick, progress });
    const load = { start: loadAtStart, end: os.loadavg()[0] ?? 0 };
    process.stdout.write(
      `\nVoice Page Control — page outline benchmark (${options.quick ? 'quick' : 'full'} run)\n` +
        `Chromium ${browser.version()}, headless · ${os.cpus().length} CPU(s) · Node ${process.versions.node} · ${new Date().toISOString()}\n` +
        `Load average (1 min) at start ${load.start.toFixed(2)}, at end ${load.end.toFixed(2)}` +
        `${Math.max(load.start, load.end) > os.cpus().length ? ' — the machine was busy with other work: compare the ratios, not the raw times.' : ''}\n\n` +
        `${reportOutline(outline)}\nTook ${((stamp() - started) / 1000).toFixed(1)} s.\n`,
    );
    if (options.json) {
      mkdirSync(path.dirname(options.json), { recursive: true });
      writeFileSync(options.json, `${JSON.stringify({ meta: { date: new Date().toISOString(), quick: options.quick, loadAverage1m: load }, outline }, null, 2)}\n`);
      progress(`wrote ${options.json}`);
    }
  } finally {
    await withTimeout(browser.close(), TIMEOUTS.browserClose, 'Chromium did not close').catch(() => undefined);
  }
}

/**
 * Parts 2–3: tool-call round trips at the peer and their baselines, in the live session.
 * @param {{ live: PeerSession, target: Page, context: import('playwright-core').BrowserContext, site: { url: string }, plan: typeof PLANS.full }} ctx
 */
async function toolParts({ live, target, context, site, plan }) {
  progress(`set_background_color × ${plan.bgWarmup} + ${plan.bgCalls}`);
  const bg = await toolSeries(live, 'set_background_color', (i) => ({ color: COLORS[i % COLORS.length] }), { warmup: plan.bgWarmup, count: plan.bgCalls });

  // click by ref, same page, same count: refs from get_page_outline, on two buttons that react the way pages do
  // (a state change, so click's "what happened" wait ends on the reaction). Alternating: the loop guard stops a
  // sixth identical call in a row.
  progress(`click by ref × ${plan.bgWarmup} + ${plan.bgCalls}`);
  await target.evaluate(() => {
    for (const button of document.querySelectorAll('#subscribe, #share')) {
      button.addEventListener('click', () => button.setAttribute('aria-pressed', String(button.getAttribute('aria-pressed') !== 'true')));
    }
  });
  const outlined = JSON.parse((await live.callTool('get_page_outline', {}, { timeoutMs: TIMEOUTS.toolCall })).output);
  const refOf = (/** @type {string} */ name) => {
    const ref = new RegExp(`button "${name}".*\\[(e\\d+)\\]`).exec(String(outlined.outline))?.[1];
    if (!ref) throw new Error(`get_page_outline gave no ref for the ${name} button: ${String(outlined.outline).slice(0, 300)}`);
    return ref;
  };
  const clickRefs = [refOf('Subscribe'), refOf('Share')];
  const clicks = await toolSeries(live, 'click', (i) => ({ ref: clickRefs[i % 2] }), {
    warmup: plan.bgWarmup,
    count: plan.bgCalls,
    check: (out) => (/nothing visible/i.test(String(out.did)) ? `the click was not seen to do anything: ${out.did}` : null),
  });
  const cdp = await context.newCDPSession(target);
  /** @param {string} source  @param {unknown} arg */
  const cdpEvaluate = async (source, arg) => {
    const reply = await cdp.send('Runtime.evaluate', { expression: `(${source})(${JSON.stringify(arg)})`, returnByValue: true });
    if (reply.exceptionDetails) throw new Error(`CDP Runtime.evaluate threw: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`);
    return reply.result.value;
  };
  /** @param {unknown} value */
  const checkColor = (value) => (typeof value === 'string' && value.startsWith('rgb') ? null : `the baseline read back ${JSON.stringify(value)} as the background colour`);
  progress(`baselines: page.evaluate and CDP Runtime.evaluate × ${plan.bgWarmup} + ${plan.bgCalls} each`);
  const bgEvaluate = await evalSeries((color) => target.evaluate(applyBackground, color), (i) => /** @type {string} */ (COLORS[i % COLORS.length]), {
    warmup: plan.bgWarmup,
    count: plan.bgCalls,
    check: checkColor,
  });
  const bgCdp = await evalSeries((color) => cdpEvaluate(applyBackground.toString(), color), (i) => /** @type {string} */ (COLORS[i % COLORS.length]), {
    warmup: plan.bgWarmup,
    count: plan.bgCalls,
    check: checkColor,
  });

  // The get_page_html series on a big real page, in the same (target) tab: its first call injects content.js again.
  progress(`get_page_html on ${BIG_PAGE} × ${plan.htmlWarmup} + ${plan.htmlCalls}`);
  await target.goto(`${site.url}${BIG_PAGE}`, { timeout: TIMEOUTS.navigation });
  const pageChars = await target.evaluate(() => document.body.outerHTML.length);
  // Two alternating sizes one character apart: the loop guard stops a sixth identical call in a row.
  const html = await toolSeries(live, 'get_page_html', (i) => ({ max_chars: HTML_MAX_CHARS - (i % 2) }), {
    warmup: plan.htmlWarmup,
    count: plan.htmlCalls,
    check: (out) => (typeof out.html === 'string' && out.html.length > 1000 ? null : `expected the page's HTML, got ${JSON.stringify(out).slice(0, 200)}`),
  });
  /** @param {unknown} value  @param {number} max */
  const checkHtml = (value, max) => (typeof value === 'string' && value.length === Math.min(max, pageChars) ? null : 'the baseline did not read the page HTML');
  const htmlEvaluate = await evalSeries((max) => target.evaluate(readBodyHtml, max), () => HTML_MAX_CHARS, {
    warmup: plan.htmlWarmup,
    count: plan.htmlCalls,
    check: checkHtml,
  });
  const htmlCdp = await evalSeries((max) => cdpEvaluate(readBodyHtml.toString(), max), () => HTML_MAX_CHARS, {
    warmup: plan.htmlWarmup,
    count: plan.htmlCalls,
    check: checkHtml,
  });
  await cdp.detach().catch(() => undefined);
  const bgSummary = summarize(bg.samples);
  const htmlSummary = summarize(html.samples);
  return {
    toolCalls: {
      setBackground: { page: '/demo', ...bg, summary: bgSummary },
      click: { page: '/demo', ...clicks, summary: summarize(clicks.samples) },
      getPageHtml: { page: BIG_PAGE, maxChars: HTML_MAX_CHARS, pageBodyChars: pageChars, ...html, summary: htmlSummary },
    },
    baselines: {
      setBackground: {
        pageEvaluate: { ...bgEvaluate, summary: summarize(bgEvaluate.samples) },
        cdp: { ...bgCdp, summary: summarize(bgCdp.samples) },
      },
      readHtml: {
        pageEvaluate: { ...htmlEvaluate, summary: summarize(htmlEvaluate.samples) },
        cdp: { ...htmlCdp, summary: summarize(htmlCdp.samples) },
      },
    },
  };
}

async function main() {
  const startedAt = stamp();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const plan = { ...(options.quick ? PLANS.quick : PLANS.full) };
  if (options.soakCalls != null) plan.soakCalls = options.soakCalls;
  plan.soakBaseline = Math.min(plan.soakBaseline, plan.soakCalls);
  const only = options.only;
  const outlineMs = OUTLINE_WATCHDOG_MS[options.quick ? 'quick' : 'full'];
  const soakMs = only.has('soak') ? Math.ceil(plan.soakCalls / 1000) * SOAK_WATCHDOG_MS_PER_1000 : 0;
  const watchdogMs = options.outlineOnly ? outlineMs : plan.watchdogMs + (only.has('outline') ? outlineMs : 0) + soakMs;
  const watchdog = setTimeout(() => {
    process.stderr.write(`bench: FAILED — the run did not finish within ${watchdogMs / 1000} s (watchdog).\n`);
    process.exit(2);
  }, watchdogMs);
  if (options.outlineOnly) {
    await outlineOnly(options);
    clearTimeout(watchdog);
    return 0;
  }

  const durations = { total: 0, build: /** @type {number | null} */ (null), launch: 0, starts: 0, latency: 0, toolCalls: 0, soak: 0, outline: 0 };

  // Build.
  const stale = options.build === 'always' ? 'forced by --build' : options.build === 'never' ? null : staleReason(ROOT, CHROME_EXTENSION_DIR);
  if (stale) {
    progress(`building the extension (${stale})…`);
    durations.build = await buildExtension(ROOT);
  }
  const sizes = measureSizes(CHROME_EXTENSION_DIR);

  /** @type {{ close: () => Promise<unknown> }[]} */
  const cleanups = [];
  /** @type {import('playwright-core').BrowserContext | null} */
  let context = null;
  try {
    // The peer and the page server, on 127.0.0.1. The peer's log gives the times of minting and answering.
    const marks = { mint: /** @type {number[]} */ ([]), answered: /** @type {Map<string, number>} */ (new Map()) };
    const peer = await startPeer({
      apiKey: 'sk-bench-key',
      log: (message) => {
        if (message.startsWith('minted ')) marks.mint.push(stamp());
        const answered = message.match(/^(sess_\w+): call \S+ answered$/);
        if (answered) marks.answered.set(/** @type {string} */ (answered[1]), stamp());
      },
    });
    cleanups.push({ close: () => peer.close() });
    const site = await startPageServer();
    cleanups.push(site);

    // The bare connect page (part 1b) is an extension of its own, loaded beside the product only here.
    const bare = only.has('start') ? await prepareBareExtension() : null;
    if (bare) cleanups.push({ close: () => rm(bare.dir, { recursive: true, force: true }) });

    progress('launching Chromium with the extension…');
    const launchStarted = stamp();
    const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'vpc-bench-profile-'));
    cleanups.push({ close: () => rm(userDataDir, { recursive: true, force: true }) });
    const launched = await withTimeout(
      launchWithExtension({ userDataDir, ...(bare ? { extensionDir: `${CHROME_EXTENSION_DIR},${bare.dir}` } : {}) }),
      60_000,
      `Chromium (${CHROMIUM}) did not start with the extension`,
    );
    context = launched.context;
    context.setDefaultTimeout(TIMEOUTS.action);
    const browserName = `Chromium ${context.browser()?.version() ?? '(version unknown)'}`;
    await configureExtension(launched.worker, { apiKey: peer.apiKey, mintUrl: peer.mintUrl, callsUrl: peer.callsUrl });
    const ctx = context;
    const worker = () => ctx.serviceWorkers()[0] ?? launched.worker;
    const offscreenCount = () =>
      worker().evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: [/** @type {any} */ ('OFFSCREEN_DOCUMENT')] })).length);
    const browserCdpSession = await browserCdp(context);
    cleanups.push({ close: () => browserCdpSession.close() });

    // The tab the session acts on (kept in front) and the popup, opened as a tab behind it.
    const target = context.pages()[0] ?? (await context.newPage());
    await target.goto(`${site.url}/demo`, { timeout: TIMEOUTS.navigation });
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${launched.extensionId}/popup.html`, { timeout: TIMEOUTS.navigation });
    const barePage = bare ? await context.newPage() : null;
    if (barePage && bare) await barePage.goto(`chrome-extension://${bare.id}/bare.html`, { timeout: TIMEOUTS.navigation });
    await target.bringToFront();
    await popup.locator('[data-status="idle"]').waitFor({ timeout: TIMEOUTS.action });
    await instrumentPopup(popup);
    durations.launch = stamp() - launchStarted;

    // The session host (offscreen document) and the worker, over CDP: for the start trace (1), the ear (1c) and the heap (6).
    const isOffscreen = (/** @type {{ url: string }} */ t) => t.url === `chrome-extension://${launched.extensionId}/offscreen.html`;
    const isWorker = (/** @type {{ type: string, url: string }} */ t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${launched.extensionId}/`);

    // 1. Session starts: one cold, then `plan.starts` measured, each beside a start of the bare page (1b), in
    //    alternation; the last product start stays live for the other parts. Without `start`: one start, unmeasured.
    const startsStarted = stamp();
    /** @type {StartMilestones[]} */
    const runs = [];
    /** @type {import('./bare.mjs').BareMilestones[]} */
    const bareRuns = [];
    /** @type {StartMilestones | null} */
    let cold = null;
    /** @type {PeerSession | null} */
    let session = null;
    const clickLags = [];
    const clockRtts = [];
    /** @type {Record<string, number>[]} */
    const traces = [];
    const totalStarts = only.has('start') ? plan.starts + 1 : 1;
    const bareConfig = { mintUrl: peer.mintUrl, callsUrl: peer.callsUrl, apiKey: peer.apiKey, model: 'gpt-realtime-2.1-mini' };
    for (let i = 0; i < totalStarts; i += 1) {
      if (barePage && i > 0) {
        // The bare page's first connect is a warm-up (its first getUserMedia), not measured.
        if (i === 1) {
          progress('bare page: warm-up connect');
          await measureBareStart({ page: barePage, peer, config: bareConfig, timeoutMs: TIMEOUTS.live, settleMs: SETTLE_MS });
        }
        progress(`bare page start ${i}/${totalStarts - 1}`);
        bareRuns.push(await measureBareStart({ page: barePage, peer, config: bareConfig, timeoutMs: TIMEOUTS.live, settleMs: SETTLE_MS }));
      }
      progress(`session start ${i + 1}/${totalStarts}${i === 0 ? ' (cold)' : ''}`);
      const started = await measureStart({ popup, peer, marks });
      const trace = only.has('start') ? await traceStart(browserCdpSession, { offscreen: isOffscreen, worker: isWorker }, started.clickAt) : {};
      if (i === 0) cold = started.milestones;
      else {
        runs.push(started.milestones);
        traces.push(trace);
      }
      clickLags.push(started.clickLagMs);
      clockRtts.push(started.clockRttMs);
      session = started.session;
      if (i < totalStarts - 1) await stopSession({ popup, session, offscreenCount });
    }
    if (!session || !cold) throw new Error('No session was started.');
    durations.starts = stamp() - startsStarted;
    /** @type {Record<string, Summary>} */
    const startSummary = {};
    for (const [key] of MILESTONES) startSummary[key] = summarize(runs.map((m) => m[key]).filter((v) => v != null));
    /** @type {Record<string, Summary>} */
    const bareSummary = {};
    /** @type {Record<string, Summary>} */
    const traceSummary = {};
    for (const key of [...new Set(traces.flatMap((t) => Object.keys(t)))]) traceSummary[key] = summarize(traces.map((t) => t[key]).filter((v) => v != null));
    if (bareRuns.length) for (const [key] of BARE_MILESTONES) bareSummary[key] = summarize(bareRuns.map((m) => m[key]).filter((v) => v != null));
    const live = session;


    // 1c. End of speech → first audio, per turn.
    let latency = null;
    if (only.has('latency')) {
      const latencyStarted = stamp();
      const offscreen = await browserCdpSession.attach(isOffscreen);
      latency = await measureTurnLatency({ session: live, offscreen, turns: plan.turns, progress, timeoutMs: TIMEOUTS.toolCall });
      await offscreen?.detach();
      durations.latency = stamp() - latencyStarted;
    }

    // 2. Tool calls on the demo page, then 3. the baselines on the same page with the session still live.
    let tools = null;
    if (only.has('tools')) {
      const toolsStarted = stamp();
      tools = await toolParts({ live, target, context, site, plan });
      durations.toolCalls = stamp() - toolsStarted;
    }

    // 6. The soak: thousands of tool calls in this one session, on the demo page.
    let soak = null;
    if (only.has('soak')) {
      const soakStarted = stamp();
      if (!target.url().endsWith('/demo')) await target.goto(`${site.url}/demo`, { timeout: TIMEOUTS.navigation });
      const offscreen = await browserCdpSession.attach(isOffscreen);
      const sw = await browserCdpSession.attach(isWorker);
      if (!offscreen || !sw) throw new Error(`The soak needs the offscreen document and the worker over CDP (found: offscreen ${!!offscreen}, worker ${!!sw}).`);
      progress(`soak: ${plan.soakCalls} set_background_color calls in one session`);
      soak = await runSoak({
        session: live,
        targets: [
          { name: 'offscreen', target: offscreen },
          { name: 'worker', target: sw },
        ],
        calls: plan.soakCalls,
        baselineAt: plan.soakBaseline,
        progress,
        timeoutMs: TIMEOUTS.toolCall,
      });
      await offscreen.detach();
      await sw.detach();
      durations.soak = stamp() - soakStarted;
      if (soak.unanswered.length || soak.failures.length || soak.answeredTwice.length) {
        throw new Error(
          `The soak lost calls: ${soak.unanswered.length} unanswered, ${soak.answeredTwice.length} answered twice, ` +
            `${soak.failures.length} failed:\n  ${soak.failures.slice(0, 5).join('\n  ')}`,
        );
      }
    }

    // Stop the last session cleanly (not measured).
    await stopSession({ popup, session: live, offscreenCount }).catch((error) => progress(`(the final Stop did not complete: ${error.message})`));

    // 5. The page outline on every saved page, in new tabs of the same browser.
    let outline = null;
    if (only.has('outline')) {
      const outlineStarted = stamp();
      outline = await benchOutline({ context, quick: options.quick, progress });
      durations.outline = stamp() - outlineStarted;
    }
    await withTimeout(context.close(), TIMEOUTS.browserClose, 'Chromium did not close').catch(() => undefined);
    context = null;
    durations.total = stamp() - startedAt;

    const results = {
      meta: {
        date: new Date().toISOString(),
        quick: options.quick,
        parts: [...only],
        browser: browserName,
        chromium: CHROMIUM,
        node: process.versions.node,
        platform: `${os.platform()} ${os.release()}`,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? '',
        loadAverage1m: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
        plan,
        clock: { clickLagMedianMs: summarize(clickLags).median, popupClockRttMaxMs: summarize(clockRtts).max },
        durationsMs: durations,
      },
      sizes,
      sessionStart: only.has('start')
        ? {
            milestones: Object.fromEntries(MILESTONES),
            cold,
            runs,
            summary: startSummary,
            trace: { runs: traces, summary: traceSummary },
            bare: { milestones: Object.fromEntries(BARE_MILESTONES), runs: bareRuns, summary: bareSummary },
          }
        : null,
      latency,
      ...(tools ?? { toolCalls: null, baselines: null }),
      soak,
      outline,
      ratios: /** @type {Record<string, number>} */ ({}),
    };
    if (tools) {
      const base = tools.baselines.setBackground.pageEvaluate.summary;
      const htmlBase = tools.baselines.readHtml.pageEvaluate.summary;
      const bgSummary = tools.toolCalls.setBackground.summary;
      const htmlSummary = tools.toolCalls.getPageHtml.summary;
      Object.assign(results.ratios, {
        setBackgroundMedian: bgSummary.median / base.median,
        setBackgroundP95: bgSummary.p95 / base.p95,
        setBackgroundFirstCall: tools.toolCalls.setBackground.firstCallMs / base.median,
        clickMedian: tools.toolCalls.click.summary.median / base.median,
        clickVsSetBackgroundMedian: tools.toolCalls.click.summary.median / bgSummary.median,
        cdpVsPageEvaluateMedian: tools.baselines.setBackground.cdp.summary.median / base.median,
        getPageHtmlMedian: htmlSummary.median / htmlBase.median,
        getPageHtmlP95: htmlSummary.p95 / htmlBase.p95,
        getPageHtmlFirstCall: tools.toolCalls.getPageHtml.firstCallMs / htmlBase.median,
        ...(only.has('start')
          ? Object.fromEntries(MILESTONES.map(([key]) => [`start_${key}_median`, /** @type {Summary} */ (startSummary[key]).median / base.median]))
          : {}),
      });
    }
    if (bareRuns.length) {
      Object.assign(results.ratios, {
        startVsBareLiveMedian: /** @type {Summary} */ (startSummary.popupLive).median / /** @type {Summary} */ (bareSummary.pageLive).median,
        startVsBareLiveP95: /** @type {Summary} */ (startSummary.popupLive).p95 / /** @type {Summary} */ (bareSummary.pageLive).p95,
        startVsBareOpenMedian: /** @type {Summary} */ (startSummary.dataChannelOpen).median / /** @type {Summary} */ (bareSummary.dataChannelOpen).median,
      });
    }

    process.stdout.write(report(results));
    if (options.json) {
      mkdirSync(path.dirname(options.json), { recursive: true });
      writeFileSync(options.json, `${JSON.stringify(results, null, 2)}\n`);
      progress(`wrote ${options.json}`);
    }
    clearTimeout(watchdog);
    return 0;
  } finally {
    if (context) await withTimeout(context.close(), TIMEOUTS.browserClose, 'Chromium did not close').catch(() => undefined);
    for (const item of cleanups.reverse()) await withTimeout(Promise.resolve(item.close()), 10_000, 'cleanup').catch(() => undefined);
  }
}

// @roamhq/wrtc can crash in its native clean-up when Node exits by itself: always leave with process.exit().
main().then(
  (code) => process.exit(code),
  (error) => {
    const text = error instanceof UsageError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`bench: FAILED — ${text}\n`);
    process.exit(1);
  },
);
