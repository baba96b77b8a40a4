/**
 * Pages a browser never lets an extension script, and what to tell the user about them.
 *
 * `restrictedReason` returns one or two sentences the model can say aloud as they are, or null when the page is
 * an ordinary one the tools can act on. It only looks at the URL, so it can run before any injection is tried.
 */

/** Chrome's built-in PDF viewer is an extension page with this id. */
export const CHROME_PDF_VIEWER_ID = 'mhjfbmdgcfjbbpaeojofohoefgiehjai';

export interface RestrictedOptions {
  /** Whether the user has enabled "Allow access to file URLs" for this extension (`file:` pages then work). */
  fileAccess?: boolean;
}

const ASK_AGAIN = 'switch to a normal web page and ask again.';

/** Schemes of the browser's own pages (settings, history, new tab, internals). */
const BROWSER_SCHEMES = new Set([
  'chrome:',
  'chrome-untrusted:',
  'chrome-search:',
  'chrome-error:',
  'chrome-native:',
  'edge:',
  'brave:',
  'opera:',
  'vivaldi:',
  'about:',
  'resource:',
]);

const EXTENSION_SCHEMES = new Set(['chrome-extension:', 'moz-extension:', 'extension:', 'safari-web-extension:']);

const NEW_TAB_PAGES = new Set([
  'chrome://newtab/',
  'chrome://new-tab-page/',
  'chrome-search://local-ntp/local-ntp.html',
  'edge://newtab/',
  'about:newtab',
  'about:home',
]);

/** Pages with an origin that extensions may script even though their scheme is not http(s). */
const SCRIPTABLE_ABOUT = new Set(['about:blank', 'about:srcdoc']);

/** Extension stores: every browser blocks extensions there, so no extension can tamper with installs. */
function isExtensionStore(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  const path = url.pathname.toLowerCase();
  return (
    host === 'chromewebstore.google.com' ||
    (host === 'chrome.google.com' && path.startsWith('/webstore')) ||
    (host === 'microsoftedge.microsoft.com' && path.startsWith('/addons')) ||
    host === 'addons.mozilla.org'
  );
}

function isPdf(url: URL): boolean {
  return url.pathname.toLowerCase().endsWith('.pdf');
}

/** The URL as it can be read aloud: short, and never the payload of a data: or javascript: URL. */
function shown(url: string): string {
  return url.length > 60 ? `${url.slice(0, 57)}…` : url;
}

function pdfReason(): string {
  return "This tab shows a PDF in the browser's PDF viewer, and extensions can't change PDFs — open a normal web page and ask again.";
}

/** Why extensions cannot act on `url`, as a sentence for the user; null when the page is fine. */
export function restrictedReason(url: string | undefined, options: RestrictedOptions = {}): string | null {
  const raw = url?.trim() ?? '';
  if (raw === '') {
    return "I can't tell which page this tab is showing yet — it may still be loading. Wait a moment and ask again.";
  }
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return `I can't work on this tab because its address (${shown(raw)}) isn't a normal web address — ${ASK_AGAIN}`;
  }
  const scheme = parsed.protocol.toLowerCase();

  if (scheme === 'http:' || scheme === 'https:') {
    if (isExtensionStore(parsed)) {
      return `This is the browser's extension store (${parsed.hostname}). Browsers don't let extensions change it — ${ASK_AGAIN}`;
    }
    return isPdf(parsed) ? pdfReason() : null;
  }
  if (scheme === 'about:' && SCRIPTABLE_ABOUT.has(`about:${parsed.pathname.toLowerCase()}`)) return null;
  if (scheme === 'blob:') return null;
  if (NEW_TAB_PAGES.has(parsed.href.toLowerCase())) {
    return "This is the browser's New Tab page. Browsers don't let extensions change it — open a web page in this tab and ask again.";
  }
  if (BROWSER_SCHEMES.has(scheme)) {
    return `This is a browser settings page (${shown(raw)}). Browsers don't let extensions change it — ${ASK_AGAIN}`;
  }
  if (scheme === 'view-source:') {
    return `This tab shows a page's source code (${shown(raw)}), which extensions can't change — open the page itself and ask again.`;
  }
  if (scheme === 'devtools:') {
    return `This is the browser's developer tools, which extensions can't change — ${ASK_AGAIN}`;
  }
  if (EXTENSION_SCHEMES.has(scheme)) {
    if (parsed.hostname.toLowerCase() === CHROME_PDF_VIEWER_ID) return pdfReason();
    return `This page belongs to a browser extension (${shown(raw)}). Browsers don't let an extension change extension pages — ${ASK_AGAIN}`;
  }
  if (scheme === 'file:') {
    if (options.fileAccess) return isPdf(parsed) ? pdfReason() : null;
    return (
      `This is a file on your computer (${shown(raw)}). To let me work on local files, open this extension's ` +
      'details in the browser\'s extensions page, turn on "Allow access to file URLs", reload the tab and ask again.'
    );
  }
  if (scheme === 'data:') {
    return `This tab shows a data: address, which extensions can't change — ${ASK_AGAIN}`;
  }
  if (scheme === 'javascript:') {
    return `This tab's address is a javascript: link, which extensions can't change — ${ASK_AGAIN}`;
  }
  return `I can only work on normal web pages, and this tab shows a "${scheme}" address — ${ASK_AGAIN}`;
}
