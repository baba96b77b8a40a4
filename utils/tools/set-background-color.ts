import { z } from 'zod/mini';
import { colorError, normalizeColor } from '../page/color';
import { findAll } from '../page/select';
import { SPECIFICITY_BOOST, computedStyle, hasGradient, importantRule, setBackground } from '../page/style';
import { defineTool } from './tool';
import { colorField, selectorField } from './fields';

/** A page surface spans at least this share of the viewport's width (headers, columns, cards)… */
const MIN_WIDTH_SHARE = 0.5;
/** …and is tall enough to be a surface rather than a rule or a border. */
const MIN_HEIGHT_PX = 24;
const MAX_DEPTH = 12;
const MAX_VISITS = 3000;
/** Elements whose box shows content, not a background (a full-screen video is not the page's background). */
const CONTENT_BOXES = new Set(['img', 'video', 'canvas', 'iframe', 'svg', 'picture', 'object', 'embed', 'audio']);
/** Controls keep their own look: recolouring them is set_button_style's job. */
const CONTROLS = new Set(['button', 'input', 'select', 'textarea']);

/** Alpha of a computed colour ("rgba(0, 0, 0, 0)", "rgb(…)", "color(srgb 1 1 1 / 0.5)", "transparent"). */
function alpha(color: string): number {
  if (color === '' || color === 'transparent') return 0;
  const token = color.startsWith('rgba(')
    ? color.slice(0, -1).split(',').pop()
    : color.includes('/')
      ? color.slice(color.lastIndexOf('/') + 1, -1)
      : undefined;
  if (token === undefined) return 1;
  const n = Number.parseFloat(token);
  if (!Number.isFinite(n)) return 1;
  return token.trim().endsWith('%') ? n / 100 : n;
}

/**
 * The page-wide boxes that hide the body's background on real sites: headers, content columns and cards that
 * span at least half the viewport's width and paint their own background (a colour with alpha > 0, or a
 * gradient). A user asking for a navy page expects all of them navy — and text recoloured afterwards must not
 * land on a leftover white card. Only page-wide elements are descended into (a narrow box cannot hold a
 * page-wide one), except `display: contents` wrappers, which have no box of their own. Needs layout: without
 * it (a detached document) there are none, and the html/body rule alone is used.
 */
function pageSurfaces(doc: Document): Element[] {
  const view = doc.defaultView;
  const body = doc.body;
  if (!view || !body) return [];
  const width = view.innerWidth;
  if (width <= 0) return [];
  const surfaces: Element[] = [];
  let visits = 0;
  const visit = (parent: Element, depth: number): void => {
    for (const child of Array.from(parent.children)) {
      visits += 1;
      if (visits > MAX_VISITS) return;
      if (CONTENT_BOXES.has(child.localName) || CONTROLS.has(child.localName)) continue;
      const rect = child.getBoundingClientRect();
      const visibleWidth = Math.max(0, Math.min(rect.right, width) - Math.max(rect.left, 0));
      const style = view.getComputedStyle(child);
      if (visibleWidth >= MIN_WIDTH_SHARE * width && rect.height >= MIN_HEIGHT_PX) {
        if (alpha(style.backgroundColor) > 0 || hasGradient(style)) surfaces.push(child);
      } else if (style.display !== 'contents') {
        continue;
      }
      if (depth < MAX_DEPTH) visit(child, depth + 1);
    }
  };
  visit(body, 0);
  return surfaces;
}

export const setBackgroundColor = defineTool({
  name: 'set_background_color',
  description:
    'Change the background colour of the whole page (default), or of the elements matching a CSS selector. ' +
    'For the whole page, page-wide sections that paint their own background (headers, columns, cards) are recoloured too. Undoable.',
  schema: z.object({
    color: colorField('The new background colour.'),
    selector: z.optional(
      selectorField(
        'CSS selector of the elements to recolour, e.g. "header" or ".sidebar". Default: the whole page.',
      ),
    ),
  }),
  run({ color: spoken, selector }, page) {
    const { document, journal } = page;
    const color = normalizeColor(spoken, document);
    if (!color) return { ok: false, error: colorError(spoken) };

    if (selector !== undefined) {
      const found = findAll(document, selector);
      if (!found.ok) return found;
      const gradients = found.elements.map((el) => hasGradient(computedStyle(el)));
      page.permit({ kind: 'change', description: `make the background of "${selector}" ${color}`, element: found.elements[0] });
      const step = journal.begin(`made the background of "${selector}" ${color}`);
      found.elements.forEach((el, i) => setBackground(step, el, color, gradients[i] ?? false));
      return { ok: true, color, selector, changed: found.elements.length };
    }

    // html and body through one injected rule (it survives the page rewriting their style attributes);
    // the surfaces hiding them through inline styles, since they are found by layout, not by a selector.
    const surfaces = pageSurfaces(document);
    const gradients = surfaces.map((el) => hasGradient(computedStyle(el)));
    page.permit({ kind: 'change', description: `make the page background ${color}` });
    const step = journal.begin(`made the page background ${color}`);
    step.addStyle(document, [
      importantRule(`html${SPECIFICITY_BOOST}, body${SPECIFICITY_BOOST}`, {
        'background-color': color,
        'background-image': 'none',
      }),
    ]);
    surfaces.forEach((el, i) => setBackground(step, el, color, gradients[i] ?? false));
    return { ok: true, color, changed: 2 + surfaces.length };
  },
});
