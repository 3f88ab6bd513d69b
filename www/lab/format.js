// Number formatting for people: money, percentages and durations.
//
// Pure functions with no DOM access, shared by the lab page and the embed. Typography: a real
// minus sign (U+2212), and a no-break space between a number and its unit so "−5 %" never wraps.

/** No-break space, placed between a number and its unit. */
export const NBSP = '\u00a0';
/** The minus sign used in text (not the hyphen-minus). */
export const MINUS = '\u2212';

/** Rounds to `digits` significant figures (2 by default); 0 stays 0. */
export function roundSig(x, digits = 2) {
  if (!Number.isFinite(x) || x === 0) return x;
  const scale = 10 ** (digits - 1 - Math.floor(Math.log10(Math.abs(x))));
  return Math.round(x * scale) / scale;
}

/** Replaces the ASCII hyphen of a negative number with a minus sign. */
function signed(text) {
  return text.startsWith('-') ? MINUS + text.slice(1) : text;
}

/** One formatter per number of decimals: building one costs more than formatting with it. */
const formatters = new Map();

function formatter(decimals) {
  let f = formatters.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { maximumFractionDigits: decimals, minimumFractionDigits: 0 });
    formatters.set(decimals, f);
  }
  return f;
}

/** Formats with at most `decimals` decimals, dropping trailing zeros: 1.50 → "1.5". */
export function num(x, decimals = 1) {
  if (!Number.isFinite(x)) return String(x);
  const text = formatter(decimals).format(x);
  // "-0" after rounding a tiny negative number reads as a glitch.
  return signed(text === '-0' ? '0' : text);
}

/** A whole count with thousands separators: 100000 → "100,000". */
export function count(x) {
  return num(Math.round(x), 0);
}

/**
 * `x` (not negative) in the largest of `units` ([size, suffix] pairs, largest first) that it
 * reaches once rounded to two significant figures, as [value in that unit, suffix]; [x, ''] below
 * them all. Rounding first makes 999,999 one million, not a thousand thousands.
 */
export function abbreviate(x, units) {
  for (const [size, unit] of units) {
    if (roundSig(x, 2) >= size) return [roundSig(x / size, 2), unit];
  }
  return [x, ''];
}

const USD_UNITS = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/**
 * US dollars, abbreviated: 1.2e9 → "$1.2 B", 4.8e7 → "$48 M", 950 → "$950".
 * Two significant figures above a thousand, which is all a reader takes in at a glance.
 */
export function usd(x) {
  if (!Number.isFinite(x)) return String(x);
  const sign = x < 0 ? MINUS : '';
  const a = Math.abs(x);
  const [value, unit] = abbreviate(a, USD_UNITS);
  return unit ? `${sign}$${num(value, 1)}${NBSP}${unit}` : `${sign}$${num(a, a < 10 ? 2 : 0)}`;
}

/** A percentage with its sign when asked: pct(-5) → "−5 %", pct(5, {sign: true}) → "+5 %". */
export function pct(x, { decimals = 1, sign = false } = {}) {
  const body = num(x, decimals);
  const plus = sign && x > 0 && body !== '0' ? '+' : '';
  return `${plus}${body}${NBSP}%`;
}

/** A share in [0, 1] as a percentage: 0.38 → "38 %". Tiny non-zero shares say "< 0.1 %". */
export function share(x) {
  if (x > 0 && x < 0.001) return `<${NBSP}0.1${NBSP}%`;
  return pct(x * 100, { decimals: x < 0.1 ? 1 : 0 });
}

/**
 * A duration in seconds as words a reader can picture: 12 → "12 s", 125 → "2 min 5 s",
 * 5400 → "1 h 30 min", 0.25 → "0.25 s".
 */
export function duration(seconds) {
  if (!Number.isFinite(seconds)) return String(seconds);
  const s = Math.abs(seconds);
  if (s < 60) return `${num(seconds, s < 10 ? 2 : 1)}${NBSP}s`;
  const whole = Math.round(s);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  if (h > 0) return m > 0 ? `${h}${NBSP}h ${m}${NBSP}min` : `${h}${NBSP}h`;
  return rest > 0 ? `${m}${NBSP}min ${rest}${NBSP}s` : `${m}${NBSP}min`;
}

/** A multiplier: 4.6 → "4.6×". */
export function times(x) {
  return `${num(x, x < 10 ? 1 : 0)}×`;
}
