/**
 * What acting tools share: reaching an element (resolve, usable, in view), acting on it as a person would
 * (pointer and keyboard event sequences, native value setters that framework-controlled inputs notice), and
 * watching what happened afterwards so the result can say it in one sentence.
 *
 * Everything here works on the element's own document and realm (same-origin frames, shadow roots): no
 * `instanceof` checks and no use of the top document.
 */
import type { PageContext } from '../tools/tool';
import { describe, stateOf } from './aria';
import { outlineAround } from './outline';
import { OVERLAY_TAG } from './overlay';
import type { RefRegistry } from './refs';
import { formSubmittedBy } from '../safety/risk';
import { resolveTarget, type Target } from './target';

export type Reached = { ok: true; element: Element } | { ok: false; error: string };

/** Hidden by CSS or attributes: a person could not see, let alone use it. */
export function isHidden(el: Element): boolean {
  if (el.closest('[hidden],[inert]')) return true;
  return typeof el.checkVisibility === 'function' && !el.checkVisibility({ visibilityProperty: true });
}

export function isDisabled(el: Element): boolean {
  return el.matches(':disabled') || el.closest('[aria-disabled=true]') !== null;
}

/** Scrolls the element to the middle of its scroll containers, at once (no smooth scrolling to wait for). */
export function scrollIntoView(el: Element): void {
  el.scrollIntoView?.({ block: 'center', inline: 'nearest', behavior: 'instant' });
}

/**
 * The element a call names, made ready for a person's hand: resolved by ref or selector, narrowed with `pick`
 * (a label or wrapper stands for the control inside it), refused when hidden (or disabled, unless `anyState`:
 * showing a disabled button is fine), scrolled into view. `verb` completes "I cannot … it": "click", "type into".
 */
export function reach(
  target: Target,
  page: Pick<PageContext, 'document' | 'refs'>,
  verb: string,
  { pick = (el: Element): Element | string => el, anyState = false } = {},
): Reached {
  const found = resolveTarget(target, page.document, page.refs);
  if (!found.ok) return found;
  const picked = pick(found.element);
  if (typeof picked === 'string') return { ok: false, error: picked };
  if (isHidden(picked)) {
    return { ok: false, error: `${describe(picked)} is hidden, so I cannot ${verb} it. It may be in a closed menu, tab or dialog: open that first, then call get_page_outline.` };
  }
  if (!anyState && isDisabled(picked)) {
    return { ok: false, error: `${describe(picked)} is disabled right now, so I cannot ${verb} it (the page may need something else done first).` };
  }
  scrollIntoView(picked);
  return { ok: true, element: picked };
}

/** `el` when it passes `test`; else a label's control or the first matching element inside; else null. */
export function controlIn(el: Element, test: (el: Element) => boolean, inside: string): Element | null {
  if (test(el)) return el;
  const control = el.localName === 'label' ? (el as HTMLLabelElement).control : null;
  if (control && test(control)) return control;
  const found = Array.from(el.querySelectorAll(inside)).find(test);
  return found ?? null;
}

// Setting values the way frameworks notice.

/**
 * Sets a property through the setter of the element's prototype chain, skipping one defined on the instance:
 * React (and others) put a value tracker on the instance, and a change made through it looks to them like their
 * own, so the following input event would be ignored.
 */
export function setNative(el: object, prop: string, value: unknown): void {
  for (let proto: object | null = Object.getPrototypeOf(el) as object | null; proto; proto = Object.getPrototypeOf(proto) as object | null) {
    const setter = Object.getOwnPropertyDescriptor(proto, prop)?.set;
    if (setter) {
      setter.call(el, value);
      return;
    }
  }
  (el as Record<string, unknown>)[prop] = value;
}

/**
 * Fires `input` (an InputEvent inserting `text` when given) and `change` (not for contenteditable, which has
 * none), as after a person's edit.
 */
export function notify(el: Element, text?: string, change = true): void {
  const init = { bubbles: true, composed: true };
  el.dispatchEvent(text === undefined ? new Event('input', init) : new InputEvent('input', { ...init, inputType: 'insertText', data: text }));
  if (change) el.dispatchEvent(new Event('change', { bubbles: true }));
}

// Pointer.

const FOCUSABLE =
  'a[href],area[href],button,input:not([type=hidden]),select,textarea,iframe,summary,[tabindex],[contenteditable]:not([contenteditable=false])';

/**
 * A person's click at the element's centre: hover, press (which focuses), release, click. A cancelled
 * pointerdown suppresses the mouse events that follow it, and a cancelled mousedown the focus, as in browsers.
 * The click is one dispatched event (never `el.click()` as well): links, checkboxes and submit buttons run
 * their default action on it.
 */
export function pointerClick(el: Element): void {
  const view = el.ownerDocument.defaultView;
  const rect = el.getBoundingClientRect();
  const at = { cancelable: true, composed: true, view, clientX: rect.left + rect.width / 2, clientY: rect.top + rect.height / 2, button: 0, detail: 1 };
  const Pointer = typeof PointerEvent === 'function' ? PointerEvent : MouseEvent;
  const pointer = (type: string, buttons: number, bubbles = true): boolean =>
    el.dispatchEvent(new Pointer(type, { ...at, bubbles, buttons, pointerId: 1, pointerType: 'mouse', isPrimary: true }));
  const mouse = (type: string, buttons: number, bubbles = true): boolean => el.dispatchEvent(new MouseEvent(type, { ...at, bubbles, buttons }));
  pointer('pointerover', 0);
  pointer('pointerenter', 0, false);
  mouse('mouseover', 0);
  mouse('mouseenter', 0, false);
  const down = pointer('pointerdown', 1);
  if (!down || mouse('mousedown', 1)) {
    const focusable = el.closest(FOCUSABLE) as HTMLElement | null;
    if (focusable) focusable.focus({ preventScroll: true });
    else (el.ownerDocument.activeElement as HTMLElement | null)?.blur?.();
  }
  pointer('pointerup', 0);
  if (down) mouse('mouseup', 0);
  el.dispatchEvent(new MouseEvent('click', { ...at, bubbles: true, buttons: 0 }));
}

// Keyboard.

export type Modifier = 'Control' | 'Shift' | 'Alt' | 'Meta';
export interface Key {
  key: string;
  code: string;
  keyCode: number;
  /** Prints a character (fires keypress). */
  printable: boolean;
}

const NAMED_KEYS: Readonly<Record<string, number>> = {
  Enter: 13, Escape: 27, Tab: 9, Backspace: 8, Delete: 46, ArrowLeft: 37, ArrowUp: 38, ArrowRight: 39, ArrowDown: 40,
  Home: 36, End: 35, PageUp: 33, PageDown: 34,
};
const ALIASES: Readonly<Record<string, string>> = { esc: 'Escape', return: 'Enter', up: 'ArrowUp', down: 'ArrowDown', left: 'ArrowLeft', right: 'ArrowRight', del: 'Delete' };
const PUNCTUATION: Readonly<Record<string, string>> = {
  '`': 'Backquote', '-': 'Minus', '=': 'Equal', '[': 'BracketLeft', ']': 'BracketRight', '\\': 'Backslash', ';': 'Semicolon',
  "'": 'Quote', ',': 'Comma', '.': 'Period', '/': 'Slash',
};
export const KEY_NAMES = [...Object.keys(NAMED_KEYS), 'Space'];
export const ENTER: Key = { key: 'Enter', code: 'Enter', keyCode: 13, printable: false };

/** The key a name stands for ("Enter", "esc", "Space", "a", "/"), or null. */
export function keyNamed(raw: string): Key | null {
  const name = raw.trim();
  const lower = name.toLowerCase();
  if (raw === ' ' || lower === 'space' || lower === 'spacebar') return { key: ' ', code: 'Space', keyCode: 32, printable: true };
  const named = Object.keys(NAMED_KEYS).find((key) => key.toLowerCase() === lower) ?? ALIASES[lower];
  if (named) return { key: named, code: named, keyCode: NAMED_KEYS[named] ?? 0, printable: false };
  if ([...name].length !== 1) return null;
  const upper = name.toUpperCase();
  if (/^[a-z]$/i.test(name)) return { key: name, code: `Key${upper}`, keyCode: upper.charCodeAt(0), printable: true };
  if (/^\d$/.test(name)) return { key: name, code: `Digit${name}`, keyCode: name.charCodeAt(0), printable: true };
  return { key: name, code: PUNCTUATION[name] ?? '', keyCode: 0, printable: true };
}

function fireKey(el: Element, type: string, key: Key, mods: readonly Modifier[]): boolean {
  const keyCode = type === 'keypress' ? key.key === 'Enter' ? 13 : key.key.charCodeAt(0) : key.keyCode;
  return el.dispatchEvent(
    new KeyboardEvent(type, {
      key: key.key, code: key.code, keyCode, which: keyCode, charCode: type === 'keypress' ? keyCode : 0,
      bubbles: true, cancelable: true, composed: true, view: el.ownerDocument.defaultView,
      ctrlKey: mods.includes('Control'), shiftKey: mods.includes('Shift'), altKey: mods.includes('Alt'), metaKey: mods.includes('Meta'),
    }),
  );
}

const TEXT_TYPES = /^(text|search|email|url|tel|password|number|date|datetime-local|month|time|week)$/;

/** An input or textarea whose value a person types. */
export function isTextField(el: Element): boolean {
  return el.localName === 'textarea' || (el.localName === 'input' && TEXT_TYPES.test((el as HTMLInputElement).type));
}

/** The contenteditable host an element is (or is inside), or null. */
export function editingHost(el: Element): HTMLElement | null {
  const host = el.closest('[contenteditable]');
  return host && host.getAttribute('contenteditable') !== 'false' ? (host as HTMLElement) : null;
}

/**
 * What Enter does in a form's text field (implicit submission): the form's default button is clicked, which
 * runs its handlers and submits with it as the submitter (a disabled one blocks submitting); without one, the
 * form is submitted with `requestSubmit`, which validates and fires `submit` like the browser.
 */
function implicitSubmit(form: HTMLFormElement): void {
  const button = Array.from(form.elements).find((el) => formSubmittedBy(el) === form) as HTMLElement | undefined;
  if (button) {
    if (!isDisabled(button)) button.click();
  } else form.requestSubmit();
}

const ACTIVATES = /^(a|button|summary)$/;
const PRESSABLE_INPUT = /^(button|submit|reset|image|checkbox|radio|file|color)$/;

/** Moves focus to the next (or previous) focusable element in tab order, as Tab does. */
function moveFocus(from: Element, step: 1 | -1): void {
  const all = Array.from(from.ownerDocument.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.tabIndex >= 0);
  // Positive tabindex first, in order; the rest in document order (sort is stable).
  const order = (el: HTMLElement): number => (el.tabIndex > 0 ? el.tabIndex : Number.MAX_SAFE_INTEGER);
  all.sort((a, b) => order(a) - order(b));
  const n = all.length;
  let at = all.indexOf(from as HTMLElement);
  if (at < 0) at = step > 0 ? -1 : n;
  for (let i = 1; i <= n; i += 1) {
    const next = all[(((at + step * i) % n) + n) % n];
    if (next && next !== from && !isDisabled(next) && !isHidden(next)) {
      next.focus();
      return;
    }
  }
}

const SCROLL_KEYS: Readonly<Record<string, [Direction, number]>> = {
  PageDown: ['down', 1], PageUp: ['up', 1], ' ': ['down', 1], Home: ['top', 1], End: ['bottom', 1],
};

/**
 * The browser's default action of a key, which synthetic key events do not trigger: Tab moves focus, Enter
 * submits a form from its text field or activates a button or link, Space presses a button or toggles a
 * checkbox, Escape closes a native dialog, and the page keys scroll when the focus is not in a field.
 */
function keyDefault(el: Element, key: string, shift: boolean): void {
  const tag = el.localName;
  const pressable = ACTIVATES.test(tag) || (tag === 'input' && PRESSABLE_INPUT.test((el as HTMLInputElement).type));
  const form = (el as HTMLInputElement).form;
  if (key === 'Tab') moveFocus(el, shift ? -1 : 1);
  else if (key === 'Enter' && tag === 'input' && isTextField(el)) {
    if (form) implicitSubmit(form);
  } else if ((key === 'Enter' && pressable && !/^(checkbox|radio)$/.test((el as HTMLInputElement).type ?? '')) || (key === ' ' && pressable && tag !== 'a')) {
    (el as HTMLElement).click();
  } else if (key === 'Escape') {
    const dialog = el.closest('dialog[open]') as HTMLDialogElement | null;
    if (dialog?.dispatchEvent(new Event('cancel', { cancelable: true }))) dialog.close();
  } else if (SCROLL_KEYS[key] && !isTextField(el) && !editingHost(el) && tag !== 'select') {
    const [direction, screens] = SCROLL_KEYS[key];
    scrollBy(scrollerOf(el), key === ' ' && shift ? 'up' : direction, screens);
  }
}

/**
 * A key press as a person makes it: keydown, keypress (printable keys and Enter, not with Control/Meta), the
 * browser's default action unless a listener prevented it, keyup.
 */
export function sendKey(el: Element, key: Key, mods: readonly Modifier[] = []): void {
  let proceed = fireKey(el, 'keydown', key, mods);
  const command = mods.includes('Control') || mods.includes('Meta') || mods.includes('Alt');
  if (proceed && (key.printable || key.key === 'Enter') && !command) proceed = fireKey(el, 'keypress', key, mods);
  if (proceed && !command) keyDefault(el, key.key, mods.includes('Shift'));
  fireKey(el, 'keyup', key, mods);
}

// Scrolling.

export type Direction = 'up' | 'down' | 'top' | 'bottom';

/** The page's scrolling element. */
function pageScroller(doc: Document): Element {
  return doc.scrollingElement ?? doc.documentElement;
}

/** The element itself when it scrolls, else its nearest scrolling ancestor (across shadow roots), else the page. */
export function scrollerOf(el: Element): Element {
  const page = pageScroller(el.ownerDocument);
  for (let node: Element | null = el; node && node !== page; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null)) {
    const style = node.ownerDocument.defaultView?.getComputedStyle(node);
    if (node.scrollHeight > node.clientHeight && /auto|scroll|overlay/.test(style?.overflowY ?? '')) return node;
  }
  return page;
}

/** Height of one screen of a scroller (the viewport for the page). */
function screenOf(scroller: Element): number {
  const view = scroller.ownerDocument.defaultView;
  return scroller === pageScroller(scroller.ownerDocument) && view ? view.innerHeight : scroller.clientHeight;
}

/** Scrolls by `screens` screens (90 % each, so a line stays in sight) or to the top or bottom, instantly. */
export function scrollBy(scroller: Element, direction: Direction, screens = 1): void {
  const step = screenOf(scroller) * 0.9 * screens;
  const top = direction === 'top' ? 0 : direction === 'bottom' ? scroller.scrollHeight : scroller.scrollTop + (direction === 'down' ? step : -step);
  scroller.scrollTo({ top, behavior: 'instant' });
}

/** Where a scroller is, as the model can say it: "at 35% of the page; about 2 screens more below". */
export function scrollPosition(scroller: Element): string {
  const what = scroller === pageScroller(scroller.ownerDocument) ? 'the page' : describe(scroller);
  const screen = screenOf(scroller);
  const max = scroller.scrollHeight - screen;
  if (max <= 1 || screen <= 0) return `${what} fits on the screen (nothing to scroll)`;
  const top = Math.min(Math.max(scroller.scrollTop, 0), max);
  if (top >= max - 1) return `at the bottom of ${what}`;
  const below = Math.round(((max - top) / screen) * 10) / 10;
  return `${top <= 1 ? 'at the top' : `at ${Math.round((top / max) * 100)}%`} of ${what}; about ${below} screen${below === 1 ? '' : 's'} more below`;
}

// Watching what an action did.

/** At most this long waiting for the page to react; a reaction ends the wait after QUIET_MS of calm. */
const SETTLE_MS = 250;
const QUIET_MS = 40;
const DIALOGS = 'dialog[open],[role=dialog],[role=alertdialog],[aria-modal=true]';
const STATEFUL = 'details,[aria-expanded],[aria-pressed],[aria-checked],[aria-selected],input';

export interface Effects {
  /** Where the page is going (a followed link, a submitted form, unloading, a changed address), or null. */
  navigation: string | null;
  /** A dialog that opened. */
  dialog: Element | null;
  /** DOM changes seen (outside the ignored element). */
  changes: number;
  /** States the element gained ("now expanded") or, when none, lost ("no longer checked"). */
  states: string[];
  /** Where focus moved, when not to the element itself. */
  focus: Element | null;
}

/** The element that has focus, looking into shadow roots and same-origin frames (which retarget it to their host). */
export function focusedElement(doc: Document): Element | null {
  let active: Element | null = doc.activeElement;
  for (let inner = active; inner; inner = (inner as HTMLIFrameElement).contentDocument?.activeElement ?? inner.shadowRoot?.activeElement ?? null) {
    active = inner;
  }
  return active;
}

const openDialogs = (doc: Document): Element[] => Array.from(doc.querySelectorAll(DIALOGS)).filter((el) => !isHidden(el));
const statesOf = (el: Element): string[] => stateOf(el).filter((state) => !state.startsWith('value='));
const withoutHash = (url: string): string => url.replace(/#.*$/, '');

/**
 * Runs `act` on `el` and watches the page for a moment: navigation (unload, a followed link or submitted form
 * that no listener cancelled, a new address), a dialog opening, the element's state flipping, focus moving,
 * and DOM changes (those inside `ignore` do not count: the field being typed into, say). Returns as soon as the
 * page has been calm for a moment after reacting, and after SETTLE_MS at most.
 */
export async function observe(el: Element, act: () => void, ignore?: Element): Promise<Effects> {
  const doc = el.ownerDocument;
  const view = doc.defaultView;
  const url = doc.URL;
  const subject = el.closest(STATEFUL) ?? el;
  const before = { dialogs: openDialogs(doc), states: statesOf(subject), focus: focusedElement(doc) };
  let changes = 0;
  let navigation: string | null = null;
  let wake = (): void => {};
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      const target = record.target;
      if (ignore?.contains(target) || (target as Element).closest?.(OVERLAY_TAG)) continue;
      changes += 1;
    }
    if (changes > 0) wake();
  });
  for (const root of new Set<Node>([doc, el.getRootNode()])) {
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  }
  const unloading = (): void => {
    navigation ??= 'another page';
    wake();
  };
  // Captured events are read after the page's own listeners ran: only then is defaultPrevented final. Their
  // real target (inside a shadow root, not the retargeted host) is only known while they are dispatched.
  const seen: Array<[Event, Element]> = [];
  const capture = (event: Event): void => {
    seen.push([event, (event.composedPath()[0] ?? event.target) as Element]);
  };
  view?.addEventListener('beforeunload', unloading);
  view?.addEventListener('pagehide', unloading);
  doc.addEventListener('click', capture, true);
  doc.addEventListener('submit', capture, true);
  try {
    act();
    const deadline = Date.now() + SETTLE_MS;
    await new Promise<void>((resolve) => {
      let timer = setTimeout(resolve, SETTLE_MS);
      wake = () => {
        clearTimeout(timer);
        timer = setTimeout(resolve, Math.max(0, Math.min(QUIET_MS, deadline - Date.now())));
      };
      if (changes > 0 || navigation) wake();
    });
  } finally {
    observer.disconnect();
    view?.removeEventListener('beforeunload', unloading);
    view?.removeEventListener('pagehide', unloading);
    doc.removeEventListener('click', capture, true);
    doc.removeEventListener('submit', capture, true);
  }
  for (const [event, target] of seen) {
    if (event.defaultPrevented || navigation) continue;
    if (event.type === 'submit') {
      const form = target as HTMLFormElement;
      if (form.method !== 'dialog') navigation = form.action || url;
    } else {
      const link = target.closest?.('a[href],area[href]') as HTMLAnchorElement | null;
      if (link && !link.hasAttribute('download') && !/^_blank$/i.test(link.target) && withoutHash(link.href) !== withoutHash(url) && !/^javascript:/i.test(link.href)) {
        navigation = link.href;
      }
    }
  }
  if (!navigation && withoutHash(doc.URL) !== withoutHash(url)) navigation = doc.URL;
  const after = statesOf(subject);
  const gained = after.filter((state) => !before.states.includes(state));
  const lost = before.states.filter((state) => !after.includes(state)).map((state) => `no longer ${state}`);
  const active = focusedElement(doc);
  const focusMoved = active && active !== before.focus && active.localName !== 'body' && !active.contains(el) && !el.contains(active);
  return {
    navigation,
    dialog: openDialogs(doc).find((dialog) => !before.dialogs.includes(dialog)) ?? null,
    changes,
    states: gained.length > 0 ? gained.map((state) => `now ${state}`) : lost,
    focus: focusMoved ? active : null,
  };
}

/** Effects as words after "Clicked X": "the page is navigating to …", "a dialog opened: …", '' for none. */
export function effectWords(effects: Effects): string {
  if (effects.navigation) return `the page is navigating to ${effects.navigation} (wait for it, then look again)`;
  if (effects.dialog) return `a dialog opened: ${describe(effects.dialog)}`;
  const parts: string[] = [];
  if (effects.states.length > 0) parts.push(`it is ${effects.states.join(', ')}`);
  if (effects.focus) parts.push(`focus moved to ${describe(effects.focus)}`);
  if (effects.changes > 0) parts.push(`the page changed (${effects.changes} update${effects.changes === 1 ? '' : 's'})`);
  return parts.join('; ');
}

/**
 * An acting tool's answer: what it did (then `nothing` when the page did not react), whether undo can reverse
 * it, and (when the page reacted and stayed) a short fresh look around the element or the dialog that opened,
 * with refs for the next step.
 */
export function acted(
  did: string,
  undoable: boolean,
  effects: Effects,
  el: Element,
  refs: RefRegistry,
  nothing = '',
): { ok: true; did: string; undoable: boolean; around?: string } {
  const words = effectWords(effects) || nothing;
  const result = { ok: true as const, did: `${did}${words ? `; ${words}` : ''}.`, undoable };
  const spot = effects.dialog ?? el;
  if (effects.navigation || !(effects.dialog || effects.changes > 0) || !spot.isConnected) return result;
  const around = outlineAround(spot, refs);
  return around ? { ...result, around } : result;
}
