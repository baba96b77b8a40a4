// @ts-check
// Sizes of the built extension's hot-path scripts: the content script (injected into the target tab on the first
// tool call) and the offscreen document's JavaScript (loaded on every session start).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * @typedef {{ file: string, bytes: number, gzipBytes: number }} FileSize
 * @typedef {{ files: FileSize[], bytes: number, gzipBytes: number, lazy: FileSize[] }} ScriptSet
 */

/**
 * @param {string} dir the extension's build directory
 * @param {string} rel a path inside it
 * @returns {FileSize}
 */
function fileSize(dir, rel) {
  const data = readFileSync(path.join(dir, rel));
  return { file: rel, bytes: data.length, gzipBytes: gzipSync(data, { level: 9 }).length };
}

/** Static `import … from "./x.js"`, `import "./x.js"`, `export … from "./x.js"` in minified or plain output. */
const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{][^'"();]*?from\s*)?["']([^"']+\.m?js)["']/g;
/** `import("./x.js")`: loaded later, if at all. */
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+\.m?js)["']\s*\)/g;

/**
 * Every JS file an extension page loads: its module scripts, the modulepreloads, and (recursively) the static
 * imports of those; dynamic imports are listed separately as `lazy`.
 * @param {string} dir
 * @param {string} htmlFile e.g. "offscreen.html"
 * @returns {ScriptSet}
 */
export function pageScripts(dir, htmlFile) {
  const html = readFileSync(path.join(dir, htmlFile), 'utf8');
  const base = path.posix.dirname(`/${htmlFile}`);
  /** @param {string} from  @param {string} ref */
  const resolve = (from, ref) => path.posix.normalize(ref.startsWith('/') ? ref : path.posix.join(path.posix.dirname(from), ref)).replace(/^\//, '');

  const queue = [];
  for (const match of html.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["']/g)) queue.push(resolve(`${base}/x`, /** @type {string} */ (match[1])));
  for (const match of html.matchAll(/<link\b[^>]*\brel=["']modulepreload["'][^>]*\bhref=["']([^"']+)["']/g)) {
    queue.push(resolve(`${base}/x`, /** @type {string} */ (match[1])));
  }
  const seen = new Set();
  const lazy = new Set();
  while (queue.length) {
    const rel = /** @type {string} */ (queue.shift());
    if (seen.has(rel) || !existsSync(path.join(dir, rel))) continue;
    seen.add(rel);
    const code = readFileSync(path.join(dir, rel), 'utf8');
    for (const match of code.matchAll(STATIC_IMPORT)) queue.push(resolve(`/${rel}`, /** @type {string} */ (match[1])));
    for (const match of code.matchAll(DYNAMIC_IMPORT)) lazy.add(resolve(`/${rel}`, /** @type {string} */ (match[1])));
  }
  const files = [...seen].sort().map((rel) => fileSize(dir, rel));
  const lazyFiles = [...lazy].filter((rel) => !seen.has(rel) && existsSync(path.join(dir, rel))).sort().map((rel) => fileSize(dir, rel));
  return {
    files,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    // The sum of each file gzipped on its own, as they are served one by one.
    gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
    lazy: lazyFiles,
  };
}

/**
 * @param {string} dir the extension's build directory (.output/chrome-mv3)
 */
export function measureSizes(dir) {
  const contentRel = 'content-scripts/content.js';
  if (!existsSync(path.join(dir, contentRel))) throw new Error(`${path.join(dir, contentRel)} is missing: the build has no content script.`);
  if (!existsSync(path.join(dir, 'offscreen.html'))) throw new Error(`${path.join(dir, 'offscreen.html')} is missing: the build has no offscreen document.`);
  const content = fileSize(dir, contentRel);
  const offscreen = pageScripts(dir, 'offscreen.html');
  const worker = existsSync(path.join(dir, 'background.js')) ? fileSize(dir, 'background.js') : null;
  return { content, offscreen, worker };
}
