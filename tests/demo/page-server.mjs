// Serves the demo page and the saved real-world pages (../shared/pages) on 127.0.0.1.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const SHARED_PAGES = path.resolve(HERE, '../../../shared/pages');

/** @param {{ port?: number }} [options] */
export async function startPageServer({ port = 0 } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file =
      url.pathname === '/' || url.pathname === '/demo'
        ? path.join(HERE, 'page.html')
        : /^\/pages\/[\w.-]+\.html$/.test(url.pathname)
          ? path.join(SHARED_PAGES, path.basename(url.pathname))
          : null;
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
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
