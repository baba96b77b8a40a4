import { z } from 'zod/mini';
import { reach } from '../page/act';
import { describe } from '../page/aria';
import { targetFields } from '../page/target';
import { defineTool } from './tool';

export const highlight = defineTool({
  name: 'highlight',
  description:
    'Show the user where something is: scrolls the element into view and outlines it for a few seconds, with an ' +
    'optional short label. Changes nothing on the page.',
  schema: z.object({
    ...targetFields,
    label: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(40), z.describe('A short label shown by the outline, like "Here".'))),
    seconds: z._default(z.number().check(z.gte(0.5), z.lte(10)), 3).check(z.describe('How long the outline stays, 0.5 to 10 seconds. Default 3.')),
  }),
  run({ label, seconds, ...target }, page) {
    const found = reach(target, page, 'show', { anyState: true });
    if (!found.ok) return found;
    page.overlay?.highlight(found.element, seconds * 1000, label);
    return { ok: true, did: `Showed ${describe(found.element)} to the user for ${seconds} seconds.` };
  },
});
