// The URL holds the whole state: a link restores it exactly, a hostile link falls back to the
// defaults with a visible notice and runs nothing, and the exports carry the same state.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { bigNumbers, canvasPrint, closeSite, MODEL_VERSION, openPage, openSite, settle } from './helpers.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await openSite()));
after(() => closeSite({ server, browser }));

const STATE = {
  leverage: '20',
  depthPerPct: '40000000',
  shockPct: '-7.5',
  longShare: '0.7',
  'circuitBreaker.levelsPct': '5,11,18',
  'circuitBreaker.haltTicks': '120',
  marginTiers: 'strict',
  'liquidation.mode': 'partial',
  'liquidation.maxPerTick': '5000000',
  insuranceFund: '0',
};

function query(state) {
  return Object.entries(state)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
}

test('a URL with state restores every control and the matching result', async () => {
  const { page, context, log } = await openPage(browser, server.origin, `/?${query(STATE)}&v=${MODEL_VERSION}`);
  try {
    assert.equal(await page.isVisible('#notice'), false, 'nothing was ignored');
    assert.equal(await page.textContent('#leverage-out'), '20×');
    assert.equal(await page.textContent('#depthPerPct-out'), '$40\u00a0M moves it 1\u00a0%');
    assert.equal(await page.textContent('#shockPct-out'), '−7.5\u00a0%');
    assert.equal(await page.textContent('#longShare-out'), '70\u00a0% long, 30\u00a0% short');
    assert.equal(await page.textContent('#circuitBreaker-firstLevelPct-out'), '−5\u00a0%, −11\u00a0%, −18\u00a0%');
    assert.equal(await page.textContent('#circuitBreaker-haltTicks-out'), '2\u00a0min');
    assert.equal(await page.inputValue('#marginTiers'), 'strict');
    assert.equal(await page.inputValue('#liquidation-mode'), 'partial');
    assert.match(await page.textContent('#liquidation-maxPerTick-out'), /^\$5\u00a0M per/);
    assert.equal(await page.textContent('#insuranceFund-out'), '$0 (none)');

    // The readout is what the model gives for exactly these params.
    const expected = await page.evaluate(async (state) => {
      const api = await import('/pkg/leverage_cascade.js');
      const { pct } = await import('/lab/format.js');
      const p = api.defaultParams();
      Object.assign(p, { leverage: 20, depthPerPct: 4e7, shockPct: -7.5, longShare: 0.7, marginTiers: 'strict', insuranceFund: 0 });
      p.circuitBreaker = { levelsPct: [5, 11, 18], windowTicks: 600, haltTicks: 120, magnetSellShare: 0 };
      p.liquidation.mode = 'partial';
      p.liquidation.maxPerTick = 5e6;
      const r = api.compare(p);
      return ['none', 'circuitBreaker', 'marginTiers', 'both'].map((k) => pct(-r[k].summary.maxMovePct, { sign: true }));
    }, STATE);
    assert.deepEqual(await bigNumbers(page), expected);

    // The page rewrites the URL in its own canonical form, which holds the same state.
    const search = await page.evaluate(() => location.search);
    const written = Object.fromEntries(new URLSearchParams(search));
    for (const [k, v] of Object.entries(STATE)) assert.equal(written[k], v, k);
    assert.equal(written.v, MODEL_VERSION);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test('the link of any state reopens it exactly (same readout, same pixels)', async () => {
  const first = await openPage(browser, server.origin, '/?preset=margin-tiers');
  try {
    await first.page.focus('#whaleConcentration');
    await first.page.keyboard.press('ArrowLeft');
    await first.page.focus('#circuitBreaker-haltTicks');
    await first.page.keyboard.press('ArrowRight');
    await first.page.click('label[for="focus-marginTiers"]');
    assert.equal(await first.page.isChecked('#focus-marginTiers'), true);
    await settle(first.page);
    const link = await first.page.inputValue('#link');
    assert.ok(link.includes('whaleConcentration=') && link.includes('circuitBreaker.haltTicks='), link);
    assert.ok(link.includes('focus=marginTiers'), link);
    const second = await openPage(browser, server.origin, new URL(link).pathname + new URL(link).search);
    try {
      assert.deepEqual(await bigNumbers(second.page), await bigNumbers(first.page));
      assert.equal(await second.page.isChecked('#focus-marginTiers'), true);
      assert.equal(await second.page.inputValue('#link'), link);
      const a = await canvasPrint(first.page, 'chart-price');
      const b = await canvasPrint(second.page, 'chart-price');
      assert.equal(b.hash, a.hash, 'the price chart is pixel-identical');
    } finally {
      await second.context.close();
    }
  } finally {
    await first.context.close();
  }
});

test('a hostile URL shows the defaults and a notice, and executes nothing', async () => {
  const hostile = [
    `leverage=${encodeURIComponent('<script>window.__pwned=1;alert(1)</script>')}`,
    'depthPerPct=1e999',
    'shockPct=0x10',
    'traders=5000000',
    `${encodeURIComponent('"><img src=x onerror="window.__pwned=2">')}=1`,
    'marginTiers=%3Cimg%20src%3Dx%20onerror%3Dalert(3)%3E',
    'circuitBreaker.levelsPct=5,3',
    'preset=__proto__',
    `v=${MODEL_VERSION}`,
  ].join('&');
  const defaults = await openPage(browser, server.origin, '/');
  const { page, context, log } = await openPage(browser, server.origin, `/?${hostile}`);
  try {
    await page.waitForTimeout(300);
    assert.deepEqual(log.dialogs, [], 'no dialog opened');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0);
    // Only the page's own module scripts exist: nothing was injected.
    const scripts = (p) => p.evaluate(() => [...document.scripts].map((s) => s.src || `inline: ${s.textContent}`));
    assert.deepEqual(await scripts(page), await scripts(defaults.page));

    assert.equal(await page.isVisible('#notice'), true);
    const notice = await page.textContent('#notice');
    for (const key of ['leverage', 'depthPerPct', 'shockPct', 'traders', 'marginTiers', 'circuitBreaker.levelsPct', 'preset', '<img src=x']) {
      assert.ok(notice.includes(key), `notice names ${key}: ${notice}`);
    }
    assert.ok(notice.includes('<script>'), 'the hostile value is shown as text');
    assert.ok((await page.innerHTML('#notice')).includes('&lt;script&gt;'), 'and escaped in the DOM');

    // Every field fell back to its default: same controls and readout as a plain load.
    assert.equal(await page.textContent('#leverage-out'), await defaults.page.textContent('#leverage-out'));
    assert.equal(await page.textContent('#depthPerPct-out'), await defaults.page.textContent('#depthPerPct-out'));
    assert.deepEqual(await bigNumbers(page), await bigNumbers(defaults.page));
    assert.equal(await page.evaluate(() => location.search), `?v=${MODEL_VERSION}`);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  } finally {
    await context.close();
    await defaults.context.close();
  }
});

test('values beyond a slider, and values the model rejects, are refused by name', async () => {
  const rows = encodeURIComponent(JSON.stringify([{ upToNotional: 1e6, maxLeverage: 500, maintenancePct: 0.5 }]));
  const { page, context, log } = await openPage(browser, server.origin, `/?leverage=300&shockPct=-80&marginTiers=${rows}&traders=1000`);
  try {
    const items = await page.$$eval('#notice-list li', (lis) => lis.map((li) => li.textContent));
    assert.ok(items.some((t) => t.startsWith('leverage = “300”: must be between 1 and 125')), items.join('\n'));
    assert.ok(items.some((t) => t.startsWith('shockPct = “-80”: must be between -50 and 50')), items.join('\n'));
    // The tier table parses, but the model rejects it: its own message is shown.
    assert.ok(items.some((t) => t.startsWith('marginTiers') && /125|leverage/i.test(t)), items.join('\n'));
    // The valid field is kept.
    assert.equal(await page.textContent('#traders-out'), '1,000');
    assert.equal(await page.inputValue('#marginTiers'), 'none');
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test('Copy link copies the current link', async () => {
  const { page, context } = await openPage(browser, server.origin, '/?leverage=15');
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    await page.click('#copy');
    await page.waitForFunction(() => document.getElementById('share-status').textContent.length > 0);
    assert.equal(await page.textContent('#share-status'), 'Link copied.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, await page.inputValue('#link'));
    assert.ok(copied.includes('leverage=15') && copied.includes('v='));
  } finally {
    await context.close();
  }
});

test('CSV export holds the parameters and every series of the four scenarios', async () => {
  const { page, context } = await openPage(browser, server.origin, '/?leverage=15&ticks=300');
  try {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    assert.equal(download.suggestedFilename(), 'leverage-cascade-data.csv');
    const text = await readFile(await download.path(), 'utf8');
    const lines = text.trimEnd().split('\n');
    assert.match(lines[0], /^# leverage-cascade lab export, model version \d+/);
    // Each setting's value, then the words the page shows for it.
    assert.ok(lines.includes('# leverage,15,15×'), lines.filter((l) => l.startsWith('# leverage')).join(' '));
    assert.ok(lines.includes('# ticks,300'));
    assert.ok(lines.includes('# marginTiers,none,"Standard (Binance BTC, 2021)"'), 'the tier table as the page names it');
    const header = lines.find((l) => l.startsWith('tick,'));
    const columns = header.split(',');
    // Every series the API returns, for each of the four scenarios.
    // (The mark and the spot index are empty, and left out, when spot plays no part.)
    const series = await page.evaluate(async () => {
      const { series } = (await import('/pkg/leverage_cascade.js')).simulate({ ticks: 2 });
      return Object.keys(series).filter((key) => series[key].length > 0);
    });
    assert.ok(series.length >= 12, series.join(' '));
    assert.ok(!columns.includes('none_mark') && !columns.includes('none_index'));
    assert.equal(columns.length, 2 + 4 * series.length);
    for (const key of ['halted', 'depth', 'shortLiquidatedNotional', 'openedNotional']) assert.ok(columns.includes(`circuitBreaker_${key}`), key);
    assert.ok(!lines.some((l) => l.startsWith('# record')), 'no record for a market that is not a historical preset');
    const rows = lines.slice(lines.indexOf(header) + 1);
    assert.equal(rows.length, 300);
    const first = rows[0].split(',').map(Number);
    assert.equal(first.length, columns.length);
    assert.ok(first.every(Number.isFinite));

    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    const bytes = await readFile(await png.path());
    assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'a PNG file');
    // Both charts side by side, with a title and settings above and the link below: wider than
    // the two canvases together and taller than either.
    const [width, height] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
    const canvases = await page.evaluate(() => ['chart-price', 'chart-map'].map((id) => {
      const c = document.getElementById(id);
      return [c.width, c.height];
    }));
    assert.ok(width > canvases[0][0] + canvases[1][0], `${width} wide`);
    assert.ok(height > Math.max(canvases[0][1], canvases[1][1]) + 80, `${height} high`);
  } finally {
    await context.close();
  }
});

test('CSV export holds the mark and the spot index where the market has them', async () => {
  const { page, context } = await openPage(browser, server.origin, '/?preset=mark-price&ticks=120');
  try {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const lines = (await readFile(await download.path(), 'utf8')).trimEnd().split('\n');
    const header = lines.find((l) => l.startsWith('tick,'));
    const columns = header.split(',');
    for (const key of ['none_mark', 'none_index', 'both_mark', 'both_index']) assert.ok(columns.includes(key), key);
    const rows = lines.slice(lines.indexOf(header) + 1).map((r) => r.split(',').map(Number));
    assert.equal(rows.length, 120);
    assert.ok(rows.every((r) => r.length === columns.length && r.every(Number.isFinite)));
    // The futures fell over 1 % below the index, and the mark, which liquidates, stayed above
    // the futures' price then: the columns hold three different series.
    const [price, mark, index] = ['none_price', 'none_mark', 'none_index'].map((k) => columns.indexOf(k));
    assert.ok(rows.some((r) => r[price] < r[index] * 0.99 && r[mark] > r[price] * 1.005), 'a basis of over 1 %, the mark above the price');
  } finally {
    await context.close();
  }
});

test('a link can lock settings (shown, not movable) and hide others; presets and Reset keep them, and share links carry them', async () => {
  const path = '/?leverage=20&lock=leverage,shockPct&hide=traders,whaleConcentration';
  const { page, context, log } = await openPage(browser, server.origin, path);
  try {
    assert.equal(await page.isDisabled('#leverage'), true);
    assert.equal(await page.isDisabled('#shockPct'), true);
    assert.equal(await page.textContent('#leverage-out'), '20×');
    assert.match(await page.textContent('#leverage-locked'), /Set by the link you were given/);
    assert.match(await page.getAttribute('#leverage', 'aria-describedby'), /leverage-locked/);
    assert.equal(await page.isVisible('#traders'), false);
    assert.equal(await page.isVisible('#whaleConcentration'), false);
    assert.equal(await page.isDisabled('#depthPerPct'), false, 'the others still move');
    // A preset changes what is free, not what is locked or hidden.
    await page.selectOption('#preset', 'thin-book');
    await page.waitForFunction(() => location.search.includes('depthPerPct'));
    assert.equal(await page.textContent('#leverage-out'), '20×');
    await page.click('#reset');
    await page.waitForFunction(() => !location.search.includes('depthPerPct'));
    assert.equal(await page.textContent('#leverage-out'), '20×');
    const search = await page.evaluate(() => location.search);
    assert.match(search, /lock=leverage,shockPct/);
    assert.match(search, /hide=traders,whaleConcentration/);
    assert.match(search, /leverage=20/);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
  const odd = await openPage(browser, server.origin, '/?lock=nope,leverage&hide=ticks');
  try {
    const notice = await odd.page.textContent('#notice');
    assert.match(notice, /lock = “nope”: is not a setting this page knows/);
    assert.match(notice, /hide = “ticks”: has no control on this page/);
    assert.equal(await odd.page.isDisabled('#leverage'), true, 'the known one still applies');
  } finally {
    await odd.context.close();
  }
});
