// The arithmetic behind the explorations section (www/explore/fields.js), in Node: how a map is
// split into lines, the mitigation scenarios, the coarse-to-fine fill, and the fat-tail figures
// checked against the model's own (the explorations' wasm package, loaded from disk).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import {
  AXES,
  axis,
  evenly,
  forExploring,
  plan,
  rangeFor,
  tailStats,
  upsample,
  valueOf,
  withMitigations,
  withoutMitigations,
} from '../../www/explore/fields.js';

const pkg = new URL('../../www/pkg-explore/', import.meta.url);

test('evenly spaced axis values and ranges that take in the current value within the limits', () => {
  assert.deepEqual(evenly(0, 1, 5), [0, 0.25, 0.5, 0.75, 1]);
  assert.deepEqual(evenly(3, 9, 1), [3]);
  const leverage = axis('leverage');
  assert.deepEqual(rangeFor(leverage, 12), [2, 40]);
  assert.deepEqual(rangeFor(leverage, 50), [2, 50 + 38 * 0.05]);
  const longShare = axis('longShare');
  assert.deepEqual(rangeFor(longShare, 1), [0.2, 1], 'never past the model’s range');
  for (const a of AXES) {
    assert.ok(a.limits[0] <= a.range[0] && a.range[1] <= a.limits[1], `${a.key} range within limits`);
  }
});

test('a line shares one population, and the breaker level is always stepped outside', () => {
  const [lev, depth, shock, level, whale] = ['leverage', 'depthPerPct', 'shockPct', 'circuitBreaker.levelsPct[0]', 'whaleConcentration'].map(axis);
  assert.deepEqual(plan(lev, depth), { innerIsX: false }, 'depth inside, leverage outside');
  assert.deepEqual(plan(depth, lev), { innerIsX: true });
  assert.deepEqual(plan(shock, level), { innerIsX: true });
  assert.deepEqual(plan(level, shock), { innerIsX: false });
  assert.deepEqual(plan(lev, level), { innerIsX: true }, 'the breaker wins over the population');
  const longShare = axis('longShare');
  assert.deepEqual(plan(lev, longShare), { innerIsX: true }, 'both change the population: rows');
  assert.deepEqual(plan(lev, whale), { innerIsX: false }, 'the one that changes only the sizes inside');
  assert.deepEqual(plan(whale, lev), { innerIsX: true });
});

test('the two scenarios are compare()’s "none" and "both", and explorations cap the traders', () => {
  const page = { traders: 100000, seed: 1, leverage: 12, circuitBreaker: null, marginTiers: 'none', positions: null };
  const none = withoutMitigations({ ...page, circuitBreaker: { levelsPct: [5, 11, 18] }, marginTiers: 'strict' });
  assert.equal(none.circuitBreaker, null);
  assert.equal(none.marginTiers, 'none');
  const both = withMitigations(page);
  assert.deepEqual(both.circuitBreaker.levelsPct, [7, 13, 20], 'the default breaker');
  assert.equal(both.marginTiers, 'standard');
  const custom = withMitigations({ ...page, circuitBreaker: { levelsPct: [5, 11, 18], windowTicks: 600, haltTicks: 30, magnetSellShare: 0 }, marginTiers: 'strict' });
  assert.deepEqual(custom.circuitBreaker.levelsPct, [5, 11, 18], 'the page’s breaker');
  assert.equal(custom.marginTiers, 'strict');
  assert.equal(page.circuitBreaker, null, 'the page’s params are not touched');
  assert.equal(forExploring(page).traders, 20000);
  assert.equal(forExploring({ ...page, traders: 500 }).traders, 500);
  assert.equal(valueOf(page, 'circuitBreaker.levelsPct[0]'), 7, 'read through the default breaker');
});

test('a coarse grid fills a fine one by nearest cell', () => {
  const coarse = Float64Array.from([1, 2, 3, 4]); // 2 × 2: rows (y = 0) 1 2, (y = 1) 3 4
  const fine = upsample(coarse, [0, 1], [0, 1], evenly(0, 1, 4), evenly(0, 1, 4));
  assert.deepEqual([...fine], [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
  assert.ok(upsample(null, [0], [0], [0, 1], [0]).every(Number.isNaN), 'nothing yet: blank');
});

test('the fat-tail figures match the model’s on the same sample', { skip: !existsSync(new URL('leverage_cascade.js', pkg)) && 'make build first' }, async () => {
  const api = await import(new URL('leverage_cascade.js', pkg));
  await api.default({ module_or_path: readFileSync(new URL('leverage_cascade_bg.wasm', pkg)) });
  const out = api.monteCarlo({ traders: 2000, ticks: 100, leverage: 15, entrySpreadPct: 1 }, { runs: 300, shock: { distribution: 'studentT', scalePct: 2 } });
  const moves = tailStats(out.moves, out.tailThresholdPct);
  const shocks = tailStats(out.shocks, out.tailThresholdPct);
  assert.ok(Math.abs(moves.kurtosis - out.moveKurtosis) < 1e-9, `${moves.kurtosis} vs ${out.moveKurtosis}`);
  assert.ok(Math.abs(shocks.kurtosis - out.shockKurtosis) < 1e-9);
  assert.equal(moves.share, out.moveTailShare);
  assert.equal(shocks.share, out.shockTailShare);
  assert.deepEqual(tailStats([1, 2], 1.5), { kurtosis: 0, share: 0.5 }, 'too few values: no kurtosis');
});
