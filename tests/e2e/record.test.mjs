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

    // Any other market hides it.
    await page.selectOption('#preset', 'default');
    await page.waitForFunction(() => document.getElementById('record').hidden);
    assert.deepEqual(log.errors, [], 'console errors');
  } finally {
    await context.close();
  }
});
