import { z } from 'zod/mini';
import { defineTool } from './tool';

/** Labels of reversed changes listed in a result; the count is always exact. */
const LISTED = 5;
const FINAL = 'Clicks, key presses, submitted forms and navigation cannot be undone.';

export const resetPage = defineTool({
  name: 'reset_page',
  description:
    'Put the page back as it was before you changed it: reverses every change you made here (styles, typed text, ' +
    'chosen options, checkboxes). Clicks, key presses and navigation cannot be undone.',
  schema: z.object({}),
  run(_args, { journal }) {
    const labels = journal.labels.reverse();
    const count = journal.undoAll();
    if (count === 0) return { ok: true, did: `There were no changes of mine to reverse on this page. ${FINAL}`, undone: 0 };
    const list = labels.slice(0, LISTED).join('; ');
    return {
      ok: true,
      did: `Reversed ${count} change${count === 1 ? '' : 's'}: ${list}${count > LISTED ? '; …' : ''}. ${FINAL}`,
      undone: count,
    };
  },
});
