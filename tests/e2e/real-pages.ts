import { expect } from '@playwright/test';

/**
 * The page-control tools on the saved real pages (tests/fixtures/pages), driven the way the model drives them:
 * an outline first, then actions on refs taken from it. Shared by the Chromium and Firefox specs; each supplies
 * how to reach the page and the confirmation window in its browser.
 */

export type ToolOutput = { ok: boolean; error?: string } & Record<string, unknown>;

export interface Driver {
  /** The model's call, through the local peer and the extension. */
  call(name: string, args?: Record<string, unknown>, timeoutMs?: number): Promise<ToolOutput>;
  /** Several calls in one model response (they run side by side); the outputs in call order. */
  callMany(calls: Array<{ name: string; arguments: Record<string, unknown> }>): Promise<ToolOutput[]>;
  /** Loads `url` in the controlled tab and waits until it is complete. */
  open(url: string): Promise<void>;
  /** Runs an expression in the page (its main world) and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  /** Declines the safety gate's question if its window is open now; true when there was one. */
  declineIfAsked(): Promise<boolean>;
}

export const OUTLINE_CAP = 16_000;
const REF_BATCH = 100;

/** `  button "Subscribe" [e3]` → role, name and ref of each interactive line. */
export function outlineEntries(outline: string): Array<{ ref: string; role: string; name: string }> {
  const entries: Array<{ ref: string; role: string; name: string }> = [];
  for (const line of outline.split('\n')) {
    const ref = /\[(e\d+)\]/.exec(line)?.[1];
    if (!ref) continue;
    const match = /^\s*\*?\s*([a-z]+)(?: \d)?(?: "((?:[^"\\]|\\.)*)")?/.exec(line);
    entries.push({ ref, role: match?.[1] ?? '', name: match?.[2] ?? '' });
  }
  return entries;
}

const INLINE_MARK = 'rgb(255, 0, 255)';

/** Everything the issue asks of one page; returns what it found so the spec can check the totals. */
export async function exercisePage(driver: Driver, url: string): Promise<{ refs: number; typed: boolean; clicked: 'ok' | 'asked' }> {
  await driver.open(url);
  const outlined = await driver.call('get_page_outline', { max_chars: OUTLINE_CAP });
  expect(outlined.ok, `${url}: ${outlined.error}`).toBe(true);
  const outline = String(outlined.outline);
  expect(outline.length, url).toBeLessThanOrEqual(OUTLINE_CAP);
  const entries = outlineEntries(outline);
  // A page can show nothing yet (seattletimes hides its body until its scripts run, and scripts are cut off here):
  // then there is nothing a person could act on, and nothing may have a ref.
  const visibleControls = await driver.evaluate<number>(
    `[...document.querySelectorAll('a[href], button, input, select, textarea')].filter((el) => el.checkVisibility({ visibilityProperty: true })).length`,
  );
  if (visibleControls === 0) {
    expect(entries, `${url} shows no control, so the outline lists none`).toEqual([]);
    return { refs: 0, typed: false, clicked: 'ok' };
  }
  expect(entries.length, `${url} has refs`).toBeGreaterThan(0);
  // A ref names one element: a line may repeat only as the same landmark heading again (the context of a later part).
  const byRef = new Map<string, string>();
  for (const entry of entries) {
    const seen = byRef.get(entry.ref);
    if (seen !== undefined) expect(`${entry.role} "${entry.name}"`, `${url}: ${entry.ref} names one element`).toBe(seen);
    byRef.set(entry.ref, `${entry.role} "${entry.name}"`);
  }
  const unique = [...new Map(entries.map((entry) => [entry.ref, entry])).values()];

  // Every ref in the outline resolves: highlight takes each one ("show me where"), in batches of calls per response.
  for (let i = 0; i < unique.length; i += REF_BATCH) {
    const batch = unique.slice(i, i + REF_BATCH);
    const outputs = await driver.callMany(batch.map(({ ref }) => ({ name: 'highlight', arguments: { ref, seconds: 0.5 } })));
    outputs.forEach((shown, index) => expect(shown.ok, `${url} ${batch[index]!.ref}: ${shown.error}`).toBe(true));
  }

  // set_style on a ref, then undo puts the element's inline style back exactly.
  const styled = unique.find((entry) => entry.role === 'link') ?? unique[0]!;
  const before = await driver.evaluate<number>(`document.querySelectorAll('[style*="${INLINE_MARK}"]').length`);
  expect(await driver.call('set_style', { ref: styled.ref, property: 'color', value: INLINE_MARK })).toMatchObject({ ok: true });
  expect(await driver.evaluate<number>(`document.querySelectorAll('[style*="${INLINE_MARK}"]').length`)).toBe(before + 1);
  expect(await driver.call('undo')).toMatchObject({ ok: true });
  expect(await driver.evaluate<number>(`document.querySelectorAll('[style*="${INLINE_MARK}"]').length`)).toBe(before);

  // type_text into a field of the page, then reset_page empties it again.
  const field = unique.find((entry) => ['textbox', 'searchbox', 'combobox'].includes(entry.role));
  let typed = false;
  if (field) {
    const typing = await driver.call('type_text', { ref: field.ref, text: 'voice test' }, 20_000);
    if (!typing.ok && (await driver.declineIfAsked())) {
      expect(typing.error).toBeTruthy(); // a password-like field: the gate asked, and the user said no
    } else if (typing.ok) {
      typed = true;
      const holding = `[...document.querySelectorAll('input, textarea')].some((el) => el.value === 'voice test')`;
      expect(await driver.evaluate<boolean>(holding)).toBe(true);
      expect(await driver.call('reset_page')).toMatchObject({ ok: true });
      expect(await driver.evaluate<boolean>(holding)).toBe(false);
    }
  }

  // scroll moves the page: to the top (the highlights above scrolled it around), then a screen down.
  expect(await driver.call('scroll', { direction: 'top' })).toMatchObject({ ok: true });
  await expect.poll(() => driver.evaluate<number>('scrollY')).toBe(0);
  expect(await driver.call('scroll', { direction: 'down' })).toMatchObject({ ok: true });
  if (await driver.evaluate<boolean>('document.documentElement.scrollHeight > innerHeight + 50')) {
    await expect.poll(() => driver.evaluate<number>('scrollY')).toBeGreaterThan(0);
  }

  // click on a ref (last: it may leave the page). A risky control makes the gate ask; the user declines.
  const target = unique.find((entry) => entry.role === 'button') ?? unique.find((entry) => entry.role === 'link') ?? unique[0]!;
  let answered = false;
  const clicking = driver.call('click', { ref: target.ref }, 70_000).finally(() => (answered = true));
  let asked = false;
  // Until the click answers: if the gate's question opens meanwhile, the user declines it. Bounded by the click's
  // own deadline (70 s).
  const watch = (async () => {
    for (let i = 0; i < 700 && !asked && !answered; i += 1) {
      asked = await driver.declineIfAsked();
      if (!asked && !answered) await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const clicked = await clicking;
  await watch;
  if (asked) expect(clicked.error, url).toMatch(/declined/);
  else expect(clicked.ok, `${url} click ${target.ref}: ${clicked.error}`).toBe(true);
  return { refs: unique.length, typed, clicked: asked ? 'asked' : 'ok' };
}
