// Screenshots at phone (360 px) and desktop (1440 px) widths, light and dark, saved under
// target/e2e-screenshots/ for review; and the layout checks a screenshot cannot be trusted with.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SHOTS, canvasPrint, closeSite, openPage, openSite } from './helpers.mjs';

let server;
let browser;

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  ({ server, browser } = await openSite());
});
after(() => closeSite({ server, browser }));

const VIEWS = [
  { name: 'phone-360', viewport: { width: 360, height: 780 }, deviceScaleFactor: 2 },
  { name: 'desktop-1440', viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 },
];

for (const view of VIEWS) {
  for (const colorScheme of ['light', 'dark']) {
    test(`${view.name} ${colorScheme}: no horizontal overflow, charts visible, screenshot saved`, async () => {
      const { page, context, log } = await openPage(browser, server.origin, '/?preset=circuit-breaker', {
        viewport: view.viewport,
        deviceScaleFactor: view.deviceScaleFactor,
        colorScheme,
      });
      try {
        if (colorScheme === 'light') {
          await page.screenshot({ path: join(SHOTS, `lab-${view.name}-first-screen.png`) });
        }
        await page.click('#step');
        await page.click('#step');
        await page.evaluate(() => window.scrollTo(0, 0));
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= view.viewport.width, `page is ${width}px wide in a ${view.viewport.width}px window`);
        // Nothing pokes out of its box sideways (a long word, a wide select).
        const wide = await page.evaluate((w) => {
          return [...document.querySelectorAll('body *')]
            .filter((el) => el.getClientRects().length && el.getBoundingClientRect().right > w + 0.5)
            .map((el) => el.id || el.className || el.tagName);
        }, view.viewport.width);
        assert.deepEqual(wide, []);
        for (const id of ['chart-price', 'chart-map']) {
          const box = await page.locator(`#${id}`).boundingBox();
          assert.ok(box.width >= 280 && box.height >= 200, `${id} is ${box.width}×${box.height}`);
          assert.ok((await canvasPrint(page, id)).colours > 3, `${id} drawn`);
        }
        // A full-page capture of a sticky, scrolling sidebar shows it cut off; lay it out flat
        // for the picture only (CSSOM, which the page's CSP allows).
        await page.evaluate(() => {
          const side = document.querySelector('.side');
          side.style.position = 'static';
          side.style.maxHeight = 'none';
        });
        await page.screenshot({ path: join(SHOTS, `lab-${view.name}-${colorScheme}.png`), fullPage: true });
        assert.deepEqual(log.errors, []);
      } finally {
        await context.close();
      }
    });
  }
}

test('the tour panel at 360 px sits above the results', async () => {
  const { page, context } = await openPage(browser, server.origin, '/?tour=5', {
    viewport: { width: 360, height: 780 },
    deviceScaleFactor: 2,
  });
  try {
    const tour = await page.locator('#tour').boundingBox();
    const readout = await page.locator('#readout').boundingBox();
    assert.ok(tour.y < readout.y, 'tour first');
    await page.screenshot({ path: join(SHOTS, 'lab-phone-360-tour.png') });
  } finally {
    await context.close();
  }
});
