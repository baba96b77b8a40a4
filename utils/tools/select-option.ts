import { z } from 'zod/mini';
import { acted, controlIn, notify, observe, reach, setNative } from '../page/act';
import { describe, squash } from '../page/aria';
import { targetFields } from '../page/target';
import { defineTool } from './tool';

/** Options named in the error when none matches. */
const LISTED = 8;

const norm = (text: string): string => text.replace(/\s+/g, ' ').trim().toLowerCase();
const labelOf = (option: HTMLOptionElement): string => squash(option.label || option.text, 60);

function selectIn(el: Element): Element | string {
  return (
    controlIn(el, (e) => e.localName === 'select', 'select') ??
    `${describe(el)} is not a drop-down list (<select>). If it is a custom list, click it to open it, then click the option.`
  );
}

/** Sets which options are selected: each through the native setter, deselections first (a single select keeps one). */
function setSelected(options: readonly HTMLOptionElement[], selected: readonly boolean[]): void {
  for (const want of [false, true]) options.forEach((option, i) => selected[i] === want && setNative(option, 'selected', want));
}

export const selectOption = defineTool({
  name: 'select_option',
  description:
    'Choose an option in a drop-down list (<select>) by its label or value (case-insensitive; an exact match first, ' +
    'then one containing the words). In a multiple-choice list it is selected in addition. Undoable.',
  schema: z.object({
    ...targetFields,
    option: z
      .string()
      .check(z.trim(), z.minLength(1), z.maxLength(200), z.describe('The option to choose: its visible label (preferred) or its value.')),
  }),
  async run({ option: wanted, ...target }, page) {
    const found = reach(target, page, 'choose from', { pick: selectIn });
    if (!found.ok) return found;
    const select = found.element as HTMLSelectElement;
    const name = describe(select);
    const options = Array.from(select.options);
    const want = norm(wanted);
    const option =
      options.find((o) => norm(labelOf(o)) === want || norm(o.value) === want) ?? options.find((o) => norm(labelOf(o)).includes(want));
    if (!option) {
      const some = options.slice(0, LISTED).map((o) => `"${labelOf(o)}"`).join(', ');
      return { ok: false, error: `${name} has no option like "${wanted}". Its options: ${some}${options.length > LISTED ? ` … (${options.length} in all)` : ''}.` };
    }
    const label = labelOf(option);
    if (option.disabled) return { ok: false, error: `The option "${label}" of ${name} is disabled, so I cannot choose it.` };
    if (option.selected) return { ok: true, did: `"${label}" was already chosen in ${name}; nothing changed.`, undoable: false };
    page.permit({ kind: 'change', description: `choose "${label}" in ${name}`, element: select });
    const before = options.map((o) => o.selected);
    const step = page.journal.begin(`chose "${label}" in ${name}`);
    const effects = await observe(
      select,
      () => {
        select.focus({ preventScroll: true });
        setSelected(options, options.map((o, i) => o === option || (select.multiple && before[i] === true)));
        notify(select);
      },
      select,
    );
    step.record(() => {
      setSelected(options, before);
      notify(select);
    });
    return acted(`Chose "${label}" in ${name}`, true, effects, select, page.refs);
  },
});
