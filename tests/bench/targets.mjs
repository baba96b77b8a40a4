// @ts-check
/**
 * CDP access to the extension's contexts that Playwright does not hand out as pages: the offscreen document (the
 * session host) and the service worker. One browser-level CDP session; each target is attached without
 * `flatten`, and its commands go through `Target.sendMessageToTarget` (so Playwright's own sessions are untouched).
 */
import { stamp, withTimeout } from './stats.mjs';

/**
 * @typedef {{ send: (method: string, params?: Record<string, unknown>) => Promise<any>,
 *   evaluate: (expression: string) => Promise<any>, detach: () => Promise<void>, url: string }} TargetSession
 */

/**
 * @param {import('playwright-core').BrowserContext} context
 */
export async function browserCdp(context) {
  const browser = context.browser();
  if (!browser) throw new Error('No browser object for this context: cannot open a browser-level CDP session.');
  const cdp = await browser.newBrowserCDPSession();
  let nextId = 0;
  /** @type {Map<string, Map<number, { resolve: (m: any) => void }>>} */
  const pending = new Map();
  cdp.on('Target.receivedMessageFromTarget', (/** @type {any} */ e) => {
    const message = JSON.parse(e.message);
    if (message.id == null) return;
    const waiter = pending.get(e.sessionId)?.get(message.id);
    if (!waiter) return;
    pending.get(e.sessionId)?.delete(message.id);
    waiter.resolve(message);
  });

  /** @param {(info: { type: string, url: string }) => boolean} match */
  async function findTarget(match) {
    const { targetInfos } = await cdp.send('Target.getTargets');
    return /** @type {any[]} */ (targetInfos).find(match) ?? null;
  }

  /**
   * Attaches to the first target that matches.
   * @param {(info: { type: string, url: string }) => boolean} match
   * @returns {Promise<TargetSession | null>}
   */
  async function attach(match) {
    const info = await findTarget(match);
    if (!info) return null;
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: info.targetId, flatten: false });
    /** @type {Map<number, { resolve: (m: any) => void }>} */
    const waiting = new Map();
    pending.set(sessionId, waiting);
    /** @param {string} method  @param {Record<string, unknown>} [params] */
    const send = (method, params = {}) => {
      nextId += 1;
      const id = nextId;
      const reply = new Promise((resolve) => waiting.set(id, { resolve }));
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
      return withTimeout(reply, 30_000, `CDP ${method} on ${info.url} did not answer`).then((/** @type {any} */ m) => {
        if (m.error) throw new Error(`CDP ${method} on ${info.url}: ${m.error.message}`);
        return m.result;
      });
    };
    return {
      url: info.url,
      send,
      evaluate: async (expression) => {
        const result = await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
        if (result.exceptionDetails) throw new Error(`evaluate in ${info.url}: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`);
        return result.result.value;
      },
      detach: async () => {
        pending.delete(sessionId);
        await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      },
    };
  }

  return { cdp, findTarget, attach, close: () => cdp.detach().catch(() => undefined) };
}

/**
 * JS heap in use after a full garbage collection (CDP `HeapProfiler.collectGarbage`, then `Runtime.getHeapUsage`).
 * Collected twice: the first pass may leave finalisable objects for the second.
 * @param {TargetSession} target
 */
export async function heapAfterGc(target) {
  await target.send('HeapProfiler.enable');
  await target.send('HeapProfiler.collectGarbage');
  await target.send('HeapProfiler.collectGarbage');
  const usage = await target.send('Runtime.getHeapUsage');
  return /** @type {number} */ (usage.usedSize);
}

/**
 * Offset of a target's clock (`performance.timeOrigin + now()`) from this process's, from the evaluate round trip
 * with the smallest RTT: target time − offset = Node time.
 * @param {TargetSession} target
 */
export async function targetClockOffset(target) {
  let best = { rtt: Number.POSITIVE_INFINITY, offset: 0 };
  for (let i = 0; i < 7; i += 1) {
    const before = stamp();
    const now = await target.evaluate('performance.timeOrigin + performance.now()');
    const after = stamp();
    if (after - before < best.rtt) best = { rtt: after - before, offset: now - (before + after) / 2 };
  }
  return best;
}
