// What the explorations can vary and measure, and the arithmetic around them. No DOM here, so
// Node can test it.

import { DEFAULT_BREAKER, clone, get } from '../lab/schema.js';
import { INVALIDATES, MITIGATION_TIERS, PARAMS } from '../shared/params.js';

/** The explorations simulate at most this many traders per market, to stay quick. */
export const MAX_TRADERS = 20000;

/**
 * The params a map may sweep, by `key` (their words, in menus, on the map's axis and in
 * sentences, are each language's catalogue's: lang/explore-<lang>.js's AXES, by the same key).
 * `range` is the teaching range (widened to take in the current value, within `limits`: the
 * model's range from the parameter table, or for the first halt level one that leaves room for
 * the two later levels); `format` says how renderExploration prints it; `control` is the
 * data-param of the page's slider; `population`, from the table, whether it changes who holds
 * what (such an axis cannot reuse one population along a line, so it goes outside); `sizes`,
 * whether it changes only how big the positions are (the whale concentration).
 */
const AXIS_LIST = [
  { key: 'leverage', range: [2, 40], format: 'multiple', control: 'leverage' },
  { key: 'depthPerPct', range: [1e7, 2.5e8], format: 'money', control: 'depthPerPct' },
  { key: 'shockPct', range: [-20, -1], format: 'percent', control: 'shockPct' },
  { key: 'circuitBreaker.levelsPct[0]', range: [2, 30], limits: [0.5, 70], format: 'percent', control: 'circuitBreaker.firstLevelPct', breaker: true },
  { key: 'recoveryHalfLife', range: [2, 200], format: 'number', control: 'recoveryHalfLife' },
  { key: 'whaleConcentration', range: [0, 1], format: 'number', control: 'whaleConcentration' },
  { key: 'longShare', range: [0.2, 0.9], format: 'number', control: 'longShare' },
  { key: 'arbitrageCapital', range: [0, 1e9], format: 'money', control: 'arbitrageCapital' },
];

const ROWS = new Map(PARAMS.map((p) => [p.path, p]));

export const AXES = AXIS_LIST.map((a) => {
  const row = ROWS.get(a.key.replace(/\[\d+\]/g, '[]'));
  const invalidates = INVALIDATES[row.path];
  return { ...a, limits: a.limits ?? [row.min, row.max], population: invalidates !== 'run', sizes: invalidates === 'sizes' };
});

/**
 * What a map's colours can show, by `key` (their words: the catalogue's METRICS). `scale` turns
 * the model's number into the one drawn.
 */
export const METRICS = [
  { key: 'amplification', format: 'multiple', scale: 1, floor: 1 },
  { key: 'maxDrawdownPct', format: 'percent', scale: 1, floor: 0 },
  { key: 'liquidatedShare', format: 'percent', scale: 100, floor: 0 },
  { key: 'badDebt', format: 'money', scale: 1, floor: 0 },
];

export function axis(key) {
  return AXES.find((a) => a.key === key);
}

export function metric(key) {
  return METRICS.find((m) => m.key === key);
}

/** The current value of an axis's field in `params` (the breaker's through the default breaker). */
export function valueOf(params, key) {
  if (key === 'circuitBreaker.levelsPct[0]') return get(params, 'circuitBreaker.levelsPct')[0];
  return get(params, key);
}

/** `steps` even values from `from` to `to`. */
export function evenly(from, to, steps) {
  if (steps === 1) return [from];
  return Array.from({ length: steps }, (_, i) => from + ((to - from) * i) / (steps - 1));
}

/** An axis's range, widened so the current value lies inside with a little room. */
export function rangeFor(a, current) {
  let [lo, hi] = a.range;
  if (Number.isFinite(current)) {
    const room = (hi - lo) * 0.05;
    if (current < lo) lo = Math.max(current - room, a.limits[0]);
    if (current > hi) hi = Math.min(current + room, a.limits[1]);
  }
  return [lo, hi];
}

/**
 * How a map over display axes `x` and `y` is computed. Each sweep() call runs one line of cells
 * along the inner axis; the outer axis steps from line to line. The breaker level has to be
 * outer (its later levels follow it), and an axis that changes the population goes outer too, so
 * a line shares one population. When both change it, one that changes only the positions' sizes
 * goes inside: along a line the model then sizes the same positions again (under flat margin,
 * docs/MODEL.md) instead of building them anew. Returns `{innerIsX}`.
 */
export function plan(x, y) {
  if (x.breaker) return { innerIsX: false };
  if (y.breaker) return { innerIsX: true };
  if (x.population && !y.population) return { innerIsX: false };
  if (x.population && y.sizes && !x.sizes) return { innerIsX: false };
  return { innerIsX: true };
}

/** The same market as `params`, with no circuit breaker and flat margin (compare()'s "none"). */
export function withoutMitigations(params) {
  return { ...clone(params), circuitBreaker: null, marginTiers: 'none' };
}

/**
 * The same market with a circuit breaker and margin tiers (compare()'s "both"): the page's
 * breaker or the default one, its tier table or the one compare() uses without one
 * (`MITIGATION_TIERS`, from the parameter table's copy).
 */
export function withMitigations(params) {
  const p = clone(params);
  p.circuitBreaker = p.circuitBreaker ?? clone(DEFAULT_BREAKER);
  if (!p.marginTiers || p.marginTiers === 'none') p.marginTiers = clone(MITIGATION_TIERS);
  return p;
}

/** The params an exploration runs: the page's, with at most MAX_TRADERS traders. */
export function forExploring(params) {
  const p = clone(params);
  if (!p.positions && p.traders > MAX_TRADERS) p.traders = MAX_TRADERS;
  return p;
}

/**
 * A fine grid filled from a coarse one, each fine cell taking the nearest coarse cell, so the map
 * shows the coarse picture at once and sharpens line by line.
 */
export function upsample(coarse, coarseX, coarseY, fineX, fineY) {
  const out = new Float64Array(fineX.length * fineY.length).fill(NaN);
  if (!coarse) return out;
  const ci = fineX.map((v) => nearestIndex(coarseX, v));
  const cj = fineY.map((v) => nearestIndex(coarseY, v));
  for (let j = 0; j < fineY.length; j += 1) {
    for (let i = 0; i < fineX.length; i += 1) {
      out[j * fineX.length + i] = coarse[cj[j] * coarseX.length + ci[i]];
    }
  }
  return out;
}

/** The index of the value in `values` nearest to `v`. */
export function nearestIndex(values, v) {
  let best = 0;
  for (let k = 1; k < values.length; k += 1) {
    if (Math.abs(values[k] - v) < Math.abs(values[best] - v)) best = k;
  }
  return best;
}

/**
 * The fat-tail figures of a sample, defined as in src/model/explore.rs: excess kurtosis
 * m4 ÷ m2² − 3 (0 for a normal law; 0 for fewer than four values or no spread) and the share of
 * values beyond `threshold` in size.
 */
export function tailStats(values, threshold) {
  const n = values.length;
  let beyond = 0;
  for (const v of values) if (Math.abs(v) > threshold) beyond += 1;
  const share = n ? beyond / n : 0;
  if (n < 4) return { kurtosis: 0, share };
  let mean = 0;
  for (const v of values) mean += v / n;
  let m2 = 0;
  let m4 = 0;
  for (const v of values) {
    const d = (v - mean) ** 2;
    m2 += d / n;
    m4 += (d * d) / n;
  }
  return { kurtosis: m2 > 0 ? m4 / (m2 * m2) - 3 : 0, share };
}
