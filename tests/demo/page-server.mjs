// @ts-check
// The local web site of the demo, the end-to-end tests and the benchmark, on 127.0.0.1. Nothing here loads
// anything from the network.
//
//   GET /  or /demo          page.html: the demo page (a short log with buttons and links)
//   GET /pages/<name>.html   a saved real page: from tests/fixtures/pages (in the repository), else from
//                            ../shared/pages when that directory exists beside the checkout (all 57, for the bench)
//   GET /search              a small recipe site's search page: a labelled search form (GET /results, field q)
//   GET /results?q=…         five results whose titles contain the query, each a link to /recipe/<n>?q=…
//   GET /recipe/<n>?q=…      result n (1–5) as an article: a heading naming the recipe, ingredients and steps
//   GET /controlled          controlled.html: form fields whose state lives in JS, as React keeps it (value
//                            tracking on the instance, re-render from state); the state shows in an <output>
//                            and in window.__state; a form with Save and "Delete account" (window.__submissions)
//   GET /injection           injection.html: prompt-injection text aimed at the AI in visible text, hidden text,
//                            attributes, a comment and an image's alt, beside an order form with a password field
//                            and "Submit order" (submitting sets window.__submitted) and a link to evil.example
// Anything else is a 404.
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_DIR } from '../fixtures/pages/index.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The full corpus of saved pages, when it sits beside the checkout (it need not). */
export const SHARED_PAGES = path.resolve(HERE, '../../../shared/pages');

/** Static pages by path. */
const STATIC = new Map([
  ['/', 'page.html'],
  ['/demo', 'page.html'],
  ['/controlled', 'controlled.html'],
  ['/injection', 'injection.html'],
]);

/** @typedef {{ status: number, body: string | Buffer }} Reply */

/** @param {{ port?: number }} [options] */
export async function startPageServer({ port = 0 } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const reply = (await route(url)) ?? { status: 404, body: 'not found' };
    const type = reply.status === 200 ? 'text/html; charset=utf-8' : 'text/plain';
    res.writeHead(reply.status, { 'content-type': type }).end(reply.body);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve(undefined));
        // Browsers keep connections alive; close() alone would wait for them.
        server.closeAllConnections();
      }),
  };
}

/**
 * @param {URL} url
 * @returns {Promise<Reply | null>} null: not found
 */
async function route(url) {
  const file = STATIC.get(url.pathname);
  if (file) return fileReply(path.join(HERE, file));
  if (/^\/pages\/[\w.-]+\.html$/.test(url.pathname)) return savedPage(path.basename(url.pathname));
  const query = (url.searchParams.get('q') ?? '').trim();
  if (url.pathname === '/search') return ok(searchPage());
  if (url.pathname === '/results') return ok(resultsPage(query));
  const recipe = /^\/recipe\/([1-5])$/.exec(url.pathname);
  if (recipe) return ok(recipePage(Number(recipe[1]), query || DEFAULT_QUERY));
  return null;
}

/** @param {string} name a file name without directories */
async function savedPage(name) {
  const fixture = path.join(FIXTURE_DIR, name);
  if (existsSync(fixture)) return fileReply(fixture);
  return existsSync(SHARED_PAGES) ? fileReply(path.join(SHARED_PAGES, name)) : null;
}

/** @param {string} file */
async function fileReply(file) {
  try {
    return { status: 200, body: await readFile(file) };
  } catch {
    return null;
  }
}

/** @param {string} body */
function ok(body) {
  return { status: 200, body };
}

// ---- The recipe site (/search, /results, /recipe/<n>) -------------------------------------------------------

const DEFAULT_QUERY = 'lemon cake';

/** The five results for a query; result n is RESULT_TITLES[n - 1]. */
const RESULT_TITLES = [
  (/** @type {string} */ q) => `${capitalised(q)} — classic recipe`,
  (/** @type {string} */ q) => `${capitalised(q)} — quick weeknight version`,
  (/** @type {string} */ q) => `Grandma's ${q}`,
  (/** @type {string} */ q) => `Vegan ${q}`,
  (/** @type {string} */ q) => `${capitalised(q)} for a crowd`,
];

/** @param {string} text */
function capitalised(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** @param {string} text */
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * @param {string} title
 * @param {string} main the page's main content (HTML)
 * @param {string} [query] prefills the search box
 */
function layout(title, main, query = '') {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(title)} · Pantry</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1f2933; background: #fbfaf7; }
      header { display: flex; flex-wrap: wrap; align-items: center; gap: 24px; padding: 12px 32px; background: #2f4f3a; color: #fff; }
      header a { color: #fff; }
      .brand { font-weight: 700; font-size: 20px; text-decoration: none; }
      nav ul { display: flex; gap: 16px; list-style: none; margin: 0; padding: 0; }
      form[role="search"] { display: flex; gap: 8px; margin-left: auto; }
      input[type="search"] { padding: 6px 8px; border-radius: 4px; border: 1px solid #9aa5b1; }
      button { padding: 6px 14px; border-radius: 4px; border: 0; background: #e4b363; font: inherit; }
      main { max-width: 720px; padding: 16px 32px 40px; }
      .results { list-style: none; padding: 0; }
      .results li { margin: 14px 0; }
      .results a { font-size: 19px; color: #0b5cad; }
      footer { padding: 16px 32px; color: #52606d; font-size: 14px; }
    </style>
  </head>
  <body>
    <header>
      <a class="brand" href="/search">Pantry</a>
      <nav aria-label="Main">
        <ul>
          <li><a href="/search">Home</a></li>
          <li><a href="/results?q=soup">Soups</a></li>
          <li><a href="/results?q=bread">Breads</a></li>
        </ul>
      </nav>
      <form role="search" action="/results" method="get">
        <label>Search <input name="q" type="search" value="${escapeHtml(query)}" /></label>
        <button>Search</button>
      </form>
    </header>
    <main>
${main}
    </main>
    <footer>Pantry — home cooking, tested. A made-up site for end-to-end tests.</footer>
  </body>
</html>
`;
}

function searchPage() {
  return layout(
    'Search recipes',
    `      <h1>Find a recipe</h1>
      <p>Thousands of tested home recipes. Type what you feel like cooking, for example <em>lemon cake</em>.</p>`,
  );
}

/** @param {string} query */
function resultsPage(query) {
  if (!query) {
    return layout('Search recipes', '      <h1>Search recipes</h1>\n      <p>Type what you are looking for in the search box.</p>');
  }
  const q = escapeHtml(query);
  const items = RESULT_TITLES.map(
    (title, i) =>
      `        <li><a href="/recipe/${i + 1}?q=${encodeURIComponent(query)}">${escapeHtml(title(query))}</a>` +
      `<br />Ready in ${20 + i * 10} minutes · serves ${2 + i}</li>`,
  ).join('\n');
  return layout(
    `Results for ${query}`,
    `      <h1>Results for “${q}”</h1>
      <p id="result-count">5 recipes found.</p>
      <ol class="results" aria-label="Search results">
${items}
      </ol>`,
    query,
  );
}

/**
 * @param {number} n 1–5
 * @param {string} query
 */
function recipePage(n, query) {
  const title = RESULT_TITLES[n - 1]?.(query) ?? query;
  const q = escapeHtml(query);
  return layout(
    title,
    `      <article>
        <h1>${escapeHtml(title)}</h1>
        <p class="byline">By the Pantry test kitchen</p>
        <p>This ${q} is the one our readers make most often: it takes ${20 + (n - 1) * 10} minutes of work and
          uses what most kitchens already have. Read the whole recipe once before you start.</p>
        <h2>Ingredients</h2>
        <ul>
          <li>200 g flour</li>
          <li>150 g sugar</li>
          <li>3 eggs</li>
          <li>100 g butter, soft</li>
          <li>The main ingredient of your ${q}</li>
        </ul>
        <h2>Method</h2>
        <ol>
          <li>Heat the oven to 180 °C and line a tin.</li>
          <li>Beat the butter and sugar until pale, then beat in the eggs one at a time.</li>
          <li>Fold in the flour and the rest, pour into the tin and bake for 35 minutes.</li>
        </ol>
        <p>Let it cool for ten minutes before serving. <a href="/results?q=${encodeURIComponent(query)}">Back to the results</a></p>
      </article>`,
    query,
  );
}
