// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildOutline, OUTLINE_CAP, outlineAround } from '../../../utils/page/outline';
import { RefRegistry, staleRefError } from '../../../utils/page/refs';

let refs: RefRegistry;

beforeEach(() => {
  refs = new RefRegistry();
  document.head.innerHTML = '';
  document.title = 'Shop';
  document.body.innerHTML = '';
});

afterEach(() => {
  vi.restoreAllMocks();
});

const outline = (options: Parameters<typeof buildOutline>[2] = {}) => buildOutline(document, refs, options);

/** The element a line's ref names. */
function byRef(text: string, line: RegExp): Element {
  const ref = text.split('\n').find((l) => line.test(l))?.match(/\[(e\d+)\]/)?.[1];
  const found = refs.resolve(ref ?? 'none');
  if (!found.ok) throw new Error(`no ref on a line matching ${line}: ${text}`);
  return found.element;
}

/**
 * Layout for happy-dom (which has none): each element's box is 100×20 at the `data-top` of itself or its closest
 * ancestor (0 without one); the viewport is happy-dom's 1024×768.
 */
function fakeLayout(): void {
  const rect = (el: Element) => {
    if (el === el.ownerDocument.documentElement) return new DOMRect(0, 0, 1024, 5000);
    const top = Number(el.closest('[data-top]')?.getAttribute('data-top') ?? 0);
    return new DOMRect(0, top, el.hasAttribute('data-empty') ? 0 : 100, el.hasAttribute('data-empty') ? 0 : 20);
  };
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    return rect(this);
  });
  vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return this.hasAttribute('data-collapsed') ? 0 : 20;
  });
  vi.spyOn(HTMLElement.prototype, 'offsetWidth', 'get').mockReturnValue(100);
}

describe('buildOutline', () => {
  it('shows title and URL, landmarks, headings, short text and every control with role, name, ref and state', () => {
    document.body.innerHTML = `
      <header><a href="/">Home</a><input type="search" placeholder="Search products" value="tea"></header>
      <nav aria-label="Categories"><ul><li><a href="/green">Green tea</a></li><li><a href="/black">Black tea</a></li></ul></nav>
      <main>
        <h1>Our teas</h1>
        <p>${'Long description of all our fine teas, picked by hand in the hills. '.repeat(4)}</p>
        <form aria-label="Order">
          <label for="qty">Quantity</label><input id="qty" type="number" value="2">
          <label><input type="checkbox" checked> Gift wrap</label>
          <select aria-label="Size"><option>Small</option><option selected>Large</option></select>
          <button aria-expanded="false" aria-controls="x">More options</button>
          <button disabled>Buy now</button>
        </form>
        <details><summary>Shipping</summary><p>Ships in 2 days</p></details>
        <div onclick="go()">Open chat</div>
        <span role="button" tabindex="0">Rate us</span>
        <div contenteditable="true">Notes here</div>
      </main>
      <script>var secret = "do not show";</script><style>.x { color: red }</style>`;
    const { text, interactive, listed, truncated } = outline();
    expect(text.split('\n')[0]).toBe('# Shop — http://localhost:3000/');
    for (const expected of [
      /^banner \[e\d+\]$/m,
      /^ link "Home" \[e\d+\]$/m,
      /^ searchbox "Search products" \[e\d+\] value="tea"$/m,
      /^navigation "Categories" \[e\d+\]$/m,
      /^ link "Green tea" \[e\d+\]$/m,
      /^main \[e\d+\]$/m,
      /^ h1 "Our teas"$/m,
      /^ "Long description of all our fine teas, picked by hand in the hills\. Long descri…"$/m,
      /^ form "Order" \[e\d+\]$/m,
      /^ {2}spinbutton "Quantity" \[e\d+\] value="2"$/m,
      /^ {2}checkbox "Gift wrap" \[e\d+\] checked$/m,
      /^ {2}combobox "Size" \[e\d+\] value="Large"$/m,
      /^ {2}button "More options" \[e\d+\] collapsed$/m,
      /^ {2}button "Buy now" \[e\d+\] disabled$/m,
      /^ button "Shipping" \[e\d+\] collapsed$/m,
      /^ clickable "Open chat" \[e\d+\]$/m,
      /^ button "Rate us" \[e\d+\]$/m,
      /^ textbox \[e\d+\] value="Notes here"$/m,
    ]) {
      expect(text).toMatch(expected);
    }
    // Closed details hide their content; scripts and styles are never text; no layout: no viewport sections.
    expect(text).not.toMatch(/Ships in 2 days|secret|color: red|\[viewport\]/);
    expect(interactive).toBe(13);
    expect(listed).toBe(13);
    expect(truncated).toBe(false);
    expect(byRef(text, /Buy now/).textContent).toBe('Buy now');
  });

  it('names fields from aria-labelledby, aria-label, labels, alt, placeholder and title', () => {
    document.body.innerHTML = `
      <span id="l1">Email address</span><input aria-labelledby="l1">
      <input aria-label="Password" type="password" value="secret">
      <label for="f3">Your name</label><input id="f3">
      <a href="/cart"><img src="cart.png" alt="Shopping cart"></a>
      <textarea placeholder="Write a review"></textarea>
      <button title="Close dialog"></button>
      <a href="/account/settings?tab=2"></a>`;
    const { text } = outline();
    expect(text).toMatch(/^textbox "Email address" \[e\d+\] value=""$/m);
    expect(text).toMatch(/^textbox "Password" \[e\d+\] value="••••"$/m);
    expect(text).not.toContain('secret');
    expect(text).toMatch(/^textbox "Your name" \[e\d+\]/m);
    expect(text).toMatch(/^link "Shopping cart" \[e\d+\]$/m);
    expect(text).toMatch(/^textbox "Write a review" \[e\d+\]/m);
    expect(text).toMatch(/^button "Close dialog" \[e\d+\]$/m);
    // A link without a name gets a short hint of where it goes.
    expect(text).toMatch(/^link \[e\d+\] \/account\/settings\?tab=2$/m);
  });

  it('shows expanded, selected, pressed and open-details states', () => {
    document.body.innerHTML = `
      <div role="tablist"><button role="tab" aria-selected="true">One</button><button role="tab">Two</button></div>
      <button aria-pressed="true">Bold</button>
      <button aria-expanded="true">Menu</button>
      <details open><summary>FAQ</summary><p>Answer text</p></details>
      <input type="radio" name="r" checked aria-label="Yes"><div role="switch" aria-checked="true" tabindex="0">Dark mode</div>`;
    const { text } = outline();
    expect(text).toMatch(/^tablist \[e\d+\]\n tab "One" \[e\d+\] selected\n tab "Two" \[e\d+\]$/m);
    expect(text).toMatch(/^button "Bold" \[e\d+\] pressed$/m);
    expect(text).toMatch(/^button "Menu" \[e\d+\] expanded$/m);
    expect(text).toMatch(/^button "FAQ" \[e\d+\] expanded\n"Answer text"$/m);
    expect(text).toMatch(/^radio "Yes" \[e\d+\] checked$/m);
    expect(text).toMatch(/^switch "Dark mode" \[e\d+\] checked$/m);
  });

  it('leaves out hidden elements and whole hidden subtrees', () => {
    document.head.innerHTML = '<style>.gone { display: none } .ghost { visibility: hidden }</style>';
    document.body.innerHTML = `
      <button>Visible</button>
      <div style="display:none"><button>Inline none</button></div>
      <div class="gone"><a href="/a">Sheet none</a></div>
      <button class="ghost">Ghost</button>
      <div hidden><button>Hidden attr</button></div>
      <div aria-hidden="true"><button>Aria hidden</button><p>Aria text</p></div>
      <div inert><button>Inert</button></div>
      <input type="hidden" value="token">`;
    const { text, interactive } = outline();
    expect(text).toContain('button "Visible"');
    expect(text).not.toMatch(/Inline none|Sheet none|Ghost|Hidden attr|Aria hidden|Aria text|Inert|token/);
    expect(interactive).toBe(1);
  });

  it('puts what is in the viewport first, then what is below, under section headers', () => {
    fakeLayout();
    document.body.innerHTML = `
      <main>
        <a href="/late" data-top="2000">Far below</a>
        <div data-top="3000"><h2>Reviews</h2><button>Write review</button></div>
        <button data-top="100">In view</button>
        <p data-top="200">Visible text</p>
        <div data-top="100" style="cursor: pointer">Open menu</div>
        <div data-top="100" style="overflow: hidden" data-collapsed><a href="/x">Collapsed</a></div>
        <button data-top="100" data-empty>Zero size</button>
      </main>`;
    const { text } = outline();
    const lines = text.split('\n').slice(1);
    expect(lines).toEqual([
      '[viewport]',
      expect.stringMatching(/^main \[e\d+\]$/),
      expect.stringMatching(/^ button "In view" \[e\d+\]$/),
      ' "Visible text"',
      expect.stringMatching(/^ clickable "Open menu" \[e\d+\]$/),
      '[below]',
      expect.stringMatching(/^main \[e\d+\]$/),
      expect.stringMatching(/^ link "Far below" \[e\d+\]$/),
      ' h2 "Reviews"',
      expect.stringMatching(/^ button "Write review" \[e\d+\]$/),
    ]);
  });

  it('keeps to the budget, viewport and controls first, and says what was left out and how to get it', () => {
    fakeLayout();
    const links = Array.from({ length: 600 }, (_, i) => `<a href="/p${i}" data-top="${i < 20 ? 10 : 2000}">Product number ${i}</a>`);
    document.body.innerHTML = `<p data-top="3000">${'Some text. '.repeat(20)}</p>${links.join('')}`;
    const small = outline({ maxChars: 1500 });
    expect(small.text.length).toBeLessThanOrEqual(1500);
    expect(small.truncated).toBe(true);
    expect(small.interactive).toBe(600);
    expect(small.listed).toBeGreaterThanOrEqual(20);
    expect(small.listed).toBeLessThan(600);
    for (let i = 0; i < 20; i += 1) expect(small.text).toContain(`"Product number ${i}"`);
    expect(small.text).not.toContain('Some text');
    expect(small.text).toMatch(/\[left out: \d+ of 600 interactive elements, 0 headings, 1 text lines\. For them: get_page_outline with scope .* or query/);

    const big = outline({ maxChars: 1e6 });
    expect(big.text.length).toBeLessThanOrEqual(OUTLINE_CAP);
    expect(big.text.length).toBeGreaterThan(OUTLINE_CAP - 300);
    expect(big.truncated).toBe(true);
  });

  it('outlines only a scope, and only lines matching a query (with their landmarks)', () => {
    document.body.innerHTML = `
      <nav><a href="/">Home</a><a href="/login">Log in</a></nav>
      <form id="signup"><input aria-label="Email"><input aria-label="Password" type="password"><button>Sign up</button></form>
      <p>Password rules: eight characters</p>`;
    const scoped = outline({ scope: document.getElementById('signup') as Element }).text;
    expect(scoped).toMatch(/^form \[e\d+\]\n textbox "Email" \[e\d+\] value=""\n textbox "Password" \[e\d+\] value=""\n button "Sign up" \[e\d+\]$/m);
    expect(scoped).not.toMatch(/Home|Log in|rules/);

    refs = new RefRegistry();
    const queried = outline({ query: 'LOG password' });
    expect(queried.text.split('\n').slice(1)).toEqual([
      expect.stringMatching(/^navigation \[e\d+\]$/),
      expect.stringMatching(/^ link "Log in" \[e\d+\]$/),
      expect.stringMatching(/^form \[e\d+\]$/),
      expect.stringMatching(/^ textbox "Password" \[e\d+\] value=""$/),
      '"Password rules: eight characters"',
    ]);
    expect(queried.interactive).toBe(2);
    expect(outline({ query: 'nothing-like-this' }).lines).toBe(0);
  });

  it('walks into open shadow roots and same-origin frames, and names closed roots and cross-origin frames', async () => {
    const host = document.createElement('x-card');
    host.attachShadow({ mode: 'open' }).innerHTML = '<h3>Shadow title</h3><button>Shadow button</button>';
    const closed = document.createElement('x-secret');
    closed.attachShadow({ mode: 'closed' }).innerHTML = '<button>Unreachable</button>';
    // happy-dom loads no frame pages, except srcdoc ones: those are same-origin documents, as in a browser.
    const frame = document.createElement('iframe');
    frame.title = 'Comments';
    frame.setAttribute('srcdoc', '<p>Frame text</p><button>Frame button</button>');
    const foreign = document.createElement('iframe');
    foreign.title = 'Ad';
    foreign.src = 'https://ads.example/';
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    document.body.append(host, closed, frame, foreign);
    const { text } = outline();
    expect(text).toMatch(/^h3 "Shadow title"\nbutton "Shadow button" \[e\d+\]$/m);
    expect(text).toMatch(/^x-secret \[e\d+\] \(closed shadow root: its content cannot be read\)$/m);
    expect(text).toMatch(/^iframe "Comments" \[e\d+\]\n "Frame text"\n button "Frame button" \[e\d+\]$/m);
    expect(text).toMatch(/^iframe "Ad" \(cross-origin: its content cannot be read\)$/m);
    expect(text).not.toContain('Unreachable');
    expect(byRef(text, /Shadow button/).getRootNode()).toBe(host.shadowRoot);
    expect(byRef(text, /Frame button/).ownerDocument).toBe(frame.contentDocument);
  });

  it('keeps refs stable across looks, marks new lines with *, and a removed element stops resolving', () => {
    document.body.innerHTML = '<main><button id="a">Alpha</button><button id="b">Beta</button></main>';
    const first = outline().text;
    expect(first).not.toContain('*');
    const second = outline().text;
    expect(second).toBe(first);

    const added = document.createElement('button');
    added.textContent = 'Gamma';
    document.querySelector('main')?.append(added);
    (document.getElementById('a') as HTMLButtonElement).disabled = true;
    const third = outline().text;
    const alpha = byRef(first, /Alpha/);
    expect(byRef(third, /Alpha/)).toBe(alpha);
    expect(byRef(third, /Beta/)).toBe(document.getElementById('b'));
    expect(third).toMatch(/^\* button "Gamma" \[e\d+\]$/m);
    expect(third).toMatch(/^\* button "Alpha" \[e\d+\] disabled$/m);
    expect(third).toMatch(/^ button "Beta" \[e\d+\]$/m);
    expect(third).toMatch(/^main \[e\d+\]$/m);

    const ref = first.match(/"Beta" \[(e\d+)\]/)?.[1] as string;
    document.getElementById('b')?.remove();
    expect(refs.resolve(ref)).toEqual({ ok: false, error: staleRefError(ref) });
    expect(staleRefError(ref)).toMatch(/Call get_page_outline for fresh refs/);
    expect(outline().text).not.toContain('Beta');
  });

  it('merges a heading that is one link into one line', () => {
    document.body.innerHTML = '<h2><a href="/story">Big story</a></h2><h3>Plain <a href="/x">with link</a></h3>';
    const { text } = outline();
    expect(text).toMatch(/^h2 link "Big story" \[e\d+\]$/m);
    expect(text).toMatch(/^h3 "Plain with link"\nlink "with link" \[e\d+\]$/m);
  });
});

describe('outlineAround', () => {
  it('shows the part of the page around an element, new lines marked, within the budget', () => {
    document.body.innerHTML = `
      <nav><a href="/">Home</a></nav>
      <form aria-label="Search"><input aria-label="Query" value="tea"><button>Go</button><ul id="suggest"></ul></form>
      <footer><a href="/about">About</a></footer>`;
    outline();
    const go = document.querySelector('button') as Element;
    document.getElementById('suggest')?.insertAdjacentHTML('beforeend', '<li><a href="/s/green">green tea</a></li>');
    const around = outlineAround(go, refs);
    expect(around).toMatch(/^form "Search" \[e\d+\]\n textbox "Query" \[e\d+\] value="tea"\n button "Go" \[e\d+\]\n\* link "green tea" \[e\d+\]$/);
    expect(around).not.toMatch(/Home|About/);
    expect(outlineAround(go, refs)).not.toContain('*');
  });

  it('centres a long part on the element and keeps to maxChars', () => {
    document.body.innerHTML = `<main>${Array.from({ length: 200 }, (_, i) => `<button>Item ${i}</button>`).join('')}</main>`;
    const target = document.querySelectorAll('button')[100] as Element;
    const around = outlineAround(target, refs, 300);
    expect(around.length).toBeLessThanOrEqual(300);
    expect(around).toContain('"Item 100"');
    expect(around).toContain('"Item 98"');
    expect(around).toContain('"Item 102"');
    expect(around).not.toContain('"Item 0"');
  });

  it('shows a dialog that opened as a whole', () => {
    document.body.innerHTML = `<main><button>Open</button>${'<p>Article text</p>'.repeat(50)}</main>
      <div role="dialog" aria-label="Cookies"><p>We use cookies.</p><button>Accept</button><button>Reject</button></div>`;
    const around = outlineAround(document.querySelector('[role=dialog]') as Element, refs);
    expect(around).toMatch(/^dialog "Cookies" \[e\d+\]\n "We use cookies\."\n button "Accept" \[e\d+\]\n button "Reject" \[e\d+\]$/);
  });

  it('says when the element is gone', () => {
    document.body.innerHTML = '<button>Delete</button>';
    const button = document.querySelector('button') as Element;
    button.remove();
    expect(outlineAround(button, refs)).toBe('The element is no longer on the page.');
  });
});
