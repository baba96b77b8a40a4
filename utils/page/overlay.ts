import { INJECTED_STYLE_ATTRIBUTE } from './undo';

/**
 * What the user sees of the AI in the page: a small badge ("AI is controlling this tab") and highlights on the
 * elements it touches. Rendered in a closed shadow root under a host whose inline `!important` styles beat any
 * page stylesheet, so the page can neither restyle nor read it. Created on the AI's first action in the page,
 * removed when the session ends.
 */

/** Tag of the overlay's host element; tools skip it (it is ours, not the page's). */
export const OVERLAY_TAG = 'voice-page-control-overlay';

const HOST_STYLE = [
  'all: initial', 'position: fixed', 'inset: 0', 'z-index: 2147483647', 'pointer-events: none', 'display: block',
  'visibility: visible', 'opacity: 1', 'contain: strict', 'width: 100vw', 'height: 100vh', 'transform: none', 'filter: none',
]
  .map((rule) => `${rule} !important`)
  .join('; ');

const CSS = `
  .badge { position: fixed; right: 12px; bottom: 12px; display: flex; align-items: center; gap: 6px;
    padding: 6px 10px; border-radius: 999px; background: #111827; color: #fff; font: 600 12px/1.2 system-ui, sans-serif;
    box-shadow: 0 2px 8px rgba(0,0,0,.35); }
  .dot { width: 8px; height: 8px; border-radius: 50%; background: #22c55e; animation: pulse 1.4s infinite; }
  .box { position: fixed; border: 3px solid #f59e0b; border-radius: 4px; background: rgba(245,158,11,.15);
    box-shadow: 0 0 0 2px rgba(0,0,0,.4); transition: opacity .2s; }
  .label { position: absolute; left: -3px; top: -22px; padding: 2px 6px; border-radius: 3px; background: #f59e0b;
    color: #111; font: 600 12px/16px system-ui, sans-serif; white-space: nowrap; }
  @keyframes pulse { 50% { opacity: .35; } }
  @media (prefers-reduced-motion: reduce) { .dot { animation: none; } }
`;

export class PageOverlay {
  #host: HTMLElement | null = null;
  #root: ShadowRoot | null = null;
  #boxes = new Set<{ box: HTMLElement; el: Element; until: number }>();
  #frame = 0;

  constructor(private readonly doc: Document) {}

  /** Whether the overlay is in the page (for tests and for "nothing of ours before the first action"). */
  get shown(): boolean {
    return this.#host?.isConnected ?? false;
  }

  /** Shows the badge (idempotent; put back if the page removed it). */
  showBadge(): void {
    if (this.#host?.isConnected) return;
    const host = this.doc.createElement(OVERLAY_TAG);
    host.setAttribute(INJECTED_STYLE_ATTRIBUTE, '');
    host.setAttribute('style', HOST_STYLE);
    const root = host.attachShadow({ mode: 'closed' });
    const style = this.doc.createElement('style');
    style.textContent = CSS;
    const badge = this.doc.createElement('div');
    badge.className = 'badge';
    badge.setAttribute('role', 'status');
    const dot = this.doc.createElement('span');
    dot.className = 'dot';
    badge.append(dot, 'AI is controlling this tab');
    root.append(style, badge);
    this.doc.documentElement.append(host);
    this.#host = host;
    this.#root = root;
  }

  /** Outlines `el` (with an optional label) for `ms` milliseconds, following it while the page scrolls. */
  highlight(el: Element, ms: number, label?: string): void {
    this.showBadge();
    const root = this.#root;
    if (!root) return;
    const box = this.doc.createElement('div');
    box.className = 'box';
    if (label) {
      const tag = this.doc.createElement('span');
      tag.className = 'label';
      tag.textContent = label;
      box.append(tag);
    }
    root.append(box);
    this.#boxes.add({ box, el, until: Date.now() + ms });
    this.#place();
  }

  /** Removes the badge and every highlight (the session ended). */
  remove(): void {
    const view = this.doc.defaultView;
    if (this.#frame && view) view.cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#boxes.clear();
    this.#host?.remove();
    this.#host = null;
    this.#root = null;
  }

  #place = (): void => {
    this.#frame = 0;
    const now = Date.now();
    for (const entry of this.#boxes) {
      if (now >= entry.until || !entry.el.isConnected) {
        entry.box.remove();
        this.#boxes.delete(entry);
        continue;
      }
      const rect = entry.el.getBoundingClientRect();
      Object.assign(entry.box.style, {
        left: `${rect.left - 3}px`, top: `${rect.top - 3}px`, width: `${rect.width}px`, height: `${rect.height}px`,
      });
    }
    const view = this.doc.defaultView;
    if (this.#boxes.size > 0 && view?.requestAnimationFrame) this.#frame = view.requestAnimationFrame(this.#place);
  };
}
