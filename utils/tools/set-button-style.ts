import { z } from 'zod/mini';
import { colorError, normalizeColor } from '../page/color';
import { findAll } from '../page/select';
import { computedStyle, fontSizePx, hasGradient, px, setBackground, toPx } from '../page/style';
import type { UndoStep } from '../page/undo';
import { defineTool } from './tool';
import { colorField, selectorField } from './fields';

export const BUTTON_SELECTOR = 'button, input[type=button], input[type=submit], input[type=reset], [role=button]';

/** Text colour reaches at most this many elements inside one button (icons, labels). */
const MAX_INSIDE = 50;
const SIDES = ['top', 'right', 'bottom', 'left'] as const;

/** What is read from one button before anything is written (so a batch costs one layout, not one per button). */
interface Measured {
  el: Element;
  fontSize: number;
  padding: Array<number | null>;
  borderX: number;
  borderY: number;
  lineHeight: number | null;
  /** Rendered border box (null without layout: hidden, or no layout engine). */
  box: { width: number; height: number } | null;
  borderBox: boolean;
  /** Computed width/height in px, used only when there is no layout (then they are the declared values). */
  declared: { width: number | null; height: number | null };
  gradient: boolean;
}

/** The rendered border box without transforms (offsetWidth/Height), or null when the element has none. */
function layoutBox(el: Element): { width: number; height: number } | null {
  if (!('offsetWidth' in el) || !('offsetHeight' in el)) return null;
  const { offsetWidth: width, offsetHeight: height } = el;
  return typeof width === 'number' && typeof height === 'number' && width > 0 && height > 0 ? { width, height } : null;
}

function measure(el: Element): Measured {
  const style = computedStyle(el);
  const get = (prop: string): string | undefined => style?.getPropertyValue(prop);
  return {
    el,
    fontSize: fontSizePx(el),
    padding: SIDES.map((side) => px(get(`padding-${side}`))),
    borderX: (px(get('border-left-width')) ?? 0) + (px(get('border-right-width')) ?? 0),
    borderY: (px(get('border-top-width')) ?? 0) + (px(get('border-bottom-width')) ?? 0),
    lineHeight: px(get('line-height')),
    box: layoutBox(el),
    borderBox: get('box-sizing') === 'border-box',
    declared: { width: px(get('width')), height: px(get('height')) },
    gradient: hasGradient(style),
  };
}

/**
 * Scales one button by `factor`: font size, padding and a px line height are multiplied. Its box is then held to
 * `factor` × its rendered size (min-width/min-height when growing, max-… when shrinking), which is what makes a
 * button with a fixed width or height grow too; auto-sized buttons already get there from font and padding.
 * Without layout, declared px width/height are multiplied instead.
 */
function resize(step: UndoStep, m: Measured, factor: number): void {
  step.setStyle(m.el, 'font-size', toPx(m.fontSize * factor));
  const padding = m.padding.map((p) => (p === null ? 0 : p * factor));
  SIDES.forEach((side, i) => {
    const value = m.padding[i];
    if (value) step.setStyle(m.el, `padding-${side}`, toPx(value * factor));
  });
  if (m.lineHeight !== null) step.setStyle(m.el, 'line-height', toPx(m.lineHeight * factor));
  if (factor === 1) return;
  if (m.box) {
    const [top = 0, right = 0, bottom = 0, left = 0] = padding;
    const width = m.box.width * factor - (m.borderBox ? 0 : left + right + m.borderX);
    const height = m.box.height * factor - (m.borderBox ? 0 : top + bottom + m.borderY);
    const [prefix, other] = factor > 1 ? ['min', 'max'] : ['max', 'min'];
    step.setStyle(m.el, `${prefix}-width`, toPx(Math.max(0, width)));
    step.setStyle(m.el, `${prefix}-height`, toPx(Math.max(0, height)));
    // A page's own max-… (when growing) or min-… (when shrinking) would hold the button back.
    step.setStyle(m.el, `${other}-width`, other === 'max' ? 'none' : '0px');
    step.setStyle(m.el, `${other}-height`, other === 'max' ? 'none' : '0px');
    return;
  }
  if (m.declared.width !== null) step.setStyle(m.el, 'width', toPx(m.declared.width * factor));
  if (m.declared.height !== null) step.setStyle(m.el, 'height', toPx(m.declared.height * factor));
}

function summary(args: { scale?: number; size_px?: number }, color: string | null, text: string | null): string {
  const parts = [
    args.scale !== undefined ? `${args.scale}× size` : '',
    args.size_px !== undefined ? `${args.size_px}px text` : '',
    color ? `${color} background` : '',
    text ? `${text} text` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

export const setButtonStyle = defineTool({
  name: 'set_button_style',
  description:
    'Resize and/or recolour buttons: all buttons on the page by default (button, input type=button/submit/reset, ' +
    'role=button), or the elements matching a CSS selector. Give at least one of scale, size_px, color, ' +
    'text_color; scale and size_px exclude each other. Undoable.',
  schema: z
    .object({
      selector: z.optional(
        selectorField('CSS selector of the buttons to change, e.g. "#checkout" or "form button". Default: all buttons.'),
      ),
      scale: z
        .optional(z.number().check(z.gte(0.25), z.lte(5)))
        .check(z.describe('Size multiplier, 0.25 to 5: 2 makes each button twice as big, 0.5 half as big (font, padding, box).')),
      size_px: z
        .optional(z.number().check(z.gte(6), z.lte(200)))
        .check(z.describe('Text size in px, 6 to 200; padding and box grow or shrink in proportion.')),
      color: z.optional(colorField('Background colour of the buttons.')),
      text_color: z.optional(colorField('Text colour of the buttons.')),
    })
    .check(
      z.refine(
        (a) => a.scale !== undefined || a.size_px !== undefined || a.color !== undefined || a.text_color !== undefined,
        { message: 'Give at least one of scale, size_px, color or text_color.' },
      ),
      z.refine((a) => a.scale === undefined || a.size_px === undefined, {
        message: 'Give either scale or size_px, not both.',
      }),
    ),
  run(args, page) {
    const { document, journal } = page;
    const color = args.color === undefined ? null : normalizeColor(args.color, document);
    if (args.color !== undefined && !color) return { ok: false, error: colorError(args.color) };
    const text = args.text_color === undefined ? null : normalizeColor(args.text_color, document);
    if (args.text_color !== undefined && !text) return { ok: false, error: colorError(args.text_color) };

    const found = findAll(document, args.selector ?? BUTTON_SELECTOR);
    if (!found.ok) {
      return args.selector === undefined ? { ok: false, error: 'There are no buttons on this page.' } : found;
    }
    const measured = found.elements.map(measure);
    const count = `${measured.length} button${measured.length === 1 ? '' : 's'}`;
    const change = `${count} (${summary(args, color, text)})`;
    page.permit({ kind: 'change', description: `restyle ${change}`, element: measured[0]?.el });
    const step = journal.begin(`restyled ${change}`);
    for (const m of measured) {
      const factor = args.scale ?? (args.size_px !== undefined ? args.size_px / m.fontSize : undefined);
      // A button with font-size 0 (a hidden trick) has no size to scale from.
      if (factor !== undefined && Number.isFinite(factor) && factor > 0) resize(step, m, factor);
      if (color) setBackground(step, m.el, color, m.gradient);
      if (text) {
        step.setStyle(m.el, 'color', text);
        const inside = Array.from(m.el.getElementsByTagName('*')).slice(0, MAX_INSIDE);
        for (const child of inside) step.setStyle(child, 'color', text);
      }
    }
    return {
      ok: true,
      changed: measured.length,
      ...(args.selector !== undefined ? { selector: args.selector } : {}),
      ...(args.scale !== undefined ? { scale: args.scale } : {}),
      ...(args.size_px !== undefined ? { size_px: args.size_px } : {}),
      ...(color ? { color } : {}),
      ...(text ? { text_color: text } : {}),
    };
  },
});
