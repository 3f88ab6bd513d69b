// Soak: simulate() and compare() 10,000 times each in one page, as a long-lived lab or widget
// would, and how much the wasm instance grew while doing it; once for each wasm package. Nothing may accumulate: the target
// after warm-up is 0 bytes of wasm memory and 0 slots of the externref table (a JsValue that Rust
// forgot to drop would keep its slot, and the JS object with it).
//
//   node benches/soak.mjs [--quick] [--calls=N]      exits 1 when memory or the table grew
//
// Each iteration calls simulate(p) and compare(p) at small params (2,000 traders × 200 ticks)
// with the seed, shock and leverage cycling, so populations and cascades differ from call to
// call; every 10th iteration also draws both charts with render() on a detached canvas, runs
// (in the explorations' package) sweep() (twice, once stopped early by its progress callback)
// and monteCarlo() on tiny grids, and feeds one out-of-range and one mistyped params object, which
// must throw (the error path must free what it allocated too). The JS heap is measured after a forced garbage collection.

import { launch, mb, openBlank, startServer } from './page.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const callsArg = args.find((a) => a.startsWith('--calls='));
const CALLS = callsArg ? Number(callsArg.slice('--calls='.length)) : quick ? 2000 : 10_000;
/** Iterations before the baseline is taken: the allocator reaches its working size. */
const WARMUP = Math.min(100, Math.floor(CALLS / 10));
/** Iterations per page.evaluate(), so progress is printed as it goes. */
const CHUNK = 500;
const BASE = { traders: 2000, ticks: 200 };

/** Runs iterations [from, to) in the page; returns the time spent and the instance's sizes. */
function chunk(page, from, to) {
  return page.evaluate(
    ({ from, to, base }) => {
      const { api, wasm } = window;
      const canvas = (window.soakCanvas ??= Object.assign(document.createElement('canvas'), { width: 640, height: 360 }));
      let simulateMs = 0;
      let compareMs = 0;
      let renderMs = 0;
      let renders = 0;
      let thrown = 0;
      let explorations = 0;
      let checksum = 0;
      for (let i = from; i < to; i++) {
        const p = { ...base, seed: 1 + (i % 37), shockPct: -(2 + (i % 9)), leverage: 5 + (i % 23) };
        let t = performance.now();
        const one = api.simulate(p);
        simulateMs += performance.now() - t;
        t = performance.now();
        const four = api.compare(p);
        compareMs += performance.now() - t;
        checksum += one.summary.finalPrice + four.both.series.price[base.ticks - 1];
        if (i % 10 === 0) {
          t = performance.now();
          api.render(canvas, four, { chart: 'price', theme: i % 20 ? 'light' : 'dark' });
          api.render(canvas, four, { chart: 'map', scenario: 'both', cursor: i % base.ticks });
          renderMs += performance.now() - t;
          renders += 2;
          // The explorations' exports, with a progress callback (one of them stopping early).
          if (typeof api.sweep === 'function') {
            const axis = (field, from, to) => ({ field, from, to, steps: 3 });
            const spec = { x: axis('leverage', 5, 30), y: axis('depthPerPct', 5e7, 2e8), metric: 'amplification' };
            checksum += api.sweep(p, spec, () => true).values[0];
            api.sweep(p, spec, (done) => done < 4);
            const mc = { runs: 5, shock: { distribution: i % 20 ? 'normal' : 'studentT', scalePct: 3 } };
            checksum += api.monteCarlo(p, mc, () => true).moves[0];
            explorations += 3;
          }
          for (const bad of [{ ...p, leverage: 500 }, { ...p, levrage: 5 }]) {
            try {
              api.compare(bad);
            } catch (err) {
              if (err instanceof RangeError || err instanceof TypeError) thrown += 1;
              else throw err;
            }
          }
        }
      }
      return {
        simulateMs,
        compareMs,
        renderMs,
        renders,
        thrown,
        explorations,
        checksum,
        memory: wasm.memory.buffer.byteLength,
        table: wasm.__wbindgen_externrefs.length,
      };
    },
    { from, to, base: BASE },
  );
}

async function jsHeap(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

/** The packages soaked, each in its own page: the page's, and the explorations' (which adds sweep() and monteCarlo()). */
const PACKAGES = [
  { pkg: 'pkg', title: 'www/pkg (the lab and the embed)' },
  { pkg: 'pkg-explore', title: 'www/pkg-explore (the explorations: also sweep() and monteCarlo())' },
];

/** Soaks one package in a fresh page; returns 0 when nothing grew and every check held, else 1. */
async function soak(browser, origin, { pkg, title }) {
  const { context, page, errors } = await openBlank(browser, origin, pkg);
  const cdp = await context.newCDPSession(page);
  const start = await page.evaluate(() => ({
    memory: window.wasm.memory.buffer.byteLength,
    table: window.wasm.__wbindgen_externrefs.length,
    explores: typeof window.api.sweep === 'function',
  }));

  console.log(`\n  ${title}`);
  console.log(`  wasm memory at start ${mb(start.memory)}, externref table ${start.table} slots`);

  const warm = await chunk(page, 0, WARMUP);
  const heapAfterWarmup = await jsHeap(cdp);
  console.log(
    `  after ${WARMUP} warm-up iterations: wasm memory ${mb(warm.memory)}, table ${warm.table} slots, ` +
      `JS heap ${mb(heapAfterWarmup)} (after GC)`,
  );

  const totals = { simulateMs: 0, compareMs: 0, renderMs: 0, renders: 0, thrown: 0, explorations: 0 };
  let last = warm;
  for (let from = WARMUP; from < CALLS; ) {
    const to = Math.min(CALLS, (Math.floor(from / CHUNK) + 1) * CHUNK);
    last = await chunk(page, from, to);
    for (const k of Object.keys(totals)) totals[k] += last[k];
    if (to % (CALLS / 5) === 0 || to === CALLS) {
      console.log(
        `  ${String(to).padStart(6)} iterations: wasm memory ${mb(last.memory)} (+${last.memory - warm.memory} B since warm-up), ` +
          `table ${last.table} slots, JS heap ${((await jsHeap(cdp)) / 1024).toFixed(0)} KB`,
      );
    }
    from = to;
  }
  const heapEnd = await jsHeap(cdp);
  const measured = CALLS - WARMUP;
  const growth = last.memory - warm.memory;
  const tableGrowth = last.table - warm.table;
  const tenths = Math.ceil(CALLS / 10) - Math.ceil(WARMUP / 10);
  const expectedExplorations = start.explores ? 3 * tenths : 0;

  console.log(
    `  mean per call: simulate ${(totals.simulateMs / measured).toFixed(3)} ms, compare ${(totals.compareMs / measured).toFixed(3)} ms, ` +
      `render ${(totals.renderMs / Math.max(1, totals.renders)).toFixed(3)} ms (${totals.renders} renders)`,
  );
  if (start.explores) {
    console.log(
      `  sweeps (3 × 3, one stopped early) and Monte Carlo runs (5 markets): ${totals.explorations} of ${expectedExplorations}`,
    );
  }
  console.log(`  invalid params thrown as RangeError/TypeError: ${totals.thrown} of ${2 * tenths}`);
  console.log(
    `  JS heap after GC: ${mb(heapAfterWarmup)} after warm-up, ${mb(heapEnd)} at the end ` +
      `(${heapEnd >= heapAfterWarmup ? '+' : '−'}${Math.abs(heapEnd - heapAfterWarmup).toLocaleString('en-US')} B; ` +
      'most of it in the first checkpoints: V8 keeps compiled code and type feedback there; a leak would grow with every checkpoint)',
  );
  const ok = growth === 0 && tableGrowth === 0;
  console.log(
    `  wasm memory growth after warm-up: ${growth} bytes; externref table growth: ${tableGrowth} slots ` +
      `(target 0 and 0)  ${ok ? 'PASS' : 'FAIL'}`,
  );
  if (errors.length) console.log(`  console errors: ${errors.join('\n    ')}`);
  await context.close();
  const complete = totals.thrown === 2 * tenths && totals.explorations === expectedExplorations;
  return ok && complete && !errors.length ? 0 : 1;
}

async function main() {
  const server = await startServer();
  const browser = await launch();
  let status = 0;
  try {
    console.log(`Soak: simulate() and compare() ${CALLS.toLocaleString('en-US')} times each in one page, per package`);
    console.log(
      `  params: traders ${BASE.traders.toLocaleString('en-US')}, ticks ${BASE.ticks}, other fields default; ` +
        'seed 1-37, shock −2…−10 %, leverage 5-27× cycling',
    );
    console.log('  every 10th iteration: render() of both charts on a 640×360 canvas, 2 invalid params that must');
    console.log('  throw, and (explorations package) sweep() ×2 and monteCarlo()');
    for (const pkg of PACKAGES) status |= await soak(browser, server.origin, pkg);
  } finally {
    await browser.close();
    await server.close();
  }
  return status;
}

process.exitCode = await main();
