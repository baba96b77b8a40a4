/**
 * Refs are the page's handles for the AI: `e12` names one element for as long as it stays in the DOM. The
 * outline hands them out, and every acting tool resolves `ref` through here. The registry holds elements weakly,
 * so a removed element simply stops resolving (and is collected), and an element keeps the ref it was first given.
 */

export const REF_PATTERN = /^e[1-9]\d*$/;

export type Resolved = { ok: true; element: Element } | { ok: false; error: string };

export const staleRefError = (ref: string): string =>
  `The element ${ref} is no longer on the page (it changed). Call get_page_outline for fresh refs and try again.`;

export const unknownRefError = (ref: string): string =>
  `There is no element ${ref} on this page. Refs come from get_page_outline: call it for fresh refs and try again.`;

export class RefRegistry {
  #next = 1;
  readonly #byRef = new Map<string, WeakRef<Element>>();
  readonly #byElement = new WeakMap<Element, string>();

  /** The element's ref, given on first sight and kept while the element lives. */
  refOf(el: Element): string {
    let ref = this.#byElement.get(el);
    if (!ref) {
      ref = `e${this.#next++}`;
      this.#byElement.set(el, ref);
      this.#byRef.set(ref, new WeakRef(el));
    }
    return ref;
  }

  /** The ref an element already has, without giving it one. */
  peek(el: Element): string | undefined {
    return this.#byElement.get(el);
  }

  /** The element a ref names, or why not: malformed, never given, or its element left the DOM. */
  resolve(ref: string): Resolved {
    const trimmed = ref.trim();
    if (!REF_PATTERN.test(trimmed)) {
      return { ok: false, error: `"${ref}" is not a ref: refs look like e12. Call get_page_outline to see them.` };
    }
    const element = this.#byRef.get(trimmed)?.deref();
    if (!element) return { ok: false, error: this.#byRef.has(trimmed) ? staleRefError(trimmed) : unknownRefError(trimmed) };
    if (!element.isConnected) {
      this.#byRef.delete(trimmed);
      return { ok: false, error: staleRefError(trimmed) };
    }
    return { ok: true, element };
  }

  /** Forgets refs whose elements are gone (the map of names would otherwise only grow on busy pages). */
  prune(): void {
    for (const [ref, weak] of this.#byRef) {
      const element = weak.deref();
      if (!element || !element.isConnected) this.#byRef.delete(ref);
    }
  }
}
