/**
 * Roles, accessible names and states of elements, as a screen reader would announce them: what the outline
 * shows, what results and confirmations name an element by, and what the safety gate reads risk from.
 * A practical subset of WAI-ARIA / HTML-AAM: explicit roles, the implicit roles of interactive HTML, and names
 * from aria-labelledby, aria-label, labels, alt/title/placeholder and text content.
 */

const INPUT_ROLES: Readonly<Record<string, string>> = {
  button: 'button', submit: 'button', reset: 'button', image: 'button', checkbox: 'checkbox', radio: 'radio',
  range: 'slider', number: 'spinbutton', search: 'searchbox', email: 'textbox', tel: 'textbox', text: 'textbox',
  url: 'textbox', password: 'textbox', file: 'button', color: 'button', date: 'textbox', 'datetime-local': 'textbox',
  month: 'textbox', time: 'textbox', week: 'textbox',
};

const TAG_ROLES: Readonly<Record<string, string>> = {
  button: 'button', select: 'combobox', textarea: 'textbox', summary: 'button', details: 'group', nav: 'navigation',
  main: 'main', aside: 'complementary', form: 'form', dialog: 'dialog', h1: 'heading', h2: 'heading', h3: 'heading',
  h4: 'heading', h5: 'heading', h6: 'heading', img: 'img', ul: 'list', ol: 'list', li: 'listitem', table: 'table',
  option: 'option', iframe: 'iframe', video: 'video', audio: 'audio', search: 'search',
};

/** Roles a person can act on: they get a ref in the outline. */
export const INTERACTIVE_ROLES = new Set([
  'button', 'link', 'textbox', 'searchbox', 'combobox', 'checkbox', 'radio', 'switch', 'slider', 'spinbutton',
  'tab', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option', 'treeitem', 'listbox', 'gridcell',
]);

/** The element's role: explicit `role` first (its first token), then HTML's implicit role, or '' for none. */
export function roleOf(el: Element): string {
  const explicit = el.getAttribute('role')?.trim().split(/\s+/)[0];
  if (explicit && explicit !== 'none' && explicit !== 'presentation') return explicit.toLowerCase();
  const tag = el.localName;
  if (tag === 'a' || tag === 'area') return el.hasAttribute('href') ? 'link' : '';
  if (tag === 'input') {
    const type = (el.getAttribute('type') ?? 'text').toLowerCase();
    if (type === 'hidden') return '';
    if ((type === 'text' || type === 'search' || type === 'email' || type === 'tel' || type === 'url') && el.hasAttribute('list')) return 'combobox';
    return INPUT_ROLES[type] ?? 'textbox';
  }
  if (tag === 'select') return el.hasAttribute('multiple') || Number(el.getAttribute('size')) > 1 ? 'listbox' : 'combobox';
  if (tag === 'header' || tag === 'footer') {
    return el.closest('article, aside, main, nav, section') === el ? '' : tag === 'header' ? 'banner' : 'contentinfo';
  }
  if (tag === 'section') return el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby') ? 'region' : '';
  if (el.getAttribute('contenteditable') === 'true' || el.getAttribute('contenteditable') === '') return 'textbox';
  return TAG_ROLES[tag] ?? '';
}

const NAME_FROM_CONTENT = new Set([
  'button', 'link', 'tab', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option', 'treeitem', 'heading',
  'checkbox', 'radio', 'switch', 'gridcell', 'cell', 'listitem', 'tooltip',
]);

/** Longest name kept; names are for recognising an element, not for reading it. */
export const MAX_NAME = 80;

export function squash(text: string | null | undefined, max = MAX_NAME): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function byIds(el: Element, ids: string): string {
  const root = el.getRootNode() as Document | ShadowRoot;
  return ids
    .split(/\s+/)
    .map((id) => (id ? root.getElementById?.(id) : null))
    .map((ref) => (ref ? textOf(ref) : ''))
    .filter(Boolean)
    .join(' ');
}

/** Visible text content (the text of `alt` for images inside, nothing from scripts or styles). */
export function textOf(el: Element, budget = 400): string {
  let out = '';
  const walk = (node: Node): void => {
    if (out.length > budget) return;
    if (node.nodeType === 3) {
      out += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const child = node as Element;
    const tag = child.localName;
    if (tag === 'script' || tag === 'style' || tag === 'template' || tag === 'noscript') return;
    if (child.getAttribute('aria-hidden') === 'true') return;
    if (tag === 'img') out += ` ${child.getAttribute('alt') ?? ''} `;
    if (tag === 'svg') {
      out += ` ${child.querySelector('title')?.textContent ?? child.getAttribute('aria-label') ?? ''} `;
      return;
    }
    // What is rendered: a shadow root instead of the light DOM, a slot's assigned nodes instead of its fallback.
    const assigned = tag === 'slot' ? ((child as HTMLSlotElement).assignedNodes?.({ flatten: true }) ?? []) : [];
    const rendered = child.shadowRoot ?? (assigned.length > 0 ? null : child);
    for (const grandchild of rendered ? Array.from(rendered.childNodes) : assigned) walk(grandchild);
    if (tag === 'br' || tag === 'p' || tag === 'div' || tag === 'li') out += ' ';
  };
  walk(el);
  return squash(out, budget);
}

function labelText(el: Element): string {
  const labels = (el as HTMLInputElement).labels;
  if (labels && labels.length > 0) return Array.from(labels, (label) => textOf(label)).join(' ');
  const id = el.getAttribute('id');
  if (id) {
    const root = el.getRootNode() as Document | ShadowRoot;
    const label = root.querySelector?.(`label[for="${CSS.escape(id)}"]`);
    if (label) return textOf(label);
  }
  const wrapping = el.closest('label');
  return wrapping ? textOf(wrapping) : '';
}

/** The accessible name, squashed to one line of at most MAX_NAME characters ('' when it has none). */
export function nameOf(el: Element, role = roleOf(el)): string {
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const name = byIds(el, labelledBy);
    if (name) return squash(name);
  }
  const label = el.getAttribute('aria-label');
  if (label?.trim()) return squash(label);
  const tag = el.localName;
  if (tag === 'input' || tag === 'select' || tag === 'textarea') {
    const type = el.getAttribute('type')?.toLowerCase();
    if (type === 'submit' || type === 'reset' || type === 'button') {
      return squash(el.getAttribute('value') ?? (type === 'submit' ? 'Submit' : type === 'reset' ? 'Reset' : ''));
    }
    if (type === 'image') return squash(el.getAttribute('alt') ?? el.getAttribute('value') ?? 'Submit');
    const fromLabel = labelText(el);
    if (fromLabel) return squash(fromLabel);
    return squash(el.getAttribute('title') ?? el.getAttribute('placeholder') ?? el.getAttribute('aria-placeholder') ?? '');
  }
  if (tag === 'img' || tag === 'area') return squash(el.getAttribute('alt') ?? el.getAttribute('title') ?? '');
  if (NAME_FROM_CONTENT.has(role) || tag === 'a' || tag === 'button' || tag === 'summary') {
    const text = textOf(el, MAX_NAME * 2);
    if (text) return squash(text);
  }
  return squash(el.getAttribute('title') ?? '');
}

/** What a screen reader says of the element's state: checked, expanded, disabled, its value. */
export function stateOf(el: Element): string[] {
  const states: string[] = [];
  const input = el as HTMLInputElement;
  const tag = el.localName;
  const ariaChecked = el.getAttribute('aria-checked');
  if (tag === 'input' && (input.type === 'checkbox' || input.type === 'radio')) {
    if (input.checked) states.push('checked');
  } else if (ariaChecked === 'true' || ariaChecked === 'mixed') states.push(ariaChecked === 'true' ? 'checked' : 'mixed');
  if (el.getAttribute('aria-selected') === 'true') states.push('selected');
  if (el.getAttribute('aria-pressed') === 'true') states.push('pressed');
  const expanded = el.getAttribute('aria-expanded');
  if (expanded) states.push(expanded === 'true' ? 'expanded' : 'collapsed');
  const details = tag === 'details' ? el : tag === 'summary' && el.parentElement?.localName === 'details' ? el.parentElement : null;
  if (details && !expanded) states.push((details as HTMLDetailsElement).open ? 'expanded' : 'collapsed');
  if ((el as HTMLButtonElement).disabled || el.getAttribute('aria-disabled') === 'true') states.push('disabled');
  if (el.hasAttribute('required') || el.getAttribute('aria-required') === 'true') states.push('required');
  const value = valueOf(el);
  if (value !== null) states.push(`value="${squash(value, 60)}"`);
  return states;
}

/** A field's current value (selects: the chosen option's label; passwords never), or null for non-fields. */
export function valueOf(el: Element): string | null {
  const tag = el.localName;
  if (tag === 'select') {
    const select = el as HTMLSelectElement;
    return Array.from(select.selectedOptions ?? [], (option) => option.label || option.text).join(', ');
  }
  if (tag === 'textarea') return (el as HTMLTextAreaElement).value;
  if (tag === 'input') {
    const input = el as HTMLInputElement;
    const type = input.type;
    if (type === 'password') return input.value ? '••••' : '';
    if (['checkbox', 'radio', 'submit', 'reset', 'button', 'image', 'file', 'hidden'].includes(type)) return null;
    return input.value;
  }
  if (roleOf(el) === 'textbox' && (el as HTMLElement).isContentEditable) return textOf(el, 60);
  return null;
}

/** `button "Buy now"`, `link "Next page"`, `textbox "Search"`: how results and confirmations name an element. */
export function describe(el: Element): string {
  const role = roleOf(el) || el.localName;
  const name = nameOf(el, role);
  return name ? `${role} "${name}"` : role;
}
