/**
 * Finding the elements a tool acts on, with the errors the model reads when that fails.
 */

/** Tools change at most this many elements per call, so one call cannot freeze a huge page. */
export const MAX_TARGETS = 5000;

export type Found = { ok: true; elements: Element[] } | { ok: false; error: string };

export function invalidSelectorError(selector: string): string {
  return `"${selector}" is not a valid CSS selector.`;
}

export function noMatchError(selector: string): string {
  return `Nothing on this page matches "${selector}".`;
}

/**
 * Elements matching `selector` in document order (at most `MAX_TARGETS`), or an error for an invalid selector
 * or no match.
 */
export function findAll(doc: Document, selector: string): Found {
  let list: NodeListOf<Element>;
  try {
    list = doc.querySelectorAll(selector);
  } catch {
    return { ok: false, error: invalidSelectorError(selector) };
  }
  if (list.length === 0) return { ok: false, error: noMatchError(selector) };
  return { ok: true, elements: Array.from(list).slice(0, MAX_TARGETS) };
}

/**
 * The complex selectors of a selector list, split at top-level commas (not inside parentheses, brackets or
 * quotes): `a, p[title="x,y"], :is(b, c)` → `a`, `p[title="x,y"]`, `:is(b, c)`. Lets a tool write a rule per
 * selector (`S:not(…)`, `S *`) instead of wrapping the list in `:is()`.
 */
export function splitSelectorList(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < selector.length; i += 1) {
    const c = selector[i];
    if (c === '\\') {
      i += 1;
    } else if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '(' || c === '[') {
      depth += 1;
    } else if (c === ')' || c === ']') {
      depth -= 1;
    } else if (c === ',' && depth === 0) {
      parts.push(selector.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(selector.slice(start).trim());
  return parts.filter(Boolean);
}
