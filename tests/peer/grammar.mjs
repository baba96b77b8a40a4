// @ts-check
/**
 * The local Realtime peer's "language model": a small grammar that turns a typed command into the tool calls
 * the real model would make for the extension's tools (utils/tools/):
 *
 *   style:   set_background_color, set_font_color, set_button_style, undo, reset_page, set_style
 *   reading: get_page_outline, get_page_html, read_page_text, find_text, look_at_page, wait_for
 *   acting:  click, type_text, press_key, select_option, set_checked, scroll, highlight
 *   browser: navigate, list_tabs, switch_tab, open_tab, close_tab
 *
 * Acting on one element takes two steps, as with the real model: first `get_page_outline` (with a query), then,
 * when its output comes back, the act on the ref of the outline line that matches best (`continuePlan`). Tab
 * commands by title likewise go through `list_tabs`. A plan is a list of steps; `startPlan` gives the calls of
 * its first response and a continuation for the lookup the rest waits on. The session (session.mjs) keeps the
 * continuation with that call and hands it the call's output.
 *
 * It is deliberately forgiving ("please", "the", punctuation, British spelling, several commands joined with
 * "and") and deliberately small: anything it does not understand gives no steps, and the peer then answers in
 * words. Pure functions only; unit-tested in tests/unit/peer.test.ts. README.md lists what it understands.
 */

/** @typedef {{ name: string, arguments: Record<string, unknown> }} ToolCall */

/** The 148 CSS named colours (CSS Color 4) plus `transparent`. */
export const CSS_COLOR_NAMES = new Set(
  (
    'aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown ' +
    'burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan ' +
    'darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred ' +
    'darksalmon darkseagreen darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink ' +
    'deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold ' +
    'goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki lavender lavenderblush ' +
    'lawngreen lemonchiffon lightblue lightcoral lightcyan lightgoldenrodyellow lightgray lightgreen lightgrey ' +
    'lightpink lightsalmon lightseagreen lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime ' +
    'limegreen linen magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen ' +
    'mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin ' +
    'navajowhite navy oldlace olive olivedrab orange orangered orchid palegoldenrod palegreen paleturquoise ' +
    'palevioletred papayawhip peachpuff peru pink plum powderblue purple rebeccapurple red rosybrown royalblue ' +
    'saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue slateblue slategray slategrey snow ' +
    'springgreen steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen ' +
    'transparent'
  ).split(' '),
);

/** Words dropped before parsing: politeness, articles and other filler that never changes the meaning. */
const FILLER = new Set(
  ('please pls kindly can could would will you u just now also the a an my its it\'s all of every ' +
    'on this page\'s s').split(' '),
);
// "on" and "this" are filler inside a style command ("the buttons on this page"); reading phrases ("what is on
// this page") are matched by the command grammar below, before the style grammar sees the text.

const NUMBER_WORDS = /** @type {Record<string, number>} */ ({
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
});

const UNDO = /^(?:undo|revert|reverse|take back)(?: (?:that|it|this|last(?: change| thing| one)?|my last change|the last change|previous change|change))?$/;

/**
 * Splits text into tokens, keeping colour literals (#hex, rgb(...), hsl(...)) whole and in their original form.
 * @param {string} text
 * @returns {string[]}
 */
function tokenize(text) {
  const tokens = [];
  const re = /#[0-9a-f]{3,8}\b|(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\([^)]*\)|\d+(?:\.\d+)?\s*(?:px|%)|\d+(?:\.\d+)?|[a-z]+(?:'[a-z]+)?|[,;.!?&+]/gi;
  for (const match of text.matchAll(re)) tokens.push(match[0]);
  return tokens;
}

/** @param {string} token */
function isColorLiteral(token) {
  return /^#[0-9a-f]{3,8}$/i.test(token) || /^[a-z]+\(/i.test(token);
}

/** @typedef {{ color: string, start: number, end: number }} ColorMatch */

/**
 * Finds the colours in a list of words: literals (#hex, rgb()…) as written, and the longest runs of up to four
 * words that join into a CSS colour name ("light blue" → "lightblue", "dark slate grey" → "darkslategrey").
 * @param {string[]} words
 * @returns {ColorMatch[]} in order; `end` is exclusive
 */
export function findColors(words) {
  /** @type {ColorMatch[]} */
  const found = [];
  for (let i = 0; i < words.length; i++) {
    const word = /** @type {string} */ (words[i]);
    if (isColorLiteral(word)) {
      found.push({ color: word.startsWith('#') ? word.toLowerCase() : word.replace(/\s+/g, ' '), start: i, end: i + 1 });
      continue;
    }
    for (let n = Math.min(4, words.length - i); n >= 1; n--) {
      const joined = words.slice(i, i + n).join('').toLowerCase();
      if (CSS_COLOR_NAMES.has(joined)) {
        found.push({ color: joined, start: i, end: i + n });
        i += n - 1;
        break;
      }
    }
  }
  return found;
}

/**
 * The colour a clause asks for: the first one after the last "to"/"into" ("from red to blue" → blue), else the
 * first one.
 * @param {string[]} words
 * @returns {string | undefined}
 */
export function findColor(words) {
  const colors = findColors(words);
  const to = Math.max(words.lastIndexOf('to'), words.lastIndexOf('into'));
  return (colors.find((c) => c.start > to) ?? colors[0])?.color;
}

/** @param {string} word */
function numberOf(word) {
  if (word in NUMBER_WORDS) return NUMBER_WORDS[word];
  const n = Number.parseFloat(word);
  return Number.isFinite(n) ? n : undefined;
}

/** @param {number} n */
const round = (n) => Math.round(n * 100) / 100;

/**
 * Reads a size change for buttons: `{scale}` or `{size_px}`, or `{}` when the words say nothing about size.
 * @param {string} text one clause, lower case, filler removed, words joined by single spaces
 * @returns {{ scale?: number, size_px?: number }}
 */
export function findSize(text) {
  const px = text.match(/\b(\d+(?:\.\d+)?) ?(?:px|pixels?)\b/);
  if (px) return { size_px: Number(px[1]) };

  const smaller = /\b(?:smaller|tinier|shrink|shrunk|reduce|decrease|less big|as small)\b/.test(text);
  const bigger = /\b(?:bigger|larger|grow|enlarge|increase|as big|as large|huge)\b/.test(text);

  const percent = text.match(/\b(\d+(?:\.\d+)?) ?(?:%|percent|per cent)/);
  if (percent && (bigger || smaller)) {
    const p = Number(percent[1]) / 100;
    return { scale: round(smaller && !bigger ? 1 - p : 1 + p) };
  }

  const times = text.match(/\b(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten) ?(?:x|times)\b/);
  if (times) {
    const n = numberOf(/** @type {string} */ (times[1]));
    if (n !== undefined && n > 0) return { scale: round(smaller && !/\bas big|as large\b/.test(text) ? 1 / n : n) };
  }
  if (/\b(?:twice|double|doubled)\b/.test(text)) return { scale: 2 };
  if (/\b(?:thrice|triple|tripled)\b/.test(text)) return { scale: 3 };
  if (/\b(?:quadruple|quadrupled)\b/.test(text)) return { scale: 4 };
  if (/\b(?:half|halve|halved)\b/.test(text)) return { scale: 0.5 };
  if (/\b(?:quarter)\b/.test(text)) return { scale: 0.25 };

  const slightly = /\b(?:bit|little|slightly|tad|touch)\b/.test(text);
  const much = /\b(?:much|lot|way|really|very|huge|giant|enormous)\b/.test(text);
  if (bigger) return { scale: slightly ? 1.25 : much ? 2 : 1.5 };
  if (smaller) return { scale: slightly ? 0.9 : much ? 0.5 : 0.75 };
  return {};
}

/** @typedef {'background' | 'font' | 'buttons'} Target */

const TEXT_WORD = /^(?:text|texts|font|fonts|writing|letters|lettering|words|labels?|typeface)$/;

/**
 * Which part of the page a clause talks about, if it names one.
 * @param {string[]} words
 * @returns {{ target: Target, buttonText: boolean } | undefined}
 */
function findTarget(words) {
  const has = (/** @type {RegExp} */ re) => words.some((w) => re.test(w));
  const buttons = has(/^(?:buttons?|btns?)$/);
  const text = has(TEXT_WORD);
  if (buttons) return { target: 'buttons', buttonText: text };
  if (text) return { target: 'font', buttonText: false };
  if (has(/^(?:background|backgrounds|bg|backdrop|page|site|website|body)$/)) return { target: 'background', buttonText: false };
  return undefined;
}

/**
 * Colours for buttons. With a text word in the clause, the colour next to it is the text colour ("with white
 * text", "button text white") and any other colour is the background ("green with white text").
 * @param {string[]} words
 * @param {boolean} mentionsText
 * @returns {{ color?: string, text_color?: string }}
 */
function buttonColors(words, mentionsText) {
  const colors = findColors(words);
  if (!mentionsText) {
    const color = findColor(words);
    return color ? { color } : {};
  }
  const at = words.findIndex((w) => TEXT_WORD.test(w));
  const near = colors.find((c) => c.end === at || c.start === at + 1 || (c.start > at && words[at + 1] === 'to'))
    ?? (colors.length === 1 ? colors[0] : undefined);
  const other = colors.find((c) => c !== near);
  return { ...(other ? { color: other.color } : {}), ...(near ? { text_color: near.color } : {}) };
}

/** Questions about colours ("is the background blue?") must not change anything. */
const QUESTION = /^(?:is|are|was|were|what|which|why|how|does|do|did|who|where|when)\b/;

/**
 * The style part of the grammar (the first five tools): background, text and button colours, button sizes, undo.
 * @param {string} text what the user said
 * @returns {ToolCall[]} the calls, in order; `[]` when the text is not a style command
 */
export function parseStyle(text) {
  if (typeof text !== 'string') return [];
  const lower = text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\bcolour/g, 'color');
  const plain = lower.replace(/[^a-z0-9#%'()., ]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!plain) return [];

  // "undo" on its own first.
  const bare = plain.replace(/[.,!?]+/g, ' ').replace(/\b(?:please|pls|kindly|now|can you|could you|would you)\b/g, ' ')
    .replace(/\s+/g, ' ').trim();
  if (UNDO.test(bare)) return [{ name: 'undo', arguments: {} }];

  // Style commands: clauses joined by "and", commas, "then"; each clause may name its target or inherit it
  // ("make the buttons twice as big and green").
  const clauses = /** @type {string[][]} */ ([[]]);
  for (const token of tokenize(lower)) {
    const word = token.toLowerCase();
    if (/^[,;.!?&+]$/.test(word) || word === 'and' || word === 'then') {
      if (clauses[clauses.length - 1]?.length) clauses.push([]);
      continue;
    }
    if (FILLER.has(word)) continue;
    clauses[clauses.length - 1]?.push(isColorLiteral(token) ? token : word);
  }

  /** @type {ToolCall[]} */
  const calls = [];
  /** @type {Target | undefined} */
  let target;
  let buttonText = false;
  let question = false;
  for (const words of clauses) {
    if (!words.length) continue;
    const joined = words.join(' ');
    if (UNDO.test(joined)) {
      calls.push({ name: 'undo', arguments: {} });
      target = undefined;
      continue;
    }
    if (QUESTION.test(joined)) question = true;
    const named = findTarget(words);
    if (named) ({ target, buttonText } = named);
    if (!target || question) continue;

    /** @type {Record<string, unknown>} */
    const args = {};
    if (target === 'buttons') {
      Object.assign(args, findSize(joined), buttonColors(words, buttonText));
    } else {
      const color = findColor(words);
      if (color) args.color = color;
    }
    if (!Object.keys(args).length) continue;

    const name = { background: 'set_background_color', font: 'set_font_color', buttons: 'set_button_style' }[target];
    const previous = calls[calls.length - 1];
    // Clauses about the same thing in a row become one call ("bigger and green" → one set_button_style).
    if (previous && previous.name === name) Object.assign(previous.arguments, args);
    else calls.push({ name, arguments: args });
  }
  for (const call of calls) {
    // size_px and scale exclude each other in the tool's schema: an exact size in px is the more specific.
    if ('size_px' in call.arguments && 'scale' in call.arguments) delete call.arguments.scale;
  }
  return calls;
}

// ——— Commands: the page, its elements, the tabs ———————————————————————————————————————————————————————

/**
 * @typedef {'click' | 'type' | 'search' | 'select' | 'check' | 'scroll' | 'highlight' | 'press' | 'style'} Purpose
 *   what an element is looked up for: it decides which roles are preferred
 * @typedef {{ label: string, words: string[], roles: string[], kind?: string, ordinal?: number }} ElementTarget
 *   an element as the user named it: `label` as typed (for replies), `words` the words of its name (lower
 *   case), `roles` the roles its kind word allows ("button"; "field" → textbox, searchbox…), `kind` that word,
 *   `ordinal` from 1, or -1 for "the last"
 * @typedef {{ call: ToolCall }} CallStep
 * @typedef {{ find: ElementTarget, purpose: Purpose, query?: string, act: ToolCall }} FindStep
 *   get_page_outline {query}, then `act` with the ref of the outline line that matches best
 * @typedef {{ label: string, words: string[], ordinal?: number } | 'current'} TabWanted
 * @typedef {{ tab: TabWanted, act: 'switch_tab' | 'close_tab' }} TabStep
 *   list_tabs, then `act` with the tab_id of the tab that matches best
 * @typedef {CallStep | FindStep | TabStep} Step
 * @typedef {{ step: FindStep | TabStep, rest: Step[] }} Continuation
 *   a plan waiting for the output of its lookup (the last call of the batch it came with)
 * @typedef {{ calls: ToolCall[], then?: Continuation, notFound?: string, failed?: boolean }} Batch
 *   the calls of one response, `then` waiting for the last one's output. Without calls: `notFound` says what
 *   the lookup did not find, `failed` that the lookup itself failed (its output says why)
 * @typedef {{ reading?: { page: number, pages?: number } | null, lastRef?: string | null, tools?: Iterable<string> }} Context
 *   what the conversation adds: the last page read_page_text gave (for "next page"), the ref last acted on
 *   ("click it"), the session's tools (to fall back to get_page_html where an older session lacks the new tools)
 */

/**
 * @param {string} name
 * @param {Record<string, unknown>} [args]
 * @returns {CallStep}
 */
const callStep = (name, args = {}) => ({ call: { name, arguments: args } });

/** @param {unknown} value @returns {value is Record<string, any>} */
const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

const FIELD_ROLES = ['textbox', 'searchbox', 'combobox', 'spinbutton'];
const CHECK_ROLES = ['checkbox', 'switch', 'radio', 'menuitemcheckbox', 'menuitemradio'];
const CLICK_ROLES = ['button', 'link', 'tab', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option', 'treeitem'];
const LIST_ROLES = ['combobox', 'listbox'];

/** Roles a purpose prefers, and by how much (a field for typing matters more than a button for clicking). */
const PREFERRED = /** @type {Record<Purpose, { roles: string[], bonus: number }>} */ ({
  click: { roles: CLICK_ROLES, bonus: 10 },
  type: { roles: FIELD_ROLES, bonus: 30 },
  search: { roles: ['searchbox', 'textbox', 'combobox'], bonus: 30 },
  select: { roles: LIST_ROLES, bonus: 30 },
  check: { roles: CHECK_ROLES, bonus: 30 },
  press: { roles: [], bonus: 0 },
  scroll: { roles: [], bonus: 0 },
  highlight: { roles: [], bonus: 0 },
  style: { roles: [], bonus: 0 },
});

/** Words that name a kind of element ("the Subscribe button"): the roles they allow, and the word for replies. */
const ROLE_WORDS = /** @type {Record<string, { roles: string[], kind: string }>} */ ({});
for (const [words, roles, kind] of /** @type {[string, string[], string][]} */ ([
  ['button buttons btn btns', ['button'], 'button'],
  ['link links hyperlink hyperlinks page', ['link'], 'link'],
  ['tab', ['tab'], 'tab'],
  ['field fields box input inputs textbox textfield', FIELD_ROLES, 'field'],
  ['textarea', ['textbox'], 'text area'],
  ['searchbox', ['searchbox', 'textbox', 'combobox'], 'search box'],
  ['checkbox checkboxes toggle switch', CHECK_ROLES, 'checkbox'],
  ['radio radios', ['radio'], 'radio button'],
  ['dropdown dropdowns listbox combobox select list', LIST_ROLES, 'dropdown'],
  ['option', ['option', 'radio', 'menuitemradio'], 'option'],
  ['menuitem', ['menuitem', 'menuitemcheckbox', 'menuitemradio'], 'menu item'],
  ['heading headline', ['heading'], 'heading'],
])) {
  for (const word of words.split(' ')) ROLE_WORDS[word] = { roles, kind };
}
/** Two-word kinds, folded into one word before a target is read. */
const ROLE_PHRASES = /** @type {[RegExp, string][]} */ ([
  [/\b(?:text|input|entry) (?:box|field|area)\b/gi, 'field'],
  [/\bsearch (?:box|bar|field|input)\b/gi, 'searchbox'],
  [/\b(?:check|tick) ?box(?:es)?\b/gi, 'checkbox'],
  [/\bdrop[ -]?down(?: (?:list|menu|box))?\b/gi, 'dropdown'],
  [/\b(?:combo|select|list) ?box\b/gi, 'dropdown'],
  [/\bradio buttons?\b/gi, 'radio'],
  [/\bmenu items?\b/gi, 'menuitem'],
  [/\btext area\b/gi, 'textarea'],
]);
/** Words that never belong to an element's name as typed ("the", "called", "on this page"). */
const TARGET_FILLER = new Set('the a an this that these those my your our its their please'.split(' '));
const TARGET_PHRASES = [
  /\b(?:on|in|at) (?:the|this) (?:page|screen|site|website)\b/gi,
  /\b(?:that|which) (?:says|reads|is called|is named|is labell?ed)\b/gi,
  /\bwith (?:the )?(?:text|label|name|words?|title)\b/gi,
  /\b(?:called|named|labell?ed|titled|saying)\b/gi,
  /(?:^|\s)(?:here|there)$/gi,
];

const ORDINALS = /** @type {Record<string, number>} */ ({
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, '5th': 5, last: -1,
});
const ORDINAL_WORDS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/**
 * The words of a name, lower case, accents and punctuation gone: "Lemon cake — classic recipe" → lemon cake classic recipe.
 * @param {string} text
 */
export function nameWords(text) {
  return text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/colour/g, 'color')
    .split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * Reads how the user named an element: "the Subscribe button", `the "Lemon cake" link`, "the search box",
 * "the second link", "the button labelled Save".
 * @param {string} raw
 * @returns {ElementTarget | null} null when it names nothing
 */
export function parseTarget(raw) {
  let text = raw.trim();
  const quoted = text.match(/"([^"]+)"/) ?? text.match(/(?:^|\s)'([^']+)'(?=\s|$)/);
  if (quoted) text = text.replace(quoted[0], ' ');
  // "the button labelled Save" → "Save button".
  const named = text.match(/^(.*?)\b([a-z]+)\s+(?:(?:that|which) (?:says|reads|is called|is named|is labell?ed)|with (?:the )?(?:text|label|name|words?|title)|called|named|labell?ed|titled|saying)\s+(\S.*)$/i);
  if (named && (named[2] ?? '').toLowerCase() in ROLE_WORDS) text = `${named[1]} ${named[3]} ${named[2]}`;
  for (const re of TARGET_PHRASES) text = text.replace(re, ' ');
  for (const [re, word] of ROLE_PHRASES) text = text.replace(re, word);
  /** @type {ElementTarget} */
  const target = { label: '', words: [], roles: [] };
  const label = [];
  const tokens = text.split(/\s+/).filter(Boolean);
  for (const [index, token] of tokens.entries()) {
    const word = token.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (!word || TARGET_FILLER.has(word)) continue;
    if (word in ORDINALS && target.ordinal === undefined && !label.length) {
      target.ordinal = ORDINALS[word];
      continue;
    }
    const role = ROLE_WORDS[word];
    // A kind word counts as one only at the end ("the Subscribe button") or alone, so "Page 2" or
    // "Tab settings" stay names.
    if (role && (index === tokens.length - 1 || tokens.slice(index + 1).every((t) => TARGET_FILLER.has(t.toLowerCase())))) {
      target.roles = role.roles;
      target.kind = role.kind;
      continue;
    }
    label.push(token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''));
  }
  if (quoted) {
    target.label = (quoted[1] ?? quoted[2] ?? '').trim();
  } else {
    target.label = label.join(' ');
  }
  target.words = nameWords(target.label);
  if (!target.words.length && !target.roles.length && target.ordinal === undefined) return null;
  return target;
}

/**
 * @typedef {{ role: string, name: string, ref: string, disabled: boolean }} OutlineLine
 */

/**
 * `  button "Subscribe" [e3] disabled`, `searchbox "Search" value="" [e2]` (a leading `*` marks a line new since
 * the last outline): role, name, ref, the rest.
 */
const OUTLINE_LINE = /^\*?\s*([a-z][\w-]*)(?: "(.*?)")?(.*?) \[([a-z]*\d[\w:-]*)\](.*)$/i;

/**
 * The lines of an outline that carry a ref.
 * @param {string} text
 * @returns {OutlineLine[]}
 */
export function parseOutline(text) {
  /** @type {OutlineLine[]} */
  const lines = [];
  for (const line of text.split('\n')) {
    const m = line.match(OUTLINE_LINE);
    if (!m) continue;
    const states = `${m[3] ?? ''} ${m[5] ?? ''}`;
    lines.push({ role: (m[1] ?? '').toLowerCase(), name: m[2] ?? '', ref: m[4] ?? '', disabled: /\bdisabled\b/.test(states) });
  }
  return lines;
}

/**
 * The outline in a get_page_outline output: its `outline` or `text` field, else its first string that has a
 * ref in it, else its longest string.
 * @param {unknown} result the parsed output (or the raw text)
 */
export function outlineTextOf(result) {
  if (typeof result === 'string') return result;
  if (!isRecord(result)) return '';
  for (const key of ['outline', 'text']) if (typeof result[key] === 'string') return /** @type {string} */ (result[key]);
  const strings = Object.values(result).filter((v) => typeof v === 'string');
  return strings.find((s) => /\[[^\]\s]+\]/.test(s)) ?? strings.sort((a, b) => b.length - a.length)[0] ?? '';
}

/**
 * Whether a typed word stands for a word of a name: the same, a plural of it, or (3+ letters) its start.
 * @param {string} typed
 * @param {string} name
 */
function sameWord(typed, name) {
  return typed === name || `${typed}s` === name || `${name}s` === typed || `${typed}es` === name || `${name}es` === typed ||
    (typed.length >= 3 && name.startsWith(typed));
}

/**
 * How well words match a name: 100 the same words, 70 the typed words in a row inside it, 30–50 enough of the
 * words (all of one or two, two thirds of more); null for no match. Shorter names score a little higher.
 * @param {string[]} typed
 * @param {string[]} name
 * @returns {number | null}
 */
function nameScore(typed, name) {
  const joined = name.join(' ');
  const phrase = typed.join(' ');
  let score;
  if (joined === phrase) score = 100;
  else if (` ${joined} `.includes(` ${phrase} `)) score = 70;
  else {
    const matched = typed.filter((w) => name.some((n) => sameWord(w, n))).length;
    const need = typed.length <= 2 ? typed.length : Math.ceil((typed.length * 2) / 3);
    if (matched < need) return null;
    score = 30 + (20 * matched) / typed.length;
  }
  return score - Math.min(10, Math.max(0, name.length - typed.length));
}

/**
 * The outline line an element lookup means: the best name match (exact, then containing the words, then most
 * words), with the roles the user named or the purpose prefers winning ties; "the second link" counts matches
 * in page order. A search looks for a search box, else a field with "search" in its name, else any field.
 * @param {string} outline the outline text
 * @param {ElementTarget} target
 * @param {Purpose} purpose
 * @returns {OutlineLine | null}
 */
export function pickLine(outline, target, purpose) {
  const lines = parseOutline(outline);
  if (purpose === 'search') {
    const rank = (/** @type {OutlineLine} */ l) =>
      l.role === 'searchbox' ? 3 : FIELD_ROLES.includes(l.role) ? (nameWords(l.name).some((w) => w.startsWith('search')) ? 2 : 1) : 0;
    return lines.reduce((/** @type {OutlineLine | null} */ best, l) => (rank(l) > (best ? rank(best) : 0) ? l : best), null);
  }
  const preferred = PREFERRED[purpose];
  /** @type {{ line: OutlineLine, score: number }[]} */
  const scored = [];
  for (const line of lines) {
    const named = target.roles.includes(line.role);
    let score;
    if (target.words.length) {
      score = nameScore(target.words, nameWords(line.name));
      if (score === null) continue;
      if (target.roles.length) score += named ? 25 : -15;
    } else {
      // Only a kind ("the first link", "type hello" → a field): lines of that kind, or of the purpose's kinds.
      if (!(target.roles.length ? named : preferred.roles.includes(line.role))) continue;
      // The kind's first role first ("the search box": a searchbox before a textbox).
      score = 10 + (named ? target.roles.length - target.roles.indexOf(line.role) : 0);
    }
    if (preferred.roles.includes(line.role)) score += preferred.bonus;
    if (line.disabled) score -= 5;
    scored.push({ line, score });
  }
  if (target.ordinal !== undefined) {
    const kind = target.roles.length ? scored.filter((s) => target.roles.includes(s.line.role)) : scored;
    return (target.ordinal > 0 ? kind[target.ordinal - 1] : kind[kind.length - 1])?.line ?? null;
  }
  let best = null;
  for (const s of scored) if (!best || s.score > best.score) best = s;
  return best?.line ?? null;
}

/**
 * The tab a tab command means, from list_tabs' `tabs`: the controlled one (else the active one) for "this tab",
 * the n-th, or the best match of title and site.
 * @param {unknown} tabs
 * @param {TabWanted} wanted
 * @returns {number | null} its tab_id
 */
export function pickTab(tabs, wanted) {
  const list = (Array.isArray(tabs) ? tabs : []).filter((t) => isRecord(t) && typeof t.tab_id === 'number');
  if (wanted === 'current') return (list.find((t) => t.controlled) ?? list.find((t) => t.active))?.tab_id ?? null;
  if (wanted.ordinal !== undefined && !wanted.words.length) {
    return (wanted.ordinal > 0 ? list[wanted.ordinal - 1] : list[list.length - 1])?.tab_id ?? null;
  }
  let best = null;
  let bestScore = -Infinity;
  for (const tab of list) {
    const title = nameWords(String(tab.title ?? ''));
    const site = nameWords(String(tab.site ?? ''));
    const score = Math.max(nameScore(wanted.words, title) ?? -Infinity, (nameScore(wanted.words, site) ?? -Infinity) - 5,
      nameScore(wanted.words, [...title, ...site]) ?? -Infinity);
    if (score > bestScore) [best, bestScore] = [tab, score];
  }
  return best && bestScore > -Infinity ? best.tab_id : null;
}

// ——— Reading a command ———

/** Politeness and filler at the start or end of a command. */
const LEADING = /^(?:(?:please|pls|kindly|ok|okay|hey|so|now|and|then|also|just|go ahead and|can you|could you|would you|will you|can u|could u|i want you to|i'd like you to|i would like you to|i need you to|let's|lets|try to|try and)\b[\s,]*)+/i;
const TRAILING = /(?:[\s,]+(?:please|pls|for me|thanks|thank you|thx|now))+$/i;
const ONLY_FILLER = /^(?:please|pls|thanks|thank you|thx|ok|okay|cheers)?$/i;

/**
 * One command's text without politeness and end punctuation, quotes made straight.
 * @param {string} text
 */
function tidy(text) {
  const t = text.replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"').replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ').trim();
  return t.replace(/[\s.!?]+$/, '').replace(LEADING, '').replace(TRAILING, '').replace(/[\s.!?,]+$/, '').trim();
}

/**
 * The command's words for fixed phrases: lower case, no punctuation but apostrophes, "colour" → "color".
 * @param {string} text
 */
function wordsOf(text) {
  return text.toLowerCase().replace(/\bcolour/g, 'color').replace(/[^\p{L}\p{N}' ]+/gu, ' ').replace(/'/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Text to type or find, as the user wrote it: the quoted part if there is one.
 * @param {string} text
 */
function unquote(text) {
  const t = text.trim();
  const m = t.match(/^"([^"]*)"$/) ?? t.match(/^'([^']*)'$/);
  return (m ? m[1] ?? '' : t).trim();
}

/**
 * Splits "X into Y" at the last of the given words, or just after a quoted X.
 * @param {string} text
 * @param {string[]} joins e.g. ['into', 'in']: tried in this order, the last occurrence of each
 * @returns {[string, string] | null} [X, Y]
 */
function splitAt(text, joins) {
  const q = text.match(/^\s*("[^"]*"|'[^']*')\s+(\S+)\s+(.+)$/);
  if (q && joins.includes((q[2] ?? '').toLowerCase())) return [q[1] ?? '', q[3] ?? ''];
  for (const join of joins) {
    const re = new RegExp(`\\s${join}\\s`, 'gi');
    let last = -1;
    let length = 0;
    for (const m of text.matchAll(re)) [last, length] = [m.index ?? -1, m[0].length];
    if (last > 0 && last + length < text.length) return [text.slice(0, last), text.slice(last + length)];
  }
  return null;
}

/**
 * A web address as typed ("example.com/news", "https://…"), made absolute; null if it is not one.
 * @param {string} text
 */
export function urlOf(text) {
  const t = unquote(text).replace(/^(?:the )?(?:website|web site|site|page|address|url) /i, '').replace(/^<(.*)>$/, '$1');
  if (/^https?:\/\/\S+$/i.test(t)) return t;
  if (/^(?:localhost|127\.0\.0\.1)(?::\d+)?(?:[/?#]\S*)?$/i.test(t)) return `http://${t}`;
  if (/^(?:www\.)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?(?:[/?#]\S*)?$/i.test(t)) return `https://${t}`;
  return null;
}

const KEYS = /** @type {Record<string, string>} */ ({
  enter: 'Enter', return: 'Enter', escape: 'Escape', esc: 'Escape', tab: 'Tab', space: 'Space', spacebar: 'Space',
  'space bar': 'Space', backspace: 'Backspace', delete: 'Delete', del: 'Delete', home: 'Home', end: 'End',
  'page up': 'PageUp', pageup: 'PageUp', 'page down': 'PageDown', pagedown: 'PageDown',
  up: 'ArrowUp', down: 'ArrowDown', left: 'ArrowLeft', right: 'ArrowRight',
});
for (const dir of ['up', 'down', 'left', 'right']) {
  KEYS[`${dir} arrow`] = KEYS[`arrow ${dir}`] = KEYS[dir] ?? '';
}
const MODIFIER_KEYS = /** @type {Record<string, string>} */ ({
  ctrl: 'Control', control: 'Control', shift: 'Shift', alt: 'Alt', option: 'Alt', cmd: 'Meta', command: 'Meta', meta: 'Meta',
});

/**
 * A key as typed: "enter", "the escape key", "ctrl+a", "shift tab".
 * @param {string} text
 * @returns {{ key: string, modifiers?: string[] } | null}
 */
export function keyOf(text) {
  const keyWord = /\bkey$/i.test(text.trim());
  const words = text.toLowerCase().replace(/\bkey$/, '').replace(/^the /, '').split(/[\s+-]+/).filter(Boolean);
  const modifiers = [];
  while (words.length > 1 && (words[0] ?? '') in MODIFIER_KEYS) modifiers.push(MODIFIER_KEYS[words.shift() ?? ''] ?? '');
  const name = words.join(' ');
  let key = KEYS[name];
  // One character only with a modifier or the word "key" ("press the a key"), so "press X" can still click "X".
  if (!key && [...name].length === 1 && (modifiers.length || keyWord)) key = name;
  if (!key) return null;
  return modifiers.length ? { key, modifiers } : { key };
}

/**
 * A step that looks an element up and then acts on it.
 * @param {ElementTarget} target
 * @param {Purpose} purpose
 * @param {string} name the acting tool
 * @param {Record<string, unknown>} [args] its arguments besides `ref`
 * @returns {FindStep}
 */
function findStep(target, purpose, name, args = {}) {
  /** @type {FindStep} */
  const step = { find: target, purpose, act: { name, arguments: args } };
  if (purpose === 'search' || target.kind === 'search box') step.query = 'search';
  else if (target.words.length) step.query = target.words.join(' ');
  else if (target.roles.length === 1) step.query = target.roles[0];
  return step;
}

/**
 * An element command on what the user named: straight to the act with the last ref for "it", else a lookup.
 * @param {string} raw the element as typed
 * @param {Purpose} purpose
 * @param {string} name
 * @param {Record<string, unknown>} args
 * @param {Context} context
 * @returns {Step[] | null}
 */
function onElement(raw, purpose, name, args, context) {
  if (/^(?:it|that|this|this one|that one|them|there)$/i.test(raw.trim())) {
    return context.lastRef ? [callStep(name, { ref: context.lastRef, ...args })] : null;
  }
  const target = parseTarget(raw);
  return target ? [findStep(target, purpose, name, args)] : null;
}

/** Words of phrases that only name the page as a whole (for "read …", "summarise …"). */
const READ_NOUNS = new Set(
  ('me to for us out aloud loud the this that my it page article story post text tab site website blog news piece ' +
    'main content whole thing all of a summary again recipe').split(' '),
);

const OUTLINE_PHRASES = [
  /^what(?: is| s|s)? (?:on|in) (?:the |this |my )?(?:page|tab|site|website|screen)(?: now)?$/,
  /^what can (?:i|we) (?:do|click|press|use)(?: here| on (?:the |this )?(?:page|site|website))?$/,
  /^(?:describe|scan|check|outline|survey)(?: out)? (?:the |this |my )?(?:page|tab|site|website|screen)$/,
  /^(?:describe|outline) it$/,
  /^(?:show|get|give)(?: me)? (?:the |an? )?(?:page )?outline(?: of (?:the |this )?page)?$/,
  /^(?:what|which) (?:buttons|links|fields|controls|options|inputs) (?:are|is) (?:there|here|on (?:the |this )?page)$/,
  /^(?:list|show me|show)(?: all)? (?:of )?(?:the )?(?:buttons|links|fields|controls|options|inputs)(?: on (?:the |this )?page| here)?$/,
];
const LOOK_PHRASES = [
  /^what does (?:the |this |my )?(?:page |tab |site |website |screen |it )?look like(?: now)?$/,
  /^(?:look at|see|check out|view|show me) (?:the |this |my )?(?:page|tab|site|website|screen)$/,
  /^(?:take|grab|make|get) (?:a |me a )?screenshot(?: of (?:the |this )?(?:page|tab|screen))?$/,
  /^screenshot(?: (?:the |this )?(?:page|tab|screen))?$/,
  /^what (?:can|do) you see(?: now| here)?$/,
  /^(?:have|take) a look(?: at (?:it|(?:the |this )?(?:page|tab|screen)))?$/,
  /^(?:look at it|show me what you see)$/,
];
const READ_PHRASES = [
  /^(?:give me )?(?:a )?summary(?: of (?:the |this )?(?:page|article|text))?$/,
  /^tl ?dr$/,
  /^what(?: is| s|s) (?:the |this )?(?:page|article|tab|site|story|post|text|it)(?: all)? about$/,
  /^what does (?:the |this )?(?:page|article|text|it) say$/,
];
const LIST_TABS_PHRASES = [
  /^(?:what|which) tabs?(?: (?:are|do i have|have i got|are there|i have))?(?: open| opened| there)?$/,
  /^(?:list|show|show me|see)(?: all)?(?: of)?(?: the| my| our)?(?: open)? tabs$/,
  /^how many tabs(?: are| do i have)?(?: open)?$/,
  /^tabs$/,
];
const RESET_PHRASES = [
  /^(?:reset|restore)(?: the| this)?(?: page| tab| site| everything| all| it| styles?| colors?)?(?: back)?(?: to (?:normal|how it was|the original))?$/,
  /^(?:undo|revert|remove|clear|reverse) (?:everything|all(?: (?:the |my |of the |of my )?changes)?|all of it|all of that)$/,
  /^(?:start over|put (?:it|everything) back(?: the way it was| how it was)?)$/,
];

/**
 * One command (no "and"s) → its steps, or null when the command grammar does not know it (then the style
 * grammar gets a chance).
 * @param {string} segment
 * @param {Context} context
 * @returns {Step[] | null}
 */
function parseAction(segment, context) {
  const t = tidy(segment);
  if (!t) return null;
  const w = wordsOf(t);
  /** @type {RegExpMatchArray | null} */
  let m;

  // Reading the page.
  if (/^(?:read|show|get|give|fetch|dump|print|what is|what s|whats)\b.*\b(?:html|page source|source code|markup|dom)$/.test(w)) {
    return [callStep('get_page_html')];
  }
  if (RESET_PHRASES.some((re) => re.test(w))) return [callStep('reset_page')];
  if (UNDO.test(w)) return [callStep('undo')];
  if (OUTLINE_PHRASES.some((re) => re.test(w))) {
    const kind = w.match(/\b(button|link)s\b/);
    return [callStep('get_page_outline', kind ? { query: kind[1] } : {})];
  }
  if (LOOK_PHRASES.some((re) => re.test(w))) return [callStep('look_at_page')];
  const reading = readCommand(w, context);
  if (reading) return reading;
  if (LIST_TABS_PHRASES.some((re) => re.test(w))) return [callStep('list_tabs')];

  // History.
  if (/^(?:(?:go|navigate|head|move) )?back(?: (?:a|one) page| to the (?:previous|last) page)?$/.test(w)) return [callStep('navigate', { history: 'back' })];
  if (/^(?:(?:go|navigate|move) )?forward(?: (?:a|one) page)?$/.test(w)) return [callStep('navigate', { history: 'forward' })];
  if (/^(?:reload|refresh)(?: the| this)?(?: page| tab| site)?$/.test(w)) return [callStep('navigate', { history: 'reload' })];

  // Scrolling.
  if ((m = w.match(/^(?:scroll|go|jump|move|take me|skip)(?: all)?(?: the way)?(?: (?:up|down|back))? to (?:the )?(top|bottom|end|start|beginning)(?: of (?:the |this )?page)?$/))) {
    return [callStep('scroll', { direction: m[1] === 'top' || m[1] === 'start' || m[1] === 'beginning' ? 'top' : 'bottom' })];
  }
  if ((m = w.match(/^(?:scroll(?: the page)?|page|move)(?: (down|up))?(?: (?:by )?(a|an|one|two|three|four|five|six|seven|eight|nine|ten|half a|\d+(?:\.\d+)?) (?:screens?|pages?|screenfuls?))?(?: (?:a bit|a little|some|more|again|further))?$/)) &&
    (m[1] || w.startsWith('scroll'))) {
    /** @type {Record<string, unknown>} */
    const args = { direction: m[1] ?? 'down' };
    const count = m[2] === 'a' || m[2] === 'an' ? 1 : m[2] === 'half a' ? 0.5 : m[2] ? numberOf(m[2]) : undefined;
    if (count !== undefined) args.screens = count;
    return [callStep('scroll', args)];
  }
  if ((m = t.match(/^scroll(?: (?:down|up))?(?: (?:to|until)) (.+)$/i) ?? t.match(/^(?:scroll|bring) (.+?) into view$/i))) {
    return onElement(m[1] ?? '', 'scroll', 'scroll', {}, context);
  }

  // Tabs.
  if (/^close (?:this|the|current|my current|the current|that) tab$/.test(w) || w === 'close tab') {
    return [{ tab: 'current', act: 'close_tab' }];
  }
  if ((m = w.match(/^close tab (?:number |no )?(\d+)$/))) return [callStep('close_tab', { tab_id: Number(m[1]) })];
  if ((m = w.match(/^(?:switch|change|go|move|jump|flip|return)(?: back| over)? to tab (?:number |no )?(\d+)$/))) {
    return [callStep('switch_tab', { tab_id: Number(m[1]) })];
  }
  if ((m = t.match(/^close (?:the )?(.+?) tab$/i))) return tabStep(m[1] ?? '', 'close_tab');
  if ((m = t.match(/^(?:switch|change|flip)(?: back| over)? to (?:the )?(.+?)(?: tab)?$/i) ?? t.match(/^(?:go|move|jump|return)(?: back| over)? to (?:the )?(.+?) tab$/i))) {
    return tabStep(m[1] ?? '', 'switch_tab');
  }
  if ((m = t.match(/^open(?: up)? (.+?) in (?:a )?new tab$/i) ?? t.match(/^open(?: up)? (?:a )?new tab(?: (?:with|at|to|for|on))? (.+)$/i))) {
    const url = urlOf(m[1] ?? '');
    return url ? [callStep('open_tab', { url })] : null;
  }
  if ((m = t.match(/^(?:go|navigate|head|browse|take me|bring me|get me|move)(?: over)? to (.+)$/i) ?? t.match(/^(?:open|visit|load|goto|go)\s+(.+)$/i))) {
    const url = urlOf(m[1] ?? '');
    if (url) return [callStep('navigate', { url })];
  }

  // Waiting.
  if (/^wait(?: (?:for|until|till))?(?: (?:the|this))?(?: (?:page|tab|site|it))? (?:to )?(?:load|loads|finish(?:es)? loading|is loaded|has loaded|be loaded)$/.test(w)) {
    return [callStep('wait_for', { load: true })];
  }
  if ((m = t.match(/^wait (?:for|until|till) (.+?) (?:to )?(?:disappears?|goes away|go away|vanish(?:es)?|is gone|be gone|has gone|is hidden|closes?)$/i))) {
    const gone = waitText(m[1] ?? '');
    return gone ? [callStep('wait_for', { gone })] : null;
  }
  if ((m = t.match(/^wait (?:for|until|till) (.+?)(?: (?:to )?(?:appears?|shows up|show up|is shown|is visible|comes up|loads))?$/i))) {
    const text = waitText(m[1] ?? '');
    return text ? [callStep('wait_for', { text })] : null;
  }

  // Keys.
  if (/^(?:submit|submit it|submit the form|send|send it)$/.test(w)) return [callStep('press_key', { key: 'Enter' })];
  if ((m = t.match(/^(?:press|hit|tap|push)(?: the)? (.+?)(?:\s+(?:in|on|into|inside)\s+(.+))?$/i))) {
    const key = keyOf(m[1] ?? '');
    if (key && m[2]) return onElement(m[2], 'press', 'press_key', key, context);
    if (key) return [callStep('press_key', key)];
    const whole = keyOf(t.replace(/^(?:press|hit|tap|push)(?: the)? /i, ''));
    if (whole) return [callStep('press_key', whole)];
  }

  // Finding words on the page (find_text) and searching the site (its search box).
  if ((m = t.match(/^(?:find|locate|look for)(?: me)? (.+?)(?: (?:on|in) (?:the|this) (?:page|article|text)| here)?$/i) ??
    t.match(/^(?:search|look through) (?:the|this) (?:page|article|text) for (.+)$/i) ??
    t.match(/^(?:search(?: for)?|is there|are there)(?: anything about)? (.+?) (?:on|in) (?:the|this) (?:page|article|text)$/i))) {
    const text = findText(m[1] ?? '');
    return text ? [callStep('find_text', { text })] : null;
  }
  if ((m = t.match(/^(?:search(?: (?:the|this) (?:site|website|shop|store))?(?: for)?|look up|do a search for|run a search for|google)\s+(.+)$/i))) {
    const text = unquote(m[1] ?? '');
    return text ? [findStep({ label: '', words: [], roles: [] }, 'search', 'type_text', { text, submit: true })] : null;
  }

  // Typing.
  if ((m = t.match(/^fill(?: in| out)? (.+?) with (.+)$/i))) {
    return onElement(m[1] ?? '', 'type', 'type_text', { text: unquote(m[2] ?? '') }, context);
  }
  if ((m = t.match(/^(?:clear|empty|erase)(?: out)? (.+)$/i))) return onElement(m[1] ?? '', 'type', 'type_text', { text: '', clear: true }, context);
  if ((m = t.match(/^(?:type|enter|write|input|put|fill in|key in|insert|paste)(?: in)?\s+(.+)$/i))) {
    const rest = m[1] ?? '';
    const parts = splitAt(rest, ['into', 'inside', 'in', 'on']);
    if (parts) return onElement(parts[1], 'type', 'type_text', { text: unquote(parts[0]) }, context);
    const text = unquote(rest);
    // Without a field only "type X" / "write X": "enter the password" names no text to type.
    if (!text || !/^(?:type|write|input)\b/i.test(t)) return null;
    return [findStep({ label: '', words: [], roles: [], kind: 'text field' }, 'type', 'type_text', { text })];
  }

  // Lists and checkboxes.
  if (/^select (?:all|everything)(?: (?:the )?text)?$/.test(w)) return [callStep('press_key', { key: 'a', modifiers: ['Control'] })];
  if ((m = t.match(/^(?:select|choose|pick)(?: the option)? (.+)$/i))) {
    const parts = splitAt(m[1] ?? '', ['from', 'in', 'for']);
    if (parts) return onElement(parts[1], 'select', 'select_option', { option: unquote(parts[0]) }, context);
  }
  if ((m = t.match(/^(?:turn|switch|toggle|flip) (.+) (on|off)$/i))) {
    return onElement(m[1] ?? '', 'check', 'set_checked', { checked: (m[2] ?? '').toLowerCase() === 'on' }, context);
  }
  if ((m = t.match(/^(?:uncheck|un-check|untick|un-tick|disable|turn off|switch off|toggle off|deselect|unselect)\s+(.+)$/i))) {
    return onElement(m[1] ?? '', 'check', 'set_checked', { checked: false }, context);
  }
  if ((m = t.match(/^(?:check|tick|enable|turn on|switch on|toggle on)\s+(.+)$/i)) && !/^(?:if|whether|that|what|how|out|for|the page|this page)\b/i.test(m[1] ?? '')) {
    return onElement(m[1] ?? '', 'check', 'set_checked', { checked: true }, context);
  }

  // Showing where something is.
  if ((m = t.match(/^(?:show me|point out|tell me) where (.+?) (?:is|are)$/i) ??
    t.match(/^(?:highlight|show me|point (?:to|at|out)|where(?: is|'s| are|s)|spotlight|find me)\s+(.+)$/i))) {
    return onElement(m[1] ?? '', 'highlight', 'highlight', {}, context);
  }

  // Clicking.
  if ((m = t.match(/^(?:click|double[- ]click|tap|press|hit|push|follow|activate|select|choose|pick|open|go to|go into|visit|navigate to)(?: on)?\s+(.+)$/i))) {
    return onElement(m[1] ?? '', 'click', 'click', {}, context);
  }

  return styleOne(t, context);
}

/**
 * read_page_text commands: "read me this article", "summarise the page", "read page 2", "read the selection",
 * "next page" (after reading: the page after the last one read; else the site's "Next" link).
 * @param {string} w the command's words
 * @param {Context} context
 * @returns {Step[] | null}
 */
function readCommand(w, context) {
  const last = context.reading?.page;
  if (/^(?:(?:read )?(?:me )?(?:the )?next page|continue(?: reading)?|keep (?:reading|going)|read on|go on|read more|carry on|more)$/.test(w)) {
    if (last) return [callStep('read_page_text', { page: last + 1 })];
    return w.endsWith('next page') ? [findStep({ label: 'Next', words: ['next'], roles: [] }, 'click', 'click')] : null;
  }
  if (/^(?:read )?(?:me )?(?:the )?(?:previous|prior) page$/.test(w)) {
    if (last) return [callStep('read_page_text', { page: Math.max(1, last - 1) })];
    return [findStep({ label: 'Previous', words: ['prev'], roles: [] }, 'click', 'click')];
  }
  if (READ_PHRASES.some((re) => re.test(w))) return [callStep('read_page_text')];
  const m = w.match(/^(?:read|summari[sz]e|sum up|recap)(?: (.*))?$/);
  if (!m) return null;
  const rest = (m[1] ?? '').split(' ').filter(Boolean);
  if (rest.some((r) => /^(?:selection|selected|highlighted)$/.test(r))) return [callStep('read_page_text', { selection: true })];
  const page = (m[1] ?? '').match(/\bpage (\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b/) ??
    (m[1] ?? '').match(/\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last) page\b/);
  if (page) {
    const n = page[1] === 'last' ? undefined : ORDINALS[page[1] ?? ''] ?? numberOf(page[1] ?? '');
    if (n !== undefined) return [callStep('read_page_text', { page: n })];
  }
  if (rest.every((r) => READ_NOUNS.has(r))) return [callStep('read_page_text')];
  return null;
}

/**
 * What to wait for, as typed: quotes and "the text" gone; null for "5 seconds" (not something on the page).
 * @param {string} raw
 */
function waitText(raw) {
  const text = unquote(raw.replace(/^(?:the )?(?:text|words?|message|label) /i, ''));
  return !text || /^\d+(?:\.\d+)? ?(?:s|secs?|seconds?|ms|milliseconds?|minutes?|mins?)$/i.test(text) ? null : text;
}

/**
 * What find_text looks for: the quoted words, or the words without "the word", articles and a trailing kind
 * word ("find the subscribe button" → "subscribe").
 * @param {string} raw
 */
function findText(raw) {
  const t = raw.trim().replace(/^(?:all |every )?(?:the )?(?:words?|text|phrase|term|mentions? of|where it says|where it mentions|occurrences? of) /i, '');
  if (/^"[^"]*"$|^'[^']*'$/.test(t)) return unquote(t);
  return t.replace(/^(?:the|a|an) /i, '').replace(/ (?:button|link|field|box|checkbox|tab)s?$/i, '').trim() || null;
}

/**
 * A tab command by title or site ("switch to the GitHub tab") or by position ("the second tab").
 * @param {string} raw
 * @param {'switch_tab' | 'close_tab'} act
 * @returns {TabStep[] | null}
 */
function tabStep(raw, act) {
  const words = raw.trim().split(/\s+/).filter((x) => !TARGET_FILLER.has(x.toLowerCase()) && !/^tab$/i.test(x));
  /** @type {{ label: string, words: string[], ordinal?: number }} */
  const wanted = { label: '', words: [] };
  const first = (words[0] ?? '').toLowerCase();
  if (first in ORDINALS) {
    wanted.ordinal = ORDINALS[first];
    words.shift();
  }
  wanted.label = unquote(words.join(' '));
  wanted.words = nameWords(wanted.label);
  if (!wanted.words.length && wanted.ordinal === undefined) return null;
  return [{ tab: wanted, act }];
}

/** Words that mean the style tools' targets (the background, all text, all buttons…) or sizes, not one element. */
const STYLE_WORDS = new Set(
  ('background backgrounds bg backdrop page site website body text texts font fonts writing letters lettering words ' +
    'typeface everything all them colors buttons btns links headings and with twice times bigger smaller size big ' +
    'small larger half double').split(' '),
);

/**
 * "make the Subscribe button red": one element's colour, via set_style (a button's background, else its text
 * colour; "…'s background" / "…'s text" say which). Null when the words name the page, all text or all buttons
 * (the style grammar does those) or a size.
 * @param {string} t
 * @param {Context} context
 * @returns {Step[] | null}
 */
function styleOne(t, context) {
  const tokens = tokenize(t.toLowerCase().replace(/\bcolour/g, 'color'))
    .filter((x) => !/^[,;.!?&+]$/.test(x))
    .map((x) => x.replace(/'s$/, ''));
  if (!/^(?:make|turn|paint|color|change|set)$/.test(tokens[0] ?? '')) return null;
  const colors = findColors(tokens);
  const last = colors[colors.length - 1];
  if (!last || last.end !== tokens.length) return null;
  let words = tokens.slice(1, last.start);
  if (words[0] === 'the' && words[1] === 'color' && words[2] === 'of') words = words.slice(3);
  while (words.length && /^(?:to|into|be|in)$/.test(words[words.length - 1] ?? '')) words.pop();
  /** @type {string | undefined} */
  let property;
  // "…'s background colour", "…'s text": which colour (only after an element's words: "the text" alone is all text).
  for (let end = words[words.length - 1]; end; end = words[words.length - 1]) {
    const which = end === 'color' ? undefined : /^(?:background|bg)$/.test(end) ? 'background-color' : /^(?:text|font|writing)$/.test(end) ? 'color' : null;
    if (which === null || (which && words.length < 2)) break;
    words.pop();
    property ??= which;
  }
  const named = words.filter((x) => !TARGET_FILLER.has(x) && !/^(?:of|on|in)$/.test(x));
  if (named.length === 1 && named[0] === 'it') {
    return onElement('it', 'style', 'set_style', { property: property ?? 'color', value: last.color }, context);
  }
  if (named.some((x) => STYLE_WORDS.has(x)) || named.every((x) => x in ROLE_WORDS)) return null;
  // The element's words as typed (their case is for replies).
  const typed = t.match(new RegExp(words.map((x) => x.replace(/[^\p{L}\p{N}]/gu, '')).filter(Boolean).join('\\W+'), 'iu'));
  const target = parseTarget(typed?.[0] ?? words.join(' '));
  if (!target) return null;
  const prop = property ?? (target.roles.includes('button') ? 'background-color' : 'color');
  return [findStep(target, 'style', 'set_style', { property: prop, value: last.color })];
}

/**
 * Splits a text into commands at "and", "then", commas, semicolons and sentence ends — not inside quotes or
 * brackets.
 * @param {string} text
 * @returns {{ text: string, start: number, end: number }[]}
 */
function splitCommands(text) {
  const parts = [];
  const separator = /\s*[,;]\s*(?:(?:and\s+)?then\s+|and\s+)?|\s*[.!?]+\s+|\s+(?:and\s+then|then|and|&)\s+/y;
  let start = 0;
  let quote = false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quote = !quote;
    else if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if (quote || depth) continue;
    separator.lastIndex = i;
    const m = separator.exec(text);
    if (!m || !m[0]) continue;
    parts.push({ text: text.slice(start, i), start, end: i });
    start = i + m[0].length;
    i = start - 1;
  }
  parts.push({ text: text.slice(start), start, end: text.length });
  return parts.filter((p) => p.text.trim());
}

/** Older tools to use when a session lacks a newer one that only reads. */
const FALLBACKS = /** @type {Record<string, string>} */ ({ get_page_outline: 'get_page_html', read_page_text: 'get_page_html' });

/**
 * Tidies a plan: "type X and press Enter" becomes one type_text with `submit: true`; reading tools the session
 * lacks fall back to get_page_html.
 * @param {Step[]} steps
 * @param {Context} context
 * @returns {Step[]}
 */
function finish(steps, context) {
  /** @type {Step[]} */
  const out = [];
  for (const step of steps) {
    const previous = out[out.length - 1];
    const typing = previous && ('find' in previous ? previous.act : 'call' in previous ? previous.call : null);
    if (typing?.name === 'type_text' && 'call' in step && step.call.name === 'press_key' &&
      step.call.arguments.key === 'Enter' && Object.keys(step.call.arguments).length === 1) {
      typing.arguments.submit = true;
      continue;
    }
    out.push(step);
  }
  if (context.tools) {
    const tools = new Set(context.tools);
    for (const [i, step] of out.entries()) {
      if (!('call' in step)) continue;
      const fallback = FALLBACKS[step.call.name];
      if (fallback && !tools.has(step.call.name) && tools.has(fallback)) out[i] = callStep(fallback);
    }
  }
  return out;
}

/**
 * Reads a typed (or transcribed) command as a plan: the steps a model would take for it.
 * @param {string} text what the user said
 * @param {Context} [context]
 * @returns {Step[]} `[]` when the text is not a command this grammar knows
 */
export function parsePlan(text, context = {}) {
  if (typeof text !== 'string') return [];
  const clean = text.replace(/[\u201c\u201d\u201e]/g, '"').trim();
  if (!clean) return [];
  const parts = splitCommands(clean);
  if (parts.length > 1) {
    /** @type {Step[]} */
    const steps = [];
    let acted = false;
    let understood = true;
    // Style commands between other commands go to the style grammar together ("make the buttons bigger and green").
    const style = { start: -1, end: -1 };
    const flush = () => {
      if (style.start < 0) return;
      const calls = parseStyle(clean.slice(style.start, style.end));
      if (!calls.length) understood = false;
      steps.push(...calls.map((c) => ({ call: c })));
      style.start = -1;
    };
    for (const part of parts) {
      if (ONLY_FILLER.test(tidy(part.text))) continue;
      const action = parseAction(part.text, context);
      if (action) {
        flush();
        steps.push(...action);
        acted = true;
      } else {
        if (style.start < 0) style.start = part.start;
        style.end = part.end;
      }
    }
    flush();
    if (acted && understood) return finish(steps, context);
  }
  const whole = parseAction(clean, context);
  if (whole) return finish(whole, context);
  return parseStyle(clean).map((c) => ({ call: c }));
}

/**
 * The calls of a plan's first response, and what the rest waits for.
 * @param {Step[]} steps
 * @param {ToolCall[]} [calls] calls already decided for this response
 * @returns {Batch}
 */
export function startPlan(steps, calls = []) {
  for (const [i, step] of steps.entries()) {
    if ('call' in step) {
      calls.push(step.call);
      continue;
    }
    if ('find' in step) calls.push({ name: 'get_page_outline', arguments: step.query ? { query: step.query } : {} });
    else calls.push({ name: 'list_tabs', arguments: {} });
    return { calls, then: { step, rest: steps.slice(i + 1) } };
  }
  return { calls };
}

/**
 * Goes on with a plan once its lookup's output is back: the act on what it found, and the rest of the plan up to
 * its next lookup. Pure.
 * @param {Continuation} continuation
 * @param {string} output the lookup's `function_call_output.output`
 * @returns {Batch}
 */
export function continuePlan(continuation, output) {
  /** @type {unknown} */
  let result = output;
  try {
    result = JSON.parse(output);
  } catch {
    // A plain-text outline.
  }
  if (isRecord(result) && result.ok === false) return { calls: [], failed: true };
  const { step, rest } = continuation;
  if ('find' in step) {
    const line = pickLine(outlineTextOf(result), step.find, step.purpose);
    if (!line) return { calls: [], notFound: describeWanted(step) };
    return startPlan(rest, [{ name: step.act.name, arguments: { ref: line.ref, ...step.act.arguments } }]);
  }
  const tabId = pickTab(isRecord(result) ? result.tabs : undefined, step.tab);
  if (tabId === null) return { calls: [], notFound: describeWanted(step) };
  return startPlan(rest, [{ name: step.act, arguments: { tab_id: tabId } }]);
}

/**
 * What a lookup was for, for "I couldn't find …": `a "Subscribe" button on this page`, `a tab about "mail"`.
 * @param {FindStep | TabStep} step
 */
export function describeWanted(step) {
  if ('tab' in step) {
    if (step.tab === 'current') return 'the tab I am controlling';
    if (!step.tab.words.length) return `a ${ORDINAL_WORDS[step.tab.ordinal ?? 0] || 'last'} tab`;
    return `a tab about "${step.tab.label}"`;
  }
  const { find, purpose } = step;
  if (purpose === 'search') return 'a search box on this page';
  const kind = find.kind ?? '';
  const name = find.label ? `"${find.label}"` : '';
  let what;
  if (find.ordinal !== undefined) what = `the ${ORDINAL_WORDS[find.ordinal] || 'last'} ${[kind || 'element', name].filter(Boolean).join(' ')}`;
  else if (name) what = kind ? `a ${name} ${kind}` : name;
  else what = `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind || 'element'}`;
  return `${what} on this page`;
}

/**
 * Every tool a plan may call, its lookups included.
 * @param {Step[]} steps
 * @returns {string[]}
 */
export function planTools(steps) {
  const names = new Set();
  for (const step of steps) {
    if ('call' in step) names.add(step.call.name);
    else if ('find' in step) names.add('get_page_outline').add(step.act.name);
    else names.add('list_tabs').add(step.act);
  }
  return [...names];
}

/**
 * Parses a typed (or transcribed) command into the tool calls a model would make for it first: the whole plan
 * for a one-step command, the lookup (get_page_outline / list_tabs) for an element or tab command.
 * @param {string} text what the user said
 * @param {Context} [context]
 * @returns {ToolCall[]} the calls, in order; `[]` when the text is not a command this grammar knows
 */
export function parseCommand(text, context = {}) {
  return startPlan(parsePlan(text, context)).calls;
}
