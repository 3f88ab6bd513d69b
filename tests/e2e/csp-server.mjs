// A static server for the CSP tests: like helpers.mjs's, but the policy carries a `report-uri`
// back to the server itself, so every violation the browser reports (from the page, the
// widget's shadow roots or a worker) is collected here; it can also send CORS headers, and
// serve extra pages (a host article, a deliberately bad page) with a policy of their own.

import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { CSP, WWW } from './helpers.mjs';

/** Where the browser posts violation reports (`report-uri`, which Chromium sends at once). */
export const REPORT_PATH = '/__csp-report';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Serves `root` on a free port of `host` (127.0.0.1 or localhost: two names make two origins).
 *
 * - `policy`: the Content-Security-Policy of every file (default: issue 7's, from helpers.mjs);
 *   `; report-uri /__csp-report` is appended.
 * - `cors`: also send `Access-Control-Allow-Origin: *`, as a widget's server must for pages of
 *   other origins (module scripts and fetch() are CORS requests).
 * - `pages`: a Map of path → `{html, policy}` served instead of files (policy may be a function
 *   of nothing, read at request time, so it can name an origin only known later).
 *
 * Resolves to `{origin, reports, requests, close()}`: `reports` holds the parsed violation
 * reports received, `requests` each request's `{path, mode, origin}` (Sec-Fetch-Mode and Origin).
 */
export function startCspServer({ root = WWW, host = '127.0.0.1', policy = CSP, cors = false, pages = new Map() } = {}) {
  const reports = [];
  const requests = [];
  const withReports = (p) => `${p}; report-uri ${REPORT_PATH}`;
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === REPORT_PATH && req.method === 'POST') {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        try {
          const parsed = JSON.parse(body);
          reports.push(parsed['csp-report'] || parsed);
        } catch {
          reports.push({ unparsed: body });
        }
        res.writeHead(204).end();
      });
      return;
    }
    requests.push({ path, mode: req.headers['sec-fetch-mode'] || '', origin: req.headers.origin || '' });
    const headers = { 'Cache-Control': 'no-store' };
    if (cors) headers['Access-Control-Allow-Origin'] = '*';
    const page = pages.get(path);
    if (page) {
      const pagePolicy = typeof page.policy === 'function' ? page.policy() : page.policy || policy;
      res.writeHead(200, { ...headers, 'Content-Type': TYPES['.html'], 'Content-Security-Policy': withReports(pagePolicy) });
      res.end(page.html);
      return;
    }
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    res.writeHead(200, {
      ...headers,
      'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
      'Content-Security-Policy': withReports(policy),
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      done({
        origin: `http://${host}:${port}`,
        reports,
        requests,
        close: () => new Promise((c) => server.close(c)),
      });
    });
  });
}

/**
 * Records what a CSP test checks on `page`: violation events (an init script listens on the
 * document before any page script runs), console messages of any level that mention the policy,
 * uncaught errors, and console errors. Call before `page.goto`.
 */
export async function watchCsp(page) {
  const log = { console: [], errors: [] };
  const note = (where) => (m) => {
    const text = m.text();
    if (/Content Security Policy|Refused to/i.test(text)) log.console.push(`${where}: ${text}`);
    if (m.type() === 'error') log.errors.push(`${where}: ${text}`);
  };
  page.on('console', note('page'));
  page.on('worker', (worker) => worker.on('console', note(`worker ${worker.url()}`)));
  page.on('pageerror', (e) => log.errors.push(`uncaught: ${e.message}`));
  await page.addInitScript(() => {
    window.__cspEvents = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspEvents.push(`${e.violatedDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  return log;
}

/** The violation events the page's document saw. */
export function cspEvents(page) {
  return page.evaluate(() => window.__cspEvents || []);
}

/**
 * Waits `ms` for reports still in flight (the browser posts them asynchronously), then returns
 * the reports of `server` in a readable form.
 */
export async function reportsOf(server, ms = 300) {
  await new Promise((r) => setTimeout(r, ms));
  return server.reports.map((r) => `${r['violated-directive'] || r['effective-directive']} ${r['blocked-uri']} on ${r['document-uri']}`);
}
