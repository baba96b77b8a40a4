/**
 * CSS colour checking for tools that recolour the page.
 *
 * `normalizeColor(input, doc?)` returns a CSS colour value safe to put in a style, or null. It accepts:
 * - the 148 CSS named colours and "transparent", in any case ("Navy");
 * - hex: #rgb, #rgba, #rrggbb, #rrggbbaa (also without "#" when it has a digit, e.g. "1e90ff");
 * - rgb()/rgba()/hsl()/hsla() with comma or space syntax and an optional alpha (checked here, not by the browser);
 * - anything else the browser itself supports as a colour (hwb(), lab(), oklch(), color-mix() …), checked with
 *   `CSS.supports('color', …)` AND a style assignment, because happy-dom's `CSS.supports` says yes to anything;
 * - spoken forms: words joined into a named colour ("light blue" → "lightblue", "dark slate grey" →
 *   "darkslategrey"), a trailing "color"/"colour" dropped, and two common names that are not CSS names:
 *   "navy blue" → "navy", "baby blue" → "lightblue".
 * Rejected: CSS-wide keywords and "currentcolor" (they are not a colour the user can see), and anything with
 * characters a colour never needs (`;{}:!"'\` …), so a value can never break out of a style rule.
 */

const NAMED = new Set(
  (
    'aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown ' +
    'burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan ' +
    'darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid ' +
    'darkred darksalmon darkseagreen darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink ' +
    'deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold ' +
    'goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki lavender lavenderblush ' +
    'lawngreen lemonchiffon lightblue lightcoral lightcyan lightgoldenrodyellow lightgray lightgreen lightgrey ' +
    'lightpink lightsalmon lightseagreen lightskyblue lightslategray lightslategrey lightsteelblue lightyellow ' +
    'lime limegreen linen magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen ' +
    'mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin ' +
    'navajowhite navy oldlace olive olivedrab orange orangered orchid palegoldenrod palegreen paleturquoise ' +
    'palevioletred papayawhip peachpuff peru pink plum powderblue purple rebeccapurple red rosybrown royalblue ' +
    'saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue slateblue slategray slategrey snow ' +
    'springgreen steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen'
  ).split(' '),
);

/** The CSS named colours (exported for tests and for descriptions). */
export const NAMED_COLORS: ReadonlySet<string> = NAMED;

/** Spoken names that are not CSS names. Kept deliberately tiny: the model usually sends CSS already. */
const SPOKEN: Readonly<Record<string, string>> = {
  'navy blue': 'navy',
  'baby blue': 'lightblue',
};

const NOT_A_COLOR = new Set(['inherit', 'initial', 'unset', 'revert', 'revert-layer', 'currentcolor', 'none']);

/** Characters a colour value may contain (functions, numbers, units, hex, separators). */
const SAFE = /^[a-z0-9#(),.%/+\- ]+$/;
const HEX = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/;
const BARE_HEX = /^(?=[0-9a-f]*\d)(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/;
const NUMBER = '[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:e[+-]?\\d+)?';
const CHANNEL = new RegExp(`^${NUMBER}%?$`);
const HUE = new RegExp(`^${NUMBER}(?:deg|rad|grad|turn)?$`);

/** rgb()/rgba()/hsl()/hsla(), legacy comma syntax or modern space syntax with "/ alpha". */
function isBasicFunction(value: string): boolean {
  const match = /^(rgba?|hsla?)\((.*)\)$/.exec(value);
  if (!match) return false;
  const [, fn = '', body = ''] = match;
  let parts: string[];
  if (body.includes(',')) {
    parts = body.split(',').map((part) => part.trim());
  } else {
    const [channels = '', alpha, extra] = body.split('/').map((part) => part.trim());
    if (extra !== undefined) return false;
    parts = channels.split(/\s+/).filter(Boolean);
    if (parts.length !== 3) return false;
    if (alpha !== undefined) parts.push(alpha);
  }
  if (parts.length !== 3 && parts.length !== 4) return false;
  return parts.every((part, i) => (fn.startsWith('hsl') && i === 0 ? HUE : CHANNEL).test(part));
}

/** What the browser says, for colour syntaxes the small parser above does not know. */
function browserAccepts(value: string, doc: Document | undefined): boolean {
  const view = doc?.defaultView;
  const css = view?.CSS ?? (typeof CSS === 'undefined' ? undefined : CSS);
  if (css?.supports && !css.supports('color', value)) return false;
  if (!doc) return false;
  const probe = doc.createElement('span');
  probe.style.setProperty('color', value);
  return probe.style.getPropertyValue('color') !== '';
}

function isColor(value: string, doc: Document | undefined): boolean {
  if (NOT_A_COLOR.has(value)) return false;
  if (value === 'transparent' || NAMED.has(value) || HEX.test(value)) return true;
  if (/^(?:rgba?|hsla?)\(/.test(value)) return isBasicFunction(value);
  return /^[a-z-]+\(.*\)$/.test(value) && browserAccepts(value, doc);
}

/** The forms worth trying for one input, most literal first. */
function candidates(input: string): string[] {
  const value = input
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^the /, '')
    .replace(/ colou?r$/, '');
  const spokenName = value.replace(/-/g, ' ');
  const out = [value];
  if (BARE_HEX.test(value)) out.push(`#${value}`);
  if (!value.includes('(')) out.push(spokenName.replace(/ /g, ''));
  const alias = SPOKEN[spokenName];
  if (alias) out.push(alias);
  return out;
}

/**
 * A CSS colour value for `input` (lower-cased, spoken forms resolved), or null if it is not a colour.
 * Pass the page's document so colour syntaxes beyond rgb/hsl can be checked by the browser.
 */
export function normalizeColor(input: string, doc?: Document): string | null {
  if (input.length > 100) return null;
  for (const candidate of candidates(input)) {
    if (SAFE.test(candidate) && isColor(candidate, doc)) return candidate;
  }
  return null;
}

/** The error a tool returns for a colour it cannot use, in words the model can say. */
export function colorError(input: string): string {
  return `"${input}" is not a colour I can use. Try a colour name like "navy" or "light blue", or a hex code like "#1e90ff".`;
}
