import vm from 'node:vm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ActionRefused, declinedMessage } from '@/utils/safety/gate';
import { DEFAULT_SETTINGS, settingsItem } from '@/utils/settings';
import type { BrowserToolContext } from '@/utils/tools/browser-tool';
import {
  CHROME_TOGGLE_OFF,
  MAX_RESULT_CHARS,
  NO_EXECUTE,
  NO_PERMISSION,
  SWITCHED_OFF,
  createRunJavascript,
  type UserScriptInjection,
  type UserScriptResult,
  type UserScriptsAccess,
} from '@/utils/tools/run-javascript';

type Kind = UserScriptsAccess['browser'];

/**
 * A page for userScripts.execute to run in, as the browsers were measured to behave (Chromium 156, Firefox 153):
 * each source is a classic script in the page's MAIN world, and the result is the completion value of the last
 * one, a promise awaited. Chrome gives null for undefined and for a script that threw, failed to parse or whose
 * promise rejected, and reports a syntax error to the page's "error" listeners; Firefox gives no `result` for
 * undefined and reports a syntax error or a rejection in `error`.
 */
function fakePage(kind: Kind) {
  const listeners: ((event: object) => void)[] = [];
  const page = vm.createContext({
    document: { title: 'Demo' },
    pageGlobal: 42,
    setTimeout,
    addEventListener: (type: string, listener: (event: object) => void) => type === 'error' && listeners.push(listener),
    removeEventListener: (_type: string, listener: (event: object) => void) => listeners.splice(listeners.indexOf(listener), 1),
  });
  const PageSyntaxError = vm.runInContext('SyntaxError', page) as SyntaxErrorConstructor;
  const calls: UserScriptInjection[] = [];

  async function runOne(code: string): Promise<UserScriptResult> {
    let script: vm.Script;
    try {
      script = new vm.Script(code, { filename: 'page.js' });
    } catch (error) {
      const message = (error as Error).message;
      const line = Number(/page\.js:(\d+)/.exec((error as Error).stack ?? '')?.[1] ?? 0);
      if (kind === 'firefox') return { error: { name: 'SyntaxError', message, lineNumber: line } };
      for (const listener of [...listeners]) listener({ error: new PageSyntaxError(message), message: `Uncaught SyntaxError: ${message}`, lineno: line });
      return { result: null };
    }
    try {
      const value: unknown = await script.runInContext(page);
      return kind === 'chrome' ? { result: value ?? null } : value === undefined ? {} : { result: value };
    } catch (error) {
      return kind === 'firefox' ? { error } : { result: null };
    }
  }

  const execute = vi.fn(async (injection: UserScriptInjection): Promise<UserScriptResult[]> => {
    calls.push(injection);
    let last: UserScriptResult = {};
    for (const { code } of injection.js) last = await runOne(code);
    return [last];
  });
  return { page, execute, calls };
}

function access(kind: Kind, state: { permission?: boolean; api?: 'none' | 'no-execute' | 'ok' } = {}, execute?: UserScriptsApiExecute) {
  const { permission = true, api = 'ok' } = state;
  return {
    browser: kind,
    hasPermission: async () => permission,
    api: () => (api === 'none' ? undefined : api === 'no-execute' ? {} : { execute }),
  } satisfies UserScriptsAccess;
}
type UserScriptsApiExecute = (injection: UserScriptInjection) => Promise<UserScriptResult[]>;

function fakeContext(tabId: number | undefined, permit: BrowserToolContext['permit'] = vi.fn(async () => {})): BrowserToolContext {
  return { tabId, setTarget: vi.fn(), openedTabs: [], recordOpened: vi.fn(), policyOf: () => 'allow', permit, waitForLoad: vi.fn() };
}

async function switchOn() {
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, allowRunJavascript: true });
}

async function demoTab(url = 'https://shop.example/cart'): Promise<number> {
  return (await fakeBrowser.tabs.create({ url })).id!;
}

describe('run_javascript', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is off by default: nothing is asked and nothing runs', async () => {
    const { execute } = fakePage('chrome');
    const permit = vi.fn(async () => {});
    const result = await createRunJavascript(access('chrome', {}, execute)).run({ code: '1+1' }, fakeContext(await demoTab(), permit));
    expect(result).toEqual({ ok: false, error: SWITCHED_OFF });
    expect(permit).not.toHaveBeenCalled();
    expect(execute).not.toHaveBeenCalled();
  });

  it('says how to enable it when the permission, Chrome\'s switch or userScripts.execute is missing', async () => {
    await switchOn();
    const tabId = await demoTab();
    const { execute } = fakePage('chrome');
    const permit = vi.fn(async () => {});
    const run = (reach: UserScriptsAccess) => createRunJavascript(reach).run({ code: '1+1' }, fakeContext(tabId, permit));

    expect(await run(access('chrome', { permission: false }, execute))).toEqual({ ok: false, error: NO_PERMISSION });
    expect(await run(access('firefox', { permission: false }, execute))).toEqual({ ok: false, error: NO_PERMISSION });
    expect(await run(access('chrome', { api: 'none' }, execute))).toEqual({ ok: false, error: CHROME_TOGGLE_OFF });
    expect(CHROME_TOGGLE_OFF).toMatch(/chrome:\/\/extensions.*Voice Page Control.*Allow User Scripts/);
    expect(await run(access('chrome', { api: 'no-execute' }, execute))).toEqual({ ok: false, error: NO_EXECUTE.chrome });
    expect(await run(access('firefox', { api: 'none' }, execute))).toEqual({ ok: false, error: NO_EXECUTE.firefox });
    expect(permit).not.toHaveBeenCalled();
    expect(execute).not.toHaveBeenCalled();
  });

  it('runs nothing when the user declines', async () => {
    await switchOn();
    const { execute } = fakePage('chrome');
    const description = 'run this JavaScript on shop.example:\ndocument.title = "x"';
    const permit = vi.fn(async () => {
      throw new ActionRefused(declinedMessage(description, false));
    });
    const run = createRunJavascript(access('chrome', {}, execute)).run({ code: 'document.title = "x"' }, fakeContext(await demoTab(), permit));
    await expect(run).rejects.toThrow(/declined/);
    expect(execute).not.toHaveBeenCalled();
  });

  it.each(['chrome', 'firefox'] as const)('%s: once approved, runs the code in the tab\'s MAIN world and returns its last expression', async (kind) => {
    await switchOn();
    const tabId = await demoTab();
    const { page, execute, calls } = fakePage(kind);
    const permit = vi.fn<BrowserToolContext['permit']>(async () => {});
    const code = 'document.title = "changed"; 1+1';

    const result = await createRunJavascript(access(kind, {}, execute)).run({ code }, fakeContext(tabId, permit));

    expect(result).toMatchObject({ ok: true, result: '2' });
    expect(page.document).toEqual({ title: 'changed' });
    expect(permit).toHaveBeenCalledTimes(1);
    const [action, url] = permit.mock.calls[0]!;
    expect(action).toEqual({ kind: 'act', description: `run this JavaScript on shop.example:\n${code}`, risk: 'it runs code in the page' });
    expect(url).toBe('https://shop.example/cart');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ target: { tabId }, world: 'MAIN' });
    expect(calls[0]!.js.at(-1)!.code).toContain(code);
  });

  it('sees the page\'s own globals, awaits a promise, and keeps let/const from clashing between runs', async () => {
    await switchOn();
    const tabId = await demoTab();
    const { execute } = fakePage('chrome');
    const tool = createRunJavascript(access('chrome', {}, execute));
    const run = async (code: string) => tool.run({ code }, fakeContext(tabId));
    expect(await run('typeof pageGlobal')).toMatchObject({ ok: true, result: '"number"' });
    expect(await run('Promise.resolve({ items: [1, 2] })')).toMatchObject({ ok: true, result: '{"items":[1,2]}' });
    expect(await run('const n = 1; n')).toMatchObject({ ok: true, result: '1' });
    expect(await run('const n = 2; n')).toMatchObject({ ok: true, result: '2' });
    expect(await run('undefined')).toMatchObject({ ok: true, result: null, note: expect.stringMatching(/no value/) });
  });

  it('caps a long result and shows the whole code in the confirmation', async () => {
    await switchOn();
    const { execute } = fakePage('chrome');
    const permit = vi.fn<BrowserToolContext['permit']>(async () => {});
    const code = `/* ${'x'.repeat(400)} */ "a".repeat(5000)`;
    const result = await createRunJavascript(access('chrome', {}, execute)).run({ code }, fakeContext(await demoTab(), permit));
    expect(result.ok).toBe(true);
    const text = 'result' in result ? String(result.result) : '';
    expect(text.startsWith(`"${'a'.repeat(100)}`)).toBe(true);
    expect(text.length).toBeLessThan(MAX_RESULT_CHARS + 60);
    expect(text).toMatch(/cut: 5002 characters in all/);
    const shown = permit.mock.calls[0]![0].description;
    // The user sees every character that will run, not a summary.
    expect(shown.endsWith(code)).toBe(true);
  });

  it.each(['chrome', 'firefox'] as const)('%s: an error thrown by the code comes back as a sentence', async (kind) => {
    await switchOn();
    const { execute } = fakePage(kind);
    const result = await createRunJavascript(access(kind, {}, execute)).run(
      { code: 'document.title = "half"; missing.call()' },
      fakeContext(await demoTab()),
    );
    expect(result).toEqual({ ok: false, error: 'The JavaScript threw an error: ReferenceError: missing is not defined. The part before the error did run.' });
  });

  it.each(['chrome', 'firefox'] as const)('%s: a syntax error comes back with its line, and nothing ran', async (kind) => {
    await switchOn();
    const { page, execute } = fakePage(kind);
    const result = await createRunJavascript(access(kind, {}, execute)).run(
      { code: 'document.title = "never";\nlet = = 3' },
      fakeContext(await demoTab()),
    );
    expect(result.ok).toBe(false);
    expect((result as { error: string }).error).toMatch(/^The JavaScript has a syntax error: .+ \(line 2\)\. None of it ran\.$/);
    expect(page.document).toEqual({ title: 'Demo' });
    // Chrome: the listener that parked the error went away, and so did the parked error.
    if (kind === 'chrome') expect(vm.runInContext('Object.keys(globalThis).filter((k) => k.startsWith("vpc"))', page)).toEqual([]);
  });

  it('Firefox: a rejected promise comes back as a sentence', async () => {
    await switchOn();
    const { execute } = fakePage('firefox');
    const result = await createRunJavascript(access('firefox', {}, execute)).run(
      { code: 'Promise.reject(new TypeError("no cart"))' },
      fakeContext(await demoTab()),
    );
    expect(result).toEqual({ ok: false, error: 'The JavaScript failed: TypeError: no cart.' });
  });

  it('does not run the code when the tab went to another site while the user was deciding', async () => {
    await switchOn();
    const tabId = await demoTab();
    const { execute } = fakePage('chrome');
    const permit = vi.fn(async () => {
      await fakeBrowser.tabs.update(tabId, { url: 'https://bank.example/' });
    });
    const result = await createRunJavascript(access('chrome', {}, execute)).run({ code: '1' }, fakeContext(tabId, permit));
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/another page/) });
    expect(execute).not.toHaveBeenCalled();
  });

  it('refuses browser pages and a missing tab before asking', async () => {
    await switchOn();
    const { execute } = fakePage('chrome');
    const permit = vi.fn(async () => {});
    const tool = createRunJavascript(access('chrome', {}, execute));
    expect((await tool.run({ code: '1' }, fakeContext(await demoTab('chrome://settings/'), permit))).ok).toBe(false);
    expect(await tool.run({ code: '1' }, fakeContext(undefined, permit))).toMatchObject({ ok: false, error: expect.stringMatching(/no controlled tab/) });
    expect(permit).not.toHaveBeenCalled();
    expect(execute).not.toHaveBeenCalled();
  });

  it('explains a result Firefox cannot send back, and a browser error', async () => {
    await switchOn();
    const tabId = await demoTab();
    const failing = (message: string) => vi.fn(async () => Promise.reject(new Error(message)));
    const run = (execute: UserScriptsApiExecute) => createRunJavascript(access('firefox', {}, execute)).run({ code: 'document.body' }, fakeContext(tabId));
    expect(await run(failing("Script '<anonymous code>' result is non-structured-clonable data"))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/ran, but its result cannot be sent back/),
    });
    expect(await run(failing('Missing host permission for the tab'))).toEqual({
      ok: false,
      error: 'I could not run the code on this page: Missing host permission for the tab',
    });
  });

  it('stops waiting for code that never finishes', async () => {
    await switchOn();
    const tabId = await demoTab();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const never = vi.fn(() => new Promise<UserScriptResult[]>(() => {}));
      const pending = createRunJavascript(access('chrome', {}, never)).run({ code: 'new Promise(() => {})' }, fakeContext(tabId));
      await vi.waitFor(() => expect(never).toHaveBeenCalled());
      await vi.advanceTimersByTimeAsync(10_001);
      expect(await pending).toMatchObject({ ok: false, error: expect.stringMatching(/still running after 10 seconds/) });
    } finally {
      vi.useRealTimers();
    }
  });

  it('declares a code argument with a description and a length limit', async () => {
    const tool = createRunJavascript(access('chrome'));
    expect(tool.schema.safeParse({ code: '' }).success).toBe(false);
    expect(tool.schema.safeParse({ code: 'x'.repeat(5001) }).success).toBe(false);
    expect(tool.schema.safeParse({ code: '1+1' }).success).toBe(true);
  });
});
