import type { BrowserContext, CDPSession, Page } from '@playwright/test';

/**
 * Uncaught errors, unhandled promise rejections and console errors in every context of the extension, collected
 * over the Chrome DevTools Protocol: the pages (the popup, the tab with the content script: CDP reports every
 * execution context of a target, the content script's isolated world included) directly, and the service worker
 * and the offscreen document (no Playwright pages) by attaching to their targets from a page's session.
 * Chrome reports an unhandled rejection as `Runtime.exceptionThrown` ("Uncaught (in promise) …"), like an
 * uncaught error, so one listener sees both.
 */
export interface ContextErrors {
  /** Every problem so far, as "context: text". */
  readonly errors: string[];
  /** Runs `expression` in the named context (for the canaries and for reaching into the offscreen document). */
  evaluate(context: 'worker' | 'offscreen', expression: string): Promise<unknown>;
  /** Any CDP command to the worker or the offscreen document. */
  send(context: 'worker' | 'offscreen', method: string, params?: object): Promise<unknown>;
  /** Makes one unhandled rejection in each context and waits until each is seen (proof the collector works), then forgets those. */
  canary(): Promise<void>;
  clear(): void;
  /**
   * The same proof for the content script: one unhandled rejection in the extension's isolated world of the named
   * page (once the content script is there), seen and then forgotten.
   */
  contentScriptCanary(page: string): Promise<void>;
}

type RuntimeEvent = {
  method: string;
  params: {
    exceptionDetails?: { text?: string; exception?: { description?: string; value?: unknown } };
    type?: string;
    args?: Array<{ value?: unknown; description?: string }>;
  };
};

function describe(event: RuntimeEvent): string | null {
  if (event.method === 'Runtime.exceptionThrown') {
    const details = event.params.exceptionDetails;
    return `${details?.text ?? 'exception'} ${details?.exception?.description ?? String(details?.exception?.value ?? '')}`.trim();
  }
  if (event.method === 'Runtime.consoleAPICalled' && (event.params.type === 'error' || event.params.type === 'assert')) {
    return `console.${event.params.type}: ${(event.params.args ?? []).map((arg) => arg.description ?? JSON.stringify(arg.value)).join(' ')}`;
  }
  return null;
}

export async function watchContextErrors(context: BrowserContext, pages: Record<string, Page>, extensionId: string): Promise<ContextErrors> {
  const errors: string[] = [];
  /** Called after every new error: the canary waits on them rather than polling. */
  const watchers = new Set<() => void>();
  const record = (text: string) => {
    errors.push(text);
    for (const watcher of [...watchers]) watcher();
  };
  const sessions: CDPSession[] = [];
  /** The newest isolated world of the extension (its content script) in each page. */
  const isolated = new Map<string, { cdp: CDPSession; id: number }>();
  for (const [name, page] of Object.entries(pages)) {
    const cdp = await context.newCDPSession(page);
    sessions.push(cdp);
    for (const method of ['Runtime.exceptionThrown', 'Runtime.consoleAPICalled'] as const) {
      cdp.on(method, (params: RuntimeEvent['params']) => {
        const text = describe({ method, params });
        if (text) record(`${name}: ${text}`);
      });
    }
    cdp.on('Runtime.executionContextCreated', ({ context: created }: { context: { id: number; origin: string; auxData?: { type?: string } } }) => {
      if (created.auxData?.type === 'isolated' && created.origin.includes(extensionId)) isolated.set(name, { cdp, id: created.id });
    });
    await cdp.send('Runtime.enable');
  }

  // The worker and the offscreen document: attached (not flattened) from the first page's session.
  const root = sessions[0]!;
  const { targetInfos } = (await root.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string; url: string }> };
  const targets = {
    worker: targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(extensionId)),
    offscreen: targetInfos.find((t) => t.url.startsWith(`chrome-extension://${extensionId}/offscreen.html`)),
  };
  const attached = new Map<string, { sessionId: string; name: string }>();
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  root.on('Target.receivedMessageFromTarget', ({ sessionId, message }: { sessionId: string; message: string }) => {
    const target = [...attached.values()].find((candidate) => candidate.sessionId === sessionId);
    const data = JSON.parse(message) as { id?: number; method?: string; params?: RuntimeEvent['params']; result?: unknown; error?: { message: string } };
    if (data.id !== undefined) {
      const waiter = pending.get(data.id);
      pending.delete(data.id);
      if (data.error) waiter?.reject(new Error(data.error.message));
      else waiter?.resolve(data.result);
      return;
    }
    const text = data.method ? describe({ method: data.method, params: data.params ?? {} }) : null;
    if (text) record(`${target?.name ?? sessionId}: ${text}`);
  });
  const send = (name: string, method: string, params: object = {}) => {
    const target = attached.get(name);
    if (!target) throw new Error(`No ${name} target to send ${method} to.`);
    const id = nextId++;
    const reply = new Promise<unknown>((resolve, reject) => pending.set(id, { resolve, reject }));
    void root.send('Target.sendMessageToTarget', { sessionId: target.sessionId, message: JSON.stringify({ id, method, params }) });
    return reply;
  };
  for (const [name, info] of Object.entries(targets)) {
    if (!info) throw new Error(`The extension's ${name} target was not found (targets: ${targetInfos.map((t) => t.url).join(', ')}).`);
    const { sessionId } = (await root.send('Target.attachToTarget', { targetId: info.targetId, flatten: false })) as { sessionId: string };
    attached.set(name, { sessionId, name });
    await send(name, 'Runtime.enable');
  }

  const evaluate = async (name: 'worker' | 'offscreen', expression: string) => {
    const reply = (await send(name, 'Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as {
      result?: { value?: unknown };
      exceptionDetails?: { text?: string; exception?: { description?: string } };
    };
    if (reply.exceptionDetails) throw new Error(`${name}: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`);
    return reply.result?.value;
  };

  /** Resolves once `seen()` is true (checked after every new error), or after `ms`. */
  const until = (seen: () => boolean, ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        watchers.delete(check);
        resolve();
      };
      const check = () => seen() && done();
      const timer = setTimeout(done, ms);
      watchers.add(check);
      check();
    });

  return {
    errors,
    async contentScriptCanary(page) {
      const world = isolated.get(page);
      if (!world) throw new Error(`No content script of the extension was seen in ${page}.`);
      await world.cdp.send('Runtime.evaluate', { expression: "void Promise.reject(new Error('canary-content'))", contextId: world.id });
      await until(() => errors.some((error) => error.startsWith(`${page}:`) && error.includes('canary-content')), 5_000);
      if (!errors.some((error) => error.includes('canary-content'))) throw new Error(`The error collector did not see the canary rejection in ${page}'s content script.`);
      const others = errors.filter((error) => !error.includes('canary-content'));
      errors.splice(0, errors.length, ...others);
    },
    evaluate,
    send,
    clear: () => errors.splice(0),
    async canary() {
      const names = [...Object.keys(pages), ...attached.keys()];
      for (const name of Object.keys(pages)) await pages[name]!.evaluate((tag) => void Promise.reject(new Error(tag)), `canary-${name}`);
      for (const name of attached.keys()) await evaluate(name as 'worker' | 'offscreen', `void Promise.reject(new Error('canary-${name}'))`);
      const seen = () => names.every((name) => errors.some((error) => error.startsWith(`${name}:`) && error.includes(`canary-${name}`)));
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          watchers.delete(check);
          resolve();
        };
        const check = () => seen() && done();
        const timer = setTimeout(done, 5_000);
        watchers.add(check);
        check();
      });
      const missing = names.filter((name) => !errors.some((error) => error.includes(`canary-${name}`)));
      if (missing.length) throw new Error(`The error collector did not see the canary rejection in: ${missing.join(', ')}. Seen: ${errors.join(' | ')}`);
      // Only the canaries go: what the contexts reported before (Runtime.enable replays it) stays to be asserted.
      const others = errors.filter((error) => !/canary-/.test(error));
      errors.splice(0, errors.length, ...others);
    },
  };
}
