// Strict Content-Security-Policy (issue 7): www/ served with
//   default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:
// must work unchanged. Each page is loaded, drawn and used (tour, playback, sliders, exports,
// the explorations' workers, both glossary widgets) while three instruments listen: the
// browser's violation reports (report-uri back to the test server, which also catches workers),
// `securitypolicyviolation` events on the document, and console messages about the policy. A
// deliberately bad page first proves the instruments hear a violation.
//
// Then the widget on a host page of another origin whose policy lists the widget's origin:
// it works when the widget's server sends `Access-Control-Allow-Origin`, and leaving any one
// directive out of the host's policy breaks it with a report naming that directive, so each
// one in docs/EMBED.md is needed.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { WWW, canvasPrint, closeSite, openSite, ready, settle } from './helpers.mjs';
import { shadowCanvasPrint, shadowText, showWidget, waitWidget, widgetStates } from './embed-helpers.mjs';
import { cspEvents, reportsOf, startCspServer, watchCsp } from './csp-server.mjs';

let server;
let browser;

/** A page that breaks the policy three ways, to show the instruments hear violations. */
const CANARY = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>canary</title>
<link rel="icon" href="data:,"></head><body>
<p style="color: red">inline style attribute</p>
<script>window.inlineRan = true;</script>
<button type="button" onclick="window.handlerRan = true">inline handler</button>
</body></html>`;

before(async () => {
  const pages = new Map([['/__canary.html', { html: CANARY }]]);
  ({ server, browser } = await openSite(() => startCspServer({ pages })));
});
after(() => closeSite({ server, browser }));

/** Opens `path` of `origin` in a fresh context with the CSP instruments attached. */
async function open(origin, path, viewport = { width: 1440, height: 900 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const log = await watchCsp(page);
  await page.goto(origin + path);
  return { context, page, log };
}

/** Asserts that nothing about the policy was heard since `since` reports had arrived. */
async function assertClean(page, log, since, where) {
  const reports = (await reportsOf(server)).slice(since);
  assert.deepEqual(reports, [], `${where}: violation reports`);
  assert.deepEqual(await cspEvents(page), [], `${where}: securitypolicyviolation events`);
  assert.deepEqual(log.console, [], `${where}: console messages about the policy`);
  assert.deepEqual(log.errors, [], `${where}: console errors`);
}

// ---------------------------------------------------------------------------------------------
// The source: nothing a strict policy forbids

/** Every file under `dir` with one of `exts`, skipping node_modules. */
function filesUnder(dir, exts) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, exts));
    else if (exts.some((e) => name.endsWith(e))) out.push(path);
  }
  return out;
}

test('www/ has no inline script or style, no handler attribute, no eval and no HTML-string sinks', () => {
  const found = [];
  for (const file of filesUnder(WWW, ['.html'])) {
    const html = readFileSync(file, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    const name = relative(WWW, file);
    for (const tag of html.match(/<[a-zA-Z][^>]*>/g) || []) {
      if (/^<script\b/i.test(tag) && !/\ssrc\s*=/i.test(tag)) found.push(`${name}: inline script ${tag}`);
      if (/^<style\b/i.test(tag)) found.push(`${name}: <style> element`);
      if (/\sstyle\s*=/i.test(tag)) found.push(`${name}: style attribute in ${tag}`);
      if (/\son[a-z]+\s*=/i.test(tag)) found.push(`${name}: event-handler attribute in ${tag}`);
      if (/javascript:/i.test(tag)) found.push(`${name}: javascript: URL in ${tag}`);
    }
  }
  const sinks = [
    [/\beval\s*\(/, 'eval'],
    [/\bnew\s+Function\s*\(/, 'new Function'],
    [/\bset(Timeout|Interval)\s*\(\s*['"`]/, 'string timer'],
    [/\b(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/, 'HTML string sink'],
    [/setAttribute\(\s*['"]style['"]|\.cssText\b|createElement\(\s*['"]style['"]/, 'inline style from script'],
  ];
  const scripts = filesUnder(WWW, ['.js', '.mjs']);
  assert.ok(scripts.some((f) => f.endsWith(join('pkg', 'leverage_cascade.js'))), 'the generated glue is scanned too');
  for (const file of scripts) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      const code = line.replace(/\/\/.*$/, '');
      for (const [re, what] of sinks) if (re.test(code)) found.push(`${relative(WWW, file)}:${i + 1}: ${what}: ${line.trim()}`);
    });
  }
  assert.deepEqual(found, []);
});

// ---------------------------------------------------------------------------------------------
// Served under the policy

test('the instruments hear a violation: a deliberately bad page is reported three ways', async () => {
  const since = server.reports.length;
  const { context, page, log } = await open(server.origin, '/__canary.html');
  try {
    await page.click('button');
    const reports = (await reportsOf(server, 500)).slice(since);
    assert.ok(reports.some((r) => r.startsWith('style-src')), reports.join('\n'));
    assert.ok(reports.some((r) => r.startsWith('script-src') && / inline /.test(r)), reports.join('\n'));
    assert.ok(reports.length >= 3, `three reports (style, script, handler): ${reports.join('\n')}`);
    assert.ok((await cspEvents(page)).length >= 3, 'securitypolicyviolation events');
    assert.ok(log.console.length >= 1, 'console messages');
    assert.equal(await page.evaluate(() => window.inlineRan ?? window.handlerRan ?? null), null, 'nothing inline ran');
  } finally {
    await context.close();
  }
});

test('the lab page loads, draws and is used with no violation, explorations included', async (t) => {
  const since = server.reports.length;
  const { context, page, log } = await open(server.origin, '/?preset=oct-2025');
  try {
    await ready(page);
    for (const id of ['chart-price', 'chart-map']) assert.ok((await canvasPrint(page, id)).colours > 3, `${id} drawn`);

    // Everything that changes styles or makes files at run time: the gauge markers, the tour,
    // playback, a slider, the focus switch, and both exports (blob: downloads).
    await page.click('#tour-start');
    await page.click('#tour-next');
    await page.click('#tour-close');
    await page.click('#play');
    await page.waitForTimeout(300);
    await page.click('#play');
    await page.click('#step');
    await page.click('label[for="focus-both"]');
    await page.focus('#leverage');
    await page.keyboard.press('ArrowRight');
    await settle(page);
    for (const id of ['#export-png', '#export-csv']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(id)]);
      assert.ok(download.suggestedFilename().startsWith('leverage-cascade-'));
    }

    // The explorations run in module workers, which get the same policy from their response.
    if (await page.$('#explore')) {
      await page.locator('#explore').scrollIntoViewIfNeeded();
      await page.waitForFunction(() => document.getElementById('explore').dataset.ready === 'true', null, { timeout: 15000 });
      // The map and the crash sizes start when seen (the long market waits for its button);
      // wait until each has results from its workers.
      await page.waitForFunction(
        () => {
          const d = document.getElementById('explore').dataset;
          const bars = document.querySelectorAll('#explore-map-progress, #explore-mc-progress');
          const progressed = bars.length === 2 && [...bars].every((p) => p.value > 0);
          return (d.mapState === 'done' || d.mapState === 'running') && (d.mcState === 'done' || d.mcState === 'running') && progressed;
        },
        null,
        { timeout: 30000 },
      );
      const states = await page.evaluate(() => ({ ...document.getElementById('explore').dataset }));
      t.diagnostic(`explorations: map ${states.mapState}, crash sizes ${states.mcState}`);
    } else {
      t.diagnostic('no #explore section on the page: explorations not checked');
    }
    await assertClean(page, log, since, 'lab');
  } finally {
    await context.close();
  }
});

test('embed.html, plain and compact/dark with chosen controls, draws with no violation', async () => {
  for (const path of ['/embed.html', '/embed.html?compact&preset=thin-book&theme=dark&controls=leverage,shockPct']) {
    const since = server.reports.length;
    const { context, page, log } = await open(server.origin, path, { width: 700, height: 640 });
    try {
      await waitWidget(page, 0);
      assert.ok((await shadowCanvasPrint(page, 0)).colours > 3, `${path}: chart drawn`);
      await page.locator('leverage-cascade').locator('#lc-leverage').focus();
      await page.keyboard.press('ArrowRight');
      await settle(page);
      await assertClean(page, log, since, path);
    } finally {
      await context.close();
    }
  }
});

test('the glossary example draws both widgets with no violation', async () => {
  const since = server.reports.length;
  const { context, page, log } = await open(server.origin, '/examples/glossary.html');
  try {
    await showWidget(page, 0);
    await showWidget(page, 1);
    assert.deepEqual(await widgetStates(page), ['ready', 'ready']);
    for (const i of [0, 1]) assert.ok((await shadowCanvasPrint(page, i)).colours > 3, `widget ${i} drawn`);
    await page.locator('leverage-cascade').nth(1).locator('#lc-leverage').focus();
    await page.keyboard.press('ArrowLeft');
    await settle(page);
    await assertClean(page, log, since, 'glossary');
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------------
// A host page of another origin, with its own strict policy

/**
 * The host's policy: issue 7's, with the widget's origin `w` added where docs/EMBED.md says.
 * `without` drops one piece, to show it is needed.
 */
function hostPolicy(w, without = null) {
  const parts = {
    'script-src': `script-src 'self' ${w} 'wasm-unsafe-eval'`,
    'style-src': `style-src 'self' ${w}`,
    'connect-src': `connect-src 'self' ${w}`,
  };
  if (without === 'wasm-unsafe-eval') parts['script-src'] = `script-src 'self' ${w}`;
  else if (without) parts[without] = parts[without].replace(` ${w}`, '');
  return `default-src 'self'; ${parts['script-src']}; ${parts['style-src']}; ${parts['connect-src']}; img-src 'self' data: blob:`;
}

const ARTICLE = (w) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>An article</title>
<link rel="icon" href="data:,">
<script type="module" src="${w}/embed.js"></script></head>
<body><h1>A course page on another site</h1>
<leverage-cascade compact preset="crowded-leverage"><p class="fallback">fallback text</p></leverage-cascade>
</body></html>`;

/** Serves the widget (with CORS) and a host article whose policy is `hostPolicy(widget, without)`. */
async function hostAndWidget(without = null) {
  const widget = await startCspServer({ cors: true });
  const pages = new Map([['/article.html', { html: ARTICLE(widget.origin), policy: () => hostPolicy(widget.origin, without) }]]);
  // "localhost" rather than 127.0.0.1: another origin on the same machine.
  const host = await startCspServer({ host: 'localhost', pages });
  return { widget, host, close: () => Promise.all([widget.close(), host.close()]) };
}

test('a host of another origin, whose policy lists the widget, embeds it when the widget sends CORS headers', async (t) => {
  const { widget, host, close } = await hostAndWidget();
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  const log = await watchCsp(page);
  try {
    await page.goto(`${host.origin}/article.html`);
    await waitWidget(page, 0);
    assert.ok((await shadowCanvasPrint(page, 0)).colours > 3, 'the chart is drawn');
    assert.match(await shadowText(page, 0, '.headline'), /\S/);
    assert.deepEqual(await reportsOf(host), [], 'reports to the host');
    assert.deepEqual(await reportsOf(widget), [], 'reports to the widget server');
    assert.deepEqual(await cspEvents(page), []);
    assert.deepEqual(log.console, []);
    assert.deepEqual(log.errors, []);

    // What the widget's server must allow: every request the page made to it in CORS mode
    // (Sec-Fetch-Mode: cors) is one that fails without Access-Control-Allow-Origin.
    const cors = [...new Set(widget.requests.filter((r) => r.mode === 'cors').map((r) => r.path))].sort();
    const plain = [...new Set(widget.requests.filter((r) => r.mode !== 'cors').map((r) => `${r.path} (${r.mode})`))].sort();
    t.diagnostic(`CORS requests to the widget's origin: ${cors.join(', ')}`);
    t.diagnostic(`other requests to it: ${plain.join(', ') || 'none'}`);
    for (const path of ['/embed.js', '/pkg/leverage_cascade.js', '/pkg/leverage_cascade_bg.wasm']) {
      assert.ok(cors.includes(path), `${path} is fetched in CORS mode`);
    }
  } finally {
    await context.close();
    await close();
  }
});

const NEEDED = [
  // [left out, the directive the report names, what the reader sees]
  ['script-src', /^script-src/, 'fallback'],
  ['wasm-unsafe-eval', /^script-src/, 'error'],
  ['connect-src', /^connect-src/, 'error'],
  ['style-src', /^style-src/, 'ready'],
];

for (const [without, directive, outcome] of NEEDED) {
  test(`leaving ${without} out of the host's policy is reported, and ${outcome === 'fallback' ? 'the fallback text stays' : outcome === 'error' ? 'the widget says it could not start' : 'only the styling is lost'}`, async () => {
    const { host, close } = await hostAndWidget(without);
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    await watchCsp(page);
    try {
      await page.goto(`${host.origin}/article.html`);
      if (outcome === 'fallback') {
        await page.waitForTimeout(500);
        assert.equal(await page.isVisible('leverage-cascade .fallback'), true);
      } else {
        await waitWidget(page, 0, outcome);
      }
      const reports = await reportsOf(host, 500);
      assert.ok(reports.some((r) => directive.test(r)), `a ${without} report: ${reports.join('\n')}`);
      if (without === 'wasm-unsafe-eval') assert.ok(reports.some((r) => / wasm-eval /.test(r)), reports.join('\n'));
    } finally {
      await context.close();
      await close();
    }
  });
}
