// The <leverage-cascade> widget's Simplified Chinese words: the same exports as widget-en.js.

import { signedMove } from '../lab/words.js';
import { CHART_WORDS as CHART_WORD_LIST } from '../shared/words-zh.js';
import { count, duration, num, pct, times, usd } from './format-zh.js';
import { became, headline, mapLabel, priceChartLabel, SCENARIOS, shockWords } from './results-zh.js';
import { modelError } from './model-errors-zh.js';

export { headline, mapLabel, pct, priceChartLabel, SCENARIOS, times };

export const LANG = 'zh-CN';
/** The charts' words for render()'s `options.words`, one a line. */
export const CHART_WORDS = CHART_WORD_LIST.join('\n');

function whaleWords(x) {
  if (x < 0.2) return '规模较均匀';
  if (x < 0.7) return '有一些巨鲸';
  return '巨鲸主导';
}

/** The sliders' values in words (lab/controls.js's FORMATS). */
export const FORMATS = {
  times: (v) => times(v),
  usdPerPct: (v) => `${usd(v)}使价格变动1%`,
  shock: (v, params) => {
    if (params.shockUsd === null || v === 0) return pct(v, { sign: true });
    return v < 0 ? '一笔卖单（规模见下方）' : '一笔买单（规模见下方）';
  },
  count: (v) => count(v),
  longShare: (v) => `${num(v * 100, 0)}%多头，${num(100 - v * 100, 0)}%空头`,
  whale: (v) => `${num(v, 2)}（${whaleWords(v)}）`,
  ticksAsTime: (v, params) => duration(v * params.tickSeconds),
  usd: (v) => (v === 0 ? '$0（无）' : usd(v)),
  text: (v) => String(v),
};

export const CONTROL_LABELS = {
  shockPct: '冲击',
  leverage: '杠杆',
  depthPerPct: '市场深度',
  traders: '交易者人数',
  longShare: '多头占比',
  whaleConcentration: '巨鲸集中度',
  recoveryHalfLife: '订单簿恢复',
  insuranceFund: '保险基金',
  breaker: '熔断',
};

export const COMPACT_DEPTH = { label: '深度', text: (v) => `${usd(v)}/1%` };

export const UI = {
  starting: '正在启动模拟器…',
  prompt: '拖动滑块：下跌从哪里开始失控？',
  priceLoading: '价格图，加载中。',
  mapLoading: '强平分布图，加载中。',
  legend: '标题所描述的情景',
  openLab: '在完整实验室中打开',
  newTab: '（在新标签页中打开）',
  widget: '杠杆连环清算模拟器',
  locked: '（由本页面设定，已锁定）',
  failed: '模拟器无法启动。',
  failedHelp:
    '这个交互图表会在你的浏览器里运行一个小型模拟，但它在这里无法启动。请先刷新页面。如果仍然不行，' +
    '请用允许 WebAssembly 的最新版 Firefox、Chrome、Edge 或 Safari 打开本页（一些公司或学校的网络会屏蔽它）。',
  failedHint:
    '如果你是本站的维护者：请检查 pkg/ 文件夹是否与 embed.js 放在一起，.wasm 文件是否以 application/wasm 类型提供；' +
    '当本页面位于其他源时，小部件的文件是否带有 Access-Control-Allow-Origin 响应头。',
  defaults: '默认设置',
};

export const SAY = {
  detail: (m) => `（技术细节：${m}）`,
  wrong: (m) => `小部件内部出错：${m}`,
  badHeight: (text, min) => `height“${text}”未被采用：请给出 ${min} 到 4000 之间的 CSS 像素数。`,
  badTheme: (text) => `theme“${text}”未被采用：请选择 auto、light 或 dark。`,
  badLang: (text, all) => `lang“${text}”不可用，小部件改用页面或浏览器的语言。可选：${all}。`,
  preset: (p) => `预设“${p.id}”`,
  noPreset: (id, base, all) => `预设“${id}”不存在，因此显示的是${base}。可用的预设：${all}。`,
  badJson: (m, base) => `params 不是有效的 JSON（${m}），因此显示的是${base}。请写成 params='{"leverage": 25}' 这样的形式。`,
  notObject: (base) => `params 必须是一个 JSON 对象，例如 {"leverage": 25}，因此显示的是${base}。`,
  notUsed: (m, base) => `params 未被采用：${modelError(m)}。显示的是${base}。`,
  badSettings: (m) => `这些设置无效：${modelError(m)}。`,
  keptLast: (m) => `这些设置无效：${modelError(m)}。图表仍显示上一次有效的设置。`,
  notDrawn: (m) => `无法绘制图表：${m}。`,
  unknown: (attr, names, all) => `${attr}：${names.map((n) => `“${n}”`).join('、')}不可用。可选：${all}。`,
};

/** A scenario's move in the legend: "−8.9%（1.8×）". */
export function legendMove(summary) {
  return [pct(signedMove(summary), { sign: true }), `（${times(summary.amplification)}）`];
}

/** The compact widget's headline: "没有熔断时，−5%的冲击扩大为−8.9%的下滑（1.8×）；有熔断时为−7.3%。" */
export function breakerHeadline(result, on, params) {
  const [chosen, other] = on ? [result.circuitBreaker.summary, result.none.summary] : [result.none.summary, result.circuitBreaker.summary];
  const [first, second] = on ? ['有熔断时', '没有熔断时'] : ['没有熔断时', '有熔断时'];
  const move = pct(signedMove(chosen), { sign: true });
  const otherMove = pct(signedMove(other), { sign: true });
  if (chosen.shockPct === 0) return `${first}，价格最多变动${pct(chosen.maxMovePct)}；${second}为${pct(other.maxMovePct)}。`;
  const rest = otherMove === move ? `${second}也一样` : `${second}为${otherMove}`;
  return `${first}，${shockWords(chosen, params)}${became(chosen)}（${times(chosen.amplification)}）；${rest}。`;
}

/** The full widget's headline: the scenario's name, then the run's headline. */
export function scenarioHeadline(name, summary, params) {
  return [`${name}：`, headline(summary, params)];
}
