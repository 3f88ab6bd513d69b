// Offline (issue 20, point 4): after one visit, the lab (its explorations too), the builder and
// the widget's page work with the network off (www/sw.js, www/offline-files.js); a new version
// of the site replaces the kept copy whole, and the old one is deleted.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { ROOT, WWW, closeSite, openPage, openSite, ready, settle, startServer } from './helpers.mjs';
import { waitWidget } from './embed-helpers.mjs';

let server;
let browser;
let copy;

// A copy of the site, so the update test can change a file under the running server.
before(async () => {
  copy = mkdtempSync(join(tmpdir(), 'lc-offline-'));
  cpSync(WWW, copy, { recursive: true });
  ({ server, browser } = await openSite(() => startServer(copy)));
});
after(async () => {
  await closeSite({ server, browser });
  rmSync(copy, { recursive: true, force: true });
});

/** How many service worker registrations the page's origin has (run in the page). */
const registrations = () => navigator.serviceWorker.getRegistrations().then((r) => r.length);

/**
 * Whether the page's origin has a service worker registration within 15 s. It asks every
 * 100 ms: page.waitForFunction would take the promise `registrations` returns as true at once.
 */
async function registered(page) {
  for (const until = Date.now() + 15000; Date.now() < until; await page.waitForTimeout(100)) {
    if (await page.evaluate(registrations)) return true;
  }
  return false;
}

/** Waits until the service worker controls the page and its cache holds every listed file. */
async function kept(page) {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    for (let i = 0; i < 300 && !navigator.serviceWorker.controller; i += 1) await new Promise((done) => setTimeout(done, 50));
    const listed = await (await fetch('offline-files.js')).text();
    const version = /"version": "([^"]+)"/.exec(listed)[1];
    const count = JSON.parse(listed.slice(listed.indexOf('{'), listed.lastIndexOf('}') + 1)).files.length;
    const name = `leverage-cascade ${new URL(navigator.serviceWorker.controller?.scriptURL || location.href).pathname.replace(/[^/]*$/, '')} ${version}`;
    for (let i = 0; i < 300; i += 1) {
      if ((await caches.has(name)) && (await (await caches.open(name)).keys()).length === count) break;
      await new Promise((done) => setTimeout(done, 50));
    }
    return { name, count, caches: await caches.keys(), entries: (await (await caches.open(name)).keys()).length, controlled: Boolean(navigator.serviceWorker.controller) };
  });
}

test('after one visit to the lab, the lab, the builder and the widget work with the network off', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/');
  try {
    const cache = await kept(page);
    assert.equal(cache.controlled, true);
    assert.equal(cache.entries, cache.count, `every listed file is kept: ${JSON.stringify(cache)}`);
    assert.ok(cache.count > 30);

    await context.setOffline(true);
    // The lab, from a link with settings: the cached page answers whatever the query string.
    await page.goto(`${server.origin}/?preset=thin-book&leverage=20`);
    await ready(page);
    assert.equal(await page.textContent('#leverage-out'), '20×');
    assert.match(await page.textContent('#cards'), /%/);
    await page.focus('#leverage');
    await page.keyboard.press('ArrowRight');
    await settle(page);
    assert.notEqual(await page.textContent('#leverage-out'), '20×', 'the sliders still work');
    // The explorations' worker and its own package start offline too.
    await page.locator('#explore').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.getElementById('explore-map-progress').value > 0, null, { timeout: 30000 });

    // The widget's own page and the builder, never visited online in this browser.
    await page.goto(`${server.origin}/embed.html?compact&preset=thin-book`);
    await waitWidget(page, 0);
    await page.goto(`${server.origin}/teach.html?preset=thin-book`);
    await page.waitForFunction(() => document.getElementById('out-link').value.includes('depthPerPct=40000000'), null, { timeout: 30000 });

    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.foreign, []);
    // Something the site does not have fails as a missing page would, not with a stale answer.
    const missing = await page.evaluate(() => fetch('nowhere.html').then(() => 'answered', () => 'failed'));
    assert.equal(missing, 'failed');
  } finally {
    await context.close();
  }
});

test('the offline copy is made once the controls have been still for a moment, not during a drag', async () => {
  // Making it fetches and stores the whole site on other threads; on two cores that slowed the
  // inputs of a slider being moved at the time (www/shared/offline.js).
  const { page, context } = await openPage(browser, server.origin, '/');
  try {
    await ready(page);
    await page.focus('#shockPct');
    // Four seconds of small moves, well past the second after loading when the copy used to
    // start: none is made while they go on.
    const until = Date.now() + 4000;
    for (let i = 0; Date.now() < until; i += 1) {
      await page.keyboard.press(i % 2 ? 'ArrowLeft' : 'ArrowRight');
      await page.waitForTimeout(250);
    }
    assert.equal(await page.evaluate(registrations), 0, 'no offline copy while a control moves');
    const still = Date.now();
    assert.ok(await registered(page), 'made once the controls are still');
    assert.ok(Date.now() - still >= 1000, 'not at once: after a moment without a move');
    assert.equal((await kept(page)).controlled, true);
  } finally {
    await context.close();
  }
});

test('a new version of the site replaces the kept copy whole, and the old copy is deleted', async () => {
  const { page, context } = await openPage(browser, server.origin, '/');
  const index = join(copy, 'index.html');
  const original = readFileSync(index, 'utf8');
  try {
    const first = await kept(page);
    assert.deepEqual(first.caches, [first.name]);

    // The site changes: one page's words, and the list's version with it (as make build does).
    writeFileSync(index, original.replace('<h1>Leverage cascade lab</h1>', '<h1>Leverage cascade lab, updated</h1>'));
    execFileSync('node', [join(ROOT, 'scripts', 'offline-files.mjs'), copy]);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const second = await kept(page);
    assert.notEqual(second.name, first.name, 'a new version');
    assert.equal(second.entries, second.count);
    // The old copy goes when the new worker takes over, a moment after the new copy is complete.
    await page.waitForFunction(async (name) => (await caches.keys()).join() === name, second.name, { timeout: 15000 });

    await context.setOffline(true);
    await page.goto(`${server.origin}/`);
    await ready(page);
    assert.equal(await page.textContent('h1'), 'Leverage cascade lab, updated', 'offline, the new version answers');
  } finally {
    writeFileSync(index, original);
    execFileSync('node', [join(ROOT, 'scripts', 'offline-files.mjs'), copy]);
    await context.close();
  }
});

test('framed by another site, embed.html does not install the offline copy; opened on its own, it does', async () => {
  // Chromium refuses service workers to third-party frames unless third-party storage is
  // allowed, which some browsers and settings do: this browser allows it, so the check in
  // www/shared/offline.js is what keeps the frame from installing the site.
  const open = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-features=TrackingProtection3pcd,BlockThirdPartyCookies,ThirdPartyCookieDeprecationTrial', '--test-third-party-cookie-phaseout=false'],
  });
  try {
    // A course page on another origin of this machine ("localhost" against the site's
    // 127.0.0.1): a routed public origin may not frame a loopback one.
    const host = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course</title></head><body><iframe src="${server.origin}/embed.html?compact" width="360" height="420" title="Leverage cascade simulator"></iframe></body></html>`);
    });
    await new Promise((done) => host.listen(0, 'localhost', done));
    after(() => host.close());
    const context = await open.newContext();
    const page = await context.newPage();
    await page.goto(`http://localhost:${host.address().port}/page.html`);
    const inner = await (await page.waitForSelector('iframe')).contentFrame();
    await waitWidget(inner, 0);
    // Longer than a page of the site waits before it registers (www/shared/offline.js).
    await page.waitForTimeout(4000);
    assert.equal(await inner.evaluate(registrations), 0, 'no registration from the framed widget');
    // The same page opened on its own registers within a few seconds: the check above could fail.
    await page.goto(`${server.origin}/embed.html?compact`);
    await waitWidget(page, 0);
    assert.ok(await registered(page), 'the page on its own registers');
    await context.close();
  } finally {
    await open.close();
  }
});
