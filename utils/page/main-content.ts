import type { Readability } from '@mozilla/readability';
import { squash } from './aria';
import { OVERLAY_TAG } from './overlay';

/**
 * The main text of a page, as read_page_text gives it: the article Mozilla's Readability finds (Firefox's Reader
 * View), else the page's visible main text. Bundled into /readability.js with Readability itself (not into the
 * content script): it is only needed when the user asks to hear a page.
 */

/**
 * Readability always returns its best guess; below its own threshold (500 characters) the guess is often a
 * fragment (a caption, a teaser), so the page's visible text is taken instead when that is longer.
 */
const MIN_ARTICLE_CHARS = 500;

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Never text to read aloud: code, media, form controls, and our own overlay. */
const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'svg', 'math', 'canvas', 'iframe', 'frame', 'object', 'embed',
  'video', 'audio', 'img', 'picture', 'map', 'button', 'select', 'textarea', 'input', 'datalist', 'dialog', OVERLAY_TAG,
]);

/** Tags whose text is a paragraph of its own. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'center', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'legend',
  'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul',
]);

/** Landmarks around the content (menus, site header and footer, sidebars) that the page text leaves out. */
const FURNITURE_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search']);

export interface PageContent {
  /** article: what Readability found; page: the page's visible main text; selection: what the user selected. */
  source: 'article' | 'page' | 'selection';
  title: string;
  byline?: string;
  text: string;
}

export function mainContentWith(readability: typeof Readability): (document: Document) => PageContent {
  return (document) => mainContent(document, readability);
}

/** The article when Readability finds a real one, else the page's visible main text. */
function mainContent(document: Document, readability: typeof Readability): PageContent {
  const body = document.body ?? document.documentElement;
  // Readability rewrites the document it reads: it gets a copy, without what the page does not show.
  const copy = document.cloneNode(true) as Document;
  const copyBody = copy.body ?? copy.documentElement;
  const hidden = hiddenElements(body, copyBody);
  for (const el of hidden.copies) el.remove();

  const article = readArticle(copy, readability, titleOf(document));
  if (article && article.text.length >= MIN_ARTICLE_CHARS) return article;
  const page = pageText(document, hidden.live);
  return article && article.text.length >= page.text.length ? article : page;
}

function readArticle(copy: Document, readability: typeof Readability, fallbackTitle: string): PageContent | null {
  try {
    // The serializer hands back the article's element: its text is laid out here, by paragraph.
    const parsed = new readability<Element | null>(copy, { serializer: (node) => (node.nodeType === ELEMENT_NODE ? (node as Element) : null) }).parse();
    if (!parsed?.content) return null;
    const byline = squash(parsed.byline, 200);
    return {
      source: 'article',
      title: squash(parsed.title, 300) || fallbackTitle,
      ...(byline ? { byline } : {}),
      text: textOf(parsed.content, () => false),
    };
  } catch {
    // A page Readability cannot handle is still read, by the page's own text.
    return null;
  }
}

function pageText(document: Document, hidden: ReadonlySet<Element>): PageContent {
  const body = document.body ?? document.documentElement;
  const skip = (el: Element) => hidden.has(el) || isFurniture(el);
  const root = mainElement(document);
  const text = textOf(root, skip) || (root === body ? '' : textOf(body, skip));
  const byline = squash(document.querySelector('meta[name="author"]')?.getAttribute('content'), 200);
  return { source: 'page', title: titleOf(document), ...(byline ? { byline } : {}), text };
}

function mainElement(document: Document): Element {
  const main = document.querySelector('main, [role="main"]');
  if (main) return main;
  const articles = document.getElementsByTagName('article');
  if (articles.length === 1 && articles[0]) return articles[0];
  return document.body ?? document.documentElement;
}

/** Menus, sidebars, the site's header and footer (not an article's own header or footer). */
function isFurniture(el: Element): boolean {
  const tag = el.localName;
  if (tag === 'nav' || tag === 'aside') return true;
  if (FURNITURE_ROLES.has(el.getAttribute('role') ?? '')) return true;
  return (tag === 'header' || tag === 'footer') && !el.parentElement?.closest('article, main, section, [role="main"], [role="article"]');
}

/**
 * The elements of the live page that show nothing, pruned at their root: display:none, the hidden attribute,
 * aria-hidden, a visibility:hidden that the element sets itself (not inherited, so a page that hides its body
 * until its scripts run still reads), and our overlay. Walks the copy alongside (same tree) to name the same
 * elements there. One computed style per element that has content.
 */
function hiddenElements(liveRoot: Element, copyRoot: Element): { live: Set<Element>; copies: Element[] } {
  const live = new Set<Element>();
  const copies: Element[] = [];
  const view = liveRoot.ownerDocument.defaultView;
  const visit = (el: Element, copy: Element | undefined, parentVisible: boolean): void => {
    const children = Array.from(el.children);
    const copyChildren = copy && copy.children.length === children.length ? Array.from(copy.children) : [];
    children.forEach((child, i) => {
      const tag = child.localName;
      // Never read anyway; but the overlay goes from the copy too, so Readability never sees it.
      if (SKIP.has(tag) && tag !== OVERLAY_TAG) return;
      let hide = tag === OVERLAY_TAG || child.hasAttribute('hidden') || child.getAttribute('aria-hidden') === 'true';
      let visible = parentVisible;
      if (!hide && view && child.firstChild) {
        const style = view.getComputedStyle(child);
        visible = isVisible(style);
        hide = style.display === 'none' || (parentVisible && !visible);
      }
      if (hide) {
        live.add(child);
        const twin = copyChildren[i];
        if (twin) copies.push(twin);
        return;
      }
      visit(child, copyChildren[i], visible);
    });
  };
  visit(liveRoot, copyRoot, !view || isVisible(view.getComputedStyle(liveRoot)));
  return { live, copies };
}

const isVisible = (style: CSSStyleDeclaration): boolean => style.visibility !== 'hidden' && style.visibility !== 'collapse';

/** Lays text out as paragraphs (blank line between) and lines, spaces squashed, as one reads it. */
class TextBuilder {
  readonly #paragraphs: string[] = [];
  #lines: string[] = [];
  #line = '';

  add(text: string): void {
    this.#line += text;
  }

  lineBreak(): void {
    this.#lines.push(this.#line);
    this.#line = '';
  }

  paragraphBreak(): void {
    this.lineBreak();
    const paragraph = this.#lines.map((line) => squash(line, Infinity)).filter(Boolean).join('\n');
    if (paragraph) this.#paragraphs.push(paragraph);
    this.#lines = [];
  }

  done(): string {
    this.paragraphBreak();
    return this.#paragraphs.join('\n\n');
  }
}

/** The text of an element's subtree as read, without the elements `skip` names (nor their subtrees). */
function textOf(root: Element, skip: (el: Element) => boolean): string {
  const out = new TextBuilder();
  const walk = (node: Node, pre: boolean): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === TEXT_NODE) {
        // Preformatted text keeps its lines (code, poems); elsewhere a newline is just a space.
        const [first = '', ...lines] = pre ? (child as Text).data.split('\n') : [(child as Text).data];
        out.add(first);
        for (const line of lines) {
          out.lineBreak();
          out.add(line);
        }
        continue;
      }
      if (child.nodeType !== ELEMENT_NODE) continue;
      const el = child as Element;
      const tag = el.localName;
      if (tag === 'br') {
        out.lineBreak();
        continue;
      }
      if (SKIP.has(tag) || skip(el)) continue;
      // Table cells and inline boxes next to each other stay words apart.
      const gap = BLOCKS.has(tag) ? 'block' : tag === 'td' || tag === 'th' ? 'cell' : null;
      if (gap === 'block') out.paragraphBreak();
      else if (gap === 'cell') out.add(' ');
      walk(el, pre || tag === 'pre');
      if (gap === 'block') out.paragraphBreak();
      else if (gap === 'cell') out.add(' ');
    }
  };
  walk(root, false);
  return out.done();
}


function titleOf(document: Document): string {
  return squash(document.title, 300);
}
