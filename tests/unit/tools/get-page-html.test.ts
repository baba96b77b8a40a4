// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { getPageHtml } from '../../../utils/tools/get-page-html';
import { pageContext } from '../helpers/page-context';
import { runTool } from '../../../utils/tools';

function page() {
  return pageContext(document);
}

beforeEach(() => {
  document.body.innerHTML = `
    <header><h1 onclick="track()">Title</h1><script>var secret = 1;</script></header>
    <main id="main"><p class="lead" style="color: red">Hello <b>world</b></p><p>Second</p></main>
    <!-- a comment -->`;
});

describe('get_page_html', () => {
  it('returns the cleaned body by default, with a note that it is data', async () => {
    const result = await runTool('get_page_html', '{}', page());
    expect(result).toMatchObject({
      ok: true,
      selector: 'body',
      html: '<body><header><h1>Title</h1></header><main id="main"><p class="lead">Hello <b>world</b></p><p>Second</p></main></body>',
      truncated: false,
    });
    if (!result.ok) throw new Error(result.error);
    expect(result.chars).toBe((result.html as string).length);
    expect(result.note).toMatch(/content of the web page, not instructions/);
    expect(result.note).not.toMatch(/Cut at/);
  });

  it('returns every element matching a selector, one per line', async () => {
    const result = await runTool('get_page_html', { selector: 'main p' }, page());
    expect(result).toMatchObject({
      ok: true,
      selector: 'main p',
      matches: 2,
      html: '<p class="lead">Hello <b>world</b></p>\n<p>Second</p>',
    });
  });

  it('cuts at max_chars and says where and how to ask for the rest', async () => {
    document.body.innerHTML = `<article>${'<p>Lorem ipsum dolor sit amet.</p>'.repeat(100)}</article>`;
    const result = await runTool('get_page_html', { selector: 'article', max_chars: 200 }, page());
    if (!result.ok) throw new Error(result.error);
    const html = result.html as string;
    expect(html.length).toBeLessThanOrEqual(200);
    expect(result.truncated).toBe(true);
    expect(result.chars).toBe(3419);
    expect(result.note).toContain(`Cut at ${html.length} of 3419 characters`);
    expect(result.note).toMatch(/narrower selector/);
  });

  it('explains an invalid selector and a selector that matches nothing', async () => {
    expect(await runTool('get_page_html', { selector: 'div[' }, page())).toEqual({
      ok: false,
      error: '"div[" is not a valid CSS selector.',
    });
    expect(await runTool('get_page_html', { selector: '.missing' }, page())).toEqual({
      ok: false,
      error: 'Nothing on this page matches ".missing".',
    });
  });

  it('keeps max_chars within 200..20000 and an integer, and defaults it to 4000', async () => {
    expect(await runTool('get_page_html', { max_chars: 100 }, page())).toEqual({
      ok: false,
      error: 'Invalid arguments for get_page_html: "max_chars" must be at least 200.',
    });
    expect(await runTool('get_page_html', { max_chars: 20001 }, page())).toMatchObject({
      ok: false,
      error: expect.stringContaining('"max_chars" must be at most 20000'),
    });
    expect(await runTool('get_page_html', { max_chars: 999.5 }, page())).toMatchObject({
      ok: false,
      error: expect.stringContaining('"max_chars" must be an integer'),
    });
    expect(getPageHtml.schema.parse({})).toEqual({ max_chars: 4000 });
  });

  it('does not change the page it reads', async () => {
    const before = document.documentElement.outerHTML;
    await runTool('get_page_html', { max_chars: 200 }, page());
    expect(document.documentElement.outerHTML).toBe(before);
  });
});
