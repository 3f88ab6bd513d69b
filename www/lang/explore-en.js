// The explorations section's English words (explore/panel.js): the tipping-point map, the
// crash-size distribution and the long market. Every language's explore-<lang>.js exports the
// same names in the same shapes. Sentences with values are functions; they take numbers and
// format them with the language's own formatting, or take text the panel formatted with the
// functions exported here.

import { count, duration, num, pct, share, times, NBSP } from '../lab/format.js';

export { count, duration, num, pct, share, times, usd } from '../lab/format.js';

/** The language's tag. */
export const LANG = 'en';
/** The charts' words for renderExploration()'s `options.words`: null is the English built into the WebAssembly. */
export const CHART_WORDS = null;

/**
 * The words of each axis a map may sweep, by explore/fields.js's key: `label` names it in the
 * menus, `chart` on the map's axis (short enough for a phone), `short` in sentences.
 */
export const AXES = {
  leverage: { label: 'Average leverage', chart: 'Average leverage', short: 'leverage' },
  depthPerPct: { label: 'Market depth (USD per 1 % move)', chart: 'Depth ($ per 1 % move)', short: 'depth' },
  shockPct: { label: 'Shock, %', chart: 'Shock', short: 'shock' },
  'circuitBreaker.levelsPct[0]': { label: 'First halt level, % fall', chart: 'First halt level', short: 'first halt level' },
  recoveryHalfLife: { label: 'Book recovery half-life, ticks', chart: 'Recovery half-life (ticks)', short: 'book recovery' },
  whaleConcentration: { label: 'Whale concentration', chart: 'Whale concentration', short: 'whale concentration' },
  longShare: { label: 'Long share of open interest', chart: 'Long share', short: 'long share' },
  arbitrageCapital: {
    label: 'Arbitrage capital, USD (carries selling to spot)',
    chart: 'Arbitrage capital ($)',
    short: 'arbitrage capital',
  },
};

/**
 * The words of what a map's colours can show, by explore/fields.js's key: `label` in the menu,
 * `chart` on the colour bar, `value(v)` one cell's value (`v` already formatted) in a sentence.
 */
export const METRICS = {
  amplification: { label: 'Fall ÷ shock', chart: 'Fall ÷ shock', value: (v) => `${v} the shock` },
  maxDrawdownPct: { label: 'Largest fall, %', chart: 'Largest fall', value: (v) => `${v} largest fall` },
  liquidatedShare: { label: 'Traders liquidated, %', chart: 'Liquidated', value: (v) => `${v} liquidated` },
  badDebt: { label: 'Losses nobody covered', chart: 'Uncovered losses', value: (v) => `${v} uncovered losses` },
};

/**
 * The two maps side by side, by scenario: `title`, and `caption`, what follows the title in the
 * figure's caption (its separator included).
 */
export const SIDES = {
  none: { title: 'No mitigation', caption: ' No circuit breaker, flat margin.' },
  both: { title: 'Breaker + tiers', caption: ' Your circuit breaker (or the default 7/13/20 % one) and margin tiers.' },
};

/** The laws the crash-size distribution's shocks are drawn from, by the API's name. */
export const LAWS = {
  normal: 'Normal (a bell curve, thin tails)',
  studentT: 'Student t (already fat-tailed)',
};

/** What the section says as a whole, and what its parts share. */
export const SAY = {
  title: 'Explore: tipping points and fat tails',
  intro: (maxTraders) =>
    `These views run hundreds of markets with your settings (with at most ${count(maxTraders)} traders each, to stay quick), in the background so the page stays responsive.`,
  cancel: 'Cancel',
  /** A whole percentage, as the typical shock's menu lists them. */
  percent: (p) => `${p}${NBSP}%`,
  notStarted: (m) => `The explorations could not start: ${m}`,
  workerStopped: 'the exploration worker stopped',
  /** The note of a survival chart drawn before the page's settings changed; `again` is its button's words. */
  chartStale: (again) => `Your settings have changed since this chart was drawn: press “${again}” to update it.`,
  chartNotDrawn: (m) => `The chart could not be drawn: ${m}`,
  marketsFailed: (m) => `The markets could not be simulated: ${m}`,
};

/** The tipping-point map. */
export const MAP = {
  title: 'The tipping-point map',
  lede: 'Change two settings at once and colour each combination by what the shock turned into. Where the colours jump, a little more leverage or a little less depth tips a calm market into a crash.',
  across: 'Across',
  up: 'Up',
  colour: 'Colour shows',
  draw: 'Draw the maps',
  stale: 'Your settings have changed since these maps were drawn: press “Draw the maps” to update them.',
  help: 'Each square is one market with your other settings. The outlined line marks n = 1: beyond it each liquidated dollar sets off more than a dollar of new forced selling, and the cascade runs away. The dot is where your sliders are now. Click a square (or focus a map, move with the arrow keys and press Enter) to move the two sliders there.',
  /** The label of the line n = 1 on the maps. */
  levelLabel: `n${NBSP}=${NBSP}1`,
  notDrawn: (side) => `Tipping-point map, ${side}: not drawn yet.`,
  computing: (side) => `Tipping-point map, ${side}: computing.`,
  /**
   * A map in words: `metric`, `x` and `y` are the words of METRICS and AXES, the values already
   * formatted; `runaway` the whole percentage of cells past the tipping point.
   */
  describe: ({ side, metric, x, xFrom, xTo, y, yFrom, yTo, low, high, runaway }) =>
    `Tipping-point map, ${side}: ${metric.label.toLowerCase()} over ${x.short} ` +
    `(across, ${xFrom} to ${xTo}) and ${y.short} ` +
    `(up, ${yFrom} to ${yTo}); ` +
    `from ${low} to ${high}. ` +
    `${runaway}${NBSP}% of the combinations are past the tipping point (n ≥ 1).`,
  /** Progress: `maps` maps of `markets` markets each, of `traders` traders; `percent` whole. */
  running: (maps, markets, traders, percent) =>
    `Simulating ${maps} maps of ${count(markets)} markets of ${count(traders)} traders… ${percent}${NBSP}%`,
  done: (maps, markets, seconds) => `Done: ${maps} maps of ${count(markets)} markets in ${num(seconds, 1)}${NBSP}s.`,
  cancelled: (percent) =>
    `Cancelled at ${percent}${NBSP}%. The maps show what was finished; press “Draw the maps” to start again.`,
  failed: (m) => `The maps could not be computed: ${m}`,
  notDrawnError: (m) => `The map could not be drawn: ${m}`,
  /**
   * One cell under the pointer: `value` is METRICS[…].value() of it, or null before it is
   * computed; `n` its branching ratio (a number).
   */
  cell: ({ side, x, xValue, y, yValue, value, n }) => {
    const where = `${x.short} ${xValue}, ${y.short} ${yValue}`;
    const what =
      value === null
        ? 'not computed yet'
        : `${value}; n${NBSP}=${NBSP}${num(n, 2)} (${n >= 1 ? 'runaway' : 'dies out'})`;
    return `${side}, ${where}: ${what}. Click or press Enter to move the sliders here.`;
  },
};

/** The crash-size distribution. */
export const TAILS = {
  title: 'How fat is the tail?',
  lede: 'Hit the same market hundreds of times with random shocks, and count how often the price moved more than x. The grey line is the shocks alone. Leverage pushes a line to the right: every move grows, and falls the shocks alone never reach become common.',
  law: 'Shocks drawn from',
  scale: 'Typical shock',
  runs: 'Markets per curve',
  run: 'Run the markets',
  again: 'Run the markets again',
  notDrawn: 'Crash-size distribution: not drawn yet.',
  figure: 'Share of markets whose largest move was at least x',
  figureNote: ' (a logarithmic scale: each step down is ten times rarer).',
  /** A curve: `leverage` a number, `mitigated` whether with the breaker and tiers. */
  line: (leverage, mitigated) => `${times(leverage)} leverage, ${mitigated ? 'breaker + tiers' : 'no mitigation'}`,
  shocksAlone: 'shocks alone',
  xLabel: 'largest move after the shock, %',
  running: (markets, traders, percent) =>
    `Simulating ${count(markets)} markets of ${count(traders)} traders… ${percent}${NBSP}%`,
  done: (markets, seconds) => `Done: ${count(markets)} markets in ${num(seconds, 1)}${NBSP}s.`,
  cancelled: (percent) => `Cancelled at ${percent}${NBSP}%. The chart shows the markets finished.`,
  /** The shocks alone: `part` of them (a share) beyond `threshold` %. */
  base: (part, threshold) =>
    `Shocks alone: ${part > 0 ? share(part) : 'none'} of them went beyond ${pct(threshold, { decimals: 0 })}, three typical shocks (for a bell curve, about 3 in 1,000).`,
  /** A curve: `part` of its `markets` beyond `threshold` %; `onGrey` when it lies on the shocks' line. */
  moved: (label, onGrey, part, markets, threshold) =>
    `${label}${onGrey ? ' (its line lies on the grey one)' : ''}: ${part > 0 ? share(part) : 'none'} of ${count(markets)} markets moved more than ${pct(threshold, { decimals: 0 })}.`,
  /** How often, next to the shocks alone; each follows `moved`. */
  never: ' The shocks alone never went that far.',
  ratio: (r) => ` That is ${num(r, r < 10 ? 1 : 0)} times as often as the shocks alone.`,
  lessOften: ' That is less often than the shocks alone.',
  asOften: ' About as often as the shocks alone.',
  split:
    ' Its moves fall into two groups, small ones and crashes, with few in between: past the tipping point almost any shock sets off a crash, so crashes are the rule here, not a rare tail.',
  /** The chart's text alternative, from the findings' sentences. */
  label: (findings) => `Crash-size distribution on log scales. ${findings.join(' ')}`,
};

/** Fat tails over time: one long market. */
export const CYCLES = {
  title: 'Fat tails over time',
  /** `ticks` seconds of noise; traders come back after `comeback` seconds; returns over `interval` seconds. */
  lede: (ticks, comeback, interval) =>
    `One market over ${duration(ticks)} of random noise and nothing else. Traders who are liquidated come back ${count(comeback)} seconds later, and take more leverage the calmer the market has been. So leverage builds up in calm spells until a cascade clears it, again and again. The grey line is the noise alone: with leverage, large ${interval}-second moves become far more common than the noise can explain.`,
  run: 'Run the long market',
  again: 'Run the long market again',
  notDrawn: 'Distribution of price moves over a long run: not drawn yet.',
  figure: (interval) => `Share of ${interval}-second moves, up or down, at least x`,
  figureNote: ' (a logarithmic scale: each step down is ten times rarer; a bell curve drops off a cliff, a fat tail runs on to the right).',
  line: (leverage) => `${times(leverage)} leverage`,
  noiseAlone: 'noise alone',
  xLabel: (interval) => `size of a ${interval}-second move, %`,
  running: (markets, traders, done) =>
    `Simulating ${count(markets)} long markets of ${count(traders)} traders… ${done} of ${markets} done`,
  done: (markets, traders, seconds) =>
    `Done: ${count(markets)} long markets of ${count(traders)} traders in ${num(seconds, 1)}${NBSP}s.`,
  cancelled: 'Cancelled. The chart shows the markets finished.',
  /**
   * The noise alone: a typical move `sigma` %, `part` of the moves beyond `threshold` %, tail
   * index `hill` (null when too few moves to measure).
   */
  base: (interval, sigma, part, threshold, hill) =>
    `Noise alone: a typical ${interval}-second move is ${pct(sigma, { decimals: 2 })}; ${moves(part)} went beyond ${pct(threshold, { decimals: 1 })}, four typical ones (a bell curve: 6 in 100,000). ` +
    `Tail index (Hill, beyond 2.5 typical moves): ${index(hill)}. The smaller the index, the fatter the tail; stock returns have about 3.`,
  /**
   * A curve: `part` of its moves beyond `threshold` %, tail index `hill`; `comebacks` traders came
   * back, its leverage between `low` and `high`.
   */
  moved: (label, part, threshold, hill, comebacks, low, high) =>
    `${label.charAt(0).toUpperCase() + label.slice(1)}: ${moves(part)} went beyond ${pct(threshold, { decimals: 1 })}; tail index ${index(hill)}. ` +
    (comebacks > 0
      ? `${count(comebacks)} times a liquidated trader came back, and the market's leverage swung between ${times(low)} and ${times(high)}: it builds up while the market is calm, and cascades cut it down.`
      : 'Nobody was liquidated: the moves are the noise\'s.'),
  label: (findings) => `Distribution of price moves over a long run, on log scales. ${findings.join(' ')}`,
};

function moves(part) {
  return part > 0 ? `${share(part)} of the moves` : 'none of the moves';
}

function index(hill) {
  return hill === null ? 'too few large moves to measure' : num(hill, 1);
}
