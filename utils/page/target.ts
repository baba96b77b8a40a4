import { z } from 'zod/mini';
import type { RefRegistry } from './refs';
import { invalidSelectorError, noMatchError } from './select';

/**
 * How acting tools name the element they act on: a `ref` from get_page_outline (preferred), or a CSS `selector`.
 * Spread `targetFields` into a tool's schema, and resolve with `resolveTarget`: every tool reads and errs alike.
 */
export const targetFields = {
  ref: z.optional(
    z.string().check(z.trim(), z.minLength(1), z.maxLength(20), z.describe('The element\'s ref from get_page_outline, like "e12". Preferred.')),
  ),
  selector: z.optional(
    z
      .string()
      .check(z.trim(), z.minLength(1), z.maxLength(500), z.describe('A CSS selector for the element, used when there is no ref. The first match is used.')),
  ),
};

export interface Target {
  ref?: string;
  selector?: string;
}

export type TargetFound = { ok: true; element: Element } | { ok: false; error: string };

/** Searches the document, then open shadow roots and same-origin frames, for the first match. */
function queryDeep(root: Document | ShadowRoot, selector: string): Element | null {
  const direct = root.querySelector(selector);
  if (direct) return direct;
  for (const host of Array.from(root.querySelectorAll('*'))) {
    if (host.shadowRoot) {
      const inner = queryDeep(host.shadowRoot, selector);
      if (inner) return inner;
    }
    if (host.localName === 'iframe' || host.localName === 'frame') {
      const frameDoc = sameOriginDocument(host as HTMLIFrameElement);
      const inner = frameDoc ? queryDeep(frameDoc, selector) : null;
      if (inner) return inner;
    }
  }
  return null;
}

/** A frame's document when the page may read it (same origin), else null. */
export function sameOriginDocument(frame: HTMLIFrameElement): Document | null {
  try {
    return frame.contentDocument ?? null;
  } catch {
    return null;
  }
}

/** The element a tool call names by `ref` or `selector`, or an error sentence the model can act on. */
export function resolveTarget(target: Target, doc: Document, refs: RefRegistry): TargetFound {
  if (target.ref) {
    const found = refs.resolve(target.ref);
    if (!found.ok) return found;
    refs.refOf(found.element);
    return found;
  }
  if (target.selector) {
    let element: Element | null;
    try {
      element = queryDeep(doc, target.selector);
    } catch {
      return { ok: false, error: invalidSelectorError(target.selector) };
    }
    if (!element) return { ok: false, error: noMatchError(target.selector) };
    refs.refOf(element);
    return { ok: true, element };
  }
  return { ok: false, error: 'Say which element: give its "ref" from get_page_outline (like "e12"), or a CSS "selector".' };
}
