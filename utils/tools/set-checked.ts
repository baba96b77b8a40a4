import { z } from 'zod/mini';
import { acted, controlIn, isHidden, notify, observe, pointerClick, reach, setNative } from '../page/act';
import { describe, roleOf } from '../page/aria';
import { targetFields } from '../page/target';
import { defineTool } from './tool';

const CHECKABLE = /^(checkbox|radio|switch|menuitemcheckbox|menuitemradio)$/;
const isCheckable = (el: Element): boolean => CHECKABLE.test(roleOf(el));
const isNative = (el: Element): el is HTMLInputElement => el.localName === 'input';
const isChecked = (el: Element): boolean => (isNative(el) ? el.checked : el.getAttribute('aria-checked') === 'true');
const isRadio = (el: Element): boolean => /radio/.test(roleOf(el));

function checkableIn(el: Element): Element | string {
  return (
    controlIn(el, isCheckable, 'input[type=checkbox],input[type=radio],[role=checkbox],[role=switch],[role=radio]') ??
    `${describe(el)} is not a checkbox, switch or radio button. Click it instead if it is a toggle.`
  );
}

/**
 * The radio buttons of el's group: same name in the same form (native), or the same radiogroup (ARIA).
 * Undo re-checks the one that was checked before.
 */
function groupOf(el: Element): Element[] {
  if (isNative(el)) {
    if (!el.name) return [el];
    const root = el.getRootNode() as Document | ShadowRoot;
    return Array.from(root.querySelectorAll<HTMLInputElement>('input[type=radio]')).filter((r) => r.name === el.name && r.form === el.form);
  }
  return Array.from(el.closest('[role=radiogroup]')?.querySelectorAll('[role=radio],[role=menuitemradio]') ?? [el]);
}

export const setChecked = defineTool({
  name: 'set_checked',
  description:
    'Check or uncheck a checkbox or switch, or choose a radio button (checked=true), by clicking it as a person ' +
    'would when its state differs. Undoable.',
  schema: z.object({
    ...targetFields,
    checked: z.boolean().check(z.describe('true: checked / on / chosen. false: unchecked / off.')),
  }),
  async run({ checked, ...target }, page) {
    // Custom toggles often hide the native input behind a styled label: then the label is what a person clicks.
    const found = reach(target, page, 'check', { pick: (el) => {
      const box = checkableIn(el);
      if (typeof box === 'string' || !isHidden(box) || !isNative(box)) return box;
      return Array.from(box.labels ?? []).find((label) => !isHidden(label)) ?? box;
    } });
    if (!found.ok) return found;
    const shown = found.element;
    const el = isCheckable(shown) ? shown : (checkableIn(shown) as Element);
    const name = describe(el);
    const state = checked ? 'checked' : 'unchecked';
    if (isChecked(el) === checked) return { ok: true, did: `${name} was already ${state}; nothing changed.`, undoable: false };
    if (isRadio(el) && !checked) {
      return { ok: false, error: `${name} is a radio button: it is unchecked by choosing another option of its group.` };
    }
    page.permit({ kind: 'change', description: `${checked ? 'check' : 'uncheck'} ${name}`, element: el });
    const previous = isRadio(el) ? groupOf(el).find(isChecked) : undefined;
    const effects = await observe(shown, () => pointerClick(shown), el);
    if (isChecked(el) !== checked) {
      return { ok: false, error: `I clicked ${name}, but it did not become ${state}: the page may not allow it right now.` };
    }
    page.journal.record(`${checked ? 'checked' : 'unchecked'} ${name}`, () => {
      if (previous) pointerClick(previous);
      else if (isRadio(el) && isNative(el)) {
        // No radio was chosen before: clicking cannot unchoose one, so set it back as it was.
        setNative(el, 'checked', false);
        notify(el);
      } else if (isChecked(el) === checked) pointerClick(el);
    });
    // The new state is the sentence itself; only other effects (fields shown or hidden) are worth adding.
    return acted(`${checked ? 'Checked' : 'Unchecked'} ${name}`, true, { ...effects, states: [] }, el, page.refs);
  },
});
