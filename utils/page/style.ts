/**
 * Small style helpers shared by the tools that restyle the page.
 */
import type { UndoStep } from './undo';

/**
 * Appended to the selectors of injected rules: each `:not(#…)` adds one id to the rule's specificity while
 * still matching every element (no page uses that id), so our `!important` rules beat the page's own
 * `!important` rules unless those have more than four ids. Inline `!important` styles on the page still win.
 */
export const SPECIFICITY_BOOST = ':not(#__vpc)'.repeat(4);

/** One CSS rule whose declarations are all `!important`. */
export function importantRule(selector: string, declarations: Readonly<Record<string, string>>): string {
  const body = Object.entries(declarations)
    .map(([prop, value]) => `${prop}: ${value} !important;`)
    .join(' ');
  return `${selector} { ${body} }`;
}

/** The element's computed style, or null outside a window (a detached document). */
export function computedStyle(el: Element): CSSStyleDeclaration | null {
  const view = el.ownerDocument.defaultView;
  return view ? view.getComputedStyle(el) : null;
}

/** Whether a computed style paints a gradient, which would hide a new background colour. */
export function hasGradient(style: CSSStyleDeclaration | null): boolean {
  return style?.backgroundImage.includes('gradient(') ?? false;
}

/**
 * Sets an element's background colour; a gradient is removed too (image URLs stay: they are content).
 * `gradient` comes from `hasGradient`, read before any writes so a batch costs one style recalculation.
 */
export function setBackground(step: UndoStep, el: Element, color: string, gradient: boolean): void {
  step.setStyle(el, 'background-color', color);
  if (gradient) step.setStyle(el, 'background-image', 'none');
}

/** Parses a computed length like "12.5px"; null for "auto", "normal", percentages and the like. */
export function px(value: string | undefined): number | null {
  if (!value || !value.endsWith('px')) return null;
  const n = Number.parseFloat(value);
  return Number.isFinite(n) ? n : null;
}

/** A px length for CSS, rounded to hundredths. */
export function toPx(n: number): string {
  return `${Math.round(n * 100) / 100}px`;
}

const KEYWORD_SIZES: Readonly<Record<string, number>> = {
  'xx-small': 9, 'x-small': 10, small: 13, medium: 16, large: 18, 'x-large': 24, 'xx-large': 32, 'xxx-large': 48,
};

/**
 * An element's font size in px. Browsers always compute it in px; engines that leave it relative (happy-dom
 * reports "62.5%", "1.2em", "larger") get it resolved here against the parent, or the root for rem.
 */
export function fontSizePx(el: Element): number {
  const value = computedStyle(el)?.fontSize ?? '';
  const n = Number.parseFloat(value);
  if (value.endsWith('px') && Number.isFinite(n)) return n;
  const keyword = KEYWORD_SIZES[value];
  if (keyword !== undefined) return keyword;
  const parent = el.parentElement;
  if (Number.isFinite(n)) {
    if (value.endsWith('rem')) return n * (el === el.ownerDocument.documentElement ? 16 : fontSizePx(el.ownerDocument.documentElement));
    if (value.endsWith('%')) return (n / 100) * (parent ? fontSizePx(parent) : 16);
    if (value.endsWith('em')) return n * (parent ? fontSizePx(parent) : 16);
  }
  const inherited = parent ? fontSizePx(parent) : 16;
  if (value === 'larger') return inherited * 1.2;
  if (value === 'smaller') return inherited / 1.2;
  return inherited;
}
