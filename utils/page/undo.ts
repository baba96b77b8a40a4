/**
 * The undo journal: every change a tool makes to the page is recorded here so the user can say "undo that".
 *
 * One tool call = one step. A tool calls `journal.begin(label)` once and makes all of its changes through the
 * returned `UndoStep` (inline styles, injected `<style>` elements, or any change with its own revert function).
 * The step joins the journal on its first change, so a call that changed nothing leaves nothing to undo.
 *
 * Inline styles are restored exactly: if nothing else touched the element's `style` attribute since our change,
 * the attribute is put back byte for byte (or removed if there was none); if the page itself changed the
 * attribute meanwhile, only the properties we set are put back (previous value and priority, or removed if they
 * were not set), so the page's own later changes survive.
 */

/** Marks every `<style>` element the journal adds, so it can be told apart from the page's own. */
export const INJECTED_STYLE_ATTRIBUTE = 'data-voice-page-control';

/** Oldest steps beyond this many become permanent; a voice session never gets near it. */
const MAX_STEPS = 200;

type Styled = Element & ElementCSSInlineStyle;

function hasInlineStyle(el: Element): el is Styled {
  return 'style' in el && typeof (el as Partial<Styled>).style?.setProperty === 'function';
}

interface InlineRecord {
  readonly el: Styled;
  /** The `style` attribute before this step first touched the element (null: no attribute). */
  readonly before: string | null;
  /** The `style` attribute right after this step's last change to the element. */
  after: string | null;
  /** Each property this step set, with its value and priority before the step (value '' = not set). */
  readonly previous: Map<string, { value: string; priority: string }>;
}

function restoreInline(record: InlineRecord): void {
  const { el } = record;
  if (el.getAttribute('style') === record.after) {
    if (record.before === null) el.removeAttribute('style');
    else el.setAttribute('style', record.before);
    return;
  }
  for (const [prop, prev] of record.previous) {
    if (prev.value === '') el.style.removeProperty(prop);
    else el.style.setProperty(prop, prev.value, prev.priority);
  }
  if (record.before === null && el.style.length === 0) el.removeAttribute('style');
}

/** The changes of one tool call, undone together. */
export class UndoStep {
  readonly label: string;
  private readonly reverts: Array<() => void> = [];
  private readonly inline = new Map<Element, InlineRecord>();
  private readonly onFirstChange: (step: UndoStep) => void;

  /** Use `UndoJournal.begin`. */
  constructor(label: string, onFirstChange: (step: UndoStep) => void) {
    this.label = label;
    this.onFirstChange = onFirstChange;
  }

  /** How many changes (reverts) this step holds. */
  get changes(): number {
    return this.reverts.length;
  }

  /** Records a change made some other way; `revert` must put it back. Reverts run newest first. */
  record(revert: () => void): void {
    if (this.reverts.length === 0) this.onFirstChange(this);
    this.reverts.push(revert);
  }

  /**
   * Sets one inline style property with `!important` (so page stylesheets cannot override it) and records how
   * to put the element's inline style back. Returns false for elements without inline style (nothing changed).
   */
  setStyle(el: Element, prop: string, value: string): boolean {
    if (!hasInlineStyle(el)) return false;
    let record = this.inline.get(el);
    if (!record) {
      const created: InlineRecord = { el, before: el.getAttribute('style'), after: null, previous: new Map() };
      this.inline.set(el, created);
      this.record(() => restoreInline(created));
      record = created;
    }
    if (!record.previous.has(prop)) {
      record.previous.set(prop, {
        value: el.style.getPropertyValue(prop),
        priority: el.style.getPropertyPriority(prop),
      });
    }
    el.style.setProperty(prop, value, 'important');
    record.after = el.getAttribute('style');
    return true;
  }

  /**
   * Adds a `<style>` element (marked with `data-voice-page-control`) at the end of `<head>`; undo removes it.
   * A string is used as the element's text. An array is added rule by rule through the CSSOM (`insertRule`),
   * which accepts exactly one well-formed rule each, so text built from a user's selector can never smuggle in
   * other rules; a rule the browser rejects throws a SyntaxError and nothing is added or recorded.
   */
  addStyle(doc: Document, css: string | readonly string[]): HTMLStyleElement {
    const style = doc.createElement('style');
    style.setAttribute(INJECTED_STYLE_ATTRIBUTE, '');
    if (typeof css === 'string') style.textContent = css;
    (doc.head ?? doc.documentElement).appendChild(style);
    if (typeof css !== 'string') {
      try {
        const sheet = style.sheet;
        if (!sheet) throw new Error('The page did not create a style sheet for the injected <style> element.');
        for (const rule of css) sheet.insertRule(rule, sheet.cssRules.length);
      } catch (error) {
        style.remove();
        throw error;
      }
    }
    this.record(() => style.remove());
    return style;
  }

  /**
   * Puts back every change of this step, newest first. Called by the journal, which also forgets the step;
   * one failing revert (an element the page replaced, say) skips only itself.
   */
  revert(): void {
    for (let i = this.reverts.length - 1; i >= 0; i -= 1) {
      try {
        this.reverts[i]?.();
      } catch {
        // The page changed under us; the remaining reverts still run.
      }
    }
    this.reverts.length = 0;
    this.inline.clear();
  }
}

/** Every change the AI made on this page, newest last. */
export class UndoJournal {
  private readonly steps: UndoStep[] = [];
  #recorded = 0;

  /** Starts the step for one tool call; it joins the journal when its first change is recorded. */
  begin(label: string): UndoStep {
    return new UndoStep(label, (step) => {
      this.steps.push(step);
      this.#recorded += 1;
      if (this.steps.length > MAX_STEPS) this.steps.shift();
    });
  }

  /** Steps ever recorded (it only grows): a tool call that raised it made a change that undo can reverse. */
  get recorded(): number {
    return this.#recorded;
  }

  /** A one-change step made some other way. */
  record(label: string, revert: () => void): void {
    this.begin(label).record(revert);
  }

  /** A one-change step: one inline style property set with `!important`. */
  setStyle(el: Element, prop: string, value: string, label: string): boolean {
    return this.begin(label).setStyle(el, prop, value);
  }

  /** A one-change step: an injected `<style>` element. */
  addStyle(doc: Document, css: string | readonly string[], label: string): HTMLStyleElement {
    return this.begin(label).addStyle(doc, css);
  }

  /** Number of steps that can be undone. */
  get size(): number {
    return this.steps.length;
  }

  /** Labels of the steps that can be undone, oldest first. */
  get labels(): string[] {
    return this.steps.map((step) => step.label);
  }

  /** Reverses the newest step; null when there is nothing to undo. */
  undoLast(): { label: string } | null {
    const step = this.steps.pop();
    if (!step) return null;
    step.revert();
    return { label: step.label };
  }

  /** Reverses every step, newest first; returns how many were undone. */
  undoAll(): number {
    let count = 0;
    while (this.undoLast()) count += 1;
    return count;
  }
}
