// Graceful failure (issue 7): whatever stops the simulator, a reader sees plain words and what to
// do, never an empty chart or a silent page. Complements load.test.mjs and
// embed-hosting.test.mjs, which answer the wasm with a 404: here the download fails outright
// (network error, as a blocking proxy or an offline reader sees it), the browser has no
// WebAssembly, the page's script never runs (too old for modules), and JavaScript is off.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeSite, openSite } from './helpers.mjs';
import { shadowCanvasPrint, shadowText, waitWidget } from './embed-helpers.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await openSite()));
after(() => closeSite({ server, browser }));

/**
 * A fresh page in a context made with `options`, after `prepare(page)` (routes, init scripts).
 * Uncaught exceptions are collected: a failure must be handled, not thrown.
 */
async function open(path, { options = {}, prepare = async () => {} } = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, ...options });
  const page = await context.newPage();
  const uncaught = [];
  page.on('pageerror', (e) => uncaught.push(e.message));
  await prepare(page);
  await page.goto(server.origin + path);
  return { context, page, uncaught };
}

const abortWasm = (page) => page.route('**/*.wasm', (route) => route.abort('failed'));
const noWebAssembly = (page) => page.addInitScript(() => delete globalThis.WebAssembly);

/** The lab's fatal banner: visible, in words, with what to do, and no boot banner left. */
async function labSaysWhy(page, detail) {
  await page.waitForSelector('#fatal:not([hidden])', { timeout: 10000 });
  const text = await page.textContent('#fatal');
  assert.match(text, /The simulator could not start/);
  assert.match(text, /Reload the page first/);
  assert.match(text, /current version of Firefox, Chrome, Edge or Safari/);
  assert.match(text, detail);
  assert.equal(await page.isVisible('#boot'), false, 'the "starting" banner is gone');
  assert.equal(await page.textContent('#headline'), 'The simulator could not start.');
}

/** The widget's own message, and no empty chart in its place. */
async function widgetSaysWhy(page, index, detail) {
  await waitWidget(page, index, 'error', 10000);
  const text = await shadowText(page, index, '.fatal');
  assert.match(text, /could not start here\. Reload the page first/);
  assert.match(text, /WebAssembly allowed/);
  assert.match(text, detail);
  assert.equal((await shadowCanvasPrint(page, index)).visible, false, 'no empty chart is shown');
}

test('the wasm download fails (network error): the lab says so and what to do', async () => {
  const { context, page, uncaught } = await open('/', { prepare: abortWasm });
  try {
    await labSaysWhy(page, /Technical detail: .+/);
    assert.deepEqual(uncaught, []);
  } finally {
    await context.close();
  }
});

test('the wasm download fails (network error): embed.html says so and what to do', async () => {
  const { context, page, uncaught } = await open('/embed.html?compact', { prepare: abortWasm });
  try {
    await widgetSaysWhy(page, 0, /Technical detail: .+/);
    assert.deepEqual(uncaught, []);
  } finally {
    await context.close();
  }
});

test('a browser without WebAssembly: the lab and the widget name the cause', async () => {
  for (const [path, check] of [
    ['/', (page) => labSaysWhy(page, /does not support WebAssembly/)],
    ['/embed.html', (page) => widgetSaysWhy(page, 0, /does not support WebAssembly/)],
  ]) {
    const { context, page, uncaught } = await open(path, { prepare: noWebAssembly });
    try {
      await check(page);
      assert.deepEqual(uncaught, [], path);
    } finally {
      await context.close();
    }
  }
});

test("the lab's script never runs (a browser too old for modules): the start banner says what to do", async () => {
  const { context, page } = await open('/', { prepare: (p) => p.route('**/main.js', (route) => route.abort('failed')) });
  try {
    assert.equal(await page.isVisible('#boot'), true);
    // The second sentence is revealed by CSS alone, a few seconds in.
    await page.waitForFunction(() => getComputedStyle(document.querySelector('#boot .boot-late')).opacity === '1', null, {
      timeout: 10000,
    });
    assert.match(await page.textContent('#boot .boot-late'), /could not start it\. Try a current version of .* and reload the page/);
  } finally {
    await context.close();
  }
});

test('with JavaScript off, the lab shows its <noscript> message and the widgets their fallback text', async () => {
  for (const [path, selector, words] of [
    // With scripting off, <noscript> content is ordinary markup.
    ['/', 'noscript p', /needs JavaScript\. Turn JavaScript on for this page and reload it\./],
    ['/embed.html', 'leverage-cascade .fallback', /needs JavaScript\. Turn it on for this page and reload\./],
    ['/examples/glossary.html', 'leverage-cascade .fallback', /needs JavaScript/],
  ]) {
    const { context, page } = await open(path, { options: { javaScriptEnabled: false } });
    try {
      const message = page.locator(selector).first();
      assert.match(await message.textContent(), words, path);
      assert.equal(await message.isVisible(), true, `${path}: ${selector} is shown`);
    } finally {
      await context.close();
    }
  }
});
