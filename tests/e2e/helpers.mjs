// Shared set-up for the browser end-to-end tests: a static server for www/ (with the strict
// Content-Security-Policy of issue 7 on every response), Debian's Chromium through
// playwright-core, and page helpers that collect console errors, CSP violations and requests.

import { createServer } from 'node:http';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));
/** The repository root. */
export const ROOT = resolve(here, '..', '..');
/** The site under test; E2E_WWW may point elsewhere (e.g. dist/). */
export const WWW = resolve(process.env.E2E_WWW || join(ROOT, 'www'));
/** Where screenshots for review go. */
export const SHOTS = join(ROOT, 'target', 'e2e-screenshots');

/** The policy a careful host would send (issue 7); the page must work under it unchanged. */
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ts': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

/** The model version this checkout builds (src/model/mod.rs), which the page writes as `v=`. */
export const MODEL_VERSION = readFileSync(join(ROOT, 'src', 'model', 'mod.rs'), 'utf8').match(
  /MODEL_VERSION: &str = "([^"]+)"/,
)[1];

/** Serves `root` on a free port of 127.0.0.1. Resolves to `{origin, close()}`. */
export function startServer(root = WWW) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'Cache-Control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      done({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((c) => server.close(c)) });
    });
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

/** Fails early, with the fix, when the wasm package has not been built. */
export function requirePackage() {
  const glue = join(WWW, 'pkg', 'leverage_cascade.js');
  if (!existsSync(glue)) {
    throw new Error(`${glue} is missing: run \`make build\` first (make test does it).`);
  }
}

/**
 * What a test file needs before its first test: the wasm package built, the site served and
 * Chromium running. `serve` starts the server (default: www/ under the strict CSP).
 */
export async function openSite(serve = startServer) {
  requirePackage();
  return { server: await serve(), browser: await launch() };
}

/** Closes what `openSite` opened; either may be missing when opening failed half way. */
export async function closeSite({ server, browser } = {}) {
  await browser?.close();
  await server?.close();
}

/**
 * Opens `path` of the server in a fresh context and records what a test must check:
 * console errors, uncaught exceptions, CSP violations, dialogs and requests to other origins.
 */
export async function openPage(browser, origin, path = '/', options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport || { width: 1440, height: 900 },
    deviceScaleFactor: options.deviceScaleFactor || 1,
    colorScheme: options.colorScheme || 'light',
    reducedMotion: options.reducedMotion || 'no-preference',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const log = { errors: [], dialogs: [], foreign: [], warnings: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(m.text());
    if (m.type() === 'warning') log.warnings.push(m.text());
  });
  page.on('pageerror', (e) => log.errors.push(`uncaught: ${e.message}`));
  page.on('dialog', (d) => {
    log.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) log.foreign.push(url);
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(origin + path);
  if (options.wait !== false) await ready(page);
  return { page, context, log };
}

/** Waits until the simulator started and the first result is on screen. */
export async function ready(page) {
  await page.waitForFunction(
    () => document.getElementById('boot').hidden && document.querySelectorAll('#cards li').length === 4,
    null,
    // Generous: on a busy two-core machine, compiling the wasm alone can take seconds.
    { timeout: 30000 },
  );
  await settle(page);
}

/** Waits for two animation frames, so a pending compare() and redraw have run. */
export function settle(page) {
  return page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
}

/** A fingerprint of a canvas's pixels, plus how many distinct colours it holds (0 = blank). */
export function canvasPrint(page, id) {
  return page.evaluate((canvasId) => {
    const canvas = document.getElementById(canvasId);
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let hash = 2166136261;
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4) {
      const rgba = (data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3];
      hash = Math.imul(hash ^ rgba, 16777619) >>> 0;
      if (colours.size < 64) colours.add(rgba);
    }
    return { hash, colours: colours.size, width: canvas.width, height: canvas.height };
  }, id);
}

/** The visible readout: each card's big number, in scenario order. */
export function bigNumbers(page) {
  return page.$$eval('#cards li .big', (nodes) => nodes.map((n) => n.textContent));
}

/** Text of the whole readout. */
export function readoutText(page) {
  return page.textContent('#readout');
}
