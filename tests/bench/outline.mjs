// @ts-check
/**
 * The outline benchmark: get_page_outline's builder beside Playwright's aria snapshots, on every saved real page.
 *
 * utils/page/outline.ts (with the ref registry) is bundled by esbuild into one script at bench time and added to
 * each page, so this part needs no extension build. Pages come from ../shared/pages (all 57) when that directory
 * sits beside the checkout, else from tests/fixtures/pages, served by the tests' page server on 127.0.0.1, with
 * the pages' scripts switched off (CDP Emulation.setScriptExecutionDisabled) so every run sees the same DOM.
 *
 * Per page: the outline's size (characters; tokens ≈ characters ÷ 4) at the default budget and at the cap, and
 * its build time (median of a few runs, timed in Node around page.evaluate), beside
 * `locator('body').ariaSnapshot({ mode: 'ai' })` and `ariaSnapshot()` (timed the same way, after one warm-up call
 * each); and the visible interactive elements of the first viewport that got no ref (must be 0).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { SHARED_PAGES, startPageServer } from '../demo/page-server.mjs';
import { FIXTURE_DIR } from '../fixtures/pages/index.mjs';
import { fmtMs, fmtRatio, stamp, summarize, table, withTimeout } from './stats.mjs';

/** @typedef {import('./stats.mjs').Summary} Summary */
/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('playwright-core').BrowserContext} BrowserContext */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The viewport of the extension's browser in every test and bench (tests/demo/chromium.mjs). */
export const VIEWPORT = { width: 1100, height: 760 };

const TIMEOUTS = { navigation: 30_000, evaluate: 30_000 };

/** The page-side API the bundle installs as `window.__vpcOutline`. */
const ENTRY = `
import { buildOutline, OUTLINE_CAP } from './utils/page/outline';
import { RefRegistry } from './utils/page/refs';
let refs = new RefRegistry();
globalThis.__vpcOutline = {
  cap: OUTLINE_CAP,
  build(maxChars) {
    refs = new RefRegistry();
    const started = performance.now();
    const outline = buildOutline(document, refs, maxChars ? { maxChars } : {});
    return { ...outline, ms: performance.now() - started };
  },
  element(ref) {
    const found = refs.resolve(ref);
    return found.ok ? found.element : null;
  },
};
`;

/** The outline code as one classic script (an IIFE). */
export async function bundleOutline() {
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'ts', sourcefile: 'bench-outline-entry.ts' },
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output for the outline bundle');
  return file.text;
}

/** Where the saved pages come from, and their names. */
export function pageSource() {
  const dir = existsSync(SHARED_PAGES) ? SHARED_PAGES : FIXTURE_DIR;
  const files = existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.html')).sort() : [];
  return { dir, files };
}

/**
 * In the page: the visible interactive elements of the viewport that the outline gave no ref. Visible: not in a
 * hidden/aria-hidden/inert subtree, checkVisibility (display, visibility), a box that meets the viewport and is not
 * clipped away by an ancestor that clips its overflow. Interactive: the usual selectors, not inside a link or
 * button (whose content is not separately actionable). Open shadow roots and same-origin frames included.
 * @param {string[]} refs the refs in the outline
 */
function viewportWithoutRef(refs) {
  const api = /** @type {any} */ (globalThis).__vpcOutline;
  const listed = new Set(refs.map((ref) => api.element(ref)).filter(Boolean));
  const SELECTOR = [
    'a[href]', 'button', 'input:not([type=hidden])', 'select', 'textarea', 'summary', '[onclick]', '[contenteditable=""]',
    '[contenteditable=true]', '[tabindex]:not([tabindex^="-"])',
    ...['button', 'link', 'checkbox', 'radio', 'switch', 'tab', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option',
      'textbox', 'searchbox', 'combobox', 'slider', 'spinbutton', 'treeitem'].map((role) => `[role=${role}]`),
  ].join(',');
  const CONTAINER = 'a[href],button,summary,[role=button],[role=link]';
  /** @type {string[]} */
  const missing = [];
  let counted = 0;
  /** @param {Element} el  @param {number} dx  @param {number} dy  @param {number} w  @param {number} h */
  const visible = (el, dx, dy, w, h) => {
    if (el.closest('[hidden],[aria-hidden="true"],[inert]')) return false;
    if (!el.checkVisibility({ visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    let box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    if (r.width === 0 || r.height === 0) return false;
    for (let up = el.parentElement; up; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const c = up.getBoundingClientRect();
      box = { left: Math.max(box.left, c.left), top: Math.max(box.top, c.top), right: Math.min(box.right, c.right), bottom: Math.min(box.bottom, c.bottom) };
      if (box.right <= box.left || box.bottom <= box.top) return false;
    }
    return box.bottom + dy > 0 && box.right + dx > 0 && box.top + dy < h && box.left + dx < w;
  };
  /** @param {Document | ShadowRoot} root  @param {number} dx  @param {number} dy */
  const scan = (root, dx, dy) => {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      if (el.shadowRoot) scan(el.shadowRoot, dx, dy);
      if (el.localName === 'iframe') {
        let doc = null;
        try {
          doc = /** @type {HTMLIFrameElement} */ (el).contentDocument;
        } catch {
          doc = null;
        }
        const r = el.getBoundingClientRect();
        if (doc && visible(el, dx, dy, innerWidth, innerHeight)) scan(doc, dx + r.left + el.clientLeft, dy + r.top + el.clientTop);
      }
      if (!el.matches(SELECTOR) || el.parentElement?.closest(CONTAINER)) continue;
      if (el.localName === 'option' && el.closest('select')) continue;
      if (!visible(el, dx, dy, innerWidth, innerHeight)) continue;
      counted += 1;
      if (!listed.has(el)) missing.push(`${el.localName}${el.id ? `#${el.id}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`);
    }
  };
  scan(document, 0, 0);
  return { counted, missing };
}

/**
 * @template T
 * @param {() => Promise<T>} run
 * @param {number} count
 */
async function timed(run, count) {
  /** @type {number[]} */
  const samples = [];
  /** @type {T | undefined} */
  let value;
  for (let i = 0; i < count; i += 1) {
    const started = stamp();
    value = await run();
    samples.push(stamp() - started);
  }
  return { value: /** @type {T} */ (value), median: summarize(samples).median };
}

/**
 * @typedef {{
 *   page: string, outlineChars: number, outlineCapChars: number, outlineMs: number, outlineInPageMs: number,
 *   interactive: number, listed: number, truncated: boolean, aiChars: number, aiMs: number, plainChars: number,
 *   plainMs: number, viewportInteractive: number, viewportWithoutRef: number, missing: string[],
 * }} PageResult
 */

/**
 * Runs the outline benchmark in a browser context (with or without the extension loaded: the outline is added to
 * the page by this module).
 * @param {{ context: BrowserContext, quick: boolean, progress: (message: string) => void }} options
 */
export async function benchOutline({ context, quick, progress }) {
  const started = stamp();
  const { dir, files } = pageSource();
  if (files.length === 0) throw new Error(`No saved pages to outline: neither ${SHARED_PAGES} nor ${FIXTURE_DIR} has any .html file.`);
  const script = await bundleOutline();
  const site = await startPageServer();
  const runs = quick ? 1 : 5;
  /** @type {PageResult[]} */
  const pages = [];
  const page = await context.newPage();
  try {
    await page.setViewportSize(VIEWPORT);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    for (const [i, file] of files.entries()) {
      progress(`outline ${i + 1}/${files.length}: ${file}`);
      await page.goto(`${site.url}/pages/${file}`, { timeout: TIMEOUTS.navigation, waitUntil: 'load' });
      await page.evaluate(script);
      const body = page.locator('body');
      /** @param {number} [maxChars] */
      const outline = (maxChars) =>
        withTimeout(
          page.evaluate((max) => /** @type {any} */ (globalThis).__vpcOutline.build(max), maxChars),
          TIMEOUTS.evaluate,
          `the outline of ${file}`,
        );
      await outline();
      await body.ariaSnapshot({ mode: 'ai', timeout: TIMEOUTS.evaluate });
      await body.ariaSnapshot({ timeout: TIMEOUTS.evaluate });
      const built = await timed(outline, runs);
      const capped = await outline(await page.evaluate(() => /** @type {any} */ (globalThis).__vpcOutline.cap));
      const ai = await timed(() => body.ariaSnapshot({ mode: 'ai', timeout: TIMEOUTS.evaluate }), runs);
      const plain = await timed(() => body.ariaSnapshot({ timeout: TIMEOUTS.evaluate }), runs);
      // The coverage check uses the refs of the default outline (its registry is the last one built).
      const fresh = await outline();
      const refs = [...new Set(String(fresh.text).match(/\[e\d+\]/g) ?? [])].map((ref) => ref.slice(1, -1));
      const coverage = await page.evaluate(viewportWithoutRef, refs);
      pages.push({
        page: file,
        outlineChars: fresh.text.length,
        outlineCapChars: capped.text.length,
        outlineMs: built.median,
        outlineInPageMs: built.value.ms,
        interactive: fresh.interactive,
        listed: fresh.listed,
        truncated: fresh.truncated,
        aiChars: ai.value.length,
        aiMs: ai.median,
        plainChars: plain.value.length,
        plainMs: plain.median,
        viewportInteractive: coverage.counted,
        viewportWithoutRef: coverage.missing.length,
        missing: coverage.missing.slice(0, 5),
      });
    }
    await cdp.detach().catch(() => undefined);
  } finally {
    await page.close().catch(() => undefined);
    await site.close();
  }
  /** @param {(p: PageResult) => number} pick */
  const sum = (pick) => summarize(pages.map(pick));
  const summary = {
    outlineChars: sum((p) => p.outlineChars),
    outlineCapChars: sum((p) => p.outlineCapChars),
    aiChars: sum((p) => p.aiChars),
    plainChars: sum((p) => p.plainChars),
    outlineMs: sum((p) => p.outlineMs),
    outlineInPageMs: sum((p) => p.outlineInPageMs),
    aiMs: sum((p) => p.aiMs),
    plainMs: sum((p) => p.plainMs),
    sizeRatio: sum((p) => p.outlineChars / p.aiChars),
    timeRatio: sum((p) => p.outlineMs / p.plainMs),
  };
  return {
    source: path.relative(ROOT, dir),
    runsPerPage: runs,
    pages,
    summary,
    viewportInteractive: pages.reduce((n, p) => n + p.viewportInteractive, 0),
    viewportWithoutRef: pages.reduce((n, p) => n + p.viewportWithoutRef, 0),
    truncatedPages: pages.filter((p) => p.truncated).length,
    overCap: pages.filter((p) => p.outlineCapChars > 16000).length,
    durationMs: stamp() - started,
  };
}

/** @typedef {Awaited<ReturnType<typeof benchOutline>>} OutlineResults */

/**
 * The outline section of the report.
 * @param {OutlineResults} r
 */
export function reportOutline(r) {
  const s = r.summary;
  const chars = (/** @type {number} */ n) => `${Math.round(n).toLocaleString('en-US')} (${Math.round(n / 4).toLocaleString('en-US')} tok)`;
  /** @param {string} label  @param {Summary} size  @param {Summary | null} time */
  const row = (label, size, time) => [label, chars(size.median), chars(size.p95), chars(size.max), time ? fmtMs(time.median) : '', time ? fmtMs(time.p95) : ''];
  const lines = [];
  lines.push(`5. Page outline (get_page_outline) on ${r.pages.length} saved pages (${r.source}), viewport ${VIEWPORT.width}×${VIEWPORT.height}, median of ${r.runsPerPage} runs per page`);
  lines.push(
    table(
      ['snapshot of body', 'chars median', 'p95', 'max', 'time median', 'p95'],
      [
        row('outline, default budget', s.outlineChars, s.outlineMs),
        row('outline, max_chars 16000 (the cap)', s.outlineCapChars, null),
        row('Playwright ariaSnapshot({mode: "ai"})', s.aiChars, s.aiMs),
        row('Playwright ariaSnapshot()', s.plainChars, s.plainMs),
      ],
    ),
  );
  lines.push(
    `Outline ÷ ariaSnapshot ai, size: median ${fmtRatio(s.sizeRatio.median)} per page (medians: ${fmtRatio(s.outlineChars.median / s.aiChars.median)}); ` +
      `outline ÷ ariaSnapshot(), time: median ${fmtRatio(s.timeRatio.median)} per page (medians: ${fmtRatio(s.outlineMs.median / s.plainMs.median)}). ` +
      `Outline build inside the page: median ${fmtMs(s.outlineInPageMs.median)}, p95 ${fmtMs(s.outlineInPageMs.p95)}.`,
  );
  lines.push(
    `Visible interactive elements in the first viewport: ${r.viewportInteractive}, without a ref: ${r.viewportWithoutRef}` +
      `${r.viewportWithoutRef ? ` (${r.pages.filter((p) => p.viewportWithoutRef).map((p) => `${p.page}: ${p.missing.join(', ')}`).join('; ')})` : ''}. ` +
      `Outlines cut by the default budget: ${r.truncatedPages} of ${r.pages.length}; over the 16,000 cap: ${r.overCap}.`,
  );
  lines.push('');
  return lines.join('\n');
}
