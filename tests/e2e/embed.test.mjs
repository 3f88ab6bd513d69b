// <leverage-cascade> on the example glossary page (www/examples/glossary.html), served with the
// strict CSP of issue 7: both instances render; a hostile host stylesheet changes nothing inside
// them; one instance's slider leaves the other alone; a bad params attribute shows a message
// and the defaults; the wasm is fetched once and only when a widget is in view; the console
// stays clean and no request leaves the widget's origin.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeSite, openPage, openSite } from './helpers.mjs';
import {
  settle,
  shadowCanvasPrint,
  shadowLayout,
  shadowText,
  showWidget,
  waitWidget,
  widgetStates,
} from './embed-helpers.mjs';

const GLOSSARY = '/examples/glossary.html';
const COMPACT = 0;
const FULL = 1;

let server;
let browser;

before(async () => ({ server, browser } = await openSite()));
after(() => closeSite({ server, browser }));

/** Opens the glossary and brings both widgets to the ready state. */
async function openGlossary(options = {}) {
  const opened = await openPage(browser, server.origin, GLOSSARY, { wait: false, ...options });
  await showWidget(opened.page, COMPACT);
  await showWidget(opened.page, FULL);
  await opened.page.evaluate(() => scrollTo(0, 0));
  await settle(opened.page);
  return opened;
}

/** Everything a clean page must show: no console error, no CSP violation, no foreign request. */
async function assertClean(page, log) {
  assert.deepEqual(log.errors, [], 'console errors');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'CSP violations');
  assert.deepEqual(log.foreign, [], 'requests to other origins');
  assert.deepEqual(log.dialogs, [], 'dialogs');
}

test('the glossary renders both widgets, each with a drawn chart, clean console and no foreign request', async () => {
  const { page, context, log } = await openPage(browser, server.origin, GLOSSARY, { wait: false });
  try {
    await showWidget(page, COMPACT);
    await showWidget(page, FULL);
    assert.deepEqual(await widgetStates(page), ['ready', 'ready']);

    const compact = await shadowCanvasPrint(page, COMPACT);
    const full = await shadowCanvasPrint(page, FULL);
    assert.ok(compact.colours > 3, `compact chart is drawn (${compact.colours} colours)`);
    assert.ok(full.colours > 3, `full chart is drawn (${full.colours} colours)`);
    const map = await shadowCanvasPrint(page, FULL, '.chart-map');
    assert.ok(map.colours > 3, 'the full widget also draws the liquidation map');
    assert.equal((await shadowCanvasPrint(page, COMPACT, '.chart-map')).visible, false, 'compact has one chart');

    // Headline with numbers; legends with four scenarios.
    assert.match(await shadowText(page, COMPACT, '.headline'), /^Without a breaker, a −5\u00a0% shock .*\(\d+(\.\d)?×\)/);
    assert.match(await shadowText(page, FULL, '.headline'), /^Circuit breaker: /, 'the circuit-breaker preset describes the breaker');
    for (const i of [COMPACT, FULL]) {
      const items = await page.evaluate((n) => document.querySelectorAll('leverage-cascade')[n].shadowRoot.querySelectorAll('.legend input').length, i);
      assert.equal(items, 4);
    }

    // The compact widget fits 360 × 420 CSS px.
    const box = await page.evaluate(() => {
      const r = document.querySelectorAll('leverage-cascade')[0].getBoundingClientRect();
      return { width: r.width, height: r.height };
    });
    assert.ok(box.width <= 360 && box.height <= 420, `compact size ${box.width} × ${box.height}`);
    // Its price chart takes most of it (at least 60 %), under a one-line prompt.
    const chart = await page.evaluate(() => document.querySelectorAll('leverage-cascade')[0].shadowRoot.querySelector('.chart-price').getBoundingClientRect().height);
    assert.ok(chart >= 0.6 * box.height, `the price chart is ${chart} of ${box.height} px`);
    const prompt = await page.evaluate(() => {
      const p = document.querySelectorAll('leverage-cascade')[0].shadowRoot.querySelector('.prompt');
      return { text: p.textContent, lines: Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight)) };
    });
    assert.match(prompt.text, /^Drag the sliders/);
    assert.equal(prompt.lines, 1, 'the prompt fits one line');

    // Its three sliders: leverage, depth, breaker.
    const controls = await page.evaluate(() =>
      [...document.querySelectorAll('leverage-cascade')[0].shadowRoot.querySelectorAll('.controls input')].map((i) => i.id),
    );
    assert.deepEqual(controls, ['lc-leverage', 'lc-depthPerPct', 'lc-breaker']);

    const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((u) => /\.(wasm|css)$/.test(u)));
    assert.deepEqual(
      fetched.map((u) => new URL(u).pathname).sort(),
      ['/embed.css', '/examples/glossary.css', '/pkg/leverage_cascade_bg.wasm'],
      'the wasm and the widget stylesheet are each fetched once for both widgets',
    );
    assert.equal(await page.evaluate(() => performance.getEntriesByName('leverage-cascade:first-chart').length), 1);
    await assertClean(page, log);
  } finally {
    await context.close();
  }
});

test('a widget out of view computes nothing until it is scrolled to', async () => {
  const { page, context, log } = await openPage(browser, server.origin, GLOSSARY, {
    wait: false,
    viewport: { width: 1440, height: 900 },
  });
  try {
    await waitWidget(page, COMPACT);
    const [, full] = await widgetStates(page);
    assert.notEqual(full, 'ready', 'the lower widget waits');
    assert.equal(await shadowText(page, FULL, '.headline'), 'Starting the simulator…');
    await showWidget(page, FULL);
    assert.match(await shadowText(page, FULL, '.headline'), /shock/);
    await assertClean(page, log);
  } finally {
    await context.close();
  }
});

test('a hostile host stylesheet changes nothing inside the widgets', async () => {
  // Served as a file of the page's own origin, so the page's CSP (style-src 'self') allows it.
  const HOSTILE = '* { font: 40px serif !important; color: red !important; line-height: 3 !important; } canvas { display: none !important; } input, label, output, p, a, div { display: none !important; }';
  const clean = await openGlossary();
  const hostile = await openPage(browser, server.origin, GLOSSARY, { wait: false });
  try {
    await hostile.page.route('**/hostile.css', (route) => route.fulfill({ contentType: 'text/css', body: HOSTILE }));
    await hostile.page.addStyleTag({ url: '/examples/hostile.css' });
    await showWidget(hostile.page, COMPACT);
    await showWidget(hostile.page, FULL);
    await hostile.page.evaluate(() => scrollTo(0, 0));
    await settle(hostile.page);
    // The rule did reach the host page.
    assert.equal(await hostile.page.evaluate(() => getComputedStyle(document.querySelector('h1')).fontSize), '40px');

    for (const i of [COMPACT, FULL]) {
      const a = await shadowLayout(clean.page, i);
      const b = await shadowLayout(hostile.page, i);
      assert.deepEqual(b, a, `widget ${i}: every box and style inside the shadow root is unchanged`);
      const pa = await shadowCanvasPrint(clean.page, i);
      const pb = await shadowCanvasPrint(hostile.page, i);
      assert.equal(pb.display, 'block');
      assert.deepEqual(pb, pa, `widget ${i}: the chart's pixels are unchanged`);
      // Pin the widget to the same whole-pixel spot on both pages (the host's text moved it by
      // fractions of a pixel, which shifts anti-aliasing) over the same backdrop (its rounded
      // corners show what is behind), then compare the pixels.
      const shots = [];
      for (const page of [clean.page, hostile.page]) {
        const clip = await page.locator('leverage-cascade').nth(i).evaluate((el) => {
          const { width, height } = el.getBoundingClientRect();
          for (const [k, v] of Object.entries({ position: 'fixed', top: '0px', left: '0px', width: `${width}px`, 'z-index': '2147483647', background: 'white' })) {
            el.style.setProperty(k, v, 'important');
          }
          return { x: 0, y: 0, width: Math.ceil(width), height: Math.ceil(height) };
        });
        await settle(page);
        await settle(page);
        shots.push(await page.screenshot({ clip }));
        await page.locator('leverage-cascade').nth(i).evaluate((el) => el.removeAttribute('style'));
        await settle(page);
      }
      assert.ok(shots[0].equals(shots[1]), `widget ${i}: the screenshot is identical`);
    }
    await assertClean(clean.page, clean.log);
    await assertClean(hostile.page, hostile.log);
  } finally {
    await clean.context.close();
    await hostile.context.close();
  }
});

test("moving one widget's slider changes only that widget", async () => {
  const { page, context, log } = await openGlossary();
  try {
    const before = [await shadowCanvasPrint(page, COMPACT), await shadowCanvasPrint(page, FULL)];
    const fullHeadline = await shadowText(page, FULL, '.headline');
    const fullLeverage = await shadowText(page, FULL, '#lc-leverage-out');
    const compactHeadline = await shadowText(page, COMPACT, '.headline');

    // Keyboard: focus the compact leverage slider and step it up.
    await page.locator('leverage-cascade').nth(COMPACT).locator('#lc-leverage').focus();
    for (let k = 0; k < 16; k += 1) await page.keyboard.press('ArrowRight');
    await settle(page);
    await settle(page);

    assert.equal(await shadowText(page, COMPACT, '#lc-leverage-out'), '20×', 'sixteen half-steps from 12×');
    const after = [await shadowCanvasPrint(page, COMPACT), await shadowCanvasPrint(page, FULL)];
    assert.notEqual(after[0].hash, before[0].hash, 'the compact chart changed');
    assert.notEqual(await shadowText(page, COMPACT, '.headline'), compactHeadline, 'the compact headline changed');
    assert.deepEqual(after[1], before[1], 'the other chart did not change');
    assert.equal(await shadowText(page, FULL, '.headline'), fullHeadline);
    assert.equal(await shadowText(page, FULL, '#lc-leverage-out'), fullLeverage);

    // The breaker switch: Space toggles it, and the headline then describes the breaker run.
    await page.locator('leverage-cascade').nth(COMPACT).locator('#lc-breaker').focus();
    await page.keyboard.press('Space');
    await settle(page);
    // The headline says what the breaker changes, and the chart (the same two lines, the
    // breaker's on top, its halts shaded) changes; switched off again, it is as before.
    assert.match(
      await shadowText(page, COMPACT, '.headline'),
      /^With a breaker, a −5\u00a0% shock (stayed|grew into|became) a −[\d.]+\u00a0% (dip|slide|crash) \([\d.]+×\); (without one, −[\d.]+\u00a0%|the same without one)\.$/,
    );
    const on = await shadowCanvasPrint(page, COMPACT);
    assert.notEqual(on.hash, after[0].hash, 'the switch changes the compact chart');
    await page.keyboard.press('Space');
    await settle(page);
    assert.match(await shadowText(page, COMPACT, '.headline'), /^Without a breaker, .*; (with one, −[\d.]+\u00a0%|the same with one)\.$/);
    assert.deepEqual(await shadowCanvasPrint(page, COMPACT), after[0], 'switched off, the chart is as before');
    await page.keyboard.press('Space');
    await settle(page);
    assert.deepEqual(await shadowCanvasPrint(page, FULL), before[1]);
    await assertClean(page, log);
  } finally {
    await context.close();
  }
});

test('a bad params attribute shows a message inside the widget and the defaults', async () => {
  const { page, context, log } = await openGlossary();
  try {
    const defaultHeadline = await shadowText(page, COMPACT, '.headline');
    const defaultLabel = await page.locator('leverage-cascade').nth(COMPACT).evaluate((el) => el.shadowRoot.querySelector('.chart-price').getAttribute('aria-label'));
    const cases = [
      ['{"leverage": 500}', /params was not used: leverage: must be between 1 and 125, got 500/],
      ['{"leverage": 25', /params is not valid JSON/],
      ['[1, 2]', /params must be a JSON object/],
      ['{"notAField": 1}', /params was not used: .*notAField/],
      ['{"leverage": "high"}', /params was not used: leverage/],
    ];
    for (const [value, message] of cases) {
      await page.locator('leverage-cascade').nth(COMPACT).evaluate((el, v) => el.setAttribute('params', v), value);
      await settle(page);
      await settle(page);
      assert.match(await shadowText(page, COMPACT, '.messages'), message, `params='${value}'`);
      assert.equal(await shadowText(page, COMPACT, '#lc-leverage-out'), '12×', 'the default leverage');
      assert.equal(await shadowText(page, COMPACT, '.headline'), defaultHeadline, 'the default result');
      // The chart is smaller (the message takes room) but shows the same run.
      const label = await page.locator('leverage-cascade').nth(COMPACT).evaluate((el) => el.shadowRoot.querySelector('.chart-price').getAttribute('aria-label'));
      assert.equal(label, defaultLabel, 'the default chart');
      assert.ok((await shadowCanvasPrint(page, COMPACT)).colours > 3);
    }

    // A good value clears the message and applies.
    await page.locator('leverage-cascade').nth(COMPACT).evaluate((el) => el.setAttribute('params', '{"leverage": 25}'));
    await settle(page);
    await settle(page);
    assert.equal(await shadowText(page, COMPACT, '.messages'), '');
    assert.equal(await shadowText(page, COMPACT, '#lc-leverage-out'), '25×');

    // A widget created with bad attributes from the start reports them too, without throwing.
    await page.evaluate(() => {
      const el = document.createElement('leverage-cascade');
      el.setAttribute('params', 'not json');
      el.setAttribute('preset', 'no-such-preset');
      el.setAttribute('controls', 'leverage,bogus');
      el.setAttribute('theme', 'purple');
      el.setAttribute('height', 'tall');
      document.querySelector('.entry-head').after(el);
      el.scrollIntoView();
    });
    await waitWidget(page, 0);
    const messages = await shadowText(page, 0, '.messages');
    for (const part of [/preset “no-such-preset” does not exist/, /params is not valid JSON/, /“bogus” is not available/, /theme “purple”/, /height “tall”/]) {
      assert.match(messages, part);
    }
    assert.equal(await shadowText(page, 0, '#lc-leverage-out'), '12×');
    await assertClean(page, log);
  } finally {
    await context.close();
  }
});

test('attributes update the widget live', async () => {
  const { page, context, log } = await openGlossary();
  try {
    const widget = page.locator('leverage-cascade').nth(COMPACT);
    const light = await shadowCanvasPrint(page, COMPACT);

    await widget.evaluate((el) => el.setAttribute('theme', 'dark'));
    await settle(page);
    assert.equal(await widget.evaluate((el) => el.shadowRoot.querySelector('.root').classList.contains('dark')), true);
    assert.notEqual((await shadowCanvasPrint(page, COMPACT)).hash, light.hash, 'the chart is redrawn dark');

    await widget.evaluate((el) => el.setAttribute('preset', 'crowded-leverage'));
    await settle(page);
    assert.equal(await shadowText(page, COMPACT, '#lc-leverage-out'), '20×');

    await widget.evaluate((el) => el.setAttribute('controls', 'shockPct,traders'));
    await settle(page);
    const ids = await widget.evaluate((el) => [...el.shadowRoot.querySelectorAll('.controls input')].map((i) => i.id));
    assert.deepEqual(ids, ['lc-shockPct', 'lc-traders']);
    await widget.evaluate((el) => el.setAttribute('controls', ''));
    assert.equal(await widget.evaluate((el) => el.shadowRoot.querySelectorAll('.controls input').length), 0, 'controls="" shows none');
    await widget.evaluate((el) => el.setAttribute('controls', 'shockPct,traders'));

    await widget.evaluate((el) => {
      el.removeAttribute('compact');
      el.setAttribute('height', '600');
    });
    await settle(page);
    await settle(page);
    const height = await widget.evaluate((el) => el.getBoundingClientRect().height);
    assert.equal(Math.round(height), 600);
    const map = await shadowCanvasPrint(page, COMPACT, '.chart-map');
    assert.equal(map.visible, true);
    assert.ok(map.colours > 3, 'the map appears when compact is removed');
    await assertClean(page, log);
  } finally {
    await context.close();
  }
});

test('charts are crisp on HiDPI screens and described for screen readers', async () => {
  const { page, context, log } = await openGlossary({ deviceScaleFactor: 2 });
  try {
    for (const i of [COMPACT, FULL]) {
      const print = await shadowCanvasPrint(page, i);
      assert.equal(print.width, Math.round(print.cssWidth * 2), 'backing width = CSS width × 2');
      assert.equal(print.height, Math.round(print.cssHeight * 2), 'backing height = CSS height × 2');
      const a11y = await page.locator('leverage-cascade').nth(i).evaluate((el) => {
        const root = el.shadowRoot;
        const canvas = root.querySelector('.chart-price');
        const ranges = [...root.querySelectorAll('input[type=range]')].map((input) => ({
          label: root.querySelector(`label[for="${input.id}"]`)?.textContent ?? '',
          output: root.querySelector(`output[for="${input.id}"]`)?.textContent ?? '',
          valuetext: input.getAttribute('aria-valuetext') ?? '',
        }));
        return { role: canvas.getAttribute('role'), label: canvas.getAttribute('aria-label'), ranges };
      });
      assert.equal(a11y.role, 'img');
      assert.match(a11y.label, /No mitigation: −\d+(\.\d)?\u00a0%/);
      for (const r of a11y.ranges) {
        assert.ok(r.label && r.output && r.valuetext, `slider labelled with an output: ${JSON.stringify(r)}`);
      }
    }
    await assertClean(page, log);
  } finally {
    await context.close();
  }
});

test('while its stylesheet loads, a widget keeps its place and shows nothing unstyled', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  let release;
  const held = new Promise((done) => {
    release = done;
  });
  try {
    await page.route('**/embed.css', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(server.origin + GLOSSARY, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => customElements.get('leverage-cascade') !== undefined);
    const during = await page.locator('leverage-cascade').nth(COMPACT).evaluate((el) => ({
      height: el.getBoundingClientRect().height,
      visibility: getComputedStyle(el.shadowRoot.querySelector('.root')).visibility,
    }));
    assert.deepEqual(during, { height: 420, visibility: 'hidden' });
    release();
    await waitWidget(page, COMPACT);
    const after = await page.locator('leverage-cascade').nth(COMPACT).evaluate((el) => el.getBoundingClientRect().height);
    assert.equal(after, 420, 'the same height once styled');
  } finally {
    release();
    await context.close();
  }
});
