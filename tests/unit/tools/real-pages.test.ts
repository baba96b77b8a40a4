// @vitest-environment happy-dom
/**
 * Every tool on the saved real pages kept in the repository (tests/fixtures/pages, see its README).
 * Each page gets its own happy-dom window with network, scripts and frames off, like a tab with the network cut.
 */
import { describe, expect, it } from 'vitest';
import { FIXTURE_PAGES } from '../../fixtures/pages/index.mjs';
import { openFixturePage as open } from '../../fixtures/pages/open-page';
import { pageHtml } from '../../../utils/page/html';
import { fontSizePx } from '../../../utils/page/style';
import { INJECTED_STYLE_ATTRIBUTE, UndoJournal } from '../../../utils/page/undo';
import { pageContext } from '../helpers/page-context';
import { runTool } from '../../../utils/tools';
import { BUTTON_SELECTOR } from '../../../utils/tools/set-button-style';
import type { ToolResult } from '../../../utils/tools/tool';

const files = FIXTURE_PAGES;

function snapshot(document: Document): Array<string | null> {
  return Array.from(document.getElementsByTagName('*'), (el) => el.getAttribute('style'));
}

function data<T>(result: ToolResult): T {
  if (!result.ok) throw new Error(result.error);
  return result as unknown as T;
}

interface HtmlResult {
  html: string;
  chars: number;
  truncated: boolean;
}

describe('real pages', () => {
  it('finds the saved pages', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  describe.each(files)('%s', (file) => {
    it('get_page_html stays within its cap, drops scripts, styles and handlers, and is fast', async () => {
      const { window, document } = open(file);
      const journal = new UndoJournal();
      const before = document.documentElement.outerHTML.length;
      for (const max_chars of [undefined, 200, 20000]) {
        const result = data<HtmlResult>(await runTool('get_page_html', { max_chars }, pageContext(document, { journal })));
        const cap = max_chars ?? 4000;
        expect(result.html.length).toBeLessThanOrEqual(cap);
        expect(result.html).not.toMatch(/<script|<style|<!--(?! cut -->)|\son[a-z]+=|\sstyle=|\ssrcset=/i);
        expect(result.truncated).toBe(result.chars > cap);
        if (cap >= 4000) expect(result.html.startsWith('<body')).toBe(true);
      }
      const start = performance.now();
      const whole = pageHtml(document.documentElement, 1e9);
      expect(performance.now() - start).toBeLessThan(1500);
      expect(whole.html).not.toMatch(/<script/i);
      expect(whole.chars).toBeLessThan(before);
      if (document.querySelector('p')) {
        const paragraphs = data<HtmlResult>(await runTool('get_page_html', { selector: 'p' }, pageContext(document, { journal })));
        expect(paragraphs.html.startsWith('<p')).toBe(true);
      }
      expect(journal.size).toBe(0);
      await window.happyDOM.close();
    });

    it('every tool changes the page, and undo all restores every inline style exactly', async () => {
      const { window, document } = open(file);
      const view = document.defaultView as NonNullable<Document['defaultView']>;
      const journal = new UndoJournal();
      const page = pageContext(document, { journal });
      const samples = ['h1', 'h2', 'a', 'p', 'li', 'span']
        .map((tag) => document.body.querySelector(tag))
        .filter((el): el is Element => el !== null);
      const colors = samples.map((el) => view.getComputedStyle(el).color);
      const styles = snapshot(document);
      const headStyles = document.querySelectorAll('style').length;

      await runTool('set_font_color', { color: 'white' }, page);
      expect(samples.map((el) => view.getComputedStyle(el).color)).toEqual(samples.map(() => 'white'));

      expect(await runTool('set_background_color', { color: 'navy' }, page)).toMatchObject({ ok: true });
      expect(view.getComputedStyle(document.body).backgroundColor).toBe('navy');
      expect(view.getComputedStyle(document.documentElement).backgroundColor).toBe('navy');

      const button = document.querySelector(BUTTON_SELECTOR);
      const size = button ? fontSizePx(button) : 0;
      const buttons = await runTool('set_button_style', { scale: 2, text_color: 'yellow' }, page);
      if (button) {
        expect(buttons).toMatchObject({ ok: true, changed: document.querySelectorAll(BUTTON_SELECTOR).length });
        expect(view.getComputedStyle(button).fontSize).toBe(`${Math.round(size * 200) / 100}px`);
        expect(view.getComputedStyle(button).color).toBe('yellow');
      } else {
        expect(buttons).toEqual({ ok: false, error: 'There are no buttons on this page.' });
      }

      const paragraph = document.querySelector('p');
      if (paragraph) {
        await runTool('set_font_color', { color: 'red', selector: 'p' }, page);
        expect(view.getComputedStyle(paragraph).color).toBe('red');
      }

      if (button) expect(snapshot(document)).not.toEqual(styles);
      const undone = data<{ undone: number; remaining: number }>(await runTool('undo', { all: true }, page));
      expect(undone.remaining).toBe(0);
      expect(undone.undone).toBe(2 + (button ? 1 : 0) + (paragraph ? 1 : 0));
      expect(snapshot(document)).toEqual(styles);
      expect(document.querySelectorAll(`[${INJECTED_STYLE_ATTRIBUTE}]`)).toHaveLength(0);
      expect(document.querySelectorAll('style')).toHaveLength(headStyles);
      expect(samples.map((el) => view.getComputedStyle(el).color)).toEqual(colors);
      await window.happyDOM.close();
    });
  });
});
