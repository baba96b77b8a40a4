import { nameOf, roleOf, textOf } from '../page/aria';

/**
 * What makes an action risky, decided by code from the element and the arguments, never by the model: these
 * actions always need the user's confirmation, whatever the page says and whatever the model asserts.
 */

/** Words in a control's name that mean money, messages or data leave for good. */
const IRREVERSIBLE_WORDS =
  /\b(buy|buying|purchase|pay|payment|checkout|check out|place order|order|send|delete|remove|erase|destroy|publish|post|transfer|wire|confirm|submit)\b/i;

/** The form an element would submit when activated, or null. */
export function formSubmittedBy(el: Element): HTMLFormElement | null {
  const tag = el.localName;
  const type = (el.getAttribute('type') ?? '').toLowerCase();
  const isSubmit =
    (tag === 'button' && (type === '' || type === 'submit')) || (tag === 'input' && (type === 'submit' || type === 'image'));
  if (!isSubmit) return null;
  return (el as HTMLButtonElement).form ?? el.closest('form');
}

/** The element (or its closest button/link) a click really activates. */
function activated(el: Element): Element {
  return el.closest('button, a[href], input, [role=button], [role=link], [role=menuitem]') ?? el;
}

function siteOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** True when `to` is on another site than `from` (host names compared, a leading "www." ignored). */
export function isOtherSite(from: string, to: string): boolean {
  const a = siteOf(from);
  const b = siteOf(to);
  return a !== '' && b !== '' && a !== b;
}

/** Why clicking this element needs the user's yes, or undefined. */
export function clickRisk(el: Element, pageUrl: string): string | undefined {
  const target = activated(el);
  if (formSubmittedBy(target)) return 'it submits a form';
  const name = nameOf(target, roleOf(target)) || textOf(target, 80);
  const word = IRREVERSIBLE_WORDS.exec(name)?.[0];
  if (word) return `the control says "${word.toLowerCase()}", which may not be reversible`;
  const href = target.localName === 'a' || target.localName === 'area' ? (target as HTMLAnchorElement).href : '';
  if (href && isOtherSite(pageUrl, href)) return `it opens another site (${siteOf(href)})`;
  return undefined;
}

/** Why pressing this key here needs the user's yes (Enter in a form submits it), or undefined. */
export function keyRisk(key: string, el: Element | null): string | undefined {
  if (!el) return undefined;
  if (key === 'Enter' || key === 'NumpadEnter') {
    if (el.localName === 'input' && el.closest('form')) return 'pressing Enter here submits a form';
    if (formSubmittedBy(activated(el))) return 'pressing Enter here submits a form';
    return clickRisk(el, el.ownerDocument.URL);
  }
  if ((key === ' ' || key === 'Space') && (el.localName === 'button' || roleOf(el) === 'button')) return clickRisk(el, el.ownerDocument.URL);
  return undefined;
}

const SECRET_AUTOCOMPLETE = /\b(current-password|new-password|one-time-code|cc-number|cc-csc|cc-exp|cc-exp-month|cc-exp-year|cc-name|cc-type)\b/i;
const SECRET_NAMES = /(password|passwd|pwd|passcode|\bpin\b|one[-_ ]?time|otp|2fa|verification code|security code|card ?number|cc-?num|cvc|cvv|csc|expiry|iban)/i;

/** Why typing into this field needs the user's yes (passwords, payment cards, one-time codes), or undefined. */
export function typingRisk(el: Element): string | undefined {
  if (el.localName === 'input' && (el as HTMLInputElement).type === 'password') return 'it is a password field';
  const autocomplete = el.getAttribute('autocomplete') ?? '';
  if (SECRET_AUTOCOMPLETE.test(autocomplete)) return 'it is a password, payment-card or one-time-code field';
  const hints = [el.getAttribute('name'), el.getAttribute('id'), el.getAttribute('inputmode') === 'numeric' ? nameOf(el) : '', nameOf(el)].join(' ');
  if (SECRET_NAMES.test(hints)) return 'it looks like a password, payment-card or one-time-code field';
  return undefined;
}

/** Why navigating from `from` to `to` needs the user's yes (another site), or undefined. */
export function navigationRisk(from: string, to: string): string | undefined {
  return isOtherSite(from, to) ? `it goes to another site (${siteOf(to)})` : undefined;
}
