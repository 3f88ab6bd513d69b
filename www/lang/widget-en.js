// The <leverage-cascade> widget's English words. Every language's widget-<lang>.js exports the
// same names; embed.js reads them through the one it loaded, and
// tests/e2e/lang.test.mjs holds each to this one's exports.

import { became, headline, mapLabel, priceChartLabel, SCENARIOS, shockWords, signedMove } from '../lab/words.js';
import { pct, times, usd, NBSP } from '../lab/format.js';
import { FORMATS } from '../lab/controls.js';

export { FORMATS, headline, mapLabel, pct, priceChartLabel, SCENARIOS, times };

/** The language's tag, for `lang` on the widget's root. */
export const LANG = 'en';
/** The charts' words for render(): null is the English built into the WebAssembly. */
export const CHART_WORDS = null;

/** The sliders' labels, by the names the `controls` attribute takes. */
export const CONTROL_LABELS = {
  shockPct: 'Shock',
  leverage: 'Leverage',
  depthPerPct: 'Market depth',
  traders: 'Traders',
  longShare: 'Long share',
  whaleConcentration: 'Whale concentration',
  recoveryHalfLife: 'Book recovery',
  insuranceFund: 'Insurance fund',
  breaker: 'Circuit breaker',
};

/** Market depth in the compact widget, whose half-width slider holds no more (aria-valuetext keeps the long form). */
export const COMPACT_DEPTH = { label: 'Depth', text: (v) => `${usd(v)}/1${NBSP}%` };

/** Fixed text of the widget. */
export const UI = {
  starting: 'Starting the simulator…',
  prompt: 'Drag the sliders: where does the fall run away?',
  priceLoading: 'Price chart, loading.',
  mapLoading: 'Liquidation map, loading.',
  legend: 'Scenario the headline describes',
  openLab: 'Open in the full lab',
  newTab: ' (opens in a new tab)',
  widget: 'Leverage cascade simulator',
  locked: ' (set by this page, locked)',
  failed: 'The simulator could not start.',
  failedHelp:
    'This interactive chart runs a small simulation in your browser, and it could not start here. ' +
    'Reload the page first. If that does not help, open the page in a current version of Firefox, ' +
    'Chrome, Edge or Safari with WebAssembly allowed (some company or school networks block it).',
  failedHint:
    'If you run this site: check that the pkg/ folder sits next to embed.js, that .wasm files are served ' +
    'with the type application/wasm, and, when this page is on another origin, that the widget’s files ' +
    'carry an Access-Control-Allow-Origin header. ',
  defaults: 'the default settings',
};

/** Messages, each a function of what it reports (texts a host wrote are quoted as given). */
export const SAY = {
  detail: (m) => `(Technical detail: ${m})`,
  wrong: (m) => `Something went wrong inside the widget: ${m}`,
  badHeight: (text, min) => `height “${text}” is not used: give a number of CSS pixels from ${min} to 4000.`,
  badTheme: (text) => `theme “${text}” is not used: choose auto, light or dark.`,
  badLang: (text, all) => `lang “${text}” is not available, so the widget speaks the page’s or the browser’s language. Choose from ${all}.`,
  preset: (p) => `the “${p.title}” preset`,
  noPreset: (id, base, all) => `preset “${id}” does not exist, so ${base} are shown. Presets: ${all}.`,
  badJson: (m, base) => `params is not valid JSON (${m}), so ${base} are shown. Write it like params='{"leverage": 25}'.`,
  notObject: (base) => `params must be a JSON object such as {"leverage": 25}, so ${base} are shown.`,
  notUsed: (m, base) => `params was not used: ${m}. ${base[0].toUpperCase()}${base.slice(1)} are shown.`,
  badSettings: (m) => `These settings do not work: ${m}.`,
  keptLast: (m) => `These settings do not work: ${m}. The chart still shows the last settings that worked.`,
  notDrawn: (m) => `The chart could not be drawn: ${m}.`,
  unknown: (attr, names, all) =>
    `${attr}: ${names.map((n) => `“${n}”`).join(', ')} ${names.length === 1 ? 'is' : 'are'} not available. Choose from ${all}.`,
};

/** A scenario's move in the legend: "−8.9 % (1.8×)". */
export function legendMove(summary) {
  return [pct(signedMove(summary), { sign: true }), ` (${times(summary.amplification)})`];
}

/**
 * The compact widget's headline: the chosen market (with the breaker `on`, or without) and the
 * other, in one sentence, e.g. "Without a breaker, a −5 % shock grew into a −8.9 % slide
 * (1.8×); with one, −7.3 %." (a sell program is told as one: shockWords).
 */
export function breakerHeadline(result, on, params) {
  const [chosen, other] = on ? [result.circuitBreaker.summary, result.none.summary] : [result.none.summary, result.circuitBreaker.summary];
  const [first, second] = on ? ['With a breaker', 'without one'] : ['Without a breaker', 'with one'];
  const move = pct(signedMove(chosen), { sign: true });
  const otherMove = pct(signedMove(other), { sign: true });
  if (chosen.shockPct === 0) return `${first}, the price moved at most ${pct(chosen.maxMovePct)}; ${second}, ${pct(other.maxMovePct)}.`;
  const rest = otherMove === move ? `the same ${second}` : `${second}, ${otherMove}`;
  return `${first}, a ${shockWords(chosen, params)} ${became(chosen)} (${times(chosen.amplification)}); ${rest}.`;
}

/** The full widget's headline: the scenario's name, then the run's headline. */
export function scenarioHeadline(name, summary, params) {
  return [`${name}: `, headline(summary, params)];
}
