// Large inputs: the biggest run the model accepts, 1,000,000 traders × 100,000 ticks, through
// simulate() in headless Chromium: it must complete with the wasm memory at most 256 MB. Also
// compare() (four scenarios) at the same size, and a fresh page for each so the memory figure
// is that one call's high-water mark.
//
//   node benches/large.mjs [--quick]       --quick: simulate only; exits 1 over budget or on error
//
// The wasm memory never shrinks, so its size after the call is the most the call needed at any
// moment (plus the ~1 MB the instance starts with); for compare it includes drawing the result.

import { launch, mb, openBlank, startServer } from './page.mjs';

const quick = process.argv.includes('--quick');
const BUDGET_BYTES = 256 * 1048576;
const LARGE = { traders: 1_000_000, ticks: 100_000 };

const CASES = [
  { name: 'simulate, 1,000,000 traders × 100,000 ticks', call: 'simulate', params: LARGE, budget: true },
  ...(quick
    ? []
    : [
        { name: 'compare (4 scenarios), 1,000,000 × 100,000', call: 'compare', params: LARGE, budget: true },
        // A long calm horizon with permanent impact: every tick does real work, no early calm exit.
        {
          name: 'simulate, 1M × 100k, volatility 2 %, permanent impact',
          call: 'simulate',
          params: { ...LARGE, volatilityPct: 2, permanentImpact: 1 },
          budget: true,
        },
      ]),
];

async function runCase(browser, origin, c) {
  const { context, page, errors } = await openBlank(browser, origin);
  try {
    return await page.evaluate(
      ({ call, params }) => {
        const { api, wasm } = window;
        const before = wasm.memory.buffer.byteLength;
        const t = performance.now();
        const result = api[call](params);
        const ms = performance.now() - t;
        const one = call === 'compare' ? result.none : result;
        // Drawing the result, as the lab or the widget would, on a 1200 × 600 canvas.
        let renderMs = null;
        if (call === 'compare') {
          const canvas = Object.assign(document.createElement('canvas'), { width: 1200, height: 600 });
          const r0 = performance.now();
          api.render(canvas, result, { chart: 'price' });
          api.render(canvas, result, { chart: 'map' });
          renderMs = performance.now() - r0;
        }
        return {
          renderMs,
          ms,
          before,
          after: wasm.memory.buffer.byteLength,
          ticks: one.series.price.length,
          traders: one.summary.traders,
          finalPrice: one.summary.finalPrice,
          maxMovePct: one.summary.maxMovePct,
          waves: one.summary.waves,
        };
      },
      { call: c.call, params: c.params },
    ).then((r) => ({ ...r, errors }));
  } catch (e) {
    return { failed: e.message.split('\n')[0], errors };
  } finally {
    await context.close();
  }
}

async function main() {
  const server = await startServer();
  const browser = await launch();
  let status = 0;
  try {
    console.log(`Large inputs in the browser (fresh page per case; budget: wasm memory ≤ ${mb(BUDGET_BYTES)})`);
    for (const c of CASES) {
      const r = await runCase(browser, server.origin, c);
      if (r.failed) {
        console.log(`  ${c.name}: FAILED: ${r.failed}`);
        status = 1;
        continue;
      }
      const within = r.after <= BUDGET_BYTES;
      if (c.budget && !within) status = 1;
      if (r.errors.length) status = 1;
      console.log(`  ${c.name}`);
      console.log(
        `    ${(r.ms / 1000).toFixed(2)} s; wasm memory ${mb(r.before)} → ${mb(r.after)}  ${within ? 'PASS' : 'FAIL'}` +
          `; ${r.traders.toLocaleString('en-US')} traders, ${r.ticks.toLocaleString('en-US')} ticks in the series, ` +
          `max move ${r.maxMovePct.toFixed(2)} %, ${r.waves} waves`,
      );
      if (r.renderMs !== null) {
        console.log(`    drawing it (price chart and map, 1200 × 600): ${(r.renderMs / 1000).toFixed(2)} s`);
      }
      if (r.errors.length) console.log(`    console errors: ${r.errors.join('; ')}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return status;
}

process.exitCode = await main();
