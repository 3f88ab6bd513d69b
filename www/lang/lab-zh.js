// The lab page's Simplified Chinese words: the same exports as lab-en.js.

import { CHART_WORDS as CHART_WORD_LIST } from '../shared/words-zh.js';
import { HTML_ZH } from './lab-html-zh.js';
import { PRESETS_ZH } from './presets-zh.js';
import { RECORDS_ZH } from './records-zh.js';
import { TOUR_ZH } from './tour-zh.js';
import { tourWords as ENGLISH_TOUR } from './lab-en.js';

export { SCENARIOS, at, headline, mapLabel, priceChartLabel, scenarioName, shockWords } from './results-zh.js';
export { ending, extras, gaugeText, narrate, secondVenueLine } from './story-zh.js';
export { duration, num, pct, times, usd } from './format-zh.js';
export { LAB_FORMATS } from './lab-formats-zh.js';
export { RECORD_WORDS } from './record-zh.js';
export { modelError } from './model-errors-zh.js';

export const LANG = 'zh-CN';

/** Why a link's setting was not used (lab/schema.js's REASONS). */
export const REASONS = {
  notNumber: '不是数字',
  tooLarge: '太大',
  tooLong: '太长',
  whole: '必须是整数',
  range: (f) => (f.above ? `必须大于 ${f.min} 且不超过 ${f.max}` : `必须在 ${f.min} 到 ${f.max} 之间`),
  oneOf: (values) => `必须是以下之一：${values.join('、')}`,
  trueFalse: '必须是 true 或 false',
  onOff: '必须是 on 或 off',
  levelCount: (fewest, most) => `必须列出 ${fewest} 到 ${most} 档`,
  badLevel: (why) => `其中一档${why}`,
  levelRange: (f) => (f.above ? `各档必须大于 ${f.min} 且不超过 ${f.max}` : `各档必须在 ${f.min} 到 ${f.max} 之间`),
  increase: '各档必须递增',
  unsupported: '不受支持',
  unknownSetting: '不是本页面认识的设置',
  unknownPreset: '不是本页面的预设',
  switchedOff: (root) => `在 ${root}=off 时不起作用`,
  switchMissing: (root) => `没有 ${root}=on 时不起作用`,
  step: '必须是步骤编号',
  predict: '必须是 1（先猜跌幅）或 0',
};
export const HTML = HTML_ZH;
/** The charts' words for render()'s `options.words`, one a line. */
export const CHART_WORDS = CHART_WORD_LIST.join('\n');

export function presetWords(preset) {
  return PRESETS_ZH[preset.id] || { title: preset.title, summary: '' };
}

export function tourWords(i) {
  // A step the catalogue lacks stays English rather than breaking the tour (lang.test.mjs fails).
  return TOUR_ZH[i] ?? ENGLISH_TOUR(i);
}

/** The record with its words in Chinese (its numbers, keys and addresses are the English file's). */
export function recordWords(id, record) {
  const zh = RECORDS_ZH[id];
  if (!zh) return record;
  const pathLabels = zh.pathLabels || [];
  return {
    ...record,
    market: zh.market,
    leftOut: zh.leftOut,
    pathSource: zh.pathSource,
    pathLinks: record.pathLinks.map((link, i) => ({ ...link, name: zh.pathLinks[i] ?? link.name })),
    path: record.path.map((point, i) => ({ ...point, label: pathLabels[i] ?? point.label })),
    figures: record.figures.map((f, i) => {
      const words = zh.figures[i];
      if (!words) return f;
      return {
        ...f,
        label: words.label,
        asPublished: words.asPublished,
        source: words.source,
        links: f.links.map((link, j) => ({ ...link, name: words.links[j] ?? link.name })),
      };
    }),
  };
}

export const SAY = {
  version: (v) => `模型版本 ${v.model}（leverage-cascade ${v.crate}）。`,
  fatal:
    '模拟器无法启动，所以没有图表可以显示。请先刷新页面。如果仍然不行，请用最新版的 Firefox、Chrome、Edge 或 Safari 打开' +
    '（需允许 WebAssembly）。如果这个页面由你自己托管，请检查 pkg/ 文件夹是否已复制，以及 .wasm 文件是否以 application/wasm 类型提供。',
  detail: (m) => `技术细节：${m}`,
  failed: '模拟器无法启动。',
  tourSteps: (n) => `导览只有${n}步`,
  otherVersion: (theirs, ours) => `这个链接是用模型版本 ${theirs} 制作的；本页运行的是版本 ${ours}，所以数字可能与链接作者看到的不同。`,
  noControl: '本页面没有对应的控件',
  badLang: (all) => `不是本页面支持的语言（${all}）`,
  lockedNote: '由你收到的链接设定：保持不变。',
  speedLevels: (window) =>
    `价格在${window}内跌到这个幅度时暂停交易：这是按速度暂停，类似 CME 的 Stop Logic，而不是从起点算起的跌幅。` +
    '移动滑块会设定这第一档，并在其上再加两档，分别高出6和13个百分点。',
  notDrawn: '无法绘制图表',
  notWorking: '这组设置无法运行',
  apiError: (lead, m) => `${lead}：${m}。图表仍显示上一次有效的设置；你的其他设置都保留着。`,
  mini: (name, move, amp) => `${name}：${move}（${amp}）`,
  fourMarkets: (shock) => `同样的交易者，同样的${shock}，四套规则下的结果：`,
  timesShock: (amp) => `冲击的${amp}`,
  joinExtras: ' · ',
  recordMarket: (market, card, breaker) =>
    `${market}。各方报道不一时，历史记录的数字是一个区间。模型的数字来自“${card}”卡片：当天交易所自己的规则，` +
    `${breaker ? '有熔断、统一保证金' : '有保证金档位表、没有全市场熔断'}，也就是这次回放校准时用的那次运行。`,
  recordHeads: ['公开数据', '模型（按该交易所规则）', '接近程度'],
  leftOut: (text) => `不同之处：${text}`,
  source: (label, source) => `${label}：${source}。`,
  read: '阅读：',
  nextLink: '；',
  end: '。',
  newTab: '（在新标签页中打开）',
  gaugeNow: (n) => `n\u00a0=\u00a0${n}`,
  gaugePeak: (n, at) => `n\u00a0=\u00a0${n}，在${at}处`,
  gaugeValue: (n, runaway) => `${n}，${runaway ? '失控' : '未失控'}`,
  gaugeLabel: (scenario) => `起始价格处的分支比${scenario ? `（${scenario}）` : ''}`,
  moreEvents: (n) => `……另外还有${n}个事件。`,
  wholeRun: (length) => `整个运行（${length}）`,
  cursorAt: (at, length) => `${at}，共${length}`,
  play: '播放',
  pause: '暂停',
  pressPlay: '点击“播放”或“下一个”，逐个事件跟随连环清算的进程。',
  beforeFirst: (at) => `${at}：第一个事件之前。`,
  noticeLead: '这个链接中的一些设置无法使用，因此显示的是它们的默认值：',
  ignored: (key, value, reason) => `${value ? `${key} = “${value}”` : key}：${reason}`,
  copied: '链接已复制。',
  notCopied: '你的浏览器不允许复制：链接已选中，请按 Ctrl+C（Mac 上按 ⌘C）。',
  yourSettings: '你的设置',
  pictureTitle: (market, headline) => `杠杆连环清算实验室：${market}。${headline.replace(/：$/, '。')}`,
  pictureFooter: (v) => `leverage-cascade ${v.crate}，模型版本 ${v.model}。这是教学模型，不是预测。`,
  pngSaved: '图表已下载为 leverage-cascade-chart.png。',
  pngFailed: '图表无法保存为图片。',
  csvSaved: '数据已下载为 leverage-cascade-data.csv（先是参数，然后每个时间步一行）。',
  guessShock: (pct) => `冲击让价格变动${pct}。`,
  guessProgram: (usd, sell, over) => `一笔${usd}的${sell ? '卖出' : '买入'}计划${over ? `在${over}内` : ''}冲击市场。`,
  guessQuestion: (shock, fall) => `${shock}在没有缓解措施的情况下，等强制卖出全部结束，价格一共会${fall ? '下跌' : '上涨'}多少？`,
  spotOn: '完全猜中',
  guessOff: (points, further) => `比你的猜测${further ? '多' : '少'}${points}个百分点`,
  guessResult: (guess, fell, actual, amp, how) =>
    `你猜的是${guess}。在没有缓解措施时，价格变动了${actual}，是冲击的${amp}：${how}。`,
  tourCount: (i, n) => `导览：第${i}步，共${n}步`,
  lookAt: '请看：',
  finish: '完成',
  next: '下一步',
};
