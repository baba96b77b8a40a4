// @ts-check
// Builds the Chrome extension (`wxt build`) when the build is missing or older than the sources.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** What a Chrome build is made from (relative to the project root). */
const SOURCES = ['entrypoints', 'components', 'utils', 'public', 'assets', 'wxt.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'];

/**
 * Newest modification time (ms) of a file or, recursively, of the files in a directory.
 * @param {string} target
 * @returns {number}
 */
function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

/**
 * Why the build in `outDir` needs rebuilding, or null when it is newer than every source.
 * @param {string} root
 * @param {string} outDir
 */
export function staleReason(root, outDir) {
  const manifest = path.join(outDir, 'manifest.json');
  if (!existsSync(manifest)) return `${path.relative(root, outDir)} has no build`;
  const built = statSync(manifest).mtimeMs;
  const newest = Math.max(...SOURCES.map((source) => newestMtime(path.join(root, source))));
  return newest > built ? 'sources changed since the last build' : null;
}

/**
 * Runs `npx wxt build` in `root`; output is shown only if it fails.
 * @param {string} root
 * @param {{ timeoutMs?: number }} [options]
 * @returns {Promise<number>} how long it took (ms)
 */
export function buildExtension(root, { timeoutMs = 180_000 } = {}) {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['wxt', 'build'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`wxt build did not finish within ${timeoutMs / 1000} s.\n${output.slice(-4000)}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`Could not run npx wxt build: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(performance.now() - started);
      else reject(new Error(`wxt build failed (${signal ?? `exit code ${code}`}):\n${output.slice(-4000)}`));
    });
  });
}
