// Results in plain Simplified Chinese: the counterparts of lab/words.js's headlines and the
// charts' text alternatives, by the same rules (which words name a move, when a shock "grew").

import { changePct, mapFacts, peak, signedMove } from '../lab/words.js';
import { duration, pct, share, times, usd } from './format-zh.js';

/** The four runs of `compare()`, in the order the page shows them (the charts' legends say the same). */
export const SCENARIOS = [
  { key: 'none', name: '无缓解措施', short: '无' },
  { key: 'circuitBreaker', name: '熔断', short: '熔断' },
  { key: 'marginTiers', name: '分档保证金', short: '分档' },
  { key: 'both', name: '熔断 + 分档', short: '两者' },
];

/** Scenario display name by key. */
export function scenarioName(key) {
  return (SCENARIOS.find((s) => s.key === key) || { name: key }).name;
}

/** lab/words.js's moveWord in Chinese: under 5 % a dip or rise, under 15 % a slide or squeeze, then a crash or short squeeze. */
export function moveWord(summary) {
  const fall = summary.shockPct < 0 || (summary.shockPct === 0 && summary.minPrice < summary.startPrice);
  const size = summary.maxMovePct;
  if (size < 5) return fall ? '小幅下跌' : '小幅上涨';
  if (size < 15) return fall ? '下滑' : '急涨';
  return fall ? '崩盘' : '轧空';
}

/** The shock as a noun phrase: "−5%的冲击", "$41亿的卖单（在平静的订单簿上相当于−9.7%）". */
export function shockWords(summary, params = null) {
  const shock = summary.shockPct;
  const dollars = params && params.shockUsd !== null && params.shockUsd !== undefined;
  if (shock === 0 || (!dollars && !(params && params.shockTicks > 1))) return `${pct(shock, { sign: true })}的${shock < 0 ? '冲击' : '跳涨'}`;
  const kind = shock < 0 ? '卖单' : '买单';
  return dollars
    ? `${usd(params.shockUsd)}的${kind}（在平静的订单簿上相当于${pct(shock, { sign: true })}）`
    : `在平静的订单簿上相当于${pct(shock, { sign: true })}的${kind}`;
}

/** What the shock became: "扩大为−8.9%的下滑". */
export function became(summary) {
  const amp = summary.amplification;
  const verb = amp < 1.25 ? '仍是' : summary.maxMovePct < 15 ? '扩大为' : '演变成';
  return `${verb}${pct(signedMove(summary), { sign: true })}的${moveWord(summary)}`;
}

/** One run's headline: "−5%的冲击演变成−23%的崩盘（4.6×）：$12亿被强平，38%的交易者爆仓。" */
export function headline(summary, params = null) {
  if (summary.shockPct === 0) {
    return `没有冲击：价格最多变动${pct(summary.maxMovePct)}，${usd(summary.liquidatedNotional)}被强平。`;
  }
  return (
    `${shockWords(summary, params)}${became(summary)}（${times(summary.amplification)}）：` +
    `${usd(summary.liquidatedNotional)}被强平，${share(summary.liquidatedShare)}的交易者爆仓。`
  );
}

/** The time of a tick: "第12秒", the end of tick 11 (as lab/words.js's `at`: tick 0, the shock's, is the first second). */
export function at(tick, tickSeconds) {
  return `第${duration((tick + 1) * tickSeconds)}`;
}

/** The price chart's text alternative: each scenario's worst move, halts and the biggest wave. */
export function priceChartLabel(comparison, tickSeconds, params = null) {
  const none = comparison.none;
  const ticks = none.series.price.length;
  const parts = SCENARIOS.map(({ key, name }) => {
    const s = comparison[key].summary;
    const halts = s.halts > 0 ? `，暂停交易${s.halts}次` : '';
    return `${name}：${pct(signedMove(s), { sign: true })}${halts}`;
  });
  const biggest = peak(none.series.liquidatedNotional);
  const second = none.secondVenue
    ? `虚线：第二家交易所的价格；无缓解措施时它变动${pct(signedMove(none.secondVenue.summary), { sign: true })}。`
    : '';
  return (
    `${shockWords(none.summary, params)}之后${duration(ticks * tickSeconds)}内的价格，以及每个情景的最大变动。` +
    `${parts.join('；')}。` +
    `柱形：每个时间步被强平的金额；无缓解措施时最大一根为${usd(biggest.value)}，在${at(biggest.index, tickSeconds)}。${second}`
  );
}

/** The liquidation map's text alternative for one scenario's outcome. */
export function mapLabel(outcome, scenarioKey, cursor = null, tickSeconds = 1) {
  const { start, longLiq, longLeft, shortLiq, shortLeft, low, high, now: then } = mapFacts(outcome, cursor);
  const reach = [];
  if (low !== null) reach.push(`多单一直被强平到${pct(changePct(low, start), { sign: true })}`);
  if (high !== null) reach.push(`空单一直到${pct(changePct(high, start), { sign: true })}`);
  let now = '';
  if (then) {
    const { longs, shorts, price } = then;
    now =
      `${at(cursor, tickSeconds)}，价格为${pct(changePct(price, start), { sign: true })}时：` +
      `已有${usd(longs)}的多单和${usd(shorts)}的空单被强平，` +
      `仍有${usd(longLiq + longLeft - longs)}的多单和${usd(shortLiq + shortLeft - shorts)}的空单持有。`;
  }
  return (
    `强平价格（${scenarioName(scenarioKey)}），多单在起始价格下方，空单在上方。` +
    now +
    `${now ? '到模拟结束时，被强平的' : '被强平的'}：多单${usd(longLiq)}，空单${usd(shortLiq)}；` +
    `仍持有：多单${usd(longLeft)}，空单${usd(shortLeft)}。` +
    (reach.length ? `连环清算波及：${reach.join('，')}。` : '没有仓位被强平。')
  );
}
