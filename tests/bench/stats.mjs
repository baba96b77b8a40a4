// @ts-check
// Small statistics and table helpers for the benchmark. No dependencies.

/** Epoch ms with sub-millisecond precision (the same clock the local peer stamps its events with). */
export const stamp = () => performance.timeOrigin + performance.now();

/**
 * @typedef {{ n: number, min: number, median: number, p95: number, max: number, mean: number }} Summary
 */

/**
 * Nearest-rank percentile of already sorted numbers (p in 0..100).
 * @param {number[]} sorted
 * @param {number} p
 */
export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return /** @type {number} */ (sorted[rank - 1]);
}

/**
 * @param {number[]} values
 * @returns {Summary}
 */
export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const median =
    n === 0 ? Number.NaN : n % 2 ? /** @type {number} */ (sorted[(n - 1) / 2]) : (/** @type {number} */ (sorted[n / 2 - 1]) + /** @type {number} */ (sorted[n / 2])) / 2;
  return {
    n,
    min: sorted[0] ?? Number.NaN,
    median,
    p95: percentile(sorted, 95),
    max: sorted[n - 1] ?? Number.NaN,
    mean: n ? sorted.reduce((sum, v) => sum + v, 0) / n : Number.NaN,
  };
}

/** @param {number | null | undefined} ms */
export function fmtMs(ms) {
  if (ms == null || !Number.isFinite(ms)) return '—';
  if (Math.abs(ms) >= 100) return `${ms.toFixed(0)} ms`;
  if (Math.abs(ms) >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** @param {number | null | undefined} ratio */
export function fmtRatio(ratio) {
  if (ratio == null || !Number.isFinite(ratio)) return '—';
  if (ratio >= 100) return `${ratio.toFixed(0)}×`;
  if (ratio >= 10) return `${ratio.toFixed(1)}×`;
  return `${ratio.toFixed(2)}×`;
}

/** @param {number} bytes */
export function fmtBytes(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

/**
 * A plain-text table: the first column left-aligned, the others right-aligned.
 * @param {string[]} header
 * @param {string[][]} rows
 */
export function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  /** @param {string[]} cells */
  const line = (cells) =>
    cells.map((cell, i) => (i === 0 ? (cell ?? '').padEnd(widths[i] ?? 0) : (cell ?? '').padStart(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * Resolves what `promise` resolves, or rejects with `message` after `ms`.
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} message
 * @returns {Promise<T>}
 */
export function withTimeout(promise, ms, message) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} (timed out after ${ms} ms)`)), ms);
  });
  return /** @type {Promise<T>} */ (Promise.race([promise, timeout])).finally(() => clearTimeout(timer));
}

/**
 * Polls `check` every `intervalMs` until it returns a truthy value; rejects after `timeoutMs`.
 * @template T
 * @param {() => T | Promise<T>} check
 * @param {{ timeoutMs: number, intervalMs?: number, what: string }} options
 * @returns {Promise<NonNullable<T>>}
 */
export async function pollUntil(check, { timeoutMs, intervalMs = 5, what }) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return /** @type {NonNullable<T>} */ (value);
    if (performance.now() >= deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Offset of a page's clock (`performance.timeOrigin + now()`) from this process's, from the evaluate round trip
 * with the smallest RTT: page time − offset = Node time.
 * @param {import('playwright-core').Page} page
 */
export async function clockOffset(page) {
  let best = { rtt: Number.POSITIVE_INFINITY, offset: 0 };
  for (let i = 0; i < 5; i += 1) {
    const before = stamp();
    const pageNow = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = stamp();
    if (after - before < best.rtt) best = { rtt: after - before, offset: pageNow - (before + after) / 2 };
  }
  return best;
}
