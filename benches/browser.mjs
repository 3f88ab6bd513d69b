// The in-browser benchmarks of `make bench`, in headless Debian Chromium via playwright-core:
//
//   1. the wasm engine through the JS API (simulate at the defaults and at 1M × 1,000, compare),
//      against the native figures of benches/engine.rs (target/bench/native.json);
//   2. the engine against a straightforward typed-array JavaScript cascade
//      (benches/js-reference.mjs) on the same population, with the final prices side by side;
//   3. the lab page (www/index.html): from a slider's input event to the painted frame, and the
//      time to the first chart after navigation.
//
//   node benches/browser.mjs [--quick] [--only=wasm,reference,page] [--www=dir]
//
// It serves www/ (and this folder under /bench/) from a small static server on 127.0.0.1.
// Figures also go to target/bench/browser.json.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TYPES, launch, sendFile, serveStatic } from './page.mjs';
import { AGREEMENT } from './js-reference.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = resolve(HERE, '..');
// The site to serve: www/, or a copy (benches/run.sh passes a snapshot taken right after the
// build, so a rebuild by someone else during the run cannot swap the wasm mid-measurement).
const wwwArg = process.argv.find((a) => a.startsWith('--www='));
const WWW = resolve(wwwArg ? wwwArg.slice('--www='.length) : join(ROOT, 'www'));
const OUT = join(ROOT, 'target', 'bench');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : null;
const wanted = (part) => !only || only.has(part);

// Budgets from the issues; issue 19's goals where it sets one.
const BUDGET = {
  wasmOverNative: 1.3, // issues 2, 3 and 19
  engineOverJs: 2, // issue 2: the engine at least 2× faster than the JS reference
  freshOverJs: 0.5, // issue 19: wasm ÷ JS, each making its own 1M traders, at most 0.5×
  inputMedian: 16, // issue 19, ms from the input event to the painted frame, every slider
  inputP95: 33, // issue 4, ms
  firstChart: 400, // issue 19, ms after navigation
};

/**
 * How far one engine draw and one `generate` draw of 1M traders may differ and still count as
 * the same shape: measured 0.03–0.09 % apart in final price and 0.5–2 % in liquidated count.
 */
const SAME_SHAPE = { finalPrice: 0.005, liquidatedCount: 0.05 };

// ---------------------------------------------------------------------------------------------
// A static server: www/ at the root, and the two in-browser bench modules under /bench/.

// The harness page is cross-origin isolated, which gives performance.now() microsecond
// resolution instead of 100 µs; the lab page is served plainly, as `make serve` does.
const ISOLATED = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};
const HARNESS_HTML =
  '<!doctype html><meta charset="utf-8"><title>loading</title>' +
  '<script type="module" src="/bench/harness.mjs"></script>';
const BENCH_FILES = new Set(['harness.mjs', 'js-reference.mjs']);
const POPULATION = join(OUT, 'population.bin');

function startServer() {
  // Lets the isolated harness load the wasm package and modules (they are same-origin anyway).
  const headers = { 'Cross-Origin-Resource-Policy': 'same-origin' };
  return serveStatic(WWW, {
    headers,
    answer(path, res) {
      if (path === '/bench/harness.html') {
        res.writeHead(200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store', ...ISOLATED });
        res.end(HARNESS_HTML);
      } else if (path.startsWith('/bench/')) {
        const name = path.slice('/bench/'.length);
        if (name === 'population.bin') sendFile(res, POPULATION, headers);
        else if (BENCH_FILES.has(name)) sendFile(res, join(HERE, name), headers);
        else res.writeHead(404).end();
      } else {
        return false;
      }
      return true;
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Printing

const ms = (x) => (x === undefined || x === null || Number.isNaN(x) ? 'n/a' : x.toFixed(2));
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

function header() {
  console.log(`  ${pad('case', 50)} ${lpad('median', 9)} ${lpad('p95', 9)} ${lpad('min', 9)} ${lpad('runs', 5)}`);
}

function row(label, s, verdict = '') {
  console.log(
    `  ${pad(label, 50)} ${lpad(ms(s.median), 9)} ${lpad(ms(s.p95), 9)} ${lpad(ms(s.min), 9)} ${lpad(s.runs, 5)}${verdict ? '  ' + verdict : ''}`,
  );
}

const pass = (ok) => (ok ? 'PASS' : 'FAIL');

/** Figures benches/engine.rs wrote to target/bench/`name`, or null. */
function readNative(name = 'native.json') {
  const file = join(OUT, name);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// 1 and 2: the harness page

async function openHarness(browser, origin) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${origin}/bench/harness.html`);
  try {
    await page.waitForFunction(() => document.title === 'ready' && window.bench, null, { timeout: 30_000 });
  } catch (e) {
    throw new Error(`the bench harness did not load: ${errors.join('; ') || e.message}`);
  }
  return { context, page };
}

async function wasmSection(page, native, results) {
  console.log('In-browser wasm, through the JS API (performance.now(), ms)');
  const r = await page.evaluate((o) => window.bench.wasm(o), { quick });
  results.wasm = r;
  const skew = native && native.default_final_price !== r.defaultFinalPrice;
  if (skew) {
    console.log(
      `  WARNING: www/pkg and the native bench disagree on simulate(defaults).finalPrice ` +
        `(${r.defaultFinalPrice} vs ${native.default_final_price}): they were built from different sources.`,
    );
  }
  console.log(`  timer: ${r.crossOriginIsolated ? 'cross-origin isolated (µs resolution)' : '100 µs resolution'}`);
  header();
  row('simulate(defaultParams()) (100k × 600)', r.simulate_default);
  row('simulate, 1M traders × 1,000 ticks', r.simulate_1m);
  row('compare(defaultParams()), 4 scenarios', r.compare_default);
  row('compare, shock-only change between calls', r.compare_shock_only);
  if (!native) {
    console.log('  (no target/bench/native.json: run benches/engine.rs first for the wasm ÷ native ratio)');
    return;
  }
  // The second native figure comes from a run where glibc keeps freed memory, as a wasm
  // instance keeps its grown memory: the like-for-like comparison, so the verdict reads it.
  const kept = readNative('native-headline.json');
  console.log(`  wasm ÷ native, wall clock on both sides (budget ≤ ${BUDGET.wasmOverNative}×), by medians and by fastest runs;`);
  console.log('  the verdict reads the fastest runs (least disturbed by other load) against native with');
  console.log('  freed memory kept, when that run exists:');
  const ratio = (w, n) =>
    `median ${lpad((w.median / n.median_ms).toFixed(2), 5)}× fastest ${lpad((w.min / n.min_ms).toFixed(2), 5)}×`;
  for (const [key, nkey, label] of [
    ['simulate_default', 'simulate_default', 'simulate, defaults'],
    ['simulate_1m', 'simulate_1m', 'simulate, 1M × 1,000'],
    ['compare_default', 'compare_default', 'compare, defaults'],
    ['compare_shock_only', 'compare_cached_shock', 'compare, shock-only change'],
  ]) {
    const w = r[key];
    const n = native.cases[nkey];
    if (!n) continue;
    const k = kept && kept.cases[nkey];
    let line = `    ${pad(label, 28)} vs native: ${ratio(w, n)}`;
    if (k) line += `   vs native, memory kept: ${ratio(w, k)}`;
    if (key.startsWith('simulate')) line += `  ${pass(w.min / (k || n).min_ms <= BUDGET.wasmOverNative)}`;
    console.log(line);
  }
  const cached = native.cases.compare_cached_shock;
  if (cached && r.compare_shock_only.median > 2 * cached.median_ms) {
    console.log('    note: compare() in the browser does not seem to reuse populations between calls');
  }
}

const SCENARIOS = [
  { name: 'defaults, reference knobs', overrides: {}, listCost: true },
  // Fully permanent impact and a smaller shock in a thinner book: near-critical, many rounds.
  {
    name: 'near-critical: depthPerPct 6e7, permanentImpact 1, shock −2 %',
    overrides: { depthPerPct: 6e7, permanentImpact: 1, shockPct: -2 },
  },
];

async function referenceSection(page, results) {
  console.log('Engine vs a straightforward typed-array JavaScript cascade (benches/js-reference.mjs)');
  console.log("  Population kept: both on the engine's default population (100,000 traders, dumped by");
  console.log('  benches/engine.rs); linear impact, full liquidation by market order (Hyperliquid rules), no');
  console.log('  breaker, no ADL. JS scans every open position each round; the engine is timed as');
  console.log('  simulate(params) called again with the same params, so, like the JS side, it starts from a');
  console.log('  population already in memory (it keeps the last one). They agree within a tolerance, not');
  console.log("  exactly: the engine walks the book order by order where a round's orders cross a bankruptcy");
  console.log('  price; JS values each round at the mark (benches/js-reference.mjs).');
  results.reference = [];
  for (const sc of SCENARIOS) {
    const r = await page.evaluate((o) => window.bench.reference(o), {
      quick,
      overrides: sc.overrides,
      listCost: sc.listCost,
    });
    results.reference.push({ scenario: sc.name, ...r });
    const drift = Math.abs(r.finalPrice.engine - r.finalPrice.js) / r.finalPrice.js;
    const countDrift = Math.abs(r.liquidatedCount.engine - r.liquidatedCount.js) / Math.max(1, r.liquidatedCount.js);
    const agree = drift <= AGREEMENT.finalPrice && countDrift <= AGREEMENT.liquidatedCount;
    console.log(`  ${sc.name}: JS ${r.rounds} rounds, engine ${r.waves} waves`);
    console.log(
      `    final price  engine ${r.finalPrice.engine.toFixed(6)}  JS ${r.finalPrice.js.toFixed(6)}` +
        `  relative difference ${drift.toExponential(1)} (tolerance ${AGREEMENT.finalPrice})`,
    );
    console.log(
      `    liquidated   engine ${r.liquidatedCount.engine} positions  JS ${r.liquidatedCount.js}` +
        `  relative difference ${countDrift.toExponential(1)} (tolerance ${AGREEMENT.liquidatedCount})` +
        `  ${agree ? 'AGREE' : 'DISAGREE: not like for like (see any WARNING above)'}`,
    );
    header();
    row('JS reference cascade', r.jsTime);
    row('engine: simulate(params), population kept', r.engineTime);
    if (r.listTime) row('(as a params.positions list: reading it alone)', r.listTime);
    // Judged on the fastest runs, like wasm ÷ native: other load on the machine moves medians.
    const ratio = r.jsTime.min / r.engineTime.min;
    console.log(
      `    JS ÷ engine: ${(r.jsTime.median / r.engineTime.median).toFixed(2)}× by medians, ${ratio.toFixed(2)}× by fastest runs` +
        `  (budget ≥ ${BUDGET.engineOverJs}×, fastest runs) ${pass(agree && ratio >= BUDGET.engineOverJs)}`,
    );
  }

  // Issue 19: each side makes its own traders, and is timed whole.
  const traders = 1_000_000;
  const ticks = 1_000;
  const r = await page.evaluate((o) => window.bench.fresh(o), { quick, traders, ticks });
  results.fresh = { traders, ticks, ...r };
  console.log(`  Fresh population: ${traders.toLocaleString('en-US')} traders × ${ticks.toLocaleString('en-US')} ticks, a new one every call, timed whole.`);
  console.log('  JS draws its own traders of the same shape (generate() in js-reference.mjs: the same');
  console.log("  distributions, its own random numbers), then runs the cascade; the engine's simulate()");
  console.log('  gets a new seed each call, so it draws and orders a new population every time.');
  console.log(
    `    one draw each: final price  engine ${r.finalPrice.engine.toFixed(3)}  JS ${r.finalPrice.js.toFixed(3)};` +
      `  liquidated  engine ${r.liquidatedCount.engine}  JS ${r.liquidatedCount.js} positions`,
  );
  // Two samples of the same distributions: close, not equal. A generator of another shape
  // (or an engine drawing another) shows as a wider gap.
  const priceGap = Math.abs(r.finalPrice.engine / r.finalPrice.js - 1);
  const countGap = Math.abs(r.liquidatedCount.engine / r.liquidatedCount.js - 1);
  const alike = priceGap <= SAME_SHAPE.finalPrice && countGap <= SAME_SHAPE.liquidatedCount;
  console.log(
    `    same shape: final prices ${(priceGap * 100).toFixed(2)} % apart (≤ ${SAME_SHAPE.finalPrice * 100} %), counts ` +
      `${(countGap * 100).toFixed(1)} % (≤ ${SAME_SHAPE.liquidatedCount * 100} %)  ${alike ? 'ALIKE' : 'NOT ALIKE: the ratio means nothing'}`,
  );
  header();
  row('JS: generate + cascade', r.jsTime);
  row('  of which generate', r.jsGenerateTime);
  row('  of which the cascade', r.jsCascadeTime);
  row('engine: simulate(params), new seed each call', r.engineTime);
  const freshRatio = r.engineTime.min / r.jsTime.min;
  console.log(
    `    wasm ÷ JS: ${(r.engineTime.median / r.jsTime.median).toFixed(2)}× by medians, ${freshRatio.toFixed(2)}× by fastest runs` +
      `  (budget ≤ ${BUDGET.freshOverJs}×, fastest runs) ${pass(alike && freshRatio <= BUDGET.freshOverJs)}`,
  );
}

// ---------------------------------------------------------------------------------------------
// 3: the lab page

/**
 * Installed before the page's scripts run; it only observes. It counts drawing calls per canvas,
 * notes when the first draw on the price chart has finished (a microtask queued by the first
 * call runs once the drawing code returns), and wraps requestAnimationFrame to time each of the
 * page's frame callbacks.
 */
function observer() {
  const rec = { draws: {}, firstDraw: null, firstFrame: null, lastCallback: null, callbacks: 0 };
  window.__lcBench = rec;
  const raf = window.requestAnimationFrame.bind(window);
  rec.raf = raf;
  window.requestAnimationFrame = (callback) =>
    raf((ts) => {
      const start = performance.now();
      try {
        callback(ts);
      } finally {
        rec.lastCallback = { start, end: performance.now() };
        rec.callbacks++;
      }
    });
  const proto = CanvasRenderingContext2D.prototype;
  for (const name of ['fillRect', 'strokeRect', 'clearRect', 'fillText', 'stroke', 'fill', 'drawImage', 'putImageData']) {
    const original = proto[name];
    proto[name] = function (...a) {
      const id = (this.canvas && this.canvas.id) || '?';
      rec.draws[id] = (rec.draws[id] || 0) + 1;
      if (id === 'chart-price' && rec.firstDraw === null) {
        rec.firstDraw = -1;
        queueMicrotask(() => {
          rec.firstDraw = performance.now();
          raf(() => {
            rec.firstFrame = performance.now();
          });
        });
      }
      return original.apply(this, a);
    };
  }
}

/**
 * Opens the lab page in a fresh context; resolves once its first chart is drawn, or once its
 * controls are live and no chart has come within a few seconds (`charts: false`).
 */
async function openLab(browser, origin) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.addInitScript(observer);
  await page.goto(`${origin}/`);
  const live = () => {
    const slider = document.getElementById('shockPct');
    return slider && !slider.disabled;
  };
  try {
    await page.waitForFunction(live, null, { timeout: 20_000 });
  } catch {
    throw new Error(`the lab page did not come up within 20 s${errors.length ? ': ' + errors.join('; ') : ''}`);
  }
  let charts = true;
  try {
    await page.waitForFunction(() => window.__lcBench.firstFrame !== null, null, { timeout: 5_000 });
  } catch {
    charts = false;
  }
  return { context, page, errors, charts };
}

/**
 * Sets a slider to each value in turn and times input → painted frame. Each input is dispatched
 * from a timer at a random phase of the display's frame, as a real drag's events are.
 *
 * The browser renders a frame (style, layout, paint, and the commit to the compositor) in the
 * same task as its frame callbacks, after them. So the clock stops at a message posted right
 * after our callback, which runs after the page's (from the microtask checkpoint that follows
 * it): the message is delivered once that task is over, when the main thread has painted the
 * frame that shows the new result and handed it to the compositor. Rasterising and showing
 * it happen on other threads and are not timed.
 */
async function timeInputs(page, id, values, charts) {
  return page.evaluate(
    async ({ id, values, charts }) => {
      const rec = window.__lcBench;
      const input = document.getElementById(id);
      const sleep = (t) => new Promise((r) => setTimeout(r, t));
      const nextFrame = () => new Promise((r) => rec.raf(r));
      const channel = new MessageChannel();
      const afterTask = () =>
        new Promise((r) => {
          channel.port1.onmessage = r;
          channel.port2.postMessage(null);
        });
      const latency = [];
      const work = [];
      const handler = [];
      const rendering = [];
      const frames = [];
      for (const v of values) {
        await sleep(40 + Math.random() * 17);
        const before = { ...rec.draws };
        const callbacks = rec.callbacks;
        input.value = String(v);
        const t0 = performance.now();
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const handled = performance.now() - t0;
        // Our frame callback is queued after the page's, so it runs once the page has redrawn.
        for (let f = 0; f < 10; f++) {
          await nextFrame();
          const redrawn = charts
            ? ['chart-price', 'chart-map'].every((c) => (rec.draws[c] || 0) > (before[c] || 0))
            : rec.callbacks > callbacks;
          if (redrawn) {
            const drawn = performance.now();
            await afterTask();
            const painted = performance.now();
            latency.push(painted - t0);
            work.push(rec.lastCallback ? rec.lastCallback.end - rec.lastCallback.start : NaN);
            handler.push(handled);
            rendering.push(painted - drawn);
            frames.push(f + 1);
            break;
          }
        }
      }
      return { latency, work, handler, rendering, frames, missed: values.length - latency.length };
    },
    { id, values, charts },
  );
}

/** A drag: a new slider value in every frame; the page's input handler and frame callback are timed each time. */
async function timeDrag(page, id, values) {
  return page.evaluate(
    async ({ id, values }) => {
      const rec = window.__lcBench;
      const input = document.getElementById(id);
      const work = [];
      const intervals = [];
      let last = null;
      let handled = 0;
      await new Promise((done) => {
        let k = 0;
        const step = (ts) => {
          if (last !== null) {
            intervals.push(ts - last);
            if (rec.lastCallback) work.push(handled + rec.lastCallback.end - rec.lastCallback.start);
          }
          last = ts;
          if (k === values.length) return done();
          input.value = String(values[k++]);
          const t0 = performance.now();
          input.dispatchEvent(new Event('input', { bubbles: true }));
          handled = performance.now() - t0;
          rec.raf(step);
        };
        rec.raf(step);
      });
      return { work, intervals };
    },
    { id, values },
  );
}

function statsOf(list) {
  const s = list.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return { median: NaN, p95: NaN, min: NaN, runs: 0 };
  const rank = (q) => s[Math.min(s.length, Math.max(1, Math.ceil(q * s.length))) - 1];
  return { median: rank(0.5), p95: rank(0.95), min: s[0], runs: s.length };
}

async function pageSection(browser, origin, results) {
  console.log('The lab page (www/index.html at 1440 × 900, devicePixelRatio 1)');
  results.page = {};

  // First chart after navigation, each load in a fresh context (no HTTP cache).
  const loads = [];
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    const { context, page, charts } = await openLab(browser, origin);
    if (!charts) {
      console.log('  NO CHART: the page came up but drew nothing on #chart-price (is render() in www/pkg?)');
      console.log('  The timings below end with the frame of the page\'s callback, which draws no chart.');
      await context.close();
      results.page.charts = false;
      break;
    }
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const mark = performance.getEntriesByName('lab:first-chart')[0];
      const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
      return {
        html: nav ? nav.responseEnd : NaN,
        wasm: wasm ? wasm.responseEnd : NaN,
        drawn: window.__lcBench.firstDraw,
        frame: window.__lcBench.firstFrame,
        mark: mark ? mark.startTime : NaN,
        domContentLoaded: nav ? nav.domContentLoadedEventEnd : NaN,
      };
    });
    loads.push(t);
    await context.close();
  }
  results.page.loads = loads;
  if (loads.length) {
  const drawn = statsOf(loads.map((l) => l.drawn));
  const frame = statsOf(loads.map((l) => l.frame));
  console.log('  First chart, ms after navigation start (fresh context each load):');
  header();
  row('page HTML received', statsOf(loads.map((l) => l.html)));
  row('DOMContentLoaded', statsOf(loads.map((l) => l.domContentLoaded)));
  row('wasm received', statsOf(loads.map((l) => l.wasm)));
  row('price chart drawn (end of the drawing task)', drawn);
  const marks = statsOf(loads.map((l) => l.mark));
  if (marks.runs) row("the page's own 'lab:first-chart' mark", marks);
  row('next frame after it (on screen by then)', frame, `≤ ${BUDGET.firstChart} ms: ${pass(frame.median <= BUDGET.firstChart)}`);
  }

  const { context, page, errors, charts } = await openLab(browser, origin);
  await page.waitForTimeout(300);

  // Where a redraw's time goes: the same module instance the page loaded, called directly on
  // the page's own canvases (the page redraws them on the next input anyway).
  if (charts) {
    const parts = await page.evaluate(async (runs) => {
      const api = await import('/pkg/leverage_cascade.js');
      const price = document.getElementById('chart-price');
      const map = document.getElementById('chart-map');
      const params = api.defaultParams();
      const shocks = [params.shockPct, params.shockPct - 0.5];
      const leverages = [params.leverage, params.leverage + 1];
      const timeOf = (f) => {
        const list = [];
        for (let i = 0; i < runs + 3; i++) {
          const t = performance.now();
          f(i);
          if (i >= 3) list.push(performance.now() - t);
        }
        return list;
      };
      const data = api.compare(params);
      return {
        compare: timeOf((i) => api.compare({ ...params, shockPct: shocks[i % 2] })),
        // What the leverage slider adds: both populations (flat and tiered) built anew.
        compareLeverage: timeOf((i) => api.compare({ ...params, leverage: leverages[i % 2] })),
        price: timeOf(() => api.render(price, data, { chart: 'price', theme: 'light' })),
        map: timeOf(() => api.render(map, data, { chart: 'map', scenario: 'none', theme: 'light' })),
        sizes: [price.width, price.height, map.width, map.height],
      };
    }, quick ? 10 : 30);
    const [pw, ph, mw, mh] = parts.sizes;
    results.page.parts = parts;
    console.log("  Parts of a redraw, timed by calling the page's module directly:");
    header();
    row('compare(), shock-only change between calls', statsOf(parts.compare));
    row('compare(), leverage change (populations rebuilt)', statsOf(parts.compareLeverage));
    row(`render price chart (${pw} × ${ph} px)`, statsOf(parts.price));
    row(`render liquidation map (${mw} × ${mh} px)`, statsOf(parts.map));
  }

  // Slider input → painted frame, for every slider the default lab has in use (one that is out of
  // reach there, such as the second venue's while it is off, is listed, not timed). Each
  // slider steps around its default and back (±1 and ±2 steps, mirrored at the ends of its
  // range), then returns to it, so the next one starts from the defaults.
  const sliders = await page.evaluate(() =>
    [...document.querySelectorAll('input[type="range"][data-param]')].map((input) => ({
      id: input.id,
      label: (document.querySelector(`label[for="${input.id}"]`)?.textContent || input.id).trim().replace(/\s+/g, ' '),
      min: Number(input.min),
      max: Number(input.max),
      step: Number(input.step) || 1,
      value: Number(input.value),
      // Out of reach in the default lab: disabled, or in a hidden group (the second venue's
      // sliders while it is off). Moving one would change the market the next slider is timed on.
      unused: input.disabled || Boolean(input.closest('[hidden]')),
    })),
  );
  const rounds = quick ? 2 : 4; // rounds through each slider's eight steps
  console.log(`  Slider input → painted frame (ms: until the main thread has rendered the frame that shows both charts`);
  console.log(`  redrawn, four scenarios simulated), each`);
  console.log(`  slider ${rounds * 8} inputs around its default; budgets: median ≤ ${BUDGET.inputMedian} ms (issue 19), p95 ≤ ${BUDGET.inputP95} ms (issue 4):`);
  header();
  results.page.sliders = {};
  const skipped = [];
  for (const slider of sliders) {
    if (slider.unused) {
      skipped.push(slider.id);
      continue;
    }
    const at = (k) => {
      const v = slider.value + k * slider.step;
      const mirrored = v > slider.max || v < slider.min ? slider.value - k * slider.step : v;
      return Math.round(mirrored * 1e6) / 1e6;
    };
    const values = Array.from({ length: rounds }, () => [1, 2, 1, 0, -1, -2, -1, 0].map(at)).flat();
    const r = await timeInputs(page, slider.id, values, charts);
    const latency = statsOf(r.latency);
    const work = statsOf(r.work);
    const handler = statsOf(r.handler);
    const rendering = statsOf(r.rendering);
    results.page.sliders[slider.id] = { label: slider.label, latency, handler, work, rendering, missed: r.missed };
    const ok = charts && !r.missed && latency.median <= BUDGET.inputMedian && latency.p95 <= BUDGET.inputP95;
    row(`${slider.label}: input → painted`, latency, `≤ ${BUDGET.inputMedian} / ${BUDGET.inputP95} ms: ${pass(ok)}`);
    // The page computes on the input at once (while the frame that shows it is still to come)
    // and draws in its frame callback; the browser then lays out and paints that frame.
    row('  the input handler (compare())', handler);
    row('  the page\'s frame callback (drawing)', work);
    // From the end of our frame callback to the message: the frame's style, layout, paint and
    // commit (and any other task the browser runs first).
    row('  the browser rendering that frame', rendering);
    if (r.missed) console.log(`    ${r.missed} inputs were not followed by a redraw within 10 frames`);
  }
  if (skipped.length) console.log(`  hidden or disabled in the default lab, so not timed: ${skipped.join(', ')}`);
  const timed = Object.entries(results.page.sliders);
  if (!timed.length) {
    console.log('  every slider: no slider of the lab was found to time  FAIL');
  } else {
    const [worstId, worst] = timed.reduce((a, b) => (b[1].latency.median > a[1].latency.median ? b : a));
    const within = (v) => !v.missed && v.latency.median <= BUDGET.inputMedian && v.latency.p95 <= BUDGET.inputP95;
    const over = timed.filter(([, v]) => !within(v)).length;
    console.log(
      `  every slider: ${timed.length - over} of ${timed.length} within ${BUDGET.inputMedian} ms median and ${BUDGET.inputP95} ms p95; the slowest is ${worst.label} (${worstId}), ` +
        `median ${worst.latency.median.toFixed(1)} ms, p95 ${worst.latency.p95.toFixed(1)} ms  ${pass(charts && over === 0)}`,
    );
  }

  // A drag: one input per frame.
  const drag = await timeDrag(
    page,
    'shockPct',
    Array.from({ length: quick ? 30 : 120 }, (_, i) => -3 - (i % 40) * 0.25),
  );
  const dragWork = statsOf(drag.work);
  const dragIntervals = statsOf(drag.intervals);
  results.page.drag = { work: dragWork, intervals: dragIntervals };
  console.log('  Dragging the shock slider, one input per frame:');
  header();
  row("page's work a frame (input handler + frame callback)", dragWork);
  row('frame interval (16.7 ms = no dropped frame)', dragIntervals);
  if (errors.length) console.log(`  page errors: ${errors.join('; ')}`);
  await context.close();
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(join(WWW, 'pkg', 'leverage_cascade.js'))) {
    throw new Error('www/pkg is missing: run `make build` first (make bench does).');
  }
  const native = readNative();
  const server = await startServer();
  const browser = await launch();
  const results = { chromium: browser.version(), quick };
  console.log(`Chromium ${browser.version()} (headless), served from ${server.origin}`);
  console.log();
  try {
    if (wanted('wasm') || wanted('reference')) {
      const { context, page } = await openHarness(browser, server.origin);
      if (wanted('wasm')) {
        await wasmSection(page, native, results);
        console.log();
      }
      if (wanted('reference')) {
        await referenceSection(page, results);
        console.log();
      }
      await context.close();
    }
    if (wanted('page')) {
      await pageSection(browser, server.origin, results);
      console.log();
    }
  } finally {
    await browser.close();
    await server.close();
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'browser.json'), JSON.stringify(results, null, 2));
  }
}

main().catch((e) => {
  console.error(`error: ${e.message}`);
  process.exit(1);
});
