// Number formatting for Simplified Chinese readers: the same functions as lab/format.js, with
// zh-CN's digits (as Intl writes them: lab/format.js `decimal`), amounts in 万 (10⁴) and 亿
// (10⁸), "%" without a space and durations in 秒, 分 and 小时.

import { abbreviate, decimal, MINUS } from '../lab/format.js';

/** At most `decimals` decimals, trailing zeros dropped, a real minus sign; grouped in thousands unless `grouping` is false. */
export function num(x, decimals = 1, grouping = true) {
  return Number.isFinite(x) ? decimal(x, decimals, grouping) : String(x);
}

/** A whole count: 100000 → "100,000". */
export function count(x) {
  return num(Math.round(x), 0);
}

const USD_UNITS = [
  [1e12, '万亿'],
  [1e8, '亿'],
  [1e4, '万'],
];

/** US dollars in 万 and 亿, two significant figures: 1.2e9 → "$12亿", 4.8e7 → "$4800万", 950 → "$950". */
export function usd(x) {
  if (!Number.isFinite(x)) return String(x);
  const sign = x < 0 ? MINUS : '';
  const a = Math.abs(x);
  const [value, unit] = abbreviate(a, USD_UNITS);
  return `${sign}$${num(value, unit ? 1 : a < 10 ? 2 : 0, false)}${unit}`;
}

/** A percentage, signed when asked: pct(-5) → "−5%", pct(5, {sign: true}) → "+5%". */
export function pct(x, { decimals = 1, sign = false } = {}) {
  const body = num(x, decimals);
  const plus = sign && x > 0 && body !== '0' ? '+' : '';
  return `${plus}${body}%`;
}

/** A share in [0, 1] as a percentage: 0.38 → "38%"; tiny non-zero shares "<0.1%". */
export function share(x) {
  if (x > 0 && x < 0.001) return '<0.1%';
  return pct(x * 100, { decimals: x < 0.1 ? 1 : 0 });
}

/** A duration: 12 → "12秒", 125 → "2分5秒", 5400 → "1小时30分钟", 0.25 → "0.25秒". */
export function duration(seconds) {
  if (!Number.isFinite(seconds)) return String(seconds);
  const s = Math.abs(seconds);
  if (s < 60) return `${num(seconds, s < 10 ? 2 : 1)}秒`;
  const whole = Math.round(s);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  if (h > 0) return m > 0 ? `${h}小时${m}分钟` : `${h}小时`;
  return rest > 0 ? `${m}分${rest}秒` : `${m}分钟`;
}

/** A multiplier: 4.6 → "4.6×". */
export function times(x) {
  return `${num(x, x < 10 ? 1 : 0)}×`;
}
