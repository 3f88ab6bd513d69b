// The page loads cleanly: no console error, no CSP violation, no request to another origin, both
// charts drawn at CSS size × devicePixelRatio with a text alternative, and a readable readout.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import {
  WWW,
  bigNumbers,
  canvasPrint,
  closeSite,
  openPage,
  openSite,
  startServer,
} from './helpers.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await openSite()));
after(() => closeSite({ server, browser }));

test('the lab preloads every module its first chart waits for, so none waits for its importer', async () => {
  // Each module found only when its importer has arrived costs a round trip before the first
  // chart (three levels deep cost about 100 ms on a local server): main.js's static imports,
  // followed to the end, must all be <link rel="modulepreload">s of index.html.
  const graph = new Set();
  const visit = async (file) => {
    const source = await readFile(join(WWW, file), 'utf8');
    for (const [, spec] of source.matchAll(/^import[^'"]*from '(\.{1,2}\/[^']+)';/gm)) {
      const path = relative(WWW, join(WWW, dirname(file), spec));
      if (!graph.has(path)) {
        graph.add(path);
        await visit(path);
      }
    }
  };
  await visit('main.js');
  const html = await readFile(join(WWW, 'index.html'), 'utf8');
  const preloaded = new Set([...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]));
  assert.ok(graph.size > 10, `${graph.size} modules found`);
  assert.deepEqual([...graph].filter((m) => !preloaded.has(m)).sort(), [], 'modules not preloaded');
});

test('the page loads with no console error, CSP violation or foreign request', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/');
  try {
    assert.deepEqual(log.errors, [], 'console errors');
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'CSP violations');
    assert.deepEqual(log.foreign, [], 'requests to other origins');
    assert.equal(await page.isVisible('#fatal'), false);
    assert.equal(await page.isVisible('#error'), false);
    assert.equal(await page.isVisible('#notice'), false);

    // Four scenario cards, each with a signed % move and a sentence in words.
    const numbers = await bigNumbers(page);
    assert.equal(numbers.length, 4);
    for (const n of numbers) assert.match(n, /^[−+]\d+(\.\d)?\u00a0%$/);
    const sentence = await page.textContent('#cards li .sentence');
    assert.match(sentence, /shock .* liquidated, .* of traders wiped out\./);

    // The address bar holds the model version from version().
    const model = await page.evaluate(async () => (await import('/pkg/leverage_cascade.js')).version().model);
    assert.equal(await page.evaluate(() => location.search), `?v=${model}`);
  } finally {
    await context.close();
  }
});

test('both charts are drawn, sized by devicePixelRatio, with numeric aria-labels', async () => {
  const { page, context } = await openPage(browser, server.origin, '/', { deviceScaleFactor: 2 });
  try {
    for (const id of ['chart-price', 'chart-map']) {
      const print = await canvasPrint(page, id);
      assert.ok(print.colours > 3, `${id} is not blank (${print.colours} colours)`);
      const box = await page.evaluate((i) => {
        const r = document.getElementById(i).getBoundingClientRect();
        return { width: r.width, height: r.height };
      }, id);
      assert.equal(print.width, Math.round(box.width * 2), `${id} backing width = CSS width × 2`);
      assert.equal(print.height, Math.round(box.height * 2), `${id} backing height = CSS height × 2`);
      assert.equal(await page.getAttribute(`#${id}`, 'role'), 'img');
      const label = await page.getAttribute(`#${id}`, 'aria-label');
      assert.match(label, /\d/, `${id} aria-label has numbers: ${label}`);
      assert.doesNotMatch(label, /loading/i);
    }
    assert.match(await page.getAttribute('#chart-price', 'aria-label'), /No mitigation: −\d/);
  } finally {
    await context.close();
  }
});

test('the criticality gauge shows n with its meaning', async () => {
  const { page, context } = await openPage(browser, server.origin, '/?preset=crowded-leverage');
  try {
    const expected = await page.evaluate(async () => {
      const api = await import('/pkg/leverage_cascade.js');
      const preset = api.presets().find((p) => p.id === 'crowded-leverage');
      return api.compare(preset.params).none.summary.branchingRatio;
    });
    const shown = await page.textContent('#n-now');
    assert.equal(shown, `n\u00a0=\u00a0${expected.toLocaleString('en-US', { maximumFractionDigits: 2 })}`);
    const meaning = await page.textContent('#n-meaning');
    if (expected >= 1) assert.match(meaning, /^Runaway/);
    else assert.match(meaning, /^(Fragile|Stable)/);
    assert.equal(Number(await page.evaluate(() => document.getElementById('n-meter').value)), Math.min(expected, 2));
  } finally {
    await context.close();
  }
});

test('the gauge and the cards agree: a grown shock is never said to die out quickly, a big move never called a dip', async () => {
  const { page, context } = await openPage(browser, server.origin, '/');
  try {
    // The default market: n = 0.38 at the start, yet the shock grows 1.8×.
    const amp = (await page.textContent('#cards li.card-none .amp')).replace(' the shock', '');
    const meaning = await page.textContent('#n-meaning');
    assert.doesNotMatch(meaning, /dies out quickly/);
    assert.match(meaning, new RegExp(`grew the shock ${amp.replace('.', '\\.')} before it died out`));
  } finally {
    await context.close();
  }
  // circuit-breaker: the fund's takeover and ADL took selling off the book; the gauge says so,
  // as the card does.
  const oct = await openPage(browser, server.origin, '/?preset=circuit-breaker');
  try {
    const extras = await oct.page.textContent('#cards li.card-none .extras');
    assert.match(extras, /auto-deleveraged/);
    const peak = await oct.page.textContent('#n-peak-meaning');
    assert.match(peak, /Not all the forced selling reached the book: the insurance fund took over \$[\d.]+\u00a0[MB], auto-deleveraging closed against winning positions \$[\d.]+\u00a0[MB]\. That is part of why the fall stopped where it did\./);
  } finally {
    await oct.context.close();
  }
  const big = await openPage(browser, server.origin, '/?shockPct=-50&leverage=2');
  try {
    const sentence = await big.page.textContent('#cards li.card-none .sentence');
    assert.match(sentence, /^A −50\u00a0% shock stayed a −5\d(\.\d)?\u00a0% crash/);
  } finally {
    await big.context.close();
  }
});

test('a wasm that fails to load shows a plain-language message', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.route('**/*_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(`${server.origin}/`);
    await page.waitForSelector('#fatal:not([hidden])', { timeout: 10000 });
    const text = await page.textContent('#fatal');
    assert.match(text, /could not start/);
    assert.match(text, /Reload the page/);
    assert.equal(await page.isVisible('#boot'), false);
  } finally {
    await context.close();
  }
});

test('the page works from a sub-path, and its links keep that path', async () => {
  const root = await mkdtemp(join(tmpdir(), 'lab-subpath-'));
  await mkdir(join(root, 'some'));
  await symlink(WWW, join(root, 'some', 'course'));
  const hosted = await startServer(root);
  try {
    const { page, context, log } = await openPage(browser, hosted.origin, '/some/course/?leverage=15');
    try {
      assert.equal(await page.textContent('#leverage-out'), '15×');
      assert.ok((await page.inputValue('#link')).startsWith(`${hosted.origin}/some/course/?leverage=15`));
      assert.deepEqual(log.errors, []);
      assert.ok((await canvasPrint(page, 'chart-price')).colours > 3);
    } finally {
      await context.close();
    }
  } finally {
    await hosted.close();
    await rm(root, { recursive: true, force: true });
  }
});
