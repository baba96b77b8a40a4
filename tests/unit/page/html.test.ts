// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { pageHtml, TRUNCATION_MARKER } from '../../../utils/page/html';

function body(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

function inner(html: string, max = 10_000): string {
  const result = pageHtml(body(`<div id="root">${html}</div>`).firstElementChild as Element, max);
  return result.html.replace(/^<div id="root">/, '').replace(/<\/div>$/, '');
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('pageHtml cleaning', () => {
  it('drops script, style, noscript and template elements with their contents', () => {
    const html = inner(
      '<p>keep</p><script>alert(1)</script><style>p{}</style><noscript>no js</noscript><template><b>t</b></template>',
    );
    expect(html).toBe('<p>keep</p>');
  });

  it('drops comments, on* handlers, inline styles, srcset, sizes and nonce', () => {
    const html = inner(
      '<!-- secret --><img src="a.png" srcset="a2.png 2x" sizes="50vw" style="color:red" onclick="x()" onerror="y()" nonce="n" alt="A">',
    );
    expect(html).toBe('<img src="a.png" alt="A">');
  });

  it('empties svg and iframe but keeps their tags', () => {
    // Detached, so happy-dom does not try to load the frame.
    const root = document.createElement('div');
    root.innerHTML =
      '<svg class="icon" viewBox="0 0 10 10"><path d="M0 0L10 10"/><text>hi</text></svg><iframe src="https://x.example/">fallback</iframe>';
    expect(pageHtml(root, 1000).html).toBe(
      '<div><svg class="icon" viewBox="0 0 10 10"></svg><iframe src="https://x.example/"></iframe></div>',
    );
  });

  it('shortens long data: URLs and very long attribute values', () => {
    const data = `data:image/png;base64,${'A'.repeat(5000)}`;
    const url = `https://example.com/${'u'.repeat(1000)}`;
    const html = inner(
      `<img src="${data}" alt="small"><a href="data:text/plain,hi">short</a><div title="${'t'.repeat(1000)}" class=" a\n\n  b "></div><a href="${url}">long</a>`,
    );
    expect(html).toContain('<img src="data:…" alt="small">');
    expect(html).toContain('href="data:text/plain,hi"');
    expect(html).toContain(`title="${'t'.repeat(120)}…" class="a b"`);
    expect(html).toContain(`href="${url.slice(0, 300)}…"`);
    expect(html.length).toBeLessThan(800);
  });

  it('leaves out values of hidden and password inputs', () => {
    const html = inner('<input type="hidden" name="csrf" value="TOKEN"><input type="password" value="pw"><input value="shown">');
    expect(html).not.toContain('TOKEN');
    expect(html).not.toContain('pw"');
    expect(html).toContain('value="shown"');
  });

  it('collapses whitespace, keeps spaces between inline elements, and keeps pre as is', () => {
    const html = inner('\n  <p>  a \n\n b  </p>\n\n  <p><b>x</b> <i>y</i></p>\n<pre>  line 1\n  line 2</pre>\n');
    expect(html).toBe('<p> a b </p><p><b>x</b> <i>y</i></p><pre>  line 1\n  line 2</pre>');
  });

  it('escapes text and attribute values', () => {
    const root = body('<p></p>').firstElementChild as HTMLElement;
    root.textContent = '<b> & </b>';
    root.setAttribute('title', '"quoted" <x> & y');
    expect(pageHtml(root, 1000).html).toBe(
      '<p title="&quot;quoted&quot; &lt;x&gt; &amp; y">&lt;b&gt; &amp; &lt;/b&gt;</p>',
    );
  });

  it('does not change the page', () => {
    const root = body('<p style="color:red" onclick="x()">a<!-- c --><script>1</script></p>');
    const before = root.innerHTML;
    pageHtml(root, 100);
    expect(root.innerHTML).toBe(before);
  });

  it('writes several roots one per line and skips roots inside earlier ones', () => {
    body('<ul><li>a</li><li>b</li></ul><div><li>c</li></div>');
    const items = Array.from(document.querySelectorAll('ul, li'));
    expect(pageHtml(items, 1000).html).toBe('<ul><li>a</li><li>b</li></ul>\n<li>c</li>');
  });
});

describe('pageHtml bounds', () => {
  it('returns everything with chars = length when it fits', () => {
    const result = pageHtml(body('<p>hello</p>'), 1000);
    expect(result).toEqual({ html: '<body><p>hello</p></body>', chars: 25, truncated: false });
  });

  it('returns exactly maxChars without a marker when the whole thing is exactly maxChars long', () => {
    const result = pageHtml(body('<p>hello</p>'), 25);
    expect(result.truncated).toBe(false);
    expect(result.html).toHaveLength(25);
  });

  it('cuts at maxChars, reports the full length and ends with the marker', () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const result = pageHtml(body(`<p>${words}</p><p>${words}</p>`), 500);
    expect(result.truncated).toBe(true);
    expect(result.html.length).toBeLessThanOrEqual(500);
    expect(result.html.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(result.chars).toBe(pageHtml(document.body, 1e9).html.length);
    // cut on a word boundary, not inside "word123"
    expect(result.html.slice(0, -TRUNCATION_MARKER.length)).toMatch(/ $/);
  });

  it('never cuts inside a tag or an entity', () => {
    const parts = Array.from({ length: 200 }, (_, i) => `<a href="/p/${i}" class="link">A &amp; B ${i}</a>`).join('');
    const root = body(parts);
    for (let max = 100; max < 400; max += 1) {
      const { html } = pageHtml(root, max);
      const content = html.slice(0, -TRUNCATION_MARKER.length);
      expect(html.length).toBeLessThanOrEqual(max);
      expect(content.lastIndexOf('<')).toBeLessThan(content.lastIndexOf('>') + 1);
      expect(content).not.toMatch(/&[a-z]*$/);
    }
  });
});
