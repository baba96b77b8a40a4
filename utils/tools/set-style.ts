import { z } from 'zod/mini';
import { describe } from '../page/aria';
import { findAll } from '../page/select';
import { resolveTarget, targetFields } from '../page/target';
import { defineTool } from './tool';
import { selectorField } from './fields';

const PROPERTY = /^(--)?[a-z][a-z0-9-]*$/;

export const setStyle = defineTool({
  name: 'set_style',
  description:
    'Set any CSS property on one element (ref) or on every element matching a selector: sizes, colours, borders, ' +
    'spacing, fonts, display … It wins over the page\'s own styles. Undoable.',
  schema: z.object({
    ...targetFields,
    selector: z.optional(selectorField('A CSS selector, used when there is no ref: every matching element is styled.')),
    property: z
      .string()
      .check(z.trim(), z.minLength(1), z.maxLength(60), z.describe('The CSS property in kebab-case, like "font-size", "border-radius" or "display".')),
    value: z.string().check(z.trim(), z.minLength(1), z.maxLength(300), z.describe('Its value, like "18px", "navy", "2px solid red" or "none".')),
  }),
  run({ property, value: raw, ...target }, page) {
    const prop = property.startsWith('--') ? property : property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    // The journal sets every property with !important already.
    const value = raw.replace(/\s*!\s*important\s*$/i, '');
    if (!PROPERTY.test(prop)) return { ok: false, error: `"${property}" is not a CSS property name; use one like "font-size".` };
    // CSS.supports where the engine has it, and a trial on a detached element (an invalid value is dropped).
    const trial = page.document.createElement('div').style;
    trial.setProperty(prop, value);
    const supported = typeof CSS === 'undefined' || typeof CSS.supports !== 'function' || CSS.supports(prop, value);
    if (!supported || trial.getPropertyValue(prop) === '') return { ok: false, error: `The browser does not accept "${prop}: ${value}" as CSS.` };

    let elements: Element[];
    let what: string;
    if (target.ref || !target.selector) {
      const found = resolveTarget(target, page.document, page.refs);
      if (!found.ok) return found;
      elements = [found.element];
      what = describe(found.element);
    } else {
      const found = findAll(page.document, target.selector);
      if (!found.ok) return found;
      elements = found.elements;
      what = `${elements.length} element${elements.length === 1 ? '' : 's'} matching "${target.selector}"`;
    }
    const change = `${prop}: ${value} on ${what}`;
    page.permit({ kind: 'change', description: `set ${change}`, element: elements[0] });
    const step = page.journal.begin(`set ${change}`);
    const changed = elements.filter((el) => step.setStyle(el, prop, value)).length;
    return { ok: true, did: `Set ${change}.`, changed, undoable: true };
  },
});
