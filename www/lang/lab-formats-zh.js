// The lab's own ways of showing a control's value in Simplified Chinese: the counterpart of
// lab/lab-formats.js, with the same keys in the same order, beside the Chinese formats of the
// shared controls (widget-zh.js's FORMATS).

import { FORMATS } from './widget-zh.js';
import { get } from '../lab/schema.js';
import { MINUS } from '../lab/format.js';
import { duration, num, times, usd } from './format-zh.js';

function levelsText(levels) {
  return levels.map((x) => `${MINUS}${num(x, 1)}%`).join('、');
}

/** Whether the spot market plays a part: a mark on its index, or arbitrage with it. */
function spotInUse(params) {
  return params.markPrice === 'index' || params.arbitrageCapital > 0;
}

/** Every format a lab control uses: the shared ones and the lab's own. */
export const LAB_FORMATS = {
  ...FORMATS,
  shockTicks: (v, params) => {
    if (v !== 1) return `分散在${duration(v * params.tickSeconds)}内`;
    return params.shockUsd === null ? '一次性（跳空）' : '一次性';
  },
  levels: (v, params) => levelsText(get(params, 'circuitBreaker.levelsPct')),
  programUsd: (v, params) => {
    if (v === null) return '由冲击决定';
    if (params.shockPct === 0) return '无买卖计划（冲击为0）';
    return `${params.shockPct < 0 ? '卖出' : '买入'}${usd(v)}`;
  },
  spotDepth: (v, params) => {
    const moves = `${usd(v)}使价格变动1%`;
    return spotInUse(params) ? moves : `${moves}（未使用：没有指数标记价格，也没有套利）`;
  },
  usdPerTick: (v, params) => (v === null ? '关闭（不设上限）' : `每${duration(params.tickSeconds)}${usd(v)}`),
  venueUsd: (v, params) => (v === null ? `与第一家交易所相同（${usd(params.openInterest)}）` : usd(v)),
  venueLeverage: (v, params) => (v === null ? `与第一家交易所相同（${times(params.leverage)}）` : times(v)),
  withdrawal: (v) => (v === 0 ? '关闭（订单簿从不变薄）' : `${num(v * 100, 0)}%`),
  dipCapital: (v) => (v === 0 ? '无' : usd(v)),
  arbitrage: (v, params) => {
    if (v > 0) return usd(v);
    return params.markPrice === 'index' ? '无（期货与现货价格彼此偏离）' : '无';
  },
  discount: (v) => `比起始价格低${num(v, 0)}%`,
  momentum: (v) => (v === 0 ? '无' : `每有$1多头被强平，新开$${num(v, 1)}空单`),
};
