import { z } from 'zod/mini';
import { acted, observe, pointerClick, reach } from '../page/act';
import { describe } from '../page/aria';
import { targetFields } from '../page/target';
import { clickRisk } from '../safety/risk';
import { defineTool } from './tool';

export const click = defineTool({
  name: 'click',
  description:
    'Click an element like a person: scrolls it into view, then presses and releases the mouse on it. Says what ' +
    'happened (navigation, a dialog, a state change, nothing) and shows what is around it now. Clicks cannot be undone.',
  schema: z.object(targetFields),
  async run(args, page) {
    const found = reach(args, page, 'click');
    if (!found.ok) return found;
    const el = found.element;
    const name = describe(el);
    page.permit({ kind: 'act', description: `click ${name}`, risk: clickRisk(el, page.document.URL), element: el });
    const effects = await observe(el, () => pointerClick(el));
    return acted(`Clicked ${name}`, false, effects, el, page.refs, 'nothing visible happened');
  },
});
