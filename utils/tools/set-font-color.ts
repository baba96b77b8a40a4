import { z } from 'zod/mini';
import { colorError, normalizeColor } from '../page/color';
import { findAll, splitSelectorList } from '../page/select';
import { SPECIFICITY_BOOST, importantRule } from '../page/style';
import { defineTool } from './tool';
import { colorField, selectorField } from './fields';

/**
 * Text colour goes through one injected stylesheet rule, not inline styles: a single `!important` rule with a
 * boosted specificity reaches every element, including headings and links with colours of their own and text
 * the page adds later, costs one DOM change however big the page is, and undo just removes it. Inline styles
 * on thousands of elements would miss new content and be slow to set and to undo.
 * `-webkit-text-fill-color` is set too, because gradient headings paint text with it instead of `color`.
 * A selector list is split and written as `S:not(…), S *:not(…)` per selector rather than wrapped in `:is()`,
 * so the specificity boost applies to each (and engines with partial `:is()` support still match).
 * The whole-page rule is `*` plus the boost, the lowest specificity a boosted rule can have, so a later call for
 * some elements (same boost, equal or higher specificity, later in the document) wins over an earlier whole-page one.
 */
function textRule(selectors: readonly string[], color: string): string {
  const list = selectors.map((selector) => `${selector}${SPECIFICITY_BOOST}`).join(', ');
  return importantRule(list, { color, '-webkit-text-fill-color': color });
}

/** Elements in `roots` and below, counting each once (roots come in document order). */
function countWithDescendants(roots: readonly Element[]): number {
  let count = 0;
  let last: Element | undefined;
  for (const root of roots) {
    if (last?.contains(root)) continue;
    count += 1 + root.getElementsByTagName('*').length;
    last = root;
  }
  return count;
}

export const setFontColor = defineTool({
  name: 'set_font_color',
  description:
    'Change the text colour of the whole page (default: all text, including headings and links), or of the ' +
    'elements matching a CSS selector and everything inside them. Undoable.',
  schema: z.object({
    color: colorField('The new text colour.'),
    selector: z.optional(
      selectorField(
        'CSS selector of the elements whose text to recolour, e.g. "h1, h2" or "nav". Default: all text on the page.',
      ),
    ),
  }),
  run({ color: spoken, selector }, page) {
    const { document, journal } = page;
    const color = normalizeColor(spoken, document);
    if (!color) return { ok: false, error: colorError(spoken) };

    if (selector === undefined) {
      page.permit({ kind: 'change', description: `make all text ${color}` });
      journal.begin(`made all text ${color}`).addStyle(document, [textRule(['*'], color)]);
      const root = document.body ?? document.documentElement;
      return { ok: true, color, changed: countWithDescendants([root]) };
    }

    const found = findAll(document, selector);
    if (!found.ok) return found;
    page.permit({ kind: 'change', description: `make the text of "${selector}" ${color}`, element: found.elements[0] });
    try {
      journal
        .begin(`made the text of "${selector}" ${color}`)
        .addStyle(document, [textRule(splitSelectorList(selector).flatMap((one) => [one, `${one} *`]), color)]);
    } catch {
      return { ok: false, error: `The browser would not accept "${selector}" in a style rule; try a simpler selector.` };
    }
    return { ok: true, color, selector, changed: countWithDescendants(found.elements) };
  },
});
