// @ts-check
/**
 * The local Realtime peer's "language model": a small grammar that turns a typed command into the tool calls
 * the real model would make. It knows the project's five tools (see utils/tools/):
 *
 *   get_page_html {selector?, max_chars?}
 *   set_background_color {color, selector?}
 *   set_font_color {color, selector?}
 *   set_button_style {selector?, scale?, size_px?, color?, text_color?}
 *   undo {}
 *
 * It is deliberately forgiving ("please", "the", punctuation, British spelling, several commands joined with
 * "and") and deliberately small: anything it does not understand gives `[]`, and the peer then answers in words.
 * Pure functions only; unit-tested in tests/unit/peer.test.ts. README.md lists what it understands.
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
// "on" and "this" are filler inside a style command ("the buttons on this page"), but get_page_html phrases
// ("what is on this page") are matched on the text before filler is dropped.

const NUMBER_WORDS = /** @type {Record<string, number>} */ ({
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
});

/** Phrases that ask to read the page. Matched against the lower-cased text with punctuation removed. */
const READ_PAGE = [
  /\bwhat(?: is|s| s|'s)? (?:on|in) (?:the|this|my) (?:page|tab|site|website)\b/,
  /\bwhat (?:is|s|'s) (?:the|this) (?:page|tab|site|website)(?: about)?\b/,
  /\bwhat does (?:the|this) (?:page|tab|site|website) say\b/,
  /\b(?:read|describe|summari[sz]e|scan|look at|check)(?: out| me)? (?:(?:the|this|my) )?(?:page|tab|site|website)\b/,
  /\b(?:read|describe|summari[sz]e)(?: out)? it\b/,
  /\bwhat can you see\b/,
];

const UNDO = /^(?:undo|revert|reverse|go back|take back)(?: (?:that|it|this|last(?: change| thing| one)?|my last change|the last change|previous change|change))?$/;

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
 * Parses a typed (or transcribed) command into the tool calls a model would make for it.
 * @param {string} text what the user said
 * @returns {ToolCall[]} the calls, in order; `[]` when the text is not a command this grammar knows
 */
export function parseCommand(text) {
  if (typeof text !== 'string') return [];
  const lower = text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\bcolour/g, 'color');
  const plain = lower.replace(/[^a-z0-9#%'()., ]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!plain) return [];

  // Whole-text commands first.
  const bare = plain.replace(/[.,!?]+/g, ' ').replace(/\b(?:please|pls|kindly|now|can you|could you|would you)\b/g, ' ')
    .replace(/\s+/g, ' ').trim();
  if (UNDO.test(bare)) return [{ name: 'undo', arguments: {} }];
  if (READ_PAGE.some((re) => re.test(bare))) return [{ name: 'get_page_html', arguments: {} }];

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
