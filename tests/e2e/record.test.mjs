// The model next to the record: shown with a historical preset only, its figures computed as
// src/model/record.rs does and agreeing with the rest of the page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bigNumbers, closeSite, openPage, openSite, ROOT } from './helpers.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await openSite()));
after(() => closeSite({ server, browser }));

/** The model-vs-record table's rows, each its cells' text: figure, published, model, how close. */
function recordTable(page) {
  return page.$$eval('#record-rows tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
}

test('a historical preset shows its record beside the model, and the two agree with the cards', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/?preset=oct-2025');
  try {
    assert.equal(await page.isVisible('#record'), true, 'the panel shows for oct-2025');
    const rows = await recordTable(page);
    assert.equal(rows.length, 5, 'five figures');
    assert.deepEqual(rows.map((r) => r[0]), [
      'Fall of the price',
      'Liquidated, as a share of open interest',
      "Longs' share of what was liquidated",
      'Change of the insurance fund',
      'Auto-deleveraged on Hyperliquid (the second venue), as a share of what it liquidated',
    ]);
    // The model's fall is the "Margin tiers" card's (the venue's own rules), without its sign.
    const [, , tiers] = await bigNumbers(page);
    assert.equal(rows[0][2], tiers.replace('−', ''));
    // Every figure has a verdict, and the ones the model misses say by how much.
    for (const r of rows) {
      assert.match(r[3], /^(within the record|[\d.]+ points? (above|below)( \([\d.]+ times (as much|less)\))?; (held out of the calibration|(within|outside) the tolerance \((±25\u00a0%|a factor of 1\.5|10 points)\)))$/);
    }
    // The replay is calibrated: the fitted figures are within their tolerance, the rest held out.
    assert.deepEqual(rows.map((r) => /outside the tolerance/.test(r[3])), [false, false, false, false, false]);
    assert.match(rows[3][3], /held out of the calibration|within the record/);
    // The JS figures are record.rs's: recompute them from the API's summaries, the shares over
    // both venues (the market) and the ADL share on the second venue (Hyperliquid) alone.
    const expected = await page.evaluate(async () => {
      const api = await import('/pkg/leverage_cascade.js');
      const { modelFigure, scopedSummary } = await import('/lab/record.js');
      const preset = api.presets().find((p) => p.id === 'oct-2025');
      const o = api.compare(preset.params).marginTiers;
      const [a, b] = [o.summary, o.secondVenue.summary];
      const market = scopedSummary('market', o);
      const liquidated = a.liquidatedNotional + b.liquidatedNotional;
      return {
        liquidatedShareOfOiPct: modelFigure('liquidatedShareOfOiPct', market),
        direct: (liquidated / (a.openInterest + b.openInterest)) * 100,
        longSharePct: modelFigure('longSharePct', market),
        longDirect: ((liquidated - a.liquidatedShortNotional - b.liquidatedShortNotional) / liquidated) * 100,
        adl: modelFigure('adlShareOfLiquidatedPct', scopedSummary('secondVenue', o)),
        adlDirect: (b.adlNotional / b.liquidatedNotional) * 100,
        firstAdl: a.adlNotional,
      };
    });
    assert.ok(Math.abs(expected.liquidatedShareOfOiPct - expected.direct) < 1e-9);
    assert.ok(Math.abs(expected.longSharePct - expected.longDirect) < 1e-9);
    assert.ok(Math.abs(expected.adl - expected.adlDirect) < 1e-9 && expected.adl > 0, `${expected.adl}`);
    assert.equal(expected.firstAdl, 0, 'the first venue, on Binance\'s rules, needs no ADL');
    // The table shows those figures, at one decimal.
    const shown = (text) => Number(text.replace('\u00a0%', ''));
    assert.equal(shown(rows[1][2]), Math.round(expected.liquidatedShareOfOiPct * 10) / 10);
    assert.equal(shown(rows[4][2]), Math.round(expected.adl * 10) / 10);
    assert.match(await page.textContent('#record-left-out'), /^Where they differ: /);
    assert.equal(await page.$$eval('#record-sources li', (li) => li.length), 5);
    // The reports a reader can open are links, opened beside the lab.
    const links = await page.$$eval('#record-sources a', (as) => as.map((a) => ({ href: a.href, target: a.target, rel: a.rel, text: a.textContent })));
    assert.ok(links.length >= 5, `${links.length} links`);
    for (const l of links) {
      assert.match(l.href, /^https?:\/\//);
      assert.equal(l.target, '_blank');
      assert.equal(l.rel, 'noopener');
      assert.ok(l.text.length > 5, l.text);
      assert.ok(l.text.endsWith(' (opens in a new tab)'), l.text);
    }

    // The CSV carries the record too.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const csv = await readFile(await download.path(), 'utf8');
    const recordLines = csv.split('\n').filter((l) => l.startsWith('# record,'));
    assert.equal(recordLines.length, 5);
    assert.ok(recordLines[0].startsWith('# record,Fall of the price,'), recordLines[0]);
    assert.ok(recordLines.some((l) => l.includes('https://github.com/ConejoCapital/HyperMultiAssetedADL')), 'the CSV carries the links');

    // The chart draws the record's low, and says so in its caption and its text alternative.
    assert.equal(await page.textContent('#record-caption'), 'Grey band and dashed line: the lowest price on record (a band where reports differ).');
    assert.match(await page.getAttribute('#chart-price', 'aria-label'), /Grey band: the lowest price on record, a fall of 11–14\u00a0%\.$/);

    // Any other market hides it.
    await page.selectOption('#preset', 'default');
    await page.waitForFunction(() => document.getElementById('record').hidden);
    assert.equal(await page.isVisible('#record-caption'), false);
    assert.doesNotMatch(await page.getAttribute('#chart-price', 'aria-label'), /on record/);
    assert.deepEqual(log.errors, [], 'console errors');
  } finally {
    await context.close();
  }
});

test('mar-2020 holds BitMEX alone to its record, and shows how far its perpetual ran below spot', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/?preset=mar-2020');
  try {
    const rows = await recordTable(page);
    assert.deepEqual(rows.map((r) => r[0]), [
      'Fall of the price',
      'Liquidated, as a share of open interest',
      "How far BitMEX's perpetual traded below spot, at the widest",
      'Auto-deleveraged, as a share of what was liquidated',
    ]);
    // The figures are the first venue's (BitMEX's) alone, not summed with the rest of the
    // market's: recomputed here from the API's summaries.
    const expected = await page.evaluate(async () => {
      const api = await import('/pkg/leverage_cascade.js');
      const preset = api.presets().find((p) => p.id === 'mar-2020');
      const o = api.compare(preset.params).marginTiers;
      const [a, b] = [o.summary, o.secondVenue.summary];
      return {
        share: (a.liquidatedNotional / a.openInterest) * 100,
        both: ((a.liquidatedNotional + b.liquidatedNotional) / (a.openInterest + b.openInterest)) * 100,
        below: -a.widestBasisPct,
      };
    });
    const shown = (text) => Number(text.replace('\u00a0%', ''));
    assert.equal(shown(rows[1][2]), Math.round(expected.share * 10) / 10);
    assert.notEqual(Math.round(expected.share * 10), Math.round(expected.both * 10), 'the market-wide share would differ');
    assert.equal(shown(rows[2][2]), Math.round(expected.below * 10) / 10);
    assert.ok(expected.below > 10, `${expected.below}`);
    // The fitted figures are within their tolerance; the gap to spot is held out, and says how far off it is.
    assert.deepEqual(rows.map((r) => /outside the tolerance/.test(r[3])), [false, false, false, false]);
    assert.match(rows[2][3], /^[\d.]+ points further below spot \([\d.]+ times as much\); held out of the calibration$/);
    assert.deepEqual(log.errors, [], 'console errors');
  } finally {
    await context.close();
  }
});

test('may-2021 sets how long the model takes to reach its low beside the day\'s half hour', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/?preset=may-2021');
  try {
    const rows = await recordTable(page);
    const row = rows.find((r) => r[0] === 'Minutes from the start of the plunge to the low');
    assert.ok(row, rows.map((r) => r[0]).join(' | '));
    assert.match(row[1], /^30\u00a0min \(/);
    // The model's minutes are those of the first tick at its lowest price, from the API's series.
    const expected = await page.evaluate(async () => {
      const api = await import('/pkg/leverage_cascade.js');
      const preset = api.presets().find((p) => p.id === 'may-2021');
      const prices = api.compare(preset.params).marginTiers.series.price;
      const low = Math.min(...prices);
      return ((prices.indexOf(low) + 1) * preset.params.tickSeconds) / 60;
    });
    assert.match(row[2], /^[\d.]+\u00a0min$/);
    assert.equal(Number(row[2].replace('\u00a0min', '')), Math.round(expected * 10) / 10);
    assert.match(row[3], /^[\d.]+\u00a0min faster \([\d.]+ times as fast\); held out of the calibration$/);
    // The liquidated share on record is fitted, and the model is within its tolerance.
    const share = rows.find((r) => r[0] === 'Liquidated, as a share of open interest');
    assert.match(share[3], /within the (record|tolerance)/);
    assert.deepEqual(log.errors, [], 'console errors');
  } finally {
    await context.close();
  }
});

test('every replay\'s record panel shows the figures record.rs computes for it', async () => {
  // tests/record.rs keeps record.rs's figure for each row of the shipped presets in a fixture;
  // the page computes its own in www/lab/record.js, and the two must agree at the precision shown.
  const figures = JSON.parse(await readFile(join(ROOT, 'tests', 'fixtures', 'record-figures.json'), 'utf8'));
  for (const [id, expected] of Object.entries(figures)) {
    const { page, context, log } = await openPage(browser, server.origin, `/?preset=${id}`);
    try {
      const shown = (await recordTable(page)).map((r) => r[2]);
      assert.equal(shown.length, expected.length, id);
      expected.forEach((value, i) => {
        if (value === null) {
          assert.equal(shown[i], '—', `${id} row ${i}`);
          return;
        }
        const number = Number(shown[i].replace(/\u00a0(%|min)$/, '').replace('−', '-'));
        assert.ok(Math.abs(number - value) <= 0.05 + 1e-9, `${id} row ${i}: the page shows ${shown[i]}, record.rs ${value}`);
      });
      assert.deepEqual(log.errors, [], `${id}: console errors`);
    } finally {
      await context.close();
    }
  }
});

test('a published path is drawn over the price chart where the record has one, at its prices and times', async () => {
  // At twice the pixels, so a wrong transform would put the marks elsewhere.
  const { page, context, log } = await openPage(browser, server.origin, '/?preset=jan-2016', { deviceScaleFactor: 2 });
  try {
    assert.match(await page.textContent('#record-caption'), /Rings: prices published at the time\.$/);
    const label = await page.getAttribute('#chart-price', 'aria-label');
    assert.match(label, /Rings: published prices, 9:42, −5\.4\u00a0%: the first threshold trips, a 15-minute halt; about 9:59/);
    // Where the rings and the band's line belong, from the lab's own chart layout (render() on a
    // canvas of the same size with the lab's options), sampled on the lab's canvas.
    const pixels = await page.evaluate(async () => {
      const api = await import('/pkg/leverage_cascade.js');
      const { recordFor, recordLow } = await import('/lab/record.js');
      const record = recordFor('jan-2016');
      const canvas = document.getElementById('chart-price');
      const copy = document.createElement('canvas');
      [copy.width, copy.height] = [canvas.width, canvas.height];
      const preset = api.presets().find((p) => p.id === 'jan-2016');
      const drawn = api.render(copy, api.compare(preset.params), {
        chart: 'price', window: 'cascade', theme: 'light', dpr: devicePixelRatio, tickSeconds: 1, scenario: 'none',
      });
      const { band, prices, axis } = drawn;
      const xAt = (t) => {
        let i = 0;
        while (i < axis.length / 2 - 2 && t > axis[2 * (i + 1)]) i += 1;
        const [a0, b0, a1, b1] = [axis[2 * i], axis[2 * i + 1], axis[2 * i + 2], axis[2 * i + 3]];
        return b0 + ((t - a0) / (a1 - a0)) * (b1 - b0);
      };
      const y = (p) => band.bottom - ((p - prices[0]) / (prices[1] - prices[0])) * (band.bottom - band.top);
      const g = canvas.getContext('2d');
      const at = (x, yy) => [...g.getImageData(Math.round(x * devicePixelRatio), Math.round(yy * devicePixelRatio), 1, 1).data.slice(0, 3)];
      const rings = record.path.map((p) => ({ centre: at(xAt(p.seconds), y(p.price)), edge: at(xAt(p.seconds) + 3.5, y(p.price)) }));
      const low = recordLow(record);
      // The dashed line runs through the band's middle: some of its dashes, across the plot.
      const mid = y((low[0] + low[1]) / 2);
      const line = Array.from({ length: 40 }, (_, k) => at(band.left + 4 + k * 0.5, mid));
      return { rings, line };
    });
    for (const r of pixels.rings) {
      assert.ok(r.centre.every((c) => c > 230), `ring centre ${r.centre}`);
      assert.ok(r.edge.every((c) => c < 90), `ring edge ${r.edge}`);
    }
    assert.ok(pixels.line.some((p) => p.every((c) => c < 90)), `dashed line ${JSON.stringify(pixels.line.slice(0, 4))}`);
    assert.deepEqual(log.errors, [], 'console errors');
  } finally {
    await context.close();
  }
});
