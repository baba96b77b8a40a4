// @ts-check
/**
 * What the local peer "says": the words of a reply, made from the conversation. Pure functions, so the reply to a
 * tool result is predictable enough for tests to wait for ("Done — the background is navy now.").
 */
import { isObject } from './protocol.mjs';

export const GREETING =
  'Hello! I am the local Realtime peer. Type a command like "make the background navy" or "what is on this page".';

/**
 * @param {string} text
 * @param {number} max
 */
function clip(text, max) {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** @param {string} text */
function sentence(text) {
  const t = text.trim();
  return /[.!?…]$/.test(t) ? t : `${t}.`;
}

/**
 * The page's title from its HTML: `<title>`, else the first `<h1>`.
 * @param {string} html
 * @returns {string | null}
 */
export function titleOf(html) {
  const strip = (/** @type {string} */ s) => clip(s.replace(/<[^>]*>/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&nbsp;/g, ' '), 100);
  for (const re of [/<title[^>]*>([\s\S]*?)<\/title>/i, /<h1[^>]*>([\s\S]*?)<\/h1>/i]) {
    const m = html.match(re);
    const text = m?.[1] ? strip(m[1]) : '';
    if (text) return text;
  }
  return null;
}

/** @param {number} scale */
function scaleWords(scale) {
  if (scale === 2) return 'twice as big';
  if (scale === 3) return 'three times as big';
  if (scale === 0.5) return 'half the size';
  return scale > 1 ? `${scale} times as big` : `${scale} times the size`;
}

/**
 * "twice as big and green, with white text"
 * @param {Record<string, unknown>} args set_button_style arguments
 */
export function describeButtons(args) {
  const parts = [];
  if (typeof args.scale === 'number') parts.push(scaleWords(args.scale));
  if (typeof args.size_px === 'number') parts.push(`${args.size_px}px`);
  if (typeof args.color === 'string') parts.push(args.color);
  let text = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0] ?? 'restyled';
  if (typeof args.text_color === 'string') text += parts.length ? `, with ${args.text_color} text` : '';
  if (!parts.length && typeof args.text_color === 'string') text = `showing ${args.text_color} text`;
  return text;
}

/**
 * One sentence about one tool result.
 * @param {{ name: string, arguments: Record<string, unknown> } | undefined} call the call the peer made
 * @param {string} output what the client sent back (`function_call_output.output`)
 */
export function describeResult(call, output) {
  /** @type {unknown} */
  let result = output;
  try {
    result = JSON.parse(output);
  } catch {
    // Not JSON: a plain-text result.
  }
  if (isObject(result) && result.ok === false) {
    const error = typeof result.error === 'string' ? result.error : JSON.stringify(result.error ?? 'unknown error');
    return sentence(`Sorry, that didn't work: ${error}`);
  }
  if (!isObject(result)) {
    return typeof result === 'string' && result.trim() ? sentence(`The tool said: ${clip(result, 120)}`) : 'Done.';
  }
  const args = call?.arguments ?? {};
  switch (call?.name) {
    case 'get_page_html': {
      const html = typeof result.html === 'string' ? result.html : '';
      const chars = typeof result.chars === 'number' ? result.chars : html.length;
      const title = typeof result.title === 'string' && result.title ? result.title : titleOf(html);
      const read = `I read ${chars} characters of ${title ? 'it' : 'the page'}`;
      return title ? `The page is titled "${title}". ${read}.` : `${read}.`;
    }
    case 'set_background_color':
      return `Done — the background is ${String(args.color ?? result.color ?? 'changed')} now.`;
    case 'set_font_color':
      return `Done — the text is ${String(args.color ?? result.color ?? 'changed')} now.`;
    case 'set_button_style':
      return `Done — the buttons are ${describeButtons(args)} now.`;
    case 'undo': {
      const first = Array.isArray(result.changes) ? result.changes[0] : undefined;
      return typeof first === 'string' ? `Done — I undid the last change (${clip(first, 80)}).` : 'Done — I undid the last change.';
    }
    default:
      return 'Done.';
  }
}
