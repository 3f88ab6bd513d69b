// The second language (issue 20). The widget: Simplified Chinese chosen by its `lang`
// attribute, the page's `lang` or the browser's language, with no English left on screen, in
// its text alternatives or on its canvases; English where English is asked for; a language
// switched at run time; an unknown language reported. The lab: lang=zh or a Chinese browser,
// with the same check over the whole page, kept by its links. And every language's catalogues
// have the English ones' exports and cover the page's fixed text.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { closeSite, openSite, ready, WWW } from './helpers.mjs';
import { settle, showWidget, waitWidget } from './embed-helpers.mjs';

/** A catalogue module of www/lang/, by file name. */
const load = (name) => import(pathToFileURL(join(WWW, 'lang', name)).href);

let server;
let browser;

before(async () => ({ server, browser } = await openSite()));
after(() => closeSite({ server, browser }));

/**
 * A new page of `context` that records its errors and every text a canvas of the page draws
 * (in `window.__drawn`), whoever draws it.
 */
async function watched(context) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.addInitScript(() => {
    window.__drawn = [];
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
      window.__drawn.push(String(text));
      return fillText.call(this, text, ...rest);
    };
  });
  return { page, errors };
}

/** A host page on the widget's own server, `body` in a document of language `lang` (none when null). */
async function host(body, { lang = null, locale = 'en-US' } = {}) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale });
  const html = `<!doctype html><html${lang ? ` lang="${lang}"` : ''}><head><meta charset="utf-8"><title>host</title>
<link rel="icon" href="data:,"><script type="module" src="/embed.js"></script></head><body>${body}</body></html>`;
  await context.route(`${server.origin}/__host.html`, (route) =>
    route.fulfill({ status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: html }),
  );
  const { page, errors } = await watched(context);
  await page.goto(`${server.origin}/__host.html`);
  return { page, context, errors };
}

/**
 * What widget `index` says: its text, the text alternatives (aria-label, aria-valuetext,
 * title), the lang of its root, and, when `drawn` is set, every text drawn on a canvas since
 * the page loaded.
 */
function said(page, index) {
  return page.evaluate((i) => {
    const root = document.querySelectorAll('leverage-cascade')[i].shadowRoot;
    const texts = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('[hidden]') || ['STYLE', 'SCRIPT'].includes(parent.tagName)) continue;
      if (node.textContent.trim()) texts.push(node.textContent.trim());
    }
    for (const el of root.querySelectorAll('*')) {
      if (el.closest('[hidden]')) continue;
      for (const name of ['aria-label', 'aria-valuetext', 'title', 'alt', 'placeholder']) {
        const value = el.getAttribute(name);
        if (value) texts.push(value);
      }
    }
    return { texts, lang: root.querySelector('.root').getAttribute('lang'), drawn: [...window.__drawn] };
  }, index);
}

/** The texts with a Latin letter in them. */
const english = (texts) => texts.filter((t) => /[A-Za-z]/.test(t));

/** Moves the first slider of widget `index` two steps with the keyboard and flips its breaker. */
async function play(page, index) {
  await page.evaluate((i) => {
    const root = document.querySelectorAll('leverage-cascade')[i].shadowRoot;
    root.querySelector('input[type=range]').focus();
  }, index);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.evaluate((i) => document.querySelectorAll('leverage-cascade')[i].shadowRoot.querySelector('input[role=switch]').click(), index);
  await settle(page);
  await settle(page);
}

test('lang="zh" and a page in Chinese give a widget with no English: text, alternatives and charts', async () => {
  const { page, context, errors } = await host(
    `<leverage-cascade compact lang="zh"></leverage-cascade>
     <div lang="zh-Hans"><leverage-cascade preset="circuit-breaker" controls="shockPct,leverage,depthPerPct,traders,longShare,whaleConcentration,recoveryHalfLife,insuranceFund,breaker"></leverage-cascade></div>`,
  );
  try {
    for (const i of [0, 1]) {
      await showWidget(page, i);
      await play(page, i);
      const { texts, lang, drawn } = await said(page, i);
      assert.equal(lang, 'zh-CN', `widget ${i} declares its language`);
      assert.deepEqual(english(texts), [], `widget ${i}: English text`);
      assert.ok(texts.some((t) => /被强平/.test(t)), `widget ${i} tells what was liquidated: ${texts.join(' | ')}`);
      assert.deepEqual(english(drawn), [], `widget ${i}: English on a canvas`);
      assert.ok(drawn.some((t) => /冲击后的时间/.test(t)), 'the time axis is drawn in Chinese');
    }
    const labLink = await page.evaluate(() => document.querySelector('leverage-cascade').shadowRoot.querySelector('.lab-link').href);
    assert.match(labLink, /index\.html\?.*\blang=zh\b/, 'the full lab opens in Chinese');
    const headline = await page.evaluate(() => document.querySelector('leverage-cascade').shadowRoot.querySelector('.headline').textContent);
    assert.match(headline, /^有熔断时，−5%的冲击.+（\d+(\.\d)?×）；没有熔断时.+。$/, headline);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the browser language decides when nothing is declared, and lang="en" keeps English', async () => {
  const { page, context, errors } = await host(
    `<leverage-cascade compact></leverage-cascade><leverage-cascade compact lang="en"></leverage-cascade>`,
    { locale: 'zh-CN' },
  );
  try {
    await showWidget(page, 0);
    await showWidget(page, 1);
    const chinese = await said(page, 0);
    assert.equal(chinese.lang, 'zh-CN');
    assert.deepEqual(english(chinese.texts), []);
    const { texts, lang } = await said(page, 1);
    assert.equal(lang, 'en');
    assert.deepEqual(texts.filter((t) => /[\u3400-\u9fff]/.test(t)), [], 'no Chinese in the English widget');
    assert.ok(texts.some((t) => /^Without a breaker, a −5\u00a0% shock/.test(t)), texts.join(' | '));
    // Its lab opens in English too, whatever the browser prefers.
    const labLink = await page.evaluate(() => document.querySelectorAll('leverage-cascade')[1].shadowRoot.querySelector('.lab-link').href);
    assert.match(labLink, /[?&]lang=en(&|$)/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

/** What widget 0's reader has set: the leverage slider's position and the breaker switch. */
function settings(page) {
  return page.evaluate(() => {
    const root = document.querySelector('leverage-cascade').shadowRoot;
    return { leverage: root.getElementById('lc-leverage').value, breaker: root.querySelector('input[role=switch]').checked };
  });
}

test('a page in English keeps the widget English for a Chinese browser; lang switches it at run time, settings kept', async () => {
  const { page, context, errors } = await host('<leverage-cascade compact></leverage-cascade>', { lang: 'en', locale: 'zh-CN' });
  try {
    await showWidget(page, 0);
    assert.equal((await said(page, 0)).lang, 'en');
    await play(page, 0);
    const before = await settings(page);
    assert.deepEqual(before.breaker, true);
    await page.evaluate(() => document.querySelector('leverage-cascade').setAttribute('lang', 'zh'));
    await page.waitForFunction(() => document.querySelector('leverage-cascade').shadowRoot.querySelector('.root').getAttribute('lang') === 'zh-CN');
    await waitWidget(page, 0);
    await settle(page);
    const zh = await said(page, 0);
    assert.deepEqual(english(zh.texts), []);
    assert.deepEqual(await settings(page), before, 'the reader’s settings survive the switch');
    assert.match(zh.texts.find((t) => t.startsWith('有熔断时')) ?? '', /^有熔断时/, 'the scenario in view too');
    await page.evaluate(() => document.querySelector('leverage-cascade').setAttribute('lang', 'en'));
    await page.waitForFunction(() => document.querySelector('leverage-cascade').shadowRoot.querySelector('.root').getAttribute('lang') === 'en');
    await settle(page);
    const { texts } = await said(page, 0);
    assert.deepEqual(texts.filter((t) => /[\u3400-\u9fff]/.test(t)), [], 'back in English');
    assert.deepEqual(await settings(page), before);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('an unknown lang is reported, and the widget speaks the page’s language', async () => {
  const { page, context, errors } = await host('<leverage-cascade compact lang="fr"></leverage-cascade>', { lang: 'zh-CN' });
  try {
    await showWidget(page, 0);
    const messages = await page.evaluate(() => document.querySelector('leverage-cascade').shadowRoot.querySelector('.messages').textContent);
    assert.match(messages, /lang“fr”不可用.*en, zh/, messages);
    assert.equal((await said(page, 0)).lang, 'zh-CN');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('every language’s widget words have the English ones’ names, and say each thing', async () => {
  const en = await load('widget-en.js');
  const zh = await load('widget-zh.js');
  const shape = (words) =>
    Object.keys(words)
      .sort()
      .map((k) => (typeof words[k] === 'object' && words[k] !== null && !Array.isArray(words[k]) ? `${k}{${Object.keys(words[k]).sort()}}` : k));
  assert.deepEqual(shape(zh), shape(en));
  // The scenarios in the same order, and the charts' words one a line.
  assert.deepEqual(zh.SCENARIOS.map((s) => s.key), en.SCENARIOS.map((s) => s.key));
  const { CHART_WORDS } = await import(pathToFileURL(join(WWW, 'shared', 'words-en.js')).href);
  assert.equal(zh.CHART_WORDS.split('\n').length, CHART_WORDS.length);
  // Each message says something, and in Chinese.
  const samples = {
    detail: ['m'],
    wrong: ['m'],
    badHeight: ['x', 280],
    badTheme: ['x'],
    badLang: ['fr', 'en, zh'],
    preset: [{ id: 'default', title: 'Default' }],
    noPreset: ['x', zh.UI.defaults, 'a, b'],
    badJson: ['m', zh.UI.defaults],
    notObject: [zh.UI.defaults],
    notUsed: ['m', zh.UI.defaults],
    badSettings: ['m'],
    keptLast: ['m'],
    notDrawn: ['m'],
    unknown: ['controls', ['x'], 'a, b'],
  };
  assert.deepEqual(Object.keys(samples).sort(), Object.keys(zh.SAY).sort(), 'a sample for every message');
  for (const [key, args] of Object.entries(samples)) {
    const text = zh.SAY[key](...args);
    assert.ok(/[\u3400-\u9fff]/.test(text) && !text.includes('undefined'), `${key}: ${text}`);
  }
});

// ---------------------------------------------------------------------------------------------
// The lab

/**
 * Names a Chinese page may write in Latin letters: the software and what a host types (pkg/,
 * .wasm, iframe), the venues and their contracts, and the sources the record cites (publishers,
 * authors, documents). Longer names first, so a name inside another is removed with it.
 */
const NAMES = [
  'application/wasm', 'Crypto News Australia', 'C. O. Alexander', 'LedgerPrime Research', 'Kaiko Research', 'Yellow Research',
  'Binance Square', 'China.org.cn', 'leverage-cascade', 'WebAssembly', 'Hyperliquid', 'Coinspeaker', 'CryptoSlate',
  'Stop Logic', 'CoinGlass', 'Amberdata', 'NewsBreak', 'DOMAIN.md', 'Mpelembe', 'CryptoIQ', 'Lexology', 'USLegal',
  'LedgerPrime', 'BTCUSDT', 'XBTUSD', 'E-mini', 'Binance', 'BitMEX', 'Reuters', 'GitHub', 'Firefox', 'Chrome',
  'Safari', 'README', 'file://', 'Kaiko', 'Bybit', 'Bybt', 'Edge', 'CFTC', 'OKX', 'CME', 'SEC', 'CSI', 'S&P', 'Dow',
  'BTC', 'ETH', 'ETF', 'PDF', 'ADL', 'PNG', 'CSV', 'Ctrl', 'Mac', 't分布', '.wasm', 'pkg/', 'iframe',
];
const latin = (texts) =>
  texts.filter((t) => /[A-Za-z]/.test(NAMES.reduce((rest, name) => rest.split(name).join(''), t).replace(/\bn\b/g, '')));

/** The lab at `query` in a context of browser language `locale`, with every canvas text recorded. */
async function lab(query, locale = 'en-US') {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale });
  const { page, errors } = await watched(context);
  await page.goto(`${server.origin}/index.html${query}`);
  await ready(page);
  return { page, context, errors };
}

/** Every visible text of the lab (outside translate="no"), its text alternatives and its canvas texts. */
function labSays(page) {
  return page.evaluate(() => {
    const texts = [];
    // An option is on screen when its menu is.
    const shown = (el) => {
      const box = el && (el.closest('select') || el);
      return Boolean(box) && !box.closest('[hidden]') && box.getClientRects().length > 0;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName) || parent.closest('[translate="no"]')) continue;
      if (shown(parent) && node.textContent.trim()) texts.push(node.textContent.trim());
    }
    for (const el of document.body.querySelectorAll('*')) {
      if (!shown(el)) continue;
      for (const name of ['aria-label', 'aria-valuetext', 'title', 'alt', 'placeholder']) {
        const value = el.getAttribute(name);
        if (value) texts.push(value);
      }
    }
    return { texts, drawn: [...window.__drawn], lang: document.documentElement.lang, title: document.title };
  });
}

test('the lab in Chinese: no English in its text, alternatives or charts, before and after playing, and its links keep lang', async () => {
  const { page, context, errors } = await lab('?lang=zh');
  try {
    let said = await labSays(page);
    assert.equal(said.lang, 'zh-CN');
    assert.equal(said.title, '杠杆连环清算实验室');
    assert.deepEqual(latin(said.texts), [], 'English on the lab');
    assert.deepEqual(latin(said.drawn), [], 'English on its charts');
    assert.ok(said.texts.some((t) => t.startsWith('同样的交易者，同样的−5%的冲击')), said.texts.slice(0, 30).join(' | '));
    // Play one step, move the leverage, pick a historical preset (its record), open the tour.
    await page.click('#step');
    await page.focus('#leverage');
    await page.keyboard.press('ArrowRight');
    await page.selectOption('#preset', 'may-2021');
    await page.waitForFunction(() => !document.getElementById('record').hidden);
    said = await labSays(page);
    assert.deepEqual(latin(said.texts), [], 'English after playing, a slider and a replay');
    assert.ok(said.texts.some((t) => /历史记录|公布的数字/.test(t)), 'the record is shown');
    await page.click('#tour-start');
    await page.waitForFunction(() => !document.getElementById('tour').hidden);
    said = await labSays(page);
    assert.deepEqual(latin(said.texts), [], 'English in the tour');
    assert.deepEqual(latin(said.drawn), [], 'English on the charts after all that');
    assert.match(await page.inputValue('#link'), /[?&]lang=zh(&|$)/, 'the share link keeps the language');
    // The explorations, built once they are near the screen, and their maps once drawn.
    await page.click('#tour-close');
    await page.evaluate(() => document.getElementById('explore').scrollIntoView());
    await page.waitForSelector('#explore[data-ready="true"]', { timeout: 20000 });
    await page.click('#explore-draw');
    await page.waitForFunction(() => document.getElementById('explore-map-none').dataset.drawnState === 'done', null, { timeout: 60000 });
    said = await labSays(page);
    assert.ok(said.texts.some((t) => t.startsWith('完成：2张地图')), 'the maps say they are done');
    assert.deepEqual(latin(said.texts), [], 'English in the explorations');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a Chinese browser gets the Chinese lab, lang=en the English one, and an unknown lang is reported', async () => {
  for (const [query, locale, lang] of [
    ['', 'zh-CN', 'zh-CN'],
    ['?lang=en', 'zh-CN', 'en'],
    ['?lang=xx', 'zh-CN', 'zh-CN'],
  ]) {
    const { page, context, errors } = await lab(query, locale);
    try {
      const said = await labSays(page);
      assert.equal(said.lang, lang, `${query} in ${locale}`);
      if (lang === 'en') assert.deepEqual(said.texts.filter((t) => /[\u3400-\u9fff]/.test(t)), [], 'no Chinese in English');
      if (query === '?lang=xx') {
        assert.match(await page.textContent('#notice-list'), /lang = “xx”：不是本页面支持的语言（en, zh）/);
      }
      // The language a link did not ask for stays out of the links the page writes.
      if (query === '') assert.doesNotMatch(await page.inputValue('#link'), /lang=/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
});

test('when the simulator cannot start, a Chinese reader is told so in Chinese', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  try {
    const { page } = await watched(context);
    await page.route(/\.wasm$/, (route) => route.abort());
    await page.goto(`${server.origin}/index.html`);
    await page.waitForFunction(() => !document.getElementById('fatal').hidden, null, { timeout: 20000 });
    const said = await labSays(page);
    assert.equal(await page.textContent('#headline'), '模拟器无法启动。');
    assert.deepEqual(latin(said.texts.filter((t) => !t.startsWith('技术细节'))), []);
  } finally {
    await context.close();
  }
});

test('every language’s lab words have the English ones’ names, and its page map covers all of index.html', async () => {
  const en = await load('lab-en.js');
  const zh = await load('lab-zh.js');
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  // Every preset, tour step and record figure has its words.
  const { PRESETS_EN } = await import(pathToFileURL(join(WWW, 'shared', 'presets-en.js')).href);
  const { RECORDS_EN } = await import(pathToFileURL(join(WWW, 'shared', 'records-en.js')).href);
  const { TOUR } = await import(pathToFileURL(join(WWW, 'lab', 'tour.js')).href);
  const { PRESETS_ZH } = await load('presets-zh.js');
  const { RECORDS_ZH } = await load('records-zh.js');
  const { TOUR_ZH } = await load('tour-zh.js');
  assert.deepEqual(Object.keys(PRESETS_ZH).sort(), Object.keys(PRESETS_EN).sort());
  assert.ok(Object.values(PRESETS_ZH).every((p) => p.title && p.summary));
  assert.equal(TOUR_ZH.length, TOUR.length);
  assert.deepEqual(Object.keys(RECORDS_ZH).sort(), Object.keys(RECORDS_EN).sort());
  for (const [id, record] of Object.entries(RECORDS_EN)) {
    const zhRecord = RECORDS_ZH[id];
    assert.equal(zhRecord.figures.length, record.figures.length, id);
    record.figures.forEach((f, i) => assert.equal(zhRecord.figures[i].links.length, f.links.length, `${id} ${f.key}`));
    assert.equal(zhRecord.pathLinks.length, record.pathLinks.length, id);
    assert.equal((zhRecord.pathLabels || []).length, record.path.length, id);
  }
  for (const table of ['SAY', 'REASONS', 'LAB_FORMATS', 'RECORD_WORDS']) {
    assert.deepEqual(Object.keys(zh[table]).sort(), Object.keys(en[table]).sort(), table);
  }
  // Each piece of index.html's fixed text (shared/translate.js) has its translation.
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.route(/\/(main|explore\/panel)\.js$/, (route) => route.abort());
    await page.goto(`${server.origin}/index.html`);
    const missing = await page.evaluate(async () => {
      const { keyOf, pieces } = await import('/shared/translate.js');
      const { HTML_ZH } = await import('/lang/lab-html-zh.js');
      const keys = pieces(document.body).map((p) => p.key);
      keys.push(document.title, document.querySelector('meta[name="description"]').content);
      const tags = (html) => (html.match(/<\/?[a-zA-Z0-9]+/g) || []).join(' ');
      // A translation must have its English's tags, in order (translate() refuses it otherwise).
      const unlike = Object.entries(HTML_ZH).filter(([k, v]) => tags(k) !== tags(v)).map(([k]) => k);
      // A control labelled with its parameter's catalogue label in English is labelled with the
      // Chinese one in Chinese (words-zh.js, from src/model/words.rs): one name per setting.
      const { WORDS_EN } = await import('/shared/words-en.js');
      const { WORDS_ZH } = await import('/shared/words-zh.js');
      const renamed = [];
      for (const input of document.querySelectorAll('[data-param]')) {
        const label = document.querySelector(`label[for="${input.id}"]`);
        const text = label && keyOf((label.querySelector('span') || label).textContent);
        const path = input.dataset.param.replace(/\.firstLevelPct$/, '.levelsPct');
        if (text && text === WORDS_EN[`${path}.label`] && HTML_ZH[text] !== WORDS_ZH[`${path}.label`]) {
          renamed.push(`${path}: ${HTML_ZH[text]} ≠ ${WORDS_ZH[`${path}.label`]}`);
        }
      }
      return [...keys.filter((k) => !Object.hasOwn(HTML_ZH, k)), ...unlike, ...renamed];
    });
    assert.deepEqual(missing, []);
  } finally {
    await context.close();
  }
});

test('the model’s refusals are told in Chinese: each rule it writes has its translation', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${server.origin}/index.html?lang=zh`);
    await ready(page);
    const told = await page.evaluate(async () => {
      const { loadApi } = await import('/shared/api.js');
      const { modelError } = await import('/lang/model-errors-zh.js');
      const { api } = await loadApi(new URL('/pkg/', location.href));
      const tier = (upToNotional, maxLeverage, maintenancePct) => ({ upToNotional, maxLeverage, maintenancePct });
      const refused = [
        { leverage: 500 },
        { traders: 5.5 },
        { tickSeconds: 0 },
        { circuitBreaker: { levelsPct: [7, 5, 20] } },
        { circuitBreaker: { levelsPct: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] } },
        { marginTiers: [tier(1e6, 50, 1), tier(1e7, 75, 1)] },
        { marginTiers: [tier(1e6, 50, 3)] },
        { marginTiers: [tier(1e7, 50, 1), tier(1e6, 20, 2)] },
        { marginTiers: [tier(1e6, 50, 1.5), tier(1e7, 20, 1)] },
      ];
      return refused.map((params) => {
        try {
          api.compare(params);
          return { params, message: null };
        } catch (err) {
          return { params, message: err.message, chinese: modelError(err.message) };
        }
      });
    });
    for (const { params, message, chinese } of told) {
      assert.ok(message, `the model refuses ${JSON.stringify(params)}`);
      // Only the field's path keeps its Latin letters.
      const [path, rule] = chinese.split('：');
      assert.ok(rule && !/[A-Za-z]/.test(rule.replace('maxLeverage', '')), `${message} → ${chinese} (${path})`);
    }
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------------
// The assignment builder

test('the builder speaks its reader’s browser language: no English in Chinese but names and code', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  try {
    const { page, errors } = await watched(context);
    await page.goto(`${server.origin}/teach.html?lang=en&for=widget`);
    await page.waitForFunction(() => document.getElementById('out-link').value.startsWith('http'), null, { timeout: 30000 });
    const said = await labSays(page);
    assert.equal(said.lang, 'zh-CN');
    assert.deepEqual(latin(said.texts), [], 'English on the builder');
    // lang= in its address is the assignment's language, not the builder's.
    assert.match(await page.inputValue('#out-element'), / lang="en"/);
    await page.check('input[name="target"][value="lab"]');
    assert.deepEqual(latin((await labSays(page)).texts), [], 'English on the builder, for the lab');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the builder’s words in each language have the same names, and its page map covers teach.html', async () => {
  const en = await load('teach-en.js');
  const zh = await load('teach-zh.js');
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  for (const table of ['SAY', 'RULES', 'FRAME_TITLE']) {
    assert.deepEqual(Object.keys(zh[table]).sort(), Object.keys(en[table]).sort(), table);
  }
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.route(/\/teach\.js$/, (route) => route.abort());
    await page.goto(`${server.origin}/teach.html`);
    const missing = await page.evaluate(async () => {
      const { pieces } = await import('/shared/translate.js');
      const { TEACH_HTML_ZH } = await import('/lang/teach-html-zh.js');
      const keys = pieces(document.body).map((p) => p.key);
      keys.push(document.title, document.querySelector('meta[name="description"]').content);
      const tags = (html) => (html.match(/<\/?[a-zA-Z0-9]+/g) || []).join(' ');
      const unlike = Object.entries(TEACH_HTML_ZH).filter(([k, v]) => tags(k) !== tags(v)).map(([k]) => k);
      return [...keys.filter((k) => !Object.hasOwn(TEACH_HTML_ZH, k)), ...unlike];
    });
    assert.deepEqual(missing, []);
  } finally {
    await context.close();
  }
});
