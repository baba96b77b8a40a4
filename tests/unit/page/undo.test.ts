// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { INJECTED_STYLE_ATTRIBUTE, UndoJournal } from '../../../utils/page/undo';

function el(html: string): HTMLElement {
  document.body.innerHTML = html;
  const first = document.body.firstElementChild;
  if (!(first instanceof HTMLElement)) throw new Error('fixture has no element');
  return first;
}

beforeEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

describe('UndoJournal inline styles', () => {
  it('sets the property with !important and removes the style attribute on undo when there was none', () => {
    const p = el('<p>x</p>');
    const journal = new UndoJournal();
    journal.setStyle(p, 'color', 'red', 'made it red');
    expect(p.style.getPropertyValue('color')).toBe('red');
    expect(p.style.getPropertyPriority('color')).toBe('important');
    expect(journal.size).toBe(1);
    expect(journal.undoLast()).toEqual({ label: 'made it red' });
    expect(p.hasAttribute('style')).toBe(false);
    expect(journal.size).toBe(0);
  });

  it('puts back the exact previous style attribute, value and priority', () => {
    const p = el('<p style="color:blue!important;margin:1px">x</p>');
    const journal = new UndoJournal();
    journal.setStyle(p, 'color', 'red', 'red');
    journal.setStyle(p, 'padding', '3px', 'padding');
    expect(p.style.getPropertyValue('padding')).toBe('3px');
    journal.undoAll();
    expect(p.getAttribute('style')).toBe('color:blue!important;margin:1px');
    expect(p.style.getPropertyPriority('color')).toBe('important');
  });

  it('keeps the page\'s own later changes and restores only what it set', () => {
    const p = el('<p style="color: blue; margin: 1px">x</p>');
    const journal = new UndoJournal();
    journal.setStyle(p, 'color', 'red', 'red');
    journal.setStyle(p, 'font-size', '30px', 'big');
    p.style.setProperty('margin', '9px'); // the page changes something else meanwhile
    journal.undoAll();
    expect(p.style.getPropertyValue('color')).toBe('blue');
    expect(p.style.getPropertyPriority('color')).toBe('');
    expect(p.style.getPropertyValue('font-size')).toBe('');
    expect(p.style.getPropertyValue('margin')).toBe('9px');
  });

  it('beats a page stylesheet !important rule, as computed style shows', () => {
    const style = document.createElement('style');
    style.textContent = 'p { color: green !important; }';
    document.head.appendChild(style);
    const p = el('<p>x</p>');
    new UndoJournal().setStyle(p, 'color', 'red', 'red');
    expect(getComputedStyle(p).color).toBe('red');
  });

  it('undoes two steps on the same element in reverse order', () => {
    const p = el('<p style="color: blue">x</p>');
    const journal = new UndoJournal();
    journal.setStyle(p, 'color', 'red', 'first');
    journal.setStyle(p, 'color', 'white', 'second');
    expect(journal.labels).toEqual(['first', 'second']);
    expect(journal.undoLast()).toEqual({ label: 'second' });
    expect(p.style.getPropertyValue('color')).toBe('red');
    expect(journal.undoLast()).toEqual({ label: 'first' });
    expect(p.getAttribute('style')).toBe('color: blue');
  });
});

describe('UndoJournal steps', () => {
  it('groups every change of one step and undoes them together', () => {
    document.body.innerHTML = '<p>a</p><p>b</p><p style="color: green">c</p>';
    const paragraphs = Array.from(document.querySelectorAll('p'));
    const before = paragraphs.map((p) => p.getAttribute('style'));
    const journal = new UndoJournal();
    const step = journal.begin('made paragraphs red');
    for (const p of paragraphs) step.setStyle(p, 'color', 'red');
    step.addStyle(document, 'p { margin: 0 }');
    expect(step.changes).toBe(4);
    expect(journal.size).toBe(1);
    expect(paragraphs.map((p) => getComputedStyle(p).color)).toEqual(['red', 'red', 'red']);
    expect(journal.undoLast()).toEqual({ label: 'made paragraphs red' });
    expect(paragraphs.map((p) => p.getAttribute('style'))).toEqual(before);
    expect(document.querySelectorAll(`[${INJECTED_STYLE_ATTRIBUTE}]`)).toHaveLength(0);
  });

  it('does not record a step that changed nothing', () => {
    const journal = new UndoJournal();
    journal.begin('nothing');
    expect(journal.size).toBe(0);
    expect(journal.undoLast()).toBeNull();
    expect(journal.undoAll()).toBe(0);
  });

  it('adds a marked <style> (text or CSSOM rules) and removes it on undo', () => {
    const p = el('<p>x</p>');
    const journal = new UndoJournal();
    const text = journal.addStyle(document, 'p { color: red !important; }', 'text');
    const rules = journal.addStyle(document, ['p { background-color: blue !important; }'], 'rules');
    expect(text.hasAttribute(INJECTED_STYLE_ATTRIBUTE)).toBe(true);
    expect(rules.sheet?.cssRules).toHaveLength(1);
    expect(getComputedStyle(p).color).toBe('red');
    expect(getComputedStyle(p).backgroundColor).toBe('blue');
    expect(journal.undoAll()).toBe(2);
    expect(document.head.querySelectorAll('style')).toHaveLength(0);
    expect(getComputedStyle(p).color).not.toBe('red');
  });

  it('refuses a rule list that is not exactly one rule each, leaving nothing behind', () => {
    const journal = new UndoJournal();
    expect(() => journal.addStyle(document, ['p { color: red } body { display: none }'], 'sneaky')).toThrow();
    expect(document.querySelectorAll('style')).toHaveLength(0);
    expect(journal.size).toBe(0);
  });

  it('records arbitrary changes, and one failing revert does not stop the others', () => {
    const journal = new UndoJournal();
    const log: string[] = [];
    const step = journal.begin('mixed');
    step.record(() => log.push('first'));
    step.record(() => {
      throw new Error('element gone');
    });
    step.record(() => log.push('third'));
    journal.record('other', () => log.push('other'));
    expect(journal.undoAll()).toBe(2);
    expect(log).toEqual(['other', 'third', 'first']);
  });
});
