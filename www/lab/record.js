// The model next to the published record of a historical preset (src/model/record.rs, copied to
// www/shared/records-en.js). Each figure's model counterpart is computed here as record.rs's
// model_figure and Scope::summary do; tests/e2e/record.test.mjs holds the two to the same numbers.

import { RECORDS_EN } from '../shared/records-en.js';
import { num, NBSP } from './format.js';

/** The model's counterpart of a record figure, %, or null (context, or a share of nothing). */
export function modelFigure(key, s) {
  const liquidated = s.liquidatedNotional;
  switch (key) {
    case 'fallPct':
      return (1 - s.minPrice / s.startPrice) * 100;
    case 'liquidatedShareOfOiPct':
      return (liquidated / s.openInterest) * 100;
    case 'longSharePct':
      return liquidated > 0 ? ((liquidated - s.liquidatedShortNotional) / liquidated) * 100 : null;
    case 'fundChangePct':
      return s.insuranceFundStart > 0 ? (s.insuranceFundEnd / s.insuranceFundStart - 1) * 100 : null;
    case 'adlShareOfLiquidatedPct':
      return liquidated > 0 ? (s.adlNotional / liquidated) * 100 : null;
    case 'belowSpotPct':
      return -s.widestBasisPct;
    default:
      return null;
  }
}

/**
 * The summary a figure of `scope` is computed from, for a run's outcome (record.rs
 * `Scope::summary`): the first venue's, with both venues' liquidations, ADL and open interest
 * summed ("market"), or the first or the second venue's alone ("firstVenue", "secondVenue";
 * null for the second venue of a run with none).
 */
export function scopedSummary(scope, outcome) {
  const second = outcome.secondVenue ? outcome.secondVenue.summary : null;
  if (scope === 'firstVenue') return outcome.summary;
  if (scope === 'secondVenue') return second;
  if (!second) return outcome.summary;
  const s = outcome.summary;
  return {
    ...s,
    liquidatedNotional: s.liquidatedNotional + second.liquidatedNotional,
    liquidatedShortNotional: s.liquidatedShortNotional + second.liquidatedShortNotional,
    adlNotional: s.adlNotional + second.adlNotional,
    openInterest: s.openInterest + second.openInterest,
  };
}

/** The record of preset `id`, or null. */
export function recordFor(id) {
  return Object.hasOwn(RECORDS_EN, id) ? RECORDS_EN[id] : null;
}

/** A figure with the cards' precision: one decimal. */
const percent = (x) => `${num(x, 1)}${NBSP}%`;

/** Minutes, to a tenth unless whole. */
const minutes = (x) => `${num(x, Number.isInteger(x) ? 0 : 1)}${NBSP}min`;

/** A figure of measure `key` in words, in its unit. */
const value = (key, x) => (key === 'minutesToLow' ? minutes(x) : percent(x));

/** A published range in words: "8.3–8.9 %", "35 %" or "30 min". */
function range(f) {
  if (f.low === f.high) return value(f.key, f.low);
  return `${num(f.low, 1)}–${value(f.key, f.high)}`;
}

/**
 * How the model's figure stands against the record's range, in plain words: within it, or how
 * far off (in points for shares and falls, and as a multiple when it is far); then whether that
 * is within the tolerance the replay was calibrated to, or that the figure was held out.
 * `far` is the model's figure over the nearest end of the range, when it is 1.5 or more times
 * larger or smaller.
 */
function verdictOf({ model, f, off, far }) {
  if (model === null) return 'no counterpart in this run';
  if (off === 0) return 'within the record';
  const size = num(Math.abs(off), Math.abs(off) < 10 ? 1 : 0);
  const time = f.key === 'minutesToLow';
  const points = `${size} ${size === '1' ? 'point' : 'points'}`;
  let words;
  if (time) words = `${size}${NBSP}min ${off > 0 ? 'slower' : 'faster'}`;
  else if (f.key === 'belowSpotPct') words = `${points} ${off > 0 ? 'further below spot' : 'nearer spot'}`;
  else words = `${points} ${off > 0 ? 'above' : 'below'}`;
  if (far) {
    const as = time ? (off > 0 ? 'as long' : 'as fast') : off > 0 ? 'as much' : 'less';
    words += ` (${num(far, far < 10 ? 1 : 0)} times ${as})`;
  }
  if (!f.tolerance) return `${words}; held out of the calibration`;
  const within = withinTolerance(model, f);
  return `${words}; ${within ? 'within' : 'outside'} the tolerance (${toleranceWords(f.tolerance)})`;
}

/**
 * The words of the record's table and marks, in English; a language's lab catalogue gives its
 * own with the same names (lang/record-zh.js).
 */
export const RECORD_WORDS = {
  value,
  range,
  published: (range, asPublished) => `${range} (${asPublished})`,
  verdict: verdictOf,
  none: 'none',
  contextOnly: 'context only',
  marksCaption: (hasLow, hasPath) =>
    `${hasLow ? 'Grey band and dashed line: the lowest price on record (a band where reports differ).' : ''}${hasPath ? ' Rings: prices published at the time.' : ''}`.trim(),
  marksLabel: (fall, path) =>
    `${fall ? `Grey band: the lowest price on record, a fall of ${fall}.` : ''}${path.length ? ` Rings: published prices, ${path.join('; ')}.` : ''}`.trim(),
  lowestOnRecord: 'lowest on record',
};

/**
 * Minutes from the start to the end of the first tick at the lowest of `prices` (one a tick,
 * `tickSeconds` each), as record.rs `minutes_to_low`.
 */
export function minutesToLow(prices, tickSeconds) {
  let at = 0;
  for (let i = 1; i < prices.length; i += 1) if (prices[i] < prices[at]) at = i;
  return ((at + 1) * tickSeconds) / 60;
}

/** Whether `model` lies within a figure's tolerance (record.rs `Tolerance::holds`). */
export function withinTolerance(model, f) {
  const t = f.tolerance;
  if ('relative' in t) return model >= f.low * (1 - t.relative) && model <= f.high * (1 + t.relative);
  if ('factor' in t) return model >= f.low / t.factor && model <= f.high * t.factor;
  return model >= f.low - t.points && model <= f.high + t.points;
}

/** A tolerance in words: "±25 %", "a factor of 1.5", "10 points". */
function toleranceWords(t) {
  if ('relative' in t) return `±${num(t.relative * 100, 0)}${NBSP}%`;
  if ('factor' in t) return `a factor of ${num(t.factor, 1)}`;
  return `${num(t.points, 0)} points`;
}

/**
 * How the model's figure stands against the record's range, as `words.verdict` tells it:
 * `off` is how far outside the range it lies (0 within it, at the precision shown), `far` the
 * ratio to the range's nearest end when that is 1.5 or more.
 */
export function verdict(model, f, words = RECORD_WORDS) {
  if (model === null) return words.verdict({ model, f, off: 0, far: null });
  // At the precision shown (one decimal): 7.21 beside a record of 7.0–7.2 reads as within it.
  const shown = Math.round(model * 10) / 10;
  if (shown >= f.low - 1e-9 && shown <= f.high + 1e-9) return words.verdict({ model, f, off: 0, far: null });
  const nearest = model < f.low ? f.low : f.high;
  const off = model - nearest;
  let far = null;
  if (nearest > 0 && model > 0 && (model / nearest >= 1.5 || nearest / model >= 1.5)) {
    far = model > nearest ? model / nearest : nearest / model;
  }
  return words.verdict({ model, f, off, far });
}

/** The rows of the model-vs-record table for a run's outcome, at `tickSeconds` a tick. */
export function recordRows(record, outcome, tickSeconds, words = RECORD_WORDS) {
  return record.figures.map((f) => {
    const summary = f.key === 'context' ? null : scopedSummary(f.scope, outcome);
    const model =
      f.key === 'minutesToLow' ? minutesToLow(outcome.series.price, tickSeconds) : summary ? modelFigure(f.key, summary) : null;
    return {
      label: f.label,
      record: f.key === 'context' ? f.asPublished : words.published(words.range(f), f.asPublished),
      model: f.key === 'context' ? '—' : model === null ? words.none : words.value(f.key, model),
      verdict: f.key === 'context' ? words.contextOnly : verdict(model, f, words),
      source: f.source,
      links: f.links,
    };
  });
}

/** The record's lowest price as a band on the chart's scale (start = 100): [low, high], or null. */
export function recordLow(record) {
  const fall = record.figures.find((f) => f.key === 'fallPct');
  return fall ? [100 - fall.high, 100 - fall.low] : null;
}

/** What the record's marks on the price chart are, for the chart's caption. */
export function recordMarksCaption(record, words = RECORD_WORDS) {
  return words.marksCaption(Boolean(recordLow(record)), record.path.length > 0);
}

/** The record on the price chart, in words, for its text alternative. */
export function recordMarksLabel(record, words = RECORD_WORDS) {
  const fall = recordLow(record) ? words.range(record.figures.find((f) => f.key === 'fallPct')) : null;
  return words.marksLabel(fall, record.path.map((p) => p.label));
}

/**
 * Draws a replay's record over the price chart that render() just drew on `g`'s canvas: the
 * lowest price on record as a faint band with a dashed line through it, and the published
 * prices at their times as rings joined by a dotted line, in the chart's text colour `ink` over
 * its background `paper` (CSS colours). `band`
 * is render()'s price panel and `prices` its price axis [bottom, top] (start = 100); `xOf` gives
 * the x (CSS px) of a time in ticks. Marks beyond the panel are clipped; the chart's text
 * alternative says where they are.
 */
export function drawRecordMarks(g, { band, prices, xOf, ticks, tickSeconds, dpr, ink, paper }, record, words = RECORD_WORDS) {
  const [lo, hi] = prices;
  if (!(hi > lo) || !(band.right > band.left)) return;
  const y = (p) => band.bottom - ((p - lo) / (hi - lo)) * (band.bottom - band.top);
  g.save();
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.beginPath();
  g.rect(band.left, band.top, band.right - band.left, band.bottom - band.top);
  g.clip();
  g.strokeStyle = ink;
  g.fillStyle = ink;
  const low = recordLow(record);
  if (low) {
    const [top, bottom] = [y(low[1]), y(low[0])];
    g.globalAlpha = 0.12;
    g.fillRect(band.left, top, band.right - band.left, bottom - top);
    g.globalAlpha = 1;
    const mid = (top + bottom) / 2;
    g.lineWidth = 1;
    g.setLineDash([10, 4]);
    g.beginPath();
    g.moveTo(band.left, mid);
    g.lineTo(band.right, mid);
    g.stroke();
    g.font = '11px system-ui, sans-serif';
    g.textAlign = 'left';
    g.textBaseline = 'top';
    g.fillText(words.lowestOnRecord, band.left + 6, Math.max(bottom, mid + 3) + 2);
  }
  const points = record.path
    .map((p) => ({ t: p.seconds / tickSeconds, price: p.price }))
    .filter((p) => p.t >= 0 && p.t <= ticks)
    .map((p) => [xOf(p.t), y(p.price)]);
  if (points.length) {
    g.lineWidth = 1.5;
    g.setLineDash([2, 3]);
    g.beginPath();
    points.forEach(([px, py], i) => (i ? g.lineTo(px, py) : g.moveTo(px, py)));
    g.stroke();
    g.setLineDash([]);
    for (const [px, py] of points) {
      g.beginPath();
      g.arc(px, py, 4.5, 0, 2 * Math.PI);
      g.fillStyle = ink;
      g.fill();
      g.beginPath();
      g.arc(px, py, 2.5, 0, 2 * Math.PI);
      g.fillStyle = paper;
      g.fill();
    }
  }
  g.restore();
}
