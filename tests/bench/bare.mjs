// @ts-check
/**
 * The bare connect page beside which the product's session start is measured (see README.md, part 1b).
 *
 * `bare-extension/` is a tiny MV3 extension of its own (one page, no worker, no permissions), loaded next to the
 * product only by the bench. It is copied to a temporary folder with a freshly generated manifest `key`, so its id
 * is known in advance. Nothing of it is part of the product build (wxt builds `entrypoints/` only).
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clockOffset, pollUntil } from './stats.mjs';

const SOURCE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bare-extension');

/** Chrome's extension id for a public key: the first 16 bytes of SHA-256(DER), hex digits mapped 0–f → a–p. */
function extensionIdOf(/** @type {Buffer} */ der) {
  return [...createHash('sha256').update(der).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** Copies the bare extension to a temporary folder with a manifest key. @returns {Promise<{ dir: string, id: string }>} */
export async function prepareBareExtension() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vpc-bench-bare-'));
  await cp(SOURCE_DIR, dir, { recursive: true });
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
  manifest.key = der.toString('base64');
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return { dir, id: extensionIdOf(der) };
}

/**
 * @typedef {{ keyMinted: number | null, microphone: number | null, offerAtPeer: number, answerSet: number,
 *   dataChannelOpen: number, pageLive: number }} BareMilestones  ms after the click, on this process's clock
 */

/**
 * One Start click in the bare page, measured; then Stop, waiting until the peer has seen the call close.
 * @param {{ page: import('playwright-core').Page, peer: any, config: { mintUrl: string, callsUrl: string, apiKey: string, model: string },
 *   timeoutMs: number, settleMs: number }} ctx
 * @returns {Promise<BareMilestones>}
 */
export async function measureBareStart({ page, peer, config, timeoutMs, settleMs }) {
  const before = peer.sessions.length;
  const { offset } = await clockOffset(page);
  await page.evaluate((c) => {
    const w = /** @type {any} */ (window);
    w.__bareConfig = c;
    w.__bare = null;
  }, config);
  await page.locator('#start').click({ force: true, timeout: timeoutMs });
  await page.waitForFunction(() => /^(live|error)$/.test(document.getElementById('status')?.dataset.status ?? ''), null, { timeout: timeoutMs, polling: 5 });
  const marks = await page.evaluate(() => /** @type {any} */ (window).__bare);
  if (marks.error) throw new Error(`The bare page did not connect: ${marks.error}`);
  const session = await pollUntil(() => peer.sessions.slice(before).find((/** @type {any} */ s) => s.openedAt), {
    timeoutMs,
    what: 'the bare page\'s session to open at the peer',
  });
  /** @param {number | undefined} t  page time */
  const since = (t) => (t == null ? null : t - marks.click);
  const result = {
    keyMinted: since(marks.minted),
    microphone: since(marks.microphone),
    offerAtPeer: session.createdAt - (marks.click - offset),
    answerSet: /** @type {number} */ (since(marks.answer)),
    dataChannelOpen: session.openedAt - (marks.click - offset),
    pageLive: /** @type {number} */ (since(marks.live)),
  };
  await page.locator('#stop').click({ force: true, timeout: timeoutMs });
  await pollUntil(() => session.closed, { timeoutMs, what: `the peer to see the bare page's session ${session.id} close` });
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  return result;
}
