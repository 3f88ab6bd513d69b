// The model next to the published record of a historical preset (src/model/record.rs, copied to
// www/shared/records-en.js). Each figure's model counterpart is computed here as record.rs's
// model_figure does; tests/e2e/record.test.mjs holds the two to the same numbers.

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
    default:
      return null;
  }
}

/** The record of preset `id`, or null. */
export function recordFor(id) {
  return Object.hasOwn(RECORDS_EN, id) ? RECORDS_EN[id] : null;
}

/** A figure with the cards' precision: one decimal. */
const percent = (x) => `${num(x, 1)}${NBSP}%`;

/** A published range in words: "8.3–8.9 %" or "35 %". */
function range(f) {
  return f.low === f.high ? percent(f.low) : `${num(f.low, 1)}–${percent(f.high)}`;
}

/**
 * How the model's figure stands against the record's range, in plain words: within it, or how
 * far off (in points for shares and falls, and as a multiple when it is far).
 */
export function verdict(model, f) {
  if (model === null) return 'no counterpart in this run';
  if (model >= f.low - 1e-9 && model <= f.high + 1e-9) return 'within the record';
  const nearest = model < f.low ? f.low : f.high;
  const off = model - nearest;
  const points = `${num(Math.abs(off), Math.abs(off) < 10 ? 1 : 0)} points ${off > 0 ? 'above' : 'below'}`;
  if (nearest > 0 && model > 0 && (model / nearest >= 1.5 || nearest / model >= 1.5)) {
    const ratio = model > nearest ? model / nearest : nearest / model;
    return `${points} (${num(ratio, ratio < 10 ? 1 : 0)} times ${off > 0 ? 'as much' : 'less'})`;
  }
  return points;
}

/** The rows of the model-vs-record table for a run's summary. */
export function recordRows(record, summary) {
  return record.figures.map((f) => {
    const model = f.key === 'context' ? null : modelFigure(f.key, summary);
    return {
      label: f.label,
      record: f.key === 'context' ? f.asPublished : `${range(f)} (${f.asPublished})`,
      model: f.key === 'context' ? '—' : model === null ? 'none' : percent(model),
      verdict: f.key === 'context' ? 'context only' : verdict(model, f),
      source: f.source,
    };
  });
}
