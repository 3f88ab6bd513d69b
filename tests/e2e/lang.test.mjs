// The widget's second language (issue 20): Simplified Chinese chosen by the widget's `lang`
// attribute, the page's `lang` or the browser's language, with no English left on screen, in
// its text alternatives or on its canvases; English where English is asked for; a language
// switched at run time; an unknown language reported. And every language's catalogue has the
// English one's exports.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { closeSite, openSite, WWW } from './helpers.mjs';
import { settle, showWidget, waitWidget } from './embed-helpers.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await openSite()));
after(() => closeSite({ server, browser }));

/** A host page on the widget's own server, `body` in a document of language `lang` (none when null). */
async function host(body, { lang = null, locale = 'en-US' } = {}) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale });
  const html = `<!doctype html><html${lang ? ` lang="${lang}"` : ''}><head><meta charset="utf-8"><title>host</title>
<link rel="icon" href="data:,"><script type="module" src="/embed.js"></script></head><body>${body}</body></html>`;
  await context.route(`${server.origin}/__host.html`, (route) =>
    route.fulfill({ status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: html }),
  );
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  // Every text a canvas draws, whoever draws it.
  await page.addInitScript(() => {
    window.__drawn = [];
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
      window.__drawn.push(String(text));
      return fillText.call(this, text, ...rest);
    };
  });
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
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a page in English keeps the widget English for a Chinese browser; lang switches it at run time', async () => {
  const { page, context, errors } = await host('<leverage-cascade compact></leverage-cascade>', { lang: 'en', locale: 'zh-CN' });
  try {
    await showWidget(page, 0);
    assert.equal((await said(page, 0)).lang, 'en');
    await page.evaluate(() => document.querySelector('leverage-cascade').setAttribute('lang', 'zh'));
    await page.waitForFunction(() => document.querySelector('leverage-cascade').shadowRoot.querySelector('.root').getAttribute('lang') === 'zh-CN');
    await waitWidget(page, 0);
    await settle(page);
    const zh = await said(page, 0);
    assert.deepEqual(english(zh.texts), []);
    await page.evaluate(() => document.querySelector('leverage-cascade').setAttribute('lang', 'en'));
    await page.waitForFunction(() => document.querySelector('leverage-cascade').shadowRoot.querySelector('.root').getAttribute('lang') === 'en');
    await settle(page);
    const { texts } = await said(page, 0);
    assert.deepEqual(texts.filter((t) => /[\u3400-\u9fff]/.test(t)), [], 'back in English');
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
  const load = (lang) => import(pathToFileURL(join(WWW, 'lang', `widget-${lang}.js`)).href);
  const en = await load('en');
  const zh = await load('zh');
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
