// Hosting the widget: on a page of another origin (CORS and the host's CSP, as docs/EMBED.md
// says), in an iframe (embed.html), when the wasm cannot load, and the "Open in the full lab"
// link carrying the widget's state into the lab's URL.

import { test, before, after } from 'node:test';
import { createServer } from 'node:http';
import assert from 'node:assert/strict';
import { launch, openPage, ready, requirePackage, startServer } from './helpers.mjs';
import { settle, shadowCanvasPrint, shadowText, showWidget, waitWidget, widgetStates } from './embed-helpers.mjs';

let server;
let browser;
/** The host pages' server: another origin (localhost, not 127.0.0.1) that serves `hostPages`. */
let hostServer;
let HOST;
const hostPages = new Map();

before(async () => {
  requirePackage();
  server = await startServer();
  browser = await launch();
  // A real server rather than a routed fake origin: Chromium's Local Network Access checks
  // treat a routed page as public and would block it from framing the loopback widget.
  hostServer = createServer((req, res) => {
    const page = hostPages.get(new URL(req.url, 'http://x').pathname);
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': hostPolicy(server.origin),
      'Cache-Control': 'no-store',
    });
    res.end(page);
  });
  await new Promise((done) => hostServer.listen(0, '127.0.0.1', done));
  HOST = `http://localhost:${hostServer.address().port}`;
});

after(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((done) => hostServer?.close(done));
});

/** The host policy of docs/EMBED.md, for a widget served from `widget`. */
function hostPolicy(widget) {
  return (
    `default-src 'self'; script-src 'self' ${widget} 'wasm-unsafe-eval'; ` +
    `style-src 'self' ${widget}; connect-src 'self' ${widget}; img-src 'self' data:; frame-src ${widget}`
  );
}

/**
 * A context whose page HOST/page.html is `html` (served with the host policy), and whose requests to
 * the widget's server get `Access-Control-Allow-Origin: *` added when `cors` is true.
 */
async function hostContext(html, { cors = true } = {}) {
  hostPages.set('/page.html', html);
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  if (cors) {
    await context.route(`${server.origin}/**`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'access-control-allow-origin': '*' } });
    });
  }
  const page = await context.newPage();
  const log = { errors: [], requests: [] };
  page.on('console', (m) => m.type() === 'error' && log.errors.push(m.text()));
  page.on('pageerror', (e) => log.errors.push(`uncaught: ${e.message}`));
  page.on('request', (r) => log.requests.push(r.url()));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { context, page, log };
}

function article(body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
<link rel="icon" href="data:,">
<script type="module" src="${server.origin}/embed.js"></script></head>
<body><h1>An article on another site</h1><p>Some text.</p>${body}</body></html>`;
}

test('a page on another origin embeds the widget with CORS and the documented CSP', async () => {
  const { context, page, log } = await hostContext(
    article('<leverage-cascade compact preset="thin-book"><p>fallback</p></leverage-cascade>'),
  );
  try {
    await page.goto(`${HOST}/page.html`);
    await waitWidget(page, 0);
    const print = await shadowCanvasPrint(page, 0);
    assert.ok(print.colours > 3, 'the chart is drawn');
    // Every asset came from the widget's origin, resolved from embed.js, not from the host.
    const assets = log.requests.filter((u) => !u.startsWith(HOST));
    for (const path of ['/embed.js', '/embed.css', '/pkg/leverage_cascade.js', '/pkg/leverage_cascade_bg.wasm']) {
      assert.ok(assets.includes(`${server.origin}${path}`), `${path} from the widget's origin`);
    }
    assert.ok(log.requests.every((u) => u.startsWith(HOST) || u.startsWith(server.origin)), 'no third origin');
    const link = await page.locator('leverage-cascade').evaluate((el) => el.shadowRoot.querySelector('.lab-link').href);
    assert.ok(link.startsWith(`${server.origin}/index.html?`), `lab link on the widget's origin: ${link}`);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  } finally {
    await context.close();
  }
});

test('without CORS headers the host keeps its fallback text and nothing is thrown', async () => {
  const { context, page, log } = await hostContext(
    article('<leverage-cascade compact><p class="fallback">fallback text</p></leverage-cascade>'),
    { cors: false },
  );
  try {
    await page.goto(`${HOST}/page.html`);
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => customElements.get('leverage-cascade')), undefined);
    assert.equal(await page.isVisible('leverage-cascade .fallback'), true);
    // The browser reports the blocked module itself; the page throws nothing.
    assert.ok(log.errors.every((e) => !e.startsWith('uncaught')), log.errors.join('\n'));
  } finally {
    await context.close();
  }
});

test('embed.html works in an iframe on another origin and reads its query', async () => {
  const src = `${server.origin}/embed.html?preset=circuit-breaker&compact`;
  const { context, page, log } = await hostContext(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,"></head>
<body><p>Before.</p><iframe src="${src}" width="360" height="420" title="Leverage cascade simulator"></iframe></body></html>`,
    { cors: false },
  );
  try {
    await page.goto(`${HOST}/page.html`);
    const frame = page.frameLocator('iframe');
    const inner = await (await page.waitForSelector('iframe')).contentFrame();
    await inner.waitForSelector('leverage-cascade', { state: 'attached' });
    await waitWidget(inner, 0);
    assert.deepEqual(await widgetStates(inner), ['ready']);
    assert.equal(await frame.locator('leverage-cascade').getAttribute('preset'), 'circuit-breaker');
    assert.equal(await frame.locator('leverage-cascade').evaluate((el) => el.hasAttribute('compact')), true);
    assert.equal(await frame.locator('#lc-breaker').isChecked(), true, 'the breaker preset turns the switch on');
    assert.match(await shadowText(inner, 0, '.headline'), /^With a breaker, /, 'the compact headline describes the breaker first');
    // The widget fills the frame.
    const box = await frame.locator('leverage-cascade').evaluate((el) => el.getBoundingClientRect().height);
    assert.equal(Math.round(box), 420);
    assert.ok((await shadowCanvasPrint(inner, 0)).colours > 3);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(await inner.evaluate(() => window.__cspViolations ?? []), []);
  } finally {
    await context.close();
  }
});

test('with &fit and frame-host.js, iframes on another origin take the widget\'s height; without the script they keep their own', async () => {
  const frames = (fit) =>
    ['compact', 'preset=thin-book']
      .map((q) => `<iframe src="${server.origin}/embed.html?${q}${fit}" width="700" height="250" title="Leverage cascade simulator"></iframe>`)
      .join('');
  const host = (script, fit) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,">${script}</head><body>${frames(fit)}</body></html>`;
  const { context, page, log } = await hostContext(host(`<script src="${server.origin}/frame-host.js" defer></script>`, '&fit'), { cors: false });
  try {
    await page.goto(`${HOST}/page.html`);
    const inner = await Promise.all((await page.$$('iframe')).map((f) => f.contentFrame()));
    for (const frame of inner) {
      await frame.waitForSelector('leverage-cascade', { state: 'attached' });
      await waitWidget(frame, 0);
    }
    // Each frame ends as tall as its page (the compact widget's 420 px; the full one taller).
    // (clientHeight: the frame's inside, without its border.)
    await page.waitForFunction(() => [...document.querySelectorAll('iframe')].every((f) => f.clientHeight > 300), null, { timeout: 15000 });
    await page.waitForTimeout(300);
    const heights = await page.$$eval('iframe', (list) => list.map((f) => f.clientHeight));
    const content = await Promise.all(inner.map((f) => f.evaluate(() => document.documentElement.getBoundingClientRect().height)));
    heights.forEach((h, i) => assert.ok(Math.abs(h - content[i]) <= 2, `frame ${i}: ${h} px for ${content[i]} px of page`));
    assert.ok(Math.abs(heights[0] - 420) <= 2, `the compact frame is ${heights[0]} px`);
    assert.ok(heights[1] > 500, `the full frame is ${heights[1]} px`);
    // A message that is not from one of the page's frames changes nothing.
    await page.evaluate(() => window.postMessage({ type: 'leverage-cascade:height', height: 999 }, '*'));
    await page.waitForTimeout(200);
    assert.deepEqual(await page.$$eval('iframe', (list) => list.map((f) => f.clientHeight)), heights);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
  // Without the host script (or with scripts off) a frame keeps the height its tag gives it.
  const plain = await hostContext(host('', '&fit'), { cors: false });
  try {
    await plain.page.goto(`${HOST}/page.html`);
    const frame = await (await plain.page.$('iframe')).contentFrame();
    await frame.waitForSelector('leverage-cascade', { state: 'attached' });
    await waitWidget(frame, 0);
    assert.equal(await plain.page.$eval('iframe', (f) => f.clientHeight), 250);
  } finally {
    await plain.context.close();
  }
});

test('embed.html on its own passes params and theme through, under the strict CSP', async () => {
  const query = `?params=${encodeURIComponent('{"leverage":30}')}&theme=dark&controls=leverage,shockPct`;
  const { page, context, log } = await openPage(browser, server.origin, `/embed.html${query}`, {
    wait: false,
    viewport: { width: 700, height: 640 },
  });
  try {
    await waitWidget(page, 0);
    assert.equal(await shadowText(page, 0, '#lc-leverage-out'), '30×');
    assert.equal(await page.locator('leverage-cascade').evaluate((el) => el.shadowRoot.querySelector('.root').classList.contains('dark')), true);
    assert.equal(Math.round(await page.locator('leverage-cascade').evaluate((el) => el.getBoundingClientRect().height)), 640);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(log.foreign, []);
  } finally {
    await context.close();
  }
});

test('params may give a breaker in part: the rest are the default breaker\'s, and the widget works', async () => {
  const query = `?compact&params=${encodeURIComponent('{"circuitBreaker":{"haltTicks":30}}')}`;
  const { page, context, log } = await openPage(browser, server.origin, `/embed.html${query}`, { wait: false });
  try {
    await waitWidget(page, 0);
    assert.equal(await shadowText(page, 0, '.messages'), '');
    assert.equal(await page.locator('leverage-cascade').evaluate((el) => el.shadowRoot.querySelector('#lc-breaker').checked), true);
    assert.match(await shadowText(page, 0, '.headline'), /^With a breaker, /);
    // The lab it links to gets the same breaker: 30-tick halts at the default levels.
    const lab = await page.locator('leverage-cascade').evaluate((el) => el.shadowRoot.querySelector('a.lab-link, footer a')?.href ?? '');
    assert.match(lab, /circuitBreaker\.haltTicks=30/);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test('when the wasm cannot load, each widget says so in plain words and the host page is unharmed', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const uncaught = [];
  page.on('pageerror', (e) => uncaught.push(e.message));
  try {
    await page.route('**/*_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(`${server.origin}/examples/glossary.html`);
    await waitWidget(page, 0, 'error');
    await page.evaluate(() => document.querySelectorAll('leverage-cascade')[1].scrollIntoView());
    await waitWidget(page, 1, 'error');
    for (const i of [0, 1]) {
      const text = await shadowText(page, i, '.fatal');
      assert.match(text, /could not start here\. Reload the page first/);
      assert.match(text, /application\/wasm/);
      assert.match(text, /Technical detail: /);
      assert.equal((await shadowCanvasPrint(page, i)).visible, false, 'no empty chart is shown');
    }
    assert.deepEqual(uncaught, []);
    // The article itself is untouched.
    assert.equal(await page.textContent('h1'), 'Leverage Cascades');
  } finally {
    await context.close();
  }
});

test('"Open in the full lab" carries the widget\'s settings into the lab', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/examples/glossary.html', { wait: false });
  try {
    await showWidget(page, 0);
    const widget = page.locator('leverage-cascade').nth(0);
    await widget.locator('#lc-leverage').focus();
    for (let k = 0; k < 6; k += 1) await page.keyboard.press('ArrowRight');
    await widget.locator('#lc-depthPerPct').focus();
    await page.keyboard.press('ArrowLeft');
    await widget.locator('#lc-breaker').focus();
    await page.keyboard.press('Space');
    await settle(page);
    const shown = {
      leverage: await shadowText(page, 0, '#lc-leverage-out'),
      depth: await widget.locator('#lc-depthPerPct').getAttribute('aria-valuetext'),
    };
    const href = await widget.locator('.lab-link').getAttribute('href');
    const url = new URL(href);
    assert.equal(url.origin + url.pathname, `${server.origin}/index.html`);
    assert.equal(url.searchParams.get('leverage'), '15');
    assert.ok(url.searchParams.get('v'), 'the model version is in the link');
    // The scenario in view travels too, once the lab reads `focus=`.
    const labReadsFocus = await page.evaluate(async () => Array.isArray((await import('/lab/schema.js')).FOCUS_KEYS));
    assert.equal(url.searchParams.get('focus'), labReadsFocus ? 'circuitBreaker' : null);
    assert.equal(await widget.locator('.lab-link').getAttribute('target'), '_blank');
    assert.deepEqual(log.errors, []);

    const lab = await openPage(browser, server.origin, url.pathname + url.search);
    try {
      await ready(lab.page);
      assert.equal(await lab.page.textContent('#leverage-out'), shown.leverage);
      assert.equal(await lab.page.textContent('#depthPerPct-out'), shown.depth);
      assert.equal(await lab.page.isVisible('#notice'), false, 'the lab took every setting');
      if (labReadsFocus) assert.equal(await lab.page.isChecked('#focus-circuitBreaker'), true);
      assert.deepEqual(lab.log.errors, []);
    } finally {
      await lab.context.close();
    }
  } finally {
    await context.close();
  }
});

test('locked controls: shown, not movable, said so to screen readers, and locked in the lab the widget links to', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/embed.html?compact&locked=leverage,nope', { wait: false });
  try {
    await waitWidget(page, 0);
    const state = await page.locator('leverage-cascade').evaluate((el) => {
      const root = el.shadowRoot;
      const label = (id) => root.querySelector(`label[for="${id}"]`).textContent;
      return {
        leverage: root.getElementById('lc-leverage').disabled,
        depth: root.getElementById('lc-depthPerPct').disabled,
        leverageLabel: label('lc-leverage'),
        messages: root.querySelector('.messages').textContent,
        lab: root.querySelector('.lab-link').href,
      };
    });
    assert.equal(state.leverage, true);
    assert.equal(state.depth, false);
    assert.match(state.leverageLabel, /\(set by this page, locked\)/);
    assert.match(state.messages, /locked: “nope” is not available/);
    assert.match(state.lab, /[?&]lock=leverage(&|$)/);
    // The lab opened from it has leverage locked too.
    const lab = await openPage(browser, server.origin, new URL(state.lab).pathname + new URL(state.lab).search);
    try {
      assert.equal(await lab.page.isDisabled('#leverage'), true);
    } finally {
      await lab.context.close();
    }
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});
