// A second venue on the lab (issue 16): the switch, its settings, the link, the cards, the chart
// and the CSV agree with the model's run.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { canvasPrint, closeSite, openPage, openSite, settle } from './helpers.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await openSite()));
after(() => closeSite({ server, browser }));

test('switching on a second venue shows its settings, its line and its figures, and the link keeps it', async () => {
  const setup = '/?arbitrageCapital=1e8&shockUsd=2e9&shockTicks=10';
  const { page, context, log } = await openPage(browser, server.origin, setup);
  try {
    assert.equal(await page.isVisible('#secondVenue-depthPerPct'), false, 'its settings wait for the switch');
    const before = await canvasPrint(page, 'chart-price');
    await page.check('#secondVenue');
    await settle(page);
    await page.waitForFunction(() => document.querySelector('#cards li .extras')?.textContent.includes('second venue:'));
    assert.equal(await page.isVisible('#secondVenue-depthPerPct'), true);
    // The link is written a moment after the last change.
    await page.waitForFunction(() => location.search.includes('secondVenue=on'));
    assert.notEqual((await canvasPrint(page, 'chart-price')).hash, before.hash, 'the dashed line is drawn');

    // The card's line is the model's second venue, for each scenario.
    const expected = await page.evaluate(async () => {
      const api = await import('/pkg/leverage_cascade.js');
      const { pct, usd } = await import('/lab/format.js');
      const params = {
        ...api.defaultParams(),
        arbitrageCapital: 1e8,
        shockUsd: 2e9,
        shockTicks: 10,
        secondVenue: { depthPerPct: 1e8, insuranceFund: 4e7, markPrice: 'last', circuitBreaker: false },
      };
      const result = api.compare(params);
      return ['none', 'circuitBreaker', 'marginTiers', 'both'].map((k) => {
        const b = result[k].secondVenue.summary;
        return `second venue: ${pct(-b.maxMovePct, { sign: true })}, ${usd(b.liquidatedNotional)} liquidated`;
      });
    });
    const lines = await page.$$eval('#cards li .extras', (nodes) => nodes.map((n) => n.textContent));
    expected.forEach((text, i) => assert.ok(lines[i].includes(text), `${lines[i]} says ${text}`));
    // The breaker on the first venue alone moves the cascade to the second.
    const fall = (text) => Number(text.match(/second venue: −([\d.]+)/)[1]);
    assert.ok(fall(lines[1]) > fall(lines[0]) + 1, `${lines[1]} against ${lines[0]}`);
    const label = await page.getAttribute('#chart-price', 'aria-label');
    assert.match(label, /Dashed: the second venue's price/);

    // A thinner second book, by keyboard: the link carries it, and a reload restores it.
    await page.focus('#secondVenue-depthPerPct');
    for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowLeft');
    await settle(page);
    await page.waitForFunction(() => location.search.includes('secondVenue.depthPerPct='));
    const url = page.url();
    const again = await context.newPage();
    await again.goto(url);
    await again.waitForFunction(() => document.querySelectorAll('#cards li').length === 4);
    await settle(again);
    assert.equal(await again.isChecked('#secondVenue'), true);
    assert.equal(await again.textContent('#secondVenue-depthPerPct-out'), await page.textContent('#secondVenue-depthPerPct-out'));

    // The CSV has the second venue's series for every scenario, and its settings.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const csv = await readFile(await download.path(), 'utf8');
    const header = csv.split('\n').find((l) => l.startsWith('tick,'));
    for (const k of ['none', 'circuitBreaker', 'marginTiers', 'both']) {
      assert.ok(header.includes(`${k}_secondVenue_price`), `${k}_secondVenue_price`);
      assert.ok(header.includes(`${k}_secondVenue_arbitrage`), `${k}_secondVenue_arbitrage`);
    }
    assert.match(csv, /^# secondVenue\.depthPerPct,/m);

    // Switched off, the venue goes, and so do its settings in the link.
    await page.uncheck('#secondVenue');
    await settle(page);
    await page.waitForFunction(() => !document.querySelector('#cards li .extras')?.textContent.includes('second venue:'));
    await page.waitForFunction(() => !location.search.includes('secondVenue'));
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test('a link with secondVenue=off ignores the second venue\'s settings and says so', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/?secondVenue=off&secondVenue.depthPerPct=2e7');
  try {
    assert.equal(await page.isChecked('#secondVenue'), false);
    const notice = await page.textContent('#notice');
    assert.match(notice, /secondVenue\.depthPerPct/);
    assert.match(notice, /no effect with secondVenue=off/);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test('a second venue\'s setting in a link without secondVenue=on is ignored, with a notice', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/?secondVenue.markPrice=index');
  try {
    assert.equal(await page.isChecked('#secondVenue'), false);
    const notice = await page.textContent('#notice');
    assert.match(notice, /secondVenue\.markPrice/);
    assert.match(notice, /no effect without secondVenue=on/);
    assert.doesNotMatch(await page.textContent('#cards'), /second venue:/);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});
