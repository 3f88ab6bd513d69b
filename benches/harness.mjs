// The in-browser half of benches/browser.mjs: loaded by a blank page served next to www/, it
// times the wasm engine through the public JS API and the JavaScript reference cascade, and
// hands the figures back as plain objects. Times come from performance.now(); the page is
// cross-origin isolated, so the clock ticks in microseconds rather than 0.1 ms.

import init, * as api from '/pkg/leverage_cascade.js';
import { cascade, makePopulation, referenceParams, toPositions } from './js-reference.mjs';

await init();

/** Median, 95th percentile (nearest rank) and fastest of a list of ms. */
function stats(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const rank = (q) => s[Math.min(s.length, Math.max(1, Math.ceil(q * s.length))) - 1];
  return { median: rank(0.5), p95: rank(0.95), min: s[0], runs: s.length };
}

/** Runs `f` `warmup` times unmeasured, then `runs` times measured. */
function time(warmup, runs, f) {
  for (let i = 0; i < warmup; i++) f(i);
  const ms = [];
  for (let i = 0; i < runs; i++) {
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
    simulate_default: time(10, scaled(quick, 51), () => api.simulate(defaults)),
    simulate_1m: time(2, scaled(quick, 15), () => api.simulate(million)),
    compare_default: time(3, scaled(quick, 31), () => api.compare(defaults)),
    // Only the shock changes between calls: a cache of populations in the wasm layer (if there
    // is one) skips generating the traders, as on a slider drag.
    compare_shock_only: time(3, scaled(quick, 31), (i) =>
      api.compare({ ...defaults, shockPct: shocks[i % 2] }),
    ),
  };
}

/**
 * The JavaScript reference against the engine on one population of `n` positions, drawn in JS
 * and handed to the engine as `params.positions`.
 */
function reference({ quick, n, seed, overrides }) {
  const params = referenceParams({ ...api.defaultParams(), ...overrides });
  const pop = makePopulation(params, n, seed);
  const positions = toPositions(pop);
  const withPositions = { ...params, positions };
  // Same params with one invalid field: the whole list is converted and validated, then the
  // call throws, so this times the crossing of the JS boundary without the engine.
  const invalid = { ...withPositions, tickSeconds: 0 };

  const js = cascade(pop, params);
  const engine = api.simulate(withPositions).summary;

  const runs = scaled(quick, 21);
  const jsTime = time(3, runs, () => cascade(pop, params));
  const engineTime = time(2, runs, () => api.simulate(withPositions));
  const conversionTime = time(2, runs, () => {
    try {
      api.simulate(invalid);
    } catch {
      return;
    }
    throw new Error('the invalid params were accepted');
  });
  // The page's path, for scale: the engine drawing its own population of the same size and
  // knobs (a different but like population), and JS drawing one and running the cascade.
  const own = { ...params, traders: n };
  const engineOwnTime = time(3, runs, () => api.simulate(own));
  const jsOwnTime = time(1, scaled(quick, 11), () => cascade(makePopulation(params, n, seed), params));
  return {
    n,
    rounds: js.rounds,
    waves: engine.waves,
    finalPrice: { js: js.finalPrice, engine: engine.finalPrice },
    liquidatedCount: { js: js.liquidatedCount, engine: engine.liquidatedCount },
    liquidatedNotional: { js: js.liquidatedNotional, engine: engine.liquidatedNotional },
    jsTime,
    engineTime,
    conversionTime,
    engineOwnTime,
    jsOwnTime,
  };
}

window.bench = { wasm, reference, version: api.version() };
document.title = 'ready';
