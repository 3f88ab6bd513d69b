// The explorations section's Simplified Chinese words: the same exports, in the same shapes, as
// explore-en.js.

import { CHART_WORDS as CHART_WORD_LIST } from '../shared/words-zh.js';
import { count, duration, num, pct, share, times } from './format-zh.js';

export { count, duration, num, pct, share, times, usd } from './format-zh.js';

const NBSP = '\u00a0';

export const LANG = 'zh-CN';
/** The charts' words for renderExploration()'s `options.words`, one a line. */
export const CHART_WORDS = CHART_WORD_LIST.join('\n');

export const AXES = {
  leverage: { label: '平均杠杆', chart: '平均杠杆', short: '杠杆' },
  depthPerPct: { label: '市场深度（价格每变动1%对应的美元）', chart: '市场深度（每1%变动的$）', short: '市场深度' },
  shockPct: { label: '冲击（%）', chart: '冲击', short: '冲击' },
  'circuitBreaker.levelsPct[0]': { label: '第一档熔断跌幅（%）', chart: '第一档熔断跌幅', short: '第一档熔断跌幅' },
  recoveryHalfLife: { label: '订单簿恢复半衰期（时间步）', chart: '恢复半衰期（时间步）', short: '订单簿恢复半衰期' },
  whaleConcentration: { label: '巨鲸集中度', chart: '巨鲸集中度', short: '巨鲸集中度' },
  longShare: { label: '持仓量中的多头占比', chart: '多头占比', short: '多头占比' },
  arbitrageCapital: {
    label: '套利资金（美元，把卖压带到现货市场）',
    chart: '套利资金（$）',
    short: '套利资金',
  },
};

export const METRICS = {
  amplification: { label: '跌幅 ÷ 冲击', chart: '跌幅 ÷ 冲击', value: (v) => `跌幅是冲击的${v}` },
  maxDrawdownPct: { label: '最大跌幅（%）', chart: '最大跌幅', value: (v) => `最大跌幅${v}` },
  liquidatedShare: { label: '被强平的交易者（%）', chart: '被强平的交易者', value: (v) => `${v}的交易者被强平` },
  badDebt: { label: '无人承担的损失（坏账）', chart: '坏账', value: (v) => `坏账${v}` },
};

export const SIDES = {
  none: { title: '无缓解措施', caption: '：没有熔断，统一保证金。' },
  both: { title: '熔断 + 分档', caption: '：你设置的熔断（没有设置时用默认的7%/13%/20%三档）加上分档保证金。' },
};

export const LAWS = {
  normal: '正态分布（钟形曲线，尾部很薄）',
  studentT: '学生t分布（本身就是肥尾）',
};

export const SAY = {
  title: '探索：临界点与肥尾',
  intro: (maxTraders) =>
    `这些视图用你的设置运行数百个市场（为了保持速度，每个市场最多${count(maxTraders)}名交易者），全部在后台进行，页面不会卡顿。`,
  cancel: '取消',
  percent: (p) => `${p}%`,
  notStarted: (m) => `探索功能无法启动：${m}`,
  workerStopped: '后台计算已停止',
  chartStale: (again) => `绘制这张图之后，你的设置有了变化：按“${again}”更新它。`,
  chartNotDrawn: (m) => `无法绘制图表：${m}`,
  marketsFailed: (m) => `无法模拟这些市场：${m}`,
};

export const MAP = {
  title: '临界点地图',
  lede: '同时改变两项设置，并按冲击最终演变成的结果给每种组合上色。颜色突变的地方，杠杆稍高一点或市场深度稍浅一点，就足以让平静的市场陷入崩盘。',
  across: '横轴',
  up: '纵轴',
  colour: '颜色表示',
  draw: '绘制地图',
  stale: '绘制这些地图之后，你的设置有了变化：按“绘制地图”更新它们。',
  help: `每个方格都是一个市场，其余设置与你的相同。描边的线标出 n${NBSP}=${NBSP}1：越过这条线，每被强平1美元，就会引发超过1美元的新的强制卖出，连环清算就此失控。圆点是你的滑块现在所在的位置。点击一个方格（或者让地图获得焦点，用方向键移动，再按回车键），就能把两个滑块移到那里。`,
  levelLabel: `n${NBSP}=${NBSP}1`,
  notDrawn: (side) => `临界点地图，${side}：尚未绘制。`,
  computing: (side) => `临界点地图，${side}：正在计算。`,
  describe: ({ side, metric, x, xFrom, xTo, y, yFrom, yTo, low, high, runaway }) =>
    `临界点地图，${side}：颜色表示${metric.label}，横轴是${x.short}（${xFrom}到${xTo}），纵轴是${y.short}（${yFrom}到${yTo}）；` +
    `数值从${low}到${high}。${runaway}%的组合越过了临界点（n${NBSP}≥${NBSP}1）。`,
  running: (maps, markets, traders, percent) =>
    `正在模拟${maps}张地图，每张${count(markets)}个市场，每个市场${count(traders)}名交易者……${percent}%`,
  done: (maps, markets, seconds) => `完成：${maps}张地图，每张${count(markets)}个市场，用时${num(seconds, 1)}秒。`,
  cancelled: (percent) => `已在${percent}%处取消。地图显示的是已经算完的部分；按“绘制地图”重新开始。`,
  failed: (m) => `无法计算地图：${m}`,
  notDrawnError: (m) => `无法绘制地图：${m}`,
  cell: ({ side, x, xValue, y, yValue, value, n }) => {
    const what =
      value === null
        ? '尚未计算'
        : `${value}；n${NBSP}=${NBSP}${num(n, 2)}（${n >= 1 ? '失控' : '逐渐平息'}）`;
    return `${side}，${x.short}${xValue}，${y.short}${yValue}：${what}。点击或按回车键，把两个滑块移到这里。`;
  },
};

export const TAILS = {
  title: '尾部有多肥？',
  lede: '对同一个市场施加数百次随机冲击，数一数价格变动超过横轴上各个幅度的频率。灰线是冲击本身。杠杆会把曲线推向右边：每次变动都被放大，单靠冲击永远到不了的跌幅也变得常见。',
  law: '冲击的分布',
  scale: '典型冲击',
  runs: '每条曲线的市场数',
  run: '运行市场',
  again: '再次运行市场',
  notDrawn: '崩盘幅度分布：尚未绘制。',
  figure: '最大变动不小于横轴数值的市场占比',
  figureNote: '（对数刻度：每往下一格，就稀少十倍）。',
  line: (leverage, mitigated) => `${times(leverage)}杠杆，${mitigated ? '熔断 + 分档' : '无缓解措施'}`,
  shocksAlone: '冲击本身',
  xLabel: '冲击后的最大变动（%）',
  running: (markets, traders, percent) =>
    `正在模拟${count(markets)}个市场，每个市场${count(traders)}名交易者……${percent}%`,
  done: (markets, seconds) => `完成：${count(markets)}个市场，用时${num(seconds, 1)}秒。`,
  cancelled: (percent) => `已在${percent}%处取消。图中显示的是已经算完的市场。`,
  base: (part, threshold) =>
    `冲击本身：${part > 0 ? `${share(part)}的冲击` : '没有一次冲击'}超过${pct(threshold, { decimals: 0 })}，也就是三个典型冲击的幅度（钟形曲线下约为千分之三）。`,
  moved: (label, onGrey, part, markets, threshold) =>
    `${label}${onGrey ? '（它的线与灰线重合）' : ''}：${count(markets)}个市场中，` +
    `${part > 0 ? `有${share(part)}的市场变动超过${pct(threshold, { decimals: 0 })}` : `没有一个市场的变动超过${pct(threshold, { decimals: 0 })}`}。`,
  never: '冲击本身从来没有达到这个幅度。',
  ratio: (r) => `出现的频率是冲击本身的${num(r, r < 10 ? 1 : 0)}倍。`,
  lessOften: '比冲击本身更少见。',
  asOften: '与冲击本身差不多常见。',
  split:
    '它的变动分成两类：小幅变动和崩盘，介于两者之间的很少。越过临界点后，几乎任何冲击都会引发崩盘，所以在这里崩盘是常态，而不是罕见的尾部事件。',
  label: (findings) => `崩盘幅度分布，对数刻度。${findings.join('')}`,
};

export const CYCLES = {
  title: '长期运行中的肥尾',
  lede: (ticks, comeback, interval) =>
    `一个市场在${duration(ticks)}里只受随机噪声驱动，别无其他。被强平的交易者会在${count(comeback)}秒后回来，市场越平静，他们用的杠杆就越高。于是杠杆在平静时期不断累积，直到一次连环清算把它清掉，如此反复。灰线是噪声本身：有了杠杆，${interval}秒内的大幅变动远比噪声所能解释的常见。`,
  run: '运行长时段市场',
  again: '再次运行长时段市场',
  notDrawn: '长期运行中的价格变动分布：尚未绘制。',
  figure: (interval) => `${interval}秒变动（涨或跌）不小于横轴数值的占比`,
  figureNote: '（对数刻度：每往下一格，就稀少十倍；钟形曲线会断崖式下落，肥尾则一路向右延伸）。',
  line: (leverage) => `${times(leverage)}杠杆`,
  noiseAlone: '噪声本身',
  xLabel: (interval) => `${interval}秒变动的幅度（%）`,
  running: (markets, traders, done) =>
    `正在模拟${count(markets)}个长时段市场，每个市场${count(traders)}名交易者……已完成${done}个，共${markets}个`,
  done: (markets, traders, seconds) =>
    `完成：${count(markets)}个长时段市场，每个市场${count(traders)}名交易者，用时${num(seconds, 1)}秒。`,
  cancelled: '已取消。图中显示的是已经算完的市场。',
  base: (interval, sigma, part, threshold, hill) =>
    `噪声本身：一次典型的${interval}秒变动为${pct(sigma, { decimals: 2 })}；${moves(part)}超过${pct(threshold, { decimals: 1 })}，也就是四个典型变动的幅度（钟形曲线下为十万分之六）。` +
    `尾部指数（希尔估计，只看超过2.5个典型变动的部分）：${index(hill)}。指数越小，尾部越肥；股票收益率的尾部指数大约是3。`,
  moved: (label, part, threshold, hill, comebacks, low, high) =>
    `${label}：${moves(part)}超过${pct(threshold, { decimals: 1 })}；尾部指数${index(hill)}。` +
    (comebacks > 0
      ? `被强平的交易者一共回来了${count(comebacks)}次，市场的杠杆在${times(low)}到${times(high)}之间摆动：市场平静时杠杆不断累积，连环清算又把它削减下来。`
      : '没有人被强平：这些变动全部来自噪声。'),
  label: (findings) => `长期运行中的价格变动分布，对数刻度。${findings.join('')}`,
};

function moves(part) {
  return part > 0 ? `${share(part)}的变动` : '没有任何变动';
}

function index(hill) {
  return hill === null ? '无法测算（大幅变动太少）' : num(hill, 1);
}
