// The lab page's English words: what main.js says itself, and the modules that put results,
// values, presets, the record and the tour into words. Every language's lab-<lang>.js exports
// the same names (tests/e2e/lang.test.mjs holds them to this one), and the page's fixed text
// is translated from index.html's English by shared/translate.js with the language's HTML map.

import { PRESETS_EN } from '../shared/presets-en.js';
import { TOUR } from '../lab/tour.js';

export {
  SCENARIOS,
  at,
  ending,
  extras,
  gaugeText,
  headline,
  mapLabel,
  narrate,
  priceChartLabel,
  scenarioName,
  secondVenueLine,
  shockWords,
} from '../lab/words.js';
export { duration, num, pct, times, usd } from '../lab/format.js';
export { LAB_FORMATS } from '../lab/lab-formats.js';
export { RECORD_WORDS } from '../lab/record.js';
export { REASONS } from '../lab/schema.js';

/** A refusal of the model ("leverage: must be between 1 and 125, got 500") in this language. */
export const modelError = (message) => message;

/** The language's tag, for <html lang>. */
export const LANG = 'en';
/** index.html's fixed text in this language, by its English: none needed. */
export const HTML = null;
/** The charts' words for render(): null is the English built into the WebAssembly. */
export const CHART_WORDS = null;

/** What a preset is called in the menu, and what it shows. */
export function presetWords(preset) {
  return { title: preset.title, summary: PRESETS_EN[preset.id] || '' };
}

/** The tour's step `i`: its title, text and what to look at. */
export function tourWords(i) {
  const { title, text, look } = TOUR[i];
  return { title, text, look };
}

/** The record of preset `id` (shared/records-en.js) in this language's words. */
export function recordWords(id, record) {
  return record;
}

/** main.js's own sentences, each a function of what it reports. */
export const SAY = {
  version: (v) => `Model version ${v.model} (leverage-cascade ${v.crate}).`,
  fatal:
    'The simulator could not start, so there are no charts to show. ' +
    'Reload the page first. If that does not help, open it in a current version of Firefox, Chrome, Edge or Safari ' +
    '(with WebAssembly allowed). If you host this page yourself, check that the pkg/ folder was copied ' +
    'and that .wasm files are served with the type application/wasm.',
  detail: (m) => `Technical detail: ${m}`,
  failed: 'The simulator could not start.',
  tourSteps: (n) => `there are only ${n} steps`,
  otherVersion: (theirs, ours) =>
    `This link was made with model version ${theirs}; this page runs version ${ours}, so the numbers may differ from what the link's author saw.`,
  noControl: 'has no control on this page',
  badLang: (all) => `is not a language of this page (${all})`,
  lockedNote: 'Set by the link you were given: it stays as it is.',
  speedLevels: (window) =>
    `Trading pauses when the price falls this far within ${window}: ` +
    'a pause on speed, like CME\'s Stop Logic, not a fall from the start. ' +
    'Moving the slider sets this first level and adds two more, 6 and 13 points above it.',
  notDrawn: 'The chart could not be drawn',
  notWorking: 'This combination of settings does not work',
  apiError: (lead, m) => `${lead}: ${m}. The charts still show the last settings that worked; your other settings are kept.`,
  mini: (name, move, amp) => `${name}: ${move} (${amp})`,
  fourMarkets: (shock) => `The same traders and the same ${shock}, under four sets of rules:`,
  timesShock: (amp) => `${amp} the shock`,
  joinExtras: ' · ',
  recordMarket: (market, card, breaker) =>
    `${market}. The record's figures are ranges where reports differ. The model's are those of the "${card}" card: ` +
    `the venue's own rules of the day, ${breaker ? 'with its circuit breaker and flat margin' : 'with its tier table and no market-wide breaker'}, ` +
    'the run this replay was calibrated on.',
  recordHeads: ['Published', "Model, the venue's rules", 'How close'],
  leftOut: (text) => `Where they differ: ${text}`,
  source: (label, source) => `${label}: ${source}.`,
  read: ' Read: ',
  nextLink: '; ',
  end: '.',
  newTab: ' (opens in a new tab)',
  gaugeNow: (n) => `n\u00a0=\u00a0${n}`,
  gaugePeak: (n, at) => `n\u00a0=\u00a0${n} at ${at}`,
  gaugeValue: (n, runaway) => `${n}, ${runaway ? 'runaway' : 'below runaway'}`,
  gaugeLabel: (scenario) => `Branching ratio at the start price${scenario ? ` (${scenario})` : ''}`,
  moreEvents: (n) => `…and ${n} more events.`,
  wholeRun: (length) => `whole run (${length})`,
  cursorAt: (at, length) => `${at} of ${length}`,
  play: 'Play',
  pause: 'Pause',
  pressPlay: 'Press Play or Next to follow the cascade one event at a time.',
  beforeFirst: (at) => `${at}: before the first event.`,
  noticeLead: 'Some settings in this link could not be used, so their defaults are shown instead:',
  ignored: (key, value, reason) => `${value ? `${key} = “${value}”` : key}: ${reason}`,
  copied: 'Link copied.',
  notCopied: 'Your browser did not allow copying: the link is selected, press Ctrl+C (⌘C on a Mac).',
  yourSettings: 'your settings',
  pictureTitle: (market, headline) => `Leverage cascade lab: ${market}. ${headline.replace(/:$/, '.')}`,
  pictureFooter: (v) => `leverage-cascade ${v.crate}, model version ${v.model}. A teaching model, not a forecast.`,
  pngSaved: 'Chart downloaded as leverage-cascade-chart.png.',
  pngFailed: 'The chart could not be saved as an image.',
  csvSaved: 'Data downloaded as leverage-cascade-data.csv (parameters first, then one row per tick).',
  guessShock: (pct) => `The shock moves the price ${pct}.`,
  guessProgram: (usd, sell, over) => `A ${usd} ${sell ? 'sell' : 'buy'} program hits the market${over ? ` over ${over}` : ''}.`,
  guessQuestion: (shock, fall) => `${shock} With no mitigation, how far will the price ${fall ? 'fall' : 'rise'} in all, once the forced sales have run their course?`,
  spotOn: 'spot on',
  guessOff: (points, further) => `${points} points ${further ? 'further than' : 'short of'} your guess`,
  guessResult: (guess, fell, actual, amp, how) =>
    `You guessed ${guess}. With no mitigation the price ${fell ? 'fell' : 'rose'} ${actual}, ${amp} the shock: ${how}.`,
  tourCount: (i, n) => `Tour: step ${i} of ${n}`,
  lookAt: 'Look at: ',
  finish: 'Finish',
  next: 'Next',
};
