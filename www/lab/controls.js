// Sliders and selects declared in index.html, mapped to parameter values.
//
// A control names its parameter in `data-param` (a dotted key of schema.js) and says how to show
// its value in `data-format`. Linear sliders use their own min/max/step. Sliders with
// `data-scale="log"` run over "nice" values (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 per decade)
// between `data-lo` and `data-hi`, so each arrow-key press is a visible step; `data-whole` keeps
// only the whole ones (for a count of ticks), `data-zero` adds 0 at the left end, `data-none`
// adds null at the left end and `data-off` adds "off" (null) at the right end.

import { get } from './schema.js';
import { count, duration, num, pct, times, usd, NBSP } from './format.js';

const MANTISSAS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8];

/** The nice values from `lo` to `hi` inclusive (both should be nice themselves). */
export function ladder(lo, hi) {
  const values = [];
  for (let exp = Math.floor(Math.log10(lo)); exp <= Math.ceil(Math.log10(hi)); exp += 1) {
    for (const m of MANTISSAS) {
      // Round away binary noise: 1.2 × 10^5 must be exactly 120000.
      const v = Number((m * 10 ** exp).toPrecision(6));
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) values.push(v);
    }
  }
  return values;
}

/** The list of values a log slider steps through, including 0 and null ends when declared. */
const stopsOf = new WeakMap();

function stops(input) {
  let list = stopsOf.get(input);
  if (!list) {
    list = ladder(Number(input.dataset.lo), Number(input.dataset.hi));
    if ('whole' in input.dataset) list = list.filter(Number.isInteger);
    if ('zero' in input.dataset) list.unshift(0);
    if ('none' in input.dataset) list.unshift(null);
    if ('off' in input.dataset) list.push(null);
    stopsOf.set(input, list);
  }
  return list;
}

/** Prepares a control once: a log slider gets min 0, max = last stop, step 1. */
export function setUp(input) {
  if (input.dataset.scale === 'log') {
    input.min = '0';
    input.max = String(stops(input).length - 1);
    input.step = '1';
  }
}

/** The value a control currently shows, as a parameter value. */
export function readControl(input) {
  if (input.type === 'checkbox') return input.checked;
  if (input.type !== 'range') return input.value;
  if (input.dataset.scale === 'log') return stops(input)[Number(input.value)];
  return Number(input.value);
}

/**
 * Moves a control to show `value`. A value between two stops (from a link or a preset) puts the
 * slider on the nearest stop; the parameter itself keeps the exact value.
 */
export function showValue(input, value) {
  if (input.type === 'checkbox') {
    input.checked = Boolean(value);
    return;
  }
  if (input.type !== 'range') {
    input.value = typeof value === 'string' ? value : 'custom';
    return;
  }
  if (input.dataset.scale !== 'log') {
    // Written only when it moves: a write costs the next frame a layout even when it is the same.
    if (input.value !== String(value)) input.value = String(value);
    return;
  }
  const list = stops(input);
  let best = 0;
  let bestDistance = Infinity;
  list.forEach((stop, i) => {
    let d;
    if (stop === null || value === null) d = stop === value ? 0 : Infinity;
    else if (stop === 0 || value === 0) d = stop === value ? 0 : Infinity;
    else d = Math.abs(Math.log(stop / value));
    if (d < bestDistance) {
      best = i;
      bestDistance = d;
    }
  });
  // A positive value below the first non-zero stop goes to that stop, not to 0.
  if (bestDistance === Infinity && value !== null && value > 0) best = list.findIndex((stop) => stop > 0);
  if (input.value !== String(best)) input.value = String(best);
}

/** The smallest and largest parameter value a slider can take, for checking links against. */
export function limitsOf(input) {
  if (input.type !== 'range') return null;
  if (input.dataset.scale === 'log') {
    return { min: 'zero' in input.dataset ? 0 : Number(input.dataset.lo), max: Number(input.dataset.hi) };
  }
  return { min: Number(input.min), max: Number(input.max) };
}

function whaleWords(x) {
  if (x < 0.2) return 'sizes fairly even';
  if (x < 0.7) return 'some whales';
  return 'whales dominate';
}

/**
 * How each `data-format` shows a value: the formats of the controls the widget offers too
 * (embed.js); the lab's own are in lab/lab-formats.js, so the widget does not download them.
 * `params` gives context (tick length, whether the shock is a program). Every result is plain
 * text.
 */
export const FORMATS = {
  times: (v) => times(v),
  usdPerPct: (v) => `${usd(v)} moves it 1${NBSP}%`,
  shock: (v, params) => {
    // With a program in dollars the shock gives only its direction.
    if (params.shockUsd === null || v === 0) return pct(v, { sign: true });
    return v < 0 ? 'a sale (size below)' : 'a purchase (size below)';
  },
  count: (v) => count(v),
  longShare: (v) => `${num(v * 100, 0)}${NBSP}% long, ${num(100 - v * 100, 0)}${NBSP}% short`,
  whale: (v) => `${num(v, 2)} (${whaleWords(v)})`,
  ticksAsTime: (v, params) => duration(v * params.tickSeconds),
  usd: (v) => (v === 0 ? '$0 (none)' : usd(v)),
  text: (v) => String(v),
};

/** The text for a control's `<output>` (and its aria-valuetext), in `formats` (FORMATS or LAB_FORMATS). */
export function formatControl(input, params, formats = FORMATS) {
  const key = input.dataset.param;
  const value = get(params, key);
  const format = formats[input.dataset.format] || formats.text;
  return format(value, params);
}
