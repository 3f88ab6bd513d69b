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

/**
 * `x` (finite) with at most `decimals` decimals, trailing zeros dropped and a comma between
 * thousands unless `grouping` is false: the digits `Intl.NumberFormat` writes for en-US and
 * zh-CN (tests/e2e/format.test.mjs holds them to Intl), with a real minus sign, and 0 where a
 * negative number rounds to zero ("−0" reads as a glitch). Written out because a page's first
 * `Intl.NumberFormat` loads the browser's locale data: 15–20 ms before the lab's first chart on
 * the development machine.
 *
 * Intl rounds the shortest decimal that reads back as `x`, half away from zero; `toFixed` rounds
 * `x`'s exact binary value. The two differ only where that shortest decimal is a tie (1.005 to
 * two decimals: Intl 1.01, `toFixed` 1.00), or where the digits asked for go past a double's
 * precision; those few go the slow way, through the shortest decimal's digits.
 */
export function decimal(x, decimals, grouping = true) {
  // |x| in units of the last decimal kept, and how far it lies from the nearest tie past the
  // generous bound 10⁻¹² of itself (a double's rounding errors are near 10⁻¹⁶ of it): below zero
  // for every tie, and for every number past 5 × 10¹¹ units (NaN, not above zero, past 10³⁰⁸).
  const scaled = Math.abs(x) * 10 ** decimals;
  const offTie = Math.abs((scaled % 1) - 0.5) - 1e-12 * (scaled + 1);
  const text = offTie > 0 ? Math.abs(x).toFixed(decimals) : roundShortest(x, decimals);
  const [whole, fraction = ''] = text.split('.');
  const kept = fraction.replace(/0+$/, '');
  const sign = x < 0 && /[1-9]/.test(text) ? MINUS : '';
  const thousands = grouping && whole.length > 3 ? whole.replace(/\B(?=(\d{3})+$)/g, ',') : whole;
  return `${sign}${thousands}${kept ? `.${kept}` : ''}`;
}

/** |x| rounded to `decimals` decimals as Intl rounds it (see `decimal`), written like `toFixed`. */
function roundShortest(x, decimals) {
  const [mantissa, power] = Math.abs(x).toExponential().split('e');
  // |x| is d₁.d₂…dₙ × 10^power. Zeros in front (one at least, for a carry) put the decimal point
  // after some digit, so the digits standing for 10^−decimals or more are at least one.
  const keep = Number(power) + decimals + 1;
  const zeros = Math.max(1, -power);
  const point = Number(power) + zeros + 1;
  let digits = '0'.repeat(zeros) + mantissa.replace('.', '');
  const up = digits[keep + zeros] >= '5';
  digits = digits.slice(0, keep + zeros);
  if (up) {
    // Add one to the last digit, carrying over the nines after the last other digit.
    const last = digits.search(/9*$/) - 1;
    digits = `${digits.slice(0, last)}${Number(digits[last]) + 1}${'0'.repeat(digits.length - 1 - last)}`;
  }
  const whole = digits.slice(0, point).padEnd(point, '0').replace(/^0+(?=.)/, '');
  const fraction = digits.slice(point);
  return fraction ? `${whole}.${fraction}` : whole;
}

/** Formats with at most `decimals` decimals, dropping trailing zeros: 1.50 → "1.5". */
export function num(x, decimals = 1) {
  return Number.isFinite(x) ? decimal(x, decimals) : String(x);
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
