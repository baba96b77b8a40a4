import { z } from 'zod/mini';
import { reach, scrollBy, scrollIntoView, scrollPosition, scrollerOf } from '../page/act';
import { describe } from '../page/aria';
import { targetFields } from '../page/target';
import { defineTool } from './tool';

export const scroll = defineTool({
  name: 'scroll',
  description:
    'Scroll the page (or, with ref/selector, the scrolling box holding that element) up or down by screens, or to the ' +
    'top or bottom. With ref/selector and no direction, scrolls that element into view. Says where it is now.',
  schema: z.object({
    direction: z.optional(z.enum(['up', 'down', 'top', 'bottom'])).check(z.describe('Where to scroll. Omit it to bring the element given by ref/selector into view.')),
    screens: z._default(z.number().check(z.gt(0), z.lte(10)), 1).check(z.describe('How far, in screens (up to 10). Default 1.')),
    ...targetFields,
  }),
  run({ direction, screens, ...target }, page) {
    let el: Element | null = null;
    if (target.ref || target.selector) {
      const found = reach(target, page, 'scroll to', { anyState: true });
      if (!found.ok) return found;
      el = found.element;
    }
    if (!direction) {
      if (!el) return { ok: false, error: 'Say a direction (up, down, top, bottom), or give the ref or selector of an element to bring into view.' };
      scrollIntoView(el);
      return { ok: true, did: `Scrolled ${describe(el)} into view; now ${scrollPosition(scrollerOf(page.document.documentElement))}.`, undoable: false };
    }
    const scroller = scrollerOf(el ?? page.document.documentElement);
    const before = scroller.scrollTop;
    scrollBy(scroller, direction, screens);
    const where = scrollPosition(scroller);
    const way = direction === 'top' || direction === 'bottom' ? `to the ${direction}` : direction;
    const did =
      scroller.scrollTop !== before
        ? `Scrolled ${way}; now ${where}.`
        : `Could not scroll ${way}: ${where.startsWith('at ') ? `already ${where}` : where}.`;
    return { ok: true, did, undoable: false };
  },
});
