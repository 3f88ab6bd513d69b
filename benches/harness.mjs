// The in-browser half of benches/browser.mjs: loaded by a blank page served next to www/, it
// times the wasm engine through the public JS API and the JavaScript reference cascade, and
// hands the figures back as plain objects. Times come from performance.now(); the page is
// cross-origin isolated, so the clock ticks in microseconds rather than 0.1 ms.

import init, * as api from '/pkg/leverage_cascade.js';
import { cascade, generate, referenceParams, toPositions } from './js-reference.mjs';

await init();

/** Median, 95th percentile (nearest rank) and fastest of a list of ms. */
function stats(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const rank = (q) => s[Math.min(s.length, Math.max(1, Math.ceil(q * s.length))) - 1];
  return { median: rank(0.5), p95: rank(0.95), min: s[0], runs: s.length };
}

/**
 * Runs `f` `warmup` times unmeasured, then `runs` times measured; `f` gets a new index every
 * call (warm-up and measured runs never share one), so a case that takes a new seed from it
 * never meets a population the warm-up left in the engine's cache.
 */
function time(warmup, runs, f) {
  for (let i = 0; i < warmup; i++) f(i);
  const ms = [];
  for (let i = warmup; i < warmup + runs; i++) {
    const t = performance.now();
    f(i);
    ms.push(performance.now() - t);
  }
  return stats(ms);
}

/** Fewer runs in quick mode, never fewer than 3. */
const scaled = (quick, n) => (quick ? Math.max(3, Math.ceil(n / 5)) : n);

/** The engine through the JS API: simulate and compare at the defaults, and 1M × 1,000. */
function wasm({ quick }) {
  const defaults = api.defaultParams();
  const million = { ...defaults, traders: 1_000_000, ticks: 1_000 };
  const shocks = [defaults.shockPct, defaults.shockPct - 1];
  return {
    crossOriginIsolated: self.crossOriginIsolated,
    defaultFinalPrice: api.simulate(defaults).summary.finalPrice,
    // A new seed each call: the wasm layer keeps the last population, and these cases must
    // generate theirs every time, as the native benchmark does.
    simulate_default: time(10, scaled(quick, 51), (i) => api.simulate({ ...defaults, seed: 1000 + i })),
    simulate_1m: time(2, scaled(quick, 15), (i) => api.simulate({ ...million, seed: 1000 + i })),
    compare_default: time(3, scaled(quick, 31), (i) => api.compare({ ...defaults, seed: 1000 + i })),
    // Only the shock changes between calls: a cache of populations in the wasm layer (if there
    // is one) skips generating the traders, as on a slider drag.
    compare_shock_only: time(3, scaled(quick, 31), (i) =>
      api.compare({ ...defaults, shockPct: shocks[i % 2] }),
    ),
  };
}

let population = null;

/**
 * The positions the engine draws for the default params, as benches/engine.rs dumped them to
 * target/bench/population.bin: four little-endian f64 columns (side, notional, leverage, entry).
 */
async function enginePopulation() {
  if (population) return population;
  const response = await fetch('/bench/population.bin');
  if (!response.ok) throw new Error('target/bench/population.bin is missing: run benches/engine.rs first');
  const f = new Float64Array(await response.arrayBuffer());
  const n = f.length / 4;
  population = {
    side: Uint8Array.from(f.subarray(0, n)),
    notional: f.slice(n, 2 * n),
    leverage: f.slice(2 * n, 3 * n),
    entry: f.slice(3 * n),
  };
  return population;
}

/** Fields that decide who holds what; the scenarios may not change them. */
const POPULATION_KNOBS = [
  'startPrice', 'traders', 'seed', 'positions', 'openInterest', 'longShare', 'leverage',
  'leverageSpread', 'whaleConcentration', 'entrySpreadPct', 'maintenancePct', 'marginTiers',
];

/**
 * The JavaScript reference against the engine on the engine's own default population, each
 * starting from positions already in memory: the engine is timed as `simulate(params)` called
 * again with the same params (the wasm layer keeps the last population), the JS cascade gets
 * the generated positions as typed arrays.
 */
async function reference({ quick, overrides, listCost }) {
  const defaults = api.defaultParams();
  for (const key of Object.keys(overrides)) {
    if (POPULATION_KNOBS.includes(key)) throw new Error(`a scenario may not change ${key}`);
  }
  const params = referenceParams({ ...defaults, ...overrides });
  const pop = await enginePopulation();

  const js = cascade(pop, params);
  const engine = api.simulate(params).summary;
  if (engine.traders !== pop.side.length) {
    throw new Error(`population.bin has ${pop.side.length} positions, the engine drew ${engine.traders}`);
  }

  const runs = scaled(quick, 31);
  const jsTime = time(3, runs, () => cascade(pop, params));
  const engineTime = time(3, runs, () => api.simulate(params));

  // For scale: the same positions as an explicit params.positions list. The call below has one
  // invalid field, so it reads and validates the whole list and then throws before simulating.
  let listTime = null;
  if (listCost) {
    const invalid = { ...params, positions: toPositions(pop), tickSeconds: 0 };
    listTime = time(1, scaled(quick, 5), () => {
      try {
        api.simulate(invalid);
      } catch {
        return;
      }
      throw new Error('the invalid params were accepted');
    });
  }
  return {
    n: pop.side.length,
    rounds: js.rounds,
    waves: engine.waves,
    finalPrice: { js: js.finalPrice, engine: engine.finalPrice },
    minPrice: { js: js.minPrice, engine: engine.minPrice },
    liquidatedCount: { js: js.liquidatedCount, engine: engine.liquidatedCount },
    liquidatedNotional: { js: js.liquidatedNotional, engine: engine.liquidatedNotional },
    jsTime,
    engineTime,
    listTime,
  };
}

/**
 * Each side making its own traders: the engine's `simulate` with a new seed each call (so it
 * draws and orders a new population every time) against `generate` then `cascade`, timed whole,
 * at `traders` × `ticks` under the reference knobs. The two draw different numbers from the same
 * distributions, so their outcomes agree only as two samples do.
 */
function fresh({ quick, traders, ticks }) {
  const params = { ...referenceParams(api.defaultParams()), traders, ticks };
  const whole = (seed) => cascade(generate(params, seed), params);
  const js = whole(1);
  const engine = api.simulate({ ...params, seed: 1 }).summary;
  const runs = scaled(quick, 11);
  // The two halves of the JS side, for the report: drawing the traders, then the cascade.
  const pop = generate(params, 2);
  return {
    finalPrice: { js: js.finalPrice, engine: engine.finalPrice },
    liquidatedCount: { js: js.liquidatedCount, engine: engine.liquidatedCount },
    jsTime: time(1, runs, (i) => whole(1000 + i)),
    jsGenerateTime: time(1, runs, (i) => generate(params, 2000 + i)),
    jsCascadeTime: time(1, runs, () => cascade(pop, params)),
    engineTime: time(1, runs, (i) => api.simulate({ ...params, seed: 1000 + i })),
  };
}

window.bench = { wasm, reference, fresh, version: api.version() };
document.title = 'ready';
