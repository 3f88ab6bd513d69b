// Shared by the browser benches: a static server on a local port, Debian's Chromium through
// playwright-core, and (for soak.mjs and large.mjs) a blank page that has loaded the wasm
// package and can read the wasm memory's size.

import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const WWW = join(ROOT, 'www');

/** Content types of the files the benches serve. */
export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * A page with nothing on it but a wasm package, loaded as `window.api` (`window.wasm` = exports):
 * www/pkg, or www/pkg-explore with `?pkg=pkg-explore`.
 */
const BLANK = `<!doctype html><meta charset="utf-8"><title>loading</title><link rel="icon" href="data:,">
<script type="module">
  const pkg = new URLSearchParams(location.search).get('pkg') === 'pkg-explore' ? 'pkg-explore' : 'pkg';
  const api = await import('/' + pkg + '/leverage_cascade.js');
  window.wasm = await api.default();
  window.api = api;
  document.title = 'ready';
</script>`;

/** Answers with `file`, typed by its extension, uncached, with `headers` too (404 if missing). */
export function sendFile(res, file, headers = {}) {
  if (!existsSync(file) || statSync(file).isDirectory()) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
    'Cache-Control': 'no-store',
    ...headers,
  });
  createReadStream(file).pipe(res);
}

/**
 * Serves the files under the folder `root` (a folder's index.html for the folder) on a free port
 * of 127.0.0.1, with `headers` on each. `answer(path, res)` may answer a path itself and return
 * true. Resolves to `{origin, close()}`.
 */
export function serveStatic(root, { answer = () => false, headers = {} } = {}) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (answer(path, res)) return;
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    sendFile(res, file, headers);
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      done({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((c) => server.close(c)) });
    });
  });
}

/** Serves www/ (and the blank page at /__bench.html) on a free port of 127.0.0.1. */
export function startServer() {
  if (!existsSync(join(WWW, 'pkg', 'leverage_cascade_bg.wasm'))) {
    throw new Error('www/pkg is missing: run `make build` first (make bench does it).');
  }
  return serveStatic(WWW, {
    answer(path, res) {
      if (path !== '/__bench.html') return false;
      res.writeHead(200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store' }).end(BLANK);
      return true;
    },
  });
}

/** Launches Debian's Chromium (never a downloaded browser). */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Opens the blank page in a fresh context and waits for the wasm package (`pkg`: 'pkg' or
 * 'pkg-explore'). Console errors and uncaught exceptions are collected in the returned `errors`.
 */
export async function openBlank(browser, origin, pkg = 'pkg') {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${origin}/__bench.html?pkg=${pkg}`);
  try {
    await page.waitForFunction(() => document.title === 'ready', null, { timeout: 30_000 });
  } catch (e) {
    throw new Error(`the wasm package did not load: ${errors.join('; ') || e.message}`);
  }
  return { context, page, errors };
}

/** Bytes as MB (2^20), one decimal. */
export const mb = (bytes) => `${(bytes / 1048576).toFixed(1)} MB`;
