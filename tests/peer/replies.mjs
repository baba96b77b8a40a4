// @ts-check
/**
 * What the local peer "says": the words of a reply, made from the conversation. Pure functions, so the reply to a
 * tool result is predictable enough for tests to wait for ("Done — the background is navy now.").
 */
import { isObject } from './protocol.mjs';

export const GREETING =
  'Hello! I am the local Realtime peer. Type a command like "make the background navy", "what is on this page" ' +
  'or "click Subscribe".';

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
 * What an outline shows: its title (from the `# Title — address` line) and the first few elements it lists.
 * @param {string} outline
 */
export function describeOutline(outline) {
  const title = outline.match(/^#\s*(.*?)(?:\s+—\s+\S+)?\s*$/m)?.[1]?.trim();
  const elements = [...outline.matchAll(/^\*?\s*([a-z][\w-]*) "(.+?)"[^\n]*\[[a-z]*\d[\w:-]*\]/gim)];
  const page = title ? `The page "${clip(title, 80)}"` : 'The page';
  if (!elements.length) return `${page} has nothing listed to click or type into.`;
  const some = elements.slice(0, 3).map((m) => `"${clip(m[2] ?? '', 40)}" (${m[1]})`);
  const list = some.length > 1 ? `${some.slice(0, -1).join(', ')} and ${some[some.length - 1]}` : some[0];
  return `${page} has ${elements.length} thing${elements.length === 1 ? '' : 's'} to act on, like ${list}.`;
}

/**
 * The reply when a lookup did not find what a command named.
 * @param {string} what e.g. `a "Subscribe" button on this page`
 */
export function notFoundReply(what) {
  return `I couldn't find ${what}.`;
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
    const pending = isObject(result.needsConfirmation) ? result.needsConfirmation : null;
    if (pending && typeof pending.action === 'string') {
      const reason = typeof pending.reason === 'string' && pending.reason ? ` (${clip(pending.reason, 120)})` : '';
      return sentence(`I need you to confirm first: ${clip(pending.action, 120)}${reason}`);
    }
    if (/^The user (?:declined|did not confirm)\b/.test(error)) return sentence(`OK, I didn't do it. ${error.replace(/ (?:Do not|Ask the user).*$/, '')}`);
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
    case 'get_page_outline':
      return describeOutline(typeof result.outline === 'string' ? result.outline : typeof result.text === 'string' ? result.text : '');
    case 'find_text': {
      const matches = Array.isArray(result.matches) ? result.matches.length : 0;
      const what = typeof args.text === 'string' ? ` for "${clip(args.text, 60)}"` : '';
      if (!matches) return `I found no matches${what} on the page.`;
      return `I found ${matches} match${matches === 1 ? '' : 'es'}${what}.`;
    }
    case 'read_page_text': {
      const text = typeof result.text === 'string' ? clip(result.text, 300) : '';
      const page = typeof result.page === 'number' ? result.page : 1;
      const pages = typeof result.pages === 'number' ? result.pages : page;
      return `Page ${page} of ${pages}: ${text || '(no text)'}`;
    }
    case 'list_tabs': {
      const tabs = (Array.isArray(result.tabs) ? result.tabs : []).filter(isObject);
      if (!tabs.length) return 'No tabs are open.';
      const list = tabs.map((t) => {
        const site = typeof t.site === 'string' && t.site ? ` (${t.site})` : '';
        return `${String(t.tab_id)}: "${clip(String(t.title ?? ''), 60)}"${site}${t.controlled ? ', the one I control' : ''}`;
      });
      return `${tabs.length} tab${tabs.length === 1 ? '' : 's'} open: ${list.join('; ')}.`;
    }
    case 'look_at_page': {
      const image = isObject(result.image) ? result.image : {};
      const size = typeof image.width === 'number' && typeof image.height === 'number' ? ` (${image.width}×${image.height})` : '';
      return `I attached a screenshot of the page${size}, but this local peer cannot see pictures.`;
    }
    default:
      return typeof result.did === 'string' && result.did.trim() ? sentence(clip(result.did, 300)) : 'Done.';
  }
}
