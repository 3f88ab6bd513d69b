// The model next to the record: shown with a historical preset only, its figures computed as
// src/model/record.rs does and agreeing with the rest of the page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { bigNumbers, closeSite, openPage, openSite } from './helpers.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await openSite()));
after(() => closeSite({ server, browser }));

test('a historical preset shows its record beside the model, and the two agree with the cards', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/?preset=oct-2025');
  try {
    assert.equal(await page.isVisible('#record'), true, 'the panel shows for oct-2025');
    const rows = await page.$$eval('#record-rows tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    assert.equal(rows.length, 5, 'five figures');
    assert.deepEqual(rows.map((r) => r[0]), [
      'Fall of the price',
      'Liquidated, as a share of open interest',
      "Longs' share of what was liquidated",
      'Change of the insurance fund',
      'Auto-deleveraged, as a share of what was liquidated',
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
    // The JS figures are record.rs's: recompute them from the API's summary.
    const expected = await page.evaluate(async () => {
      const api = await import('/pkg/leverage_cascade.js');
      const { modelFigure } = await import('/lab/record.js');
      const preset = api.presets().find((p) => p.id === 'oct-2025');
      const s = api.compare(preset.params).marginTiers.summary;
      return {
        liquidatedShareOfOiPct: modelFigure('liquidatedShareOfOiPct', s),
        direct: (s.liquidatedNotional / s.openInterest) * 100,
        longSharePct: modelFigure('longSharePct', s),
        longDirect: ((s.liquidatedNotional - s.liquidatedShortNotional) / s.liquidatedNotional) * 100,
      };
    });
    assert.ok(Math.abs(expected.liquidatedShareOfOiPct - expected.direct) < 1e-9);
    assert.ok(Math.abs(expected.longSharePct - expected.longDirect) < 1e-9);
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
    }

    // The CSV carries the record too.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const csv = await readFile(await download.path(), 'utf8');
    const recordLines = csv.split('\n').filter((l) => l.startsWith('# record,'));
    assert.equal(recordLines.length, 5);
    assert.ok(recordLines[0].startsWith('# record,Fall of the price,'), recordLines[0]);
    assert.ok(recordLines.some((l) => l.includes('https://github.com/ConejoCapital/HyperMultiAssetedADL')), 'the CSV carries the links');

    // The chart draws the record's low, and says so in its caption and its text alternative.
    assert.equal(await page.textContent('#record-caption'), 'Grey band, dashed: the lowest price on record.');
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

test('a published path is drawn over the price chart where the record has one, at its prices and times', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/?preset=jan-2016');
  try {
    assert.match(await page.textContent('#record-caption'), /Rings: prices published at the time\.$/);
    const label = await page.getAttribute('#chart-price', 'aria-label');
    assert.match(label, /Rings: published prices, 9:42, −5\.4\u00a0?%?[^;]*; about 9:59/);
    // The drawing itself, on a blank canvas: a ring (ink edge, paper centre) where each
    // published price lies, and the band's dashed line at the record's low.
    const pixels = await page.evaluate(async () => {
      const { drawRecordMarks, recordFor } = await import('/lab/record.js');
      const record = recordFor('jan-2016');
      const canvas = document.createElement('canvas');
      canvas.width = 400;
      canvas.height = 200;
      const g = canvas.getContext('2d');
      g.fillStyle = '#FFFFFF';
      g.fillRect(0, 0, 400, 200);
      const band = { left: 0, top: 0, right: 400, bottom: 200 };
      // Prices 90–100 over the height; 3,600 ticks over the width.
      drawRecordMarks(g, { band, prices: [90, 100], xOf: (t) => (t / 3600) * 400, ticks: 3600, tickSeconds: 1, dpr: 1, dark: false }, record);
      const at = (x, y) => [...g.getImageData(Math.round(x), Math.round(y), 1, 1).data.slice(0, 3)];
      const y = (p) => 200 - ((p - 90) / 10) * 200;
      return record.path.map((p) => ({ centre: at((p.seconds / 3600) * 400, y(p.price)), edge: at((p.seconds / 3600) * 400 + 3, y(p.price)) }))
        .concat([{ line: at(200, y(100 - 7.1)), above: at(200, y(100 - 6)) }]);
    });
    for (const p of pixels.slice(0, 2)) {
      assert.ok(p.centre.every((c) => c > 200), `ring centre ${p.centre}`);
      assert.ok(p.edge.every((c) => c < 100), `ring edge ${p.edge}`);
    }
    assert.ok(pixels[2].line.every((c) => c < 150), `dashed line ${pixels[2].line}`);
    assert.ok(pixels[2].above.every((c) => c > 240), `clear above the band ${pixels[2].above}`);
    assert.deepEqual(log.errors, [], 'console errors');
  } finally {
    await context.close();
  }
});
