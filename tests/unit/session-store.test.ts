import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SessionState } from '@/utils/session-state';

/** A fresh module each time: what a restarted worker starts with (nothing in memory). */
async function freshStore() {
  vi.resetModules();
  return import('@/entrypoints/background/session-store');
}

const stored = async () => (await fakeBrowser.storage.session.get('state')).state as SessionState | undefined;

describe('the worker’s session store', () => {
  beforeEach(() => fakeBrowser.reset());

  it('applies a burst of concurrent changes in order, loses none, and writes fewer times than it changed', async () => {
    const store = await freshStore();
    const setSpy = vi.spyOn(fakeBrowser.storage.session, 'set');
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        Promise.all([
          store.appendTranscript({ role: 'tool', text: `call ${i}` }),
          store.updateSession((state) => ({ ...state, lastCall: { signature: `s${i}`, count: (state.lastCall?.count ?? 0) + 1 } })),
        ]),
      ),
    );
    const state = await stored();
    expect(state?.transcript.map((entry) => entry.text)).toEqual(Array.from({ length: 40 }, (_, i) => `call ${i}`));
    expect(state?.lastCall).toEqual({ signature: 's39', count: 40 });
    expect(setSpy.mock.calls.length).toBeLessThan(80);
    expect(setSpy.mock.calls.length).toBeGreaterThan(0);
  });

  it('resolves an update only once storage holds it (the UIs watch storage)', async () => {
    const store = await freshStore();
    await store.updateSession((state) => ({ ...state, status: 'live', targetTabId: 7 }));
    expect(await stored()).toMatchObject({ status: 'live', targetTabId: 7 });
  });

  it('a restarted worker reads what the last one wrote, with fields an older version lacked filled in', async () => {
    await fakeBrowser.storage.session.set({ state: { status: 'live', targetTabId: 3, transcript: [] } });
    const store = await freshStore();
    expect(await store.readSession()).toMatchObject({ status: 'live', targetTabId: 3, openedTabIds: [], touchedTabIds: [] });
  });

  it('a write storage refuses rejects, and the next read goes back to storage', async () => {
    const store = await freshStore();
    await store.updateSession((state) => ({ ...state, targetTabId: 1 }));
    vi.spyOn(fakeBrowser.storage.session, 'set').mockRejectedValueOnce(new Error('quota'));
    await expect(store.updateSession((state) => ({ ...state, targetTabId: 2 }))).rejects.toThrow('quota');
    expect((await store.readSession()).targetTabId).toBe(1);
  });
});

describe('captions in the session state', () => {
  beforeEach(() => fakeBrowser.reset());

  it('updates a caption’s row where it stands, and drops a finished user row with no words', async () => {
    const store = await freshStore();
    await store.putCaption({ itemId: 'u1', role: 'user', text: '', state: 'partial' });
    await store.putCaption({ itemId: 'a1', role: 'assistant', text: 'Sure', state: 'partial' });
    await store.appendTranscript({ role: 'tool', text: 'set_background_color: done' });
    await store.putCaption({ itemId: 'u1', role: 'user', text: 'make it navy', state: 'final' });
    await store.putCaption({ itemId: 'a1', role: 'assistant', text: 'Sure, navy', state: 'interrupted' });
    await store.putCaption({ itemId: 'u2', role: 'user', text: '', state: 'partial' });
    await store.putCaption({ itemId: 'u2', role: 'user', text: ' ', state: 'final' });
    const rows = (await stored())!.transcript.map(({ role, text, state, itemId }) => ({ role, text, state, itemId }));
    expect(rows).toEqual([
      { role: 'user', text: 'make it navy', state: undefined, itemId: 'u1' },
      { role: 'assistant', text: 'Sure, navy', state: 'interrupted', itemId: 'a1' },
      { role: 'tool', text: 'set_background_color: done', state: undefined, itemId: undefined },
    ]);
  });
});
