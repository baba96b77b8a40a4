/**
 * Bounded, cleaned HTML of part of a page, for a model that pays for every character.
 *
 * Instead of cloning the tree, removing nodes and serialising the clone, this walks the live DOM once and writes
 * only what is kept: the page is never touched, and big pages cost one pass with no copies.
 * Removed: `script`, `style`, `noscript`, `template` (with their contents), comments, `on*` handlers, inline
 * `style`, `srcset`/`sizes`, `nonce`/`integrity`, values of hidden and password inputs. Emptied: `svg` and `math`
 * internals and `iframe` fallback content (the tags stay, so the model knows they are there).
 * Shortened: whitespace in attribute values is collapsed; `data:` URLs over 100 characters become `data:…`;
 * other values are cut at 300 characters for URLs (href, src …) and 120 for the rest (JSON blobs in data-*).
 * Whitespace is collapsed (kept in `pre` and `textarea`); whitespace-only text between blocks is dropped.
 * The result is cut at `maxChars` on a boundary that never splits a tag or an entity, and marked.
 */

export interface PageHtml {
  /** At most `maxChars` characters. */
  html: string;
  /** Length of the whole cleaned HTML, before any cut. */
  chars: number;
  truncated: boolean;
}

/** Appended to cut HTML (counted within `maxChars`). */
export const TRUNCATION_MARKER = '<!-- cut -->';

const DROPPED = new Set(['script', 'style', 'noscript', 'template']);
const EMPTIED = new Set(['svg', 'math', 'iframe']);
const VOID = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]);
const PRESERVE_SPACE = new Set(['pre', 'textarea']);
const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'button', 'cite', 'code', 'data', 'dfn', 'em', 'i', 'img', 'input', 'kbd',
  'label', 'mark', 'q', 's', 'samp', 'select', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var',
]);
const DROPPED_ATTRIBUTES = new Set(['style', 'srcset', 'sizes', 'nonce', 'integrity']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'poster', 'cite']);
const MAX_DATA_URL = 100;
const MAX_URL = 300;
const MAX_ATTRIBUTE = 120;

/** Node types (numbers, so this module needs no DOM globals). */
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

const TEXT_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = { ...TEXT_ESCAPES, '"': '&quot;' };

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}

function attributeValue(el: Element, name: string, value: string): string | null {
  if (DROPPED_ATTRIBUTES.has(name) || name.startsWith('on')) return null;
  if (name === 'value' && el.localName === 'input') {
    const type = (el.getAttribute('type') ?? '').toLowerCase();
    if (type === 'hidden' || type === 'password') return null;
  }
  const clean = value.replace(/\s+/g, ' ').trim();
  if (clean.length > MAX_DATA_URL && clean.slice(0, 5).toLowerCase() === 'data:') return 'data:…';
  const max = URL_ATTRIBUTES.has(name) ? MAX_URL : MAX_ATTRIBUTE;
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

function startTag(el: Element): string {
  let tag = `<${el.localName}`;
  for (const attr of Array.from(el.attributes)) {
    const value = attributeValue(el, attr.name, attr.value);
    if (value === null) continue;
    tag += value === '' ? ` ${attr.name}` : ` ${attr.name}="${escapeAttribute(value)}"`;
  }
  return `${tag}>`;
}

function isInlineNeighbour(node: Node | null): boolean {
  if (!node) return false;
  if (node.nodeType === TEXT_NODE) return true;
  return node.nodeType === ELEMENT_NODE && INLINE.has((node as Element).localName);
}

/** Collects output up to a limit, but keeps counting so the caller learns the full length. */
class Writer {
  private readonly parts: string[] = [];
  private kept = 0;
  total = 0;

  constructor(private readonly limit: number) {}

  write(text: string): void {
    this.total += text.length;
    if (this.kept <= this.limit) {
      this.parts.push(text);
      this.kept += text.length;
    }
  }

  text(): string {
    return this.parts.join('');
  }
}

function walk(node: Node, out: Writer, preserveSpace: boolean): void {
  if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
    const raw = node.nodeValue ?? '';
    if (preserveSpace) {
      out.write(escapeText(raw));
      return;
    }
    const text = raw.replace(/\s+/g, ' ');
    if (text === ' ') {
      if (isInlineNeighbour(node.previousSibling) && isInlineNeighbour(node.nextSibling)) out.write(' ');
      return;
    }
    if (text !== '') out.write(escapeText(text));
    return;
  }
  if (node.nodeType !== ELEMENT_NODE) return; // comments, processing instructions, doctypes
  const el = node as Element;
  const name = el.localName;
  if (DROPPED.has(name)) return;
  out.write(startTag(el));
  if (VOID.has(name)) return;
  if (!EMPTIED.has(name)) {
    const keepSpace = preserveSpace || PRESERVE_SPACE.has(name);
    for (let child = el.firstChild; child; child = child.nextSibling) walk(child, out, keepSpace);
  }
  out.write(`</${name}>`);
}

/** Cuts `html` to at most `max` characters without splitting a tag or an entity, preferring a word break. */
function cutSafely(html: string, max: number): string {
  let cut = html.slice(0, Math.max(0, max));
  const lastOpen = cut.lastIndexOf('<');
  if (lastOpen > cut.lastIndexOf('>')) cut = cut.slice(0, lastOpen);
  const lastAmp = cut.lastIndexOf('&');
  if (lastAmp > cut.lastIndexOf(';') && lastAmp > cut.lastIndexOf('>')) cut = cut.slice(0, lastAmp);
  const tail = cut.length - Math.max(cut.lastIndexOf('>'), cut.lastIndexOf(' '));
  if (tail > 1 && tail < 40) cut = cut.slice(0, cut.length - tail + 1);
  return cut;
}

function isElement(value: Element | readonly Element[]): value is Element {
  return 'nodeType' in value;
}

/**
 * Drops roots inside an earlier root, so nothing is written twice. Roots come in document order (as from
 * `querySelectorAll`), so an element inside an earlier root is always inside the last one kept.
 */
function outermost(roots: readonly Element[]): Element[] {
  const kept: Element[] = [];
  for (const root of roots) {
    const last = kept[kept.length - 1];
    if (!last || !last.contains(root)) kept.push(root);
  }
  return kept;
}

/**
 * Cleaned HTML of `roots` (one element, or several in document order, written one per line), at most
 * `maxChars` long.
 */
export function pageHtml(roots: Element | readonly Element[], maxChars: number): PageHtml {
  const list = outermost(isElement(roots) ? [roots] : roots);
  const out = new Writer(maxChars);
  list.forEach((root, i) => {
    if (i > 0) out.write('\n');
    walk(root, out, false);
  });
  const full = out.text();
  if (out.total <= maxChars) return { html: full, chars: out.total, truncated: false };
  const html = cutSafely(full, maxChars - TRUNCATION_MARKER.length) + TRUNCATION_MARKER;
  return { html, chars: out.total, truncated: true };
}
