// The explorations section (www/explore/): the maps and the crash-size chart come from the
// worker, Cancel stops it, the work stays off the page's main thread, a click on a map
// moves the page's sliders, and the tour's steps set the section up.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeSite, openPage, openSite, settle } from './helpers.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await openSite()));
after(() => closeSite({ server, browser }));

/** Opens the lab and waits for the section to be built (it starts computing once scrolled to). */
async function openLab(path = '/', options = {}) {
  const opened = await openPage(browser, server.origin, path, options);
  await opened.page.waitForSelector('#explore[data-ready="true"]', { timeout: 20000 });
  return opened;
}

const state = (page, which) => page.evaluate((w) => document.getElementById('explore').dataset[w] || '', which);
const progress = (page, id) => page.evaluate((i) => document.getElementById(i).value, id);

/**
 * What the drawing worker last reported for a canvas (the page hands its canvases to a worker,
 * so their pixels cannot be read here): `{hash, colours, state}`, state being the run's state
 * when that picture was asked for.
 */
function drawn(page, id) {
  return page.evaluate((i) => {
    const c = document.getElementById(i);
    const [hash, colours] = (c.dataset.print || ':0').split(':');
    return { hash, colours: Number(colours), state: c.dataset.drawnState || '' };
  }, id);
}

function waitDrawn(page, ids, state, timeout = 20000) {
  return page.waitForFunction(
    ([list, s]) => list.every((i) => document.getElementById(i).dataset.drawnState === s),
    [ids, state],
    { timeout },
  );
}

function waitState(page, which, value, timeout = 120000) {
  return page.waitForFunction(
    ([w, v]) => document.getElementById('explore').dataset[w] === v,
    [which, value],
    { timeout },
  );
}

test('the worker draws both maps and the crash-size chart, with progress reaching 100 %', async () => {
  const { page, context, log } = await openLab();
  try {
    assert.equal(await state(page, 'mapState'), '', 'nothing runs before the section is seen');
    assert.equal((await drawn(page, 'explore-map-none')).state, '', 'nothing drawn yet');
    await page.locator('#explore').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.getElementById('explore-map-progress').value > 0, null, {
      timeout: 30000,
    });
    assert.ok((await progress(page, 'explore-map-progress')) < 1, 'the maps fill in over time');
    await waitDrawn(page, ['explore-map-none'], 'running');
    const early = await drawn(page, 'explore-map-none');
    await waitState(page, 'mapState', 'done');
    assert.equal(await progress(page, 'explore-map-progress'), 1);
    assert.match(await page.textContent('#explore-map-status'), /^Done: 2 maps of 1,600 markets in [\d.]+\u00a0s\.$/);
    await waitDrawn(page, ['explore-map-none', 'explore-map-both'], 'done');
    for (const id of ['explore-map-none', 'explore-map-both']) {
      const print = await drawn(page, id);
      assert.ok(print.colours >= 32, `${id} shows a colour scale (${print.colours} colours)`);
      assert.match(await page.getAttribute(`#${id}`, 'aria-label'), /past the tipping point \(n ≥ 1\)/);
    }
    assert.notEqual((await drawn(page, 'explore-map-none')).hash, early.hash, 'the map filled in');

    await waitState(page, 'mcState', 'done');
    assert.equal(await progress(page, 'explore-mc-progress'), 1);
    await waitDrawn(page, ['explore-survival'], 'done');
    const survival = await drawn(page, 'explore-survival');
    assert.ok(survival.colours > 4, `the survival chart is drawn (${survival.colours} colours)`);
    const findings = await page.$$eval('#explore-findings li', (items) => items.map((li) => li.textContent));
    assert.equal(findings.length, 4, 'shocks alone and three lines');
    assert.match(findings[0], /^Shocks alone: .* went beyond 6\u00a0%, three typical shocks/);
    for (const f of findings.slice(1)) assert.match(f, /: .* of 500 markets moved more than 6\u00a0%\./);
    // A crash-size distribution split in two (past the tipping point) is never called thin.
    for (const f of findings) assert.doesNotMatch(f, /thin|kurtosis/i);

    // The cell picked with the keyboard is outlined on its map.
    const before = await drawn(page, 'explore-map-none');
    await page.focus('#explore-map-none');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((h) => document.getElementById('explore-map-none').dataset.print.split(':')[0] !== h, before.hash, { timeout: 20000 });
    assert.match(await page.textContent('#explore-cell'), /Click or press Enter to move the sliders here/);
    // A changed setting that is not one of the maps' axes marks every drawn view out of date.
    assert.equal(await page.isVisible('#explore-mc-stale'), false);
    await page.focus('#shockPct');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => !document.getElementById('explore-mc-stale').hidden, null, { timeout: 20000 });
    assert.equal(await page.isVisible('#explore-stale'), true, 'the maps are out of date');

    assert.deepEqual(log.errors, [], 'console errors');
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'CSP violations');
  } finally {
    await context.close();
  }
});

test('Fat tails over time: the long market runs in the worker, draws its moves against the noise and says how fat the tail is', async () => {
  const { page, context, log } = await openLab();
  try {
    await page.locator('#explore-cycles-run').scrollIntoViewIfNeeded();
    await page.click('#explore-cycles-run');
    await waitState(page, 'cyclesState', 'done');
    assert.equal(await progress(page, 'explore-cycles-progress'), 1);
    assert.match(await page.textContent('#explore-cycles-status'), /^Done: 2 long markets of [\d,]+ traders in [\d.]+\u00a0s\.$/);
    await waitDrawn(page, ['explore-cycles'], 'done');
    const chart = await drawn(page, 'explore-cycles');
    assert.ok(chart.colours > 4, `the survival chart is drawn (${chart.colours} colours)`);
    const findings = await page.$$eval('#explore-cycles-findings li', (items) => items.map((li) => li.textContent));
    assert.equal(findings.length, 3, 'the noise alone and two leverages');
    assert.match(findings[0], /^Noise alone: a typical 10-second move is [\d.]+\u00a0%/);
    assert.match(findings[2], /^12× leverage: .* went beyond .*; tail index [\d.]+\. [\d,]+ times a liquidated trader came back, and the market's leverage swung between [\d.]+× and [\d.]+×/);
    assert.match(await page.getAttribute('#explore-cycles', 'aria-label'), /^Distribution of price moves over a long run, on log scales\. Noise alone/);
    assert.deepEqual(log.errors, [], 'console errors');
  } finally {
    await context.close();
  }
});

test('Cancel stops the maps: progress stops, the page says so, and the worker moves on', async () => {
  const { page, context, log } = await openLab();
  try {
    await page.locator('#explore').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.getElementById('explore-map-progress').value > 0.05, null, {
      timeout: 30000,
    });
    await page.click('#explore-map-cancel');
    const stopped = await progress(page, 'explore-map-progress');
    assert.ok(stopped < 1, `cancelled before the end (${stopped})`);
    assert.equal(await state(page, 'mapState'), 'cancelled');
    assert.match(await page.textContent('#explore-map-status'), /^Cancelled at \d+\u00a0%/);
    assert.equal(await page.isDisabled('#explore-map-cancel'), true);
    // The crash-size runs were queued behind the maps: they start once the worker drops them.
    await page.waitForFunction(() => document.getElementById('explore-mc-progress').value > 0, null, {
      timeout: 30000,
    });
    await page.waitForTimeout(1000);
    assert.equal(await progress(page, 'explore-map-progress'), stopped, 'no more map progress');

    // Drawing again starts over and finishes.
    await page.click('#explore-mc-cancel');
    await page.click('#explore-draw');
    assert.equal(await state(page, 'mapState'), 'running');
    await waitState(page, 'mapState', 'done');
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test('the maps and the crash sizes compute in workers: the main thread never loads the exploration wasm', async () => {
  // Behaviour, not a duration: a main thread that computed would have to load pkg-explore.
  // How long the main thread's tasks take while the workers compute is measured by make bench
  // (benches/explore.mjs, "main thread").
  const { page, context } = await openLab();
  try {
    const workers = [];
    page.on('worker', (w) => workers.push(w));
    await page.locator('#explore').scrollIntoViewIfNeeded();
    await waitState(page, 'mapState', 'done');
    await waitState(page, 'mcState', 'done');
    // The module graph of a module worker may be listed in the page's resource timing too, so
    // the test looks for the simulator itself: its wasm, which only an instantiation fetches.
    const mainFetched = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    const wasm = (list) => list.filter((u) => u.includes('/pkg-explore/') && u.endsWith('.wasm'));
    assert.deepEqual(wasm(mainFetched), [], 'the main thread fetched the exploration wasm');
    assert.ok(workers.length >= 1, 'a worker started');
    const workerFetched = (await Promise.all(
      workers.map((w) => w.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name)).catch(() => [])),
    )).flat();
    assert.ok(wasm(workerFetched).length >= 1, `a worker loaded the exploration wasm: ${workerFetched.join(', ')}`);
  } finally {
    await context.close();
  }
});

test('clicking a cell moves the two sliders there, and the marker follows', async () => {
  const { page, context, log } = await openLab();
  try {
    await page.locator('#explore').scrollIntoViewIfNeeded();
    await waitState(page, 'mapState', 'done');
    await waitDrawn(page, ['explore-map-none'], 'done');
    const before = await drawn(page, 'explore-map-none');
    const plot = (await page.getAttribute('#explore-map-none', 'data-plot')).split(',').map(Number);
    const [left, top, right, bottom] = plot;
    // Cell (30, 5) of 40 × 40: leverage 2 + 38 × 30/39 ≈ 31.2×, depth 1e7 + 2.4e8 × 5/39 ≈ $41 M.
    const position = { x: left + ((30 + 0.5) / 40) * (right - left), y: bottom - ((5 + 0.5) / 40) * (bottom - top) };
    await page.hover('#explore-map-none', { position });
    assert.match(await page.textContent('#explore-cell'), /^No mitigation, leverage 31×, depth \$41\u00a0M: /);
    await page.click('#explore-map-none', { position });
    await settle(page);
    await settle(page);
    assert.equal(await page.inputValue('#leverage'), '31', 'leverage slider (step 0.5) at the cell');
    assert.match(await page.textContent('#depthPerPct-out'), /^\$40\u00a0M/, 'depth slider at the nearest stop');
    assert.match(await page.inputValue('#link'), /leverage=31&.*depthPerPct=40000000|depthPerPct=40000000&.*leverage=31/);
    assert.equal(await page.isHidden('#explore-stale'), true, 'only the two mapped settings changed');
    await page.waitForFunction(
      (hash) => !document.getElementById('explore-map-none').dataset.print.startsWith(`${hash}:`),
      before.hash,
      { timeout: 10000 },
    );

    // Another setting changes: the maps say they are out of date.
    await page.locator('#whaleConcentration').fill('0.2');
    await settle(page);
    await settle(page);
    assert.equal(await page.isVisible('#explore-stale'), true);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test('a tour step of the section sets it up and runs it', async () => {
  const probe = await openLab();
  const step = await probe.page.evaluate(async () =>
    (await import('/lab/tour.js')).TOUR.findIndex((s) => s.title === 'A map of tipping points'),
  );
  await probe.context.close();
  assert.ok(step >= 0, 'the tour has the step');
  const { page, context, log } = await openLab(`/?tour=${step + 1}`);
  try {
    assert.equal(await page.textContent('#tour-title'), 'A map of tipping points');
    await page.waitForFunction(() => document.getElementById('explore').dataset.mapState, null, { timeout: 10000 });
    assert.equal(await page.inputValue('#explore-x'), 'leverage');
    assert.equal(await page.inputValue('#explore-y'), 'depthPerPct');
    await page.click('#tour-next');
    assert.equal(await page.textContent('#tour-title'), 'Small shocks, fat tails');
    await page.waitForFunction(() => document.getElementById('explore').dataset.mcState === 'running', null, {
      timeout: 10000,
    });
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});
