// The page's number formatting, in Node: `decimal` (www/lab/format.js), which writes numbers
// itself instead of through Intl.NumberFormat (whose first use costs the page its locale data
// before the first chart), must write the digits Intl writes for en-US and zh-CN.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decimal, num, MINUS } from '../../www/lab/format.js';
import { num as numZh } from '../../www/lang/format-zh.js';

const formats = new Map();
function intl(x, decimals, grouping, locale) {
  const key = `${locale} ${decimals} ${grouping}`;
  if (!formats.has(key)) {
    formats.set(key, new Intl.NumberFormat(locale, { maximumFractionDigits: decimals, minimumFractionDigits: 0, useGrouping: grouping }));
  }
  // With a real minus sign, and no negative zero: what the page writes.
  const text = formats.get(key).format(x);
  return text === '-0' ? '0' : text.replace('-', MINUS);
}

/** Numbers where rounding is easy to get wrong, and seeded random ones over 30 decades. */
function numbers() {
  const xs = [
    0, -0, 0.5, 1.5, 2.5, -2.5, 1.005, 1.45, 0.05, 0.005, 0.0005, 9.995, 99.95, 999.5, 9999.5,
    999999.5, 0.9999, 99999.99, -0.04, -0.0004, 1e-7, 5e-324, 123456.0005, 1e15 + 0.5, 2 ** 53,
    1e21, 1.2345e25, 1.7976931348623157e308,
    // Where the decimals asked for go past a double's digits: Intl writes the shortest decimal's.
    2 ** 55, -(2 ** 60), 12345678901234.567, 4503599627370497.5,
  ];
  let seed = 1;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < 20000; i++) {
    let x = (random() - 0.3) * 10 ** (Math.floor(random() * 30) - 12);
    // Short decimals and halves: the ties a rounding rule decides.
    if (i % 3 === 0) x = Math.round(x * 1000) / 1000;
    if (i % 7 === 0) x = Math.round(x * 2) / 2 / 10 ** Math.floor(random() * 4);
    xs.push(x);
  }
  return xs;
}

test('decimal writes what Intl.NumberFormat writes for en-US and zh-CN, with and without grouping', () => {
  const wrong = [];
  for (const x of numbers()) {
    for (let decimals = 0; decimals <= 4; decimals++) {
      for (const [locale, grouping] of [['en-US', true], ['zh-CN', true], ['zh-CN', false]]) {
        const [ours, theirs] = [decimal(x, decimals, grouping), intl(x, decimals, grouping, locale)];
        if (ours !== theirs) wrong.push(`${x} (${decimals} decimals, ${locale}, grouping ${grouping}): ${ours} ≠ ${theirs}`);
      }
    }
  }
  assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} numbers written otherwise than Intl`);
});

test('the numbers the page shows: rounding like Intl, a real minus sign, no negative zero', () => {
  assert.equal(num(1.005, 2), '1.01'); // the shortest decimal is rounded, as Intl does (toFixed: 1.00)
  assert.equal(num(1234567.891, 1), '1,234,567.9');
  assert.equal(num(-2.5, 0), '\u22123');
  assert.equal(num(-0.04, 1), '0');
  assert.equal(num(9.96, 1), '10');
  assert.equal(numZh(12345.5, 0, false), '12346');
  assert.equal(numZh(-12345.25, 1), '\u221212,345.3');
});
