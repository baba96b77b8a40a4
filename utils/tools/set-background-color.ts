import { z } from 'zod';
import { colorError, normalizeColor } from '../page/color';
import { findAll } from '../page/select';
import { SPECIFICITY_BOOST, computedStyle, hasGradient, importantRule, setBackground } from '../page/style';
import { defineTool } from './tool';
import { colorField, selectorField } from './fields';

/** A page surface covers at least this share of the viewport. */
const MIN_COVER = 0.4;
const MAX_DEPTH = 12;
const MAX_VISITS = 3000;
/** Elements whose box shows content, not a background (a full-screen video is not the page's background). */
const CONTENT_BOXES = new Set(['img', 'video', 'canvas', 'iframe', 'svg', 'picture', 'object', 'embed', 'audio']);

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
 * The big opaque boxes that hide the body's background on real sites: elements covering at least 40% of the
 * viewport whose own background is painted (a colour with alpha > 0, or a gradient). Only large elements are
 * descended into (a small box cannot hold a page-sized one), except `display: contents` wrappers, which have
 * no box of their own. Needs layout: without it (a detached or headless-without-layout document) there are none,
 * and the html/body rule alone is used.
 */
function pageSurfaces(doc: Document): Element[] {
  const view = doc.defaultView;
  const body = doc.body;
  if (!view || !body) return [];
  const width = view.innerWidth;
  const height = view.innerHeight;
  const viewport = width * height;
  if (viewport <= 0) return [];
  const surfaces: Element[] = [];
  let visits = 0;
  const visit = (parent: Element, depth: number): void => {
    for (const child of Array.from(parent.children)) {
      visits += 1;
      if (visits > MAX_VISITS) return;
      if (CONTENT_BOXES.has(child.localName)) continue;
      const rect = child.getBoundingClientRect();
      const visibleWidth = Math.max(0, Math.min(rect.right, width) - Math.max(rect.left, 0));
      const visibleHeight = Math.max(0, Math.min(rect.bottom, height) - Math.max(rect.top, 0));
      const style = view.getComputedStyle(child);
      if (visibleWidth * visibleHeight >= MIN_COVER * viewport) {
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
    'For the whole page, the large containers that cover the page background are recoloured too. Undoable.',
  schema: z.object({
    color: colorField('The new background colour.'),
    selector: selectorField(
      'CSS selector of the elements to recolour, e.g. "header" or ".sidebar". Default: the whole page.',
    ).optional(),
  }),
  run({ color: spoken, selector }, { document, journal }) {
    const color = normalizeColor(spoken, document);
    if (!color) return { ok: false, error: colorError(spoken) };

    if (selector !== undefined) {
      const found = findAll(document, selector);
      if (!found.ok) return found;
      const gradients = found.elements.map((el) => hasGradient(computedStyle(el)));
      const step = journal.begin(`made the background of "${selector}" ${color}`);
      found.elements.forEach((el, i) => setBackground(step, el, color, gradients[i] ?? false));
      return { ok: true, color, selector, changed: found.elements.length };
    }

    // html and body through one injected rule (it survives the page rewriting their style attributes);
    // the surfaces hiding them through inline styles, since they are found by layout, not by a selector.
    const surfaces = pageSurfaces(document);
    const gradients = surfaces.map((el) => hasGradient(computedStyle(el)));
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
