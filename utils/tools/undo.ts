import { z } from 'zod/mini';
import { defineTool } from './tool';

/** Labels of undone steps listed in a result; the count is always exact. */
const MAX_LISTED = 5;

export const undo = defineTool({
  name: 'undo',
  description:
    'Undo the last change you made to this page (styles, typed text, chosen options, checkboxes), or all of them ' +
    'with all=true. Only reverses your own changes, never the page\'s; clicks, key presses and navigation cannot be undone.',
  schema: z.object({
    all: z
      ._default(z.boolean(), false)
      .check(z.describe('true: undo every change you made on this page. Default false: only the last one.')),
  }),
  run({ all }, { journal }) {
    if (journal.size === 0) return { ok: false, error: 'There is nothing of mine to undo on this page.' };
    let undone: string[];
    if (all) {
      undone = journal.labels.reverse();
      journal.undoAll();
    } else {
      const step = journal.undoLast();
      undone = step ? [step.label] : [];
    }
    return { ok: true, undone: undone.length, changes: undone.slice(0, MAX_LISTED), remaining: journal.size };
  },
});
