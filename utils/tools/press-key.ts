import { z } from 'zod/mini';
import { KEY_NAMES, acted, focusedElement, keyNamed, observe, reach, sendKey } from '../page/act';
import { describe } from '../page/aria';
import { targetFields } from '../page/target';
import { keyRisk } from '../safety/risk';
import { defineTool } from './tool';

export const pressKey = defineTool({
  name: 'press_key',
  description:
    'Press a key (with optional modifiers) on an element, or on whatever has focus. Tab moves focus, Enter submits ' +
    'a form field or activates a button or link, Space presses buttons, Escape closes dialogs, PageDown/PageUp/Home/End ' +
    'scroll. To enter text, use type_text. Cannot be undone.',
  schema: z.object({
    key: z
      .string()
      .check(
        z.minLength(1),
        z.maxLength(20),
        z.describe(`The key: ${KEY_NAMES.join(', ')}, or a single character like "a" or "/".`),
      ),
    modifiers: z.optional(
      z.array(z.enum(['Control', 'Shift', 'Alt', 'Meta'])).check(z.maxLength(4), z.describe('Keys held down meanwhile, e.g. ["Control"].')),
    ),
    ...targetFields,
  }),
  async run({ key: name, modifiers = [], ...target }, page) {
    const key = keyNamed(name);
    if (!key) return { ok: false, error: `"${name}" is not a key I can press. Keys: ${KEY_NAMES.join(', ')}, or one character.` };
    let el: Element;
    if (target.ref || target.selector) {
      const found = reach(target, page, 'press a key on');
      if (!found.ok) return found;
      el = found.element;
    } else {
      // Like a person: the key goes to whatever has focus (inside a focused same-origin frame or shadow root, too).
      el = focusedElement(page.document) ?? page.document.body;
    }
    const combo = [...modifiers, key.code === 'Space' ? 'Space' : key.key].join('+');
    const where = describe(el);
    page.permit({ kind: 'act', description: `press ${combo} on ${where}`, risk: keyRisk(key.key, el), element: el });
    const effects = await observe(el, () => {
      // A person puts the focus on an element before typing a key on it (Tab then moves on from there).
      if (el !== focusedElement(el.ownerDocument)) (el as HTMLElement).focus?.({ preventScroll: true });
      sendKey(el, key, modifiers);
    });
    return acted(`Pressed ${combo} on ${where}`, false, effects, el, page.refs, 'nothing visible happened');
  },
});
