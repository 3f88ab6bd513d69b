// The lab's own ways of showing a control's value (`data-format` in index.html), beside the
// ones it shares with the widget (FORMATS in controls.js). Kept apart so the widget, which
// offers none of these controls, does not download them.

import { FORMATS } from './controls.js';
import { get } from './schema.js';
import { duration, num, times, usd, MINUS, NBSP } from './format.js';

function levelsText(levels) {
  return levels.map((x) => `${MINUS}${num(x, 1)}${NBSP}%`).join(', ');
}

/** Whether the spot market plays a part: a mark on its index, or arbitrage with it. */
function spotInUse(params) {
  return params.markPrice === 'index' || params.arbitrageCapital > 0;
}

/** Every format a lab control uses: the shared ones and the lab's own. */
export const LAB_FORMATS = {
  ...FORMATS,
  shockTicks: (v, params) => {
    if (v !== 1) return `over ${duration(v * params.tickSeconds)}`;
    return params.shockUsd === null ? 'at once (a gap)' : 'at once';
  },
  levels: (v, params) => levelsText(get(params, 'circuitBreaker.levelsPct')),
  programUsd: (v, params) => {
    if (v === null) return 'as the shock says';
    if (params.shockPct === 0) return 'no program (the shock is 0)';
    return `${usd(v)} ${params.shockPct < 0 ? 'sold' : 'bought'}`;
  },
  spotDepth: (v, params) => {
    const moves = `${usd(v)} moves it 1${NBSP}%`;
    return spotInUse(params) ? moves : `${moves} (not used: no index mark, no arbitrage)`;
  },
  usdPerTick: (v, params) => (v === null ? 'off (no limit)' : `${usd(v)} per ${duration(params.tickSeconds)}`),
  venueUsd: (v, params) => (v === null ? `the first venue's (${usd(params.openInterest)})` : usd(v)),
  venueLeverage: (v, params) => (v === null ? `the first venue's (${times(params.leverage)})` : times(v)),
  withdrawal: (v) => (v === 0 ? 'off (the book never thins)' : `${num(v * 100, 0)}${NBSP}%`),
  dipCapital: (v) => (v === 0 ? 'none' : usd(v)),
  arbitrage: (v, params) => {
    if (v > 0) return usd(v);
    return params.markPrice === 'index' ? 'none (futures and spot drift apart)' : 'none';
  },
  discount: (v) => `${num(v, 0)}${NBSP}% below the start`,
  momentum: (v) => (v === 0 ? 'none' : `$${num(v, 1)} of new shorts per $1 of longs liquidated`),
};
