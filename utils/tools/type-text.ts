import { z } from 'zod/mini';
import { ENTER, acted, controlIn, editingHost, isTextField, notify, observe, reach, sendKey, setNative } from '../page/act';
import { describe, roleOf, squash } from '../page/aria';
import { targetFields } from '../page/target';
import type { UndoStep } from '../page/undo';
import { typingRisk } from '../safety/risk';
import { defineTool } from './tool';

/** The text field an element is or holds (a label's control, an editor's host), or why it is not one. */
function field(el: Element): Element | string {
  const found = controlIn(el, (e) => isTextField(e) || editingHost(e) !== null, 'input,textarea,[contenteditable]');
  const target = found && (isTextField(found) ? found : editingHost(found));
  if (!target) {
    const hint = el.localName === 'select' ? ' Use select_option for it.' : /^(checkbox|radio|switch)$/.test(roleOf(el)) ? ' Use set_checked for it.' : '';
    return `${describe(el)} is not a text field, so I cannot type into it.${hint}`;
  }
  if ((target as HTMLInputElement).readOnly || target.getAttribute('aria-readonly') === 'true') {
    return `${describe(target)} is read-only, so I cannot type into it.`;
  }
  return target;
}

/**
 * Types into an input, textarea or contenteditable editor so the page's framework sees a person's edit, and
 * records how to put the previous content back (with the same events).
 */
function typeInto(el: Element, text: string, clear: boolean, step: UndoStep): void {
  (el as HTMLElement).focus({ preventScroll: true });
  if (isTextField(el)) {
    const before = (el as HTMLInputElement).value;
    setNative(el, 'value', clear ? text : before + text);
    notify(el, text);
    step.record(() => {
      setNative(el, 'value', before);
      notify(el);
    });
    return;
  }
  const before = el.innerHTML;
  const doc = el.ownerDocument;
  const selection = doc.getSelection();
  selection?.selectAllChildren(el);
  if (!clear) selection?.collapseToEnd();
  // execCommand is deprecated but still the one way to type through a rich editor's own input handling
  // (beforeinput/input with the selection it tracks); without it, the text is set and an input event fired.
  const typed = typeof doc.execCommand === 'function' && doc.execCommand('insertText', false, text);
  if (!typed) {
    if (clear) el.textContent = text;
    else el.append(text);
    notify(el, text, false);
  }
  step.record(() => {
    el.innerHTML = before;
    notify(el, undefined, false);
  });
}

export const typeText = defineTool({
  name: 'type_text',
  description:
    'Type text into a text field, text area or rich editor. By default it replaces what the field holds ' +
    '(clear=false adds to the end). submit=true then presses Enter, which submits the form or sends the message. ' +
    'Undoable (the typing; a submission is not).',
  schema: z.object({
    ...targetFields,
    text: z.string().check(z.maxLength(5000), z.describe('The text to type. An empty text with clear=true empties the field.')),
    clear: z._default(z.boolean(), true).check(z.describe('true (default): replace the field\'s text. false: add to the end of it.')),
    submit: z
      ._default(z.boolean(), false)
      .check(z.describe('true: press Enter after typing, to submit the form or send the message. Default false.')),
  }),
  async run({ text, clear, submit, ...target }, page) {
    const found = reach(target, page, 'type into', { pick: field });
    if (!found.ok) return found;
    const el = found.element;
    const name = describe(el);
    const secret = typingRisk(el);
    // Never repeat a secret: the description reaches the confirmation window, the transcript and the model.
    const shown = secret ? '••••' : squash(text, 60);
    const form = (el as HTMLInputElement).form ?? null;
    const risk = secret ?? (submit ? (form ? 'it submits a form' : 'pressing Enter may send what was typed') : undefined);
    page.permit({ kind: submit ? 'act' : 'change', description: `type "${shown}" into ${name}${submit ? ' and submit' : ''}`, risk, element: el });
    const step = page.journal.begin(`typed "${shown}" into ${name}`);
    let held: string | null = null;
    const effects = await observe(
      el,
      () => {
        typeInto(el, text, clear, step);
        // A number, date or email field may refuse or reformat text set by script; say what it holds.
        if (clear && isTextField(el) && (el as HTMLInputElement).value !== text) held = (el as HTMLInputElement).value;
        if (submit) sendKey(el, ENTER);
      },
      el,
    );
    let did = `Typed "${shown}" into ${name}${clear ? '' : ' after its text'}`;
    if (held !== null) did += `, but it holds "${secret ? '••••' : squash(held, 60)}" (the field did not take the text as typed)`;
    if (submit) did += ' and pressed Enter';
    return acted(did, true, effects, el, page.refs);
  },
});
