// Accessibility: axe-core (the npm package, run in the page) finds no violation on the lab at
// 360 and 1440 px, light and dark, nor on the glossary example, embed.html and the assignment
// builder (teach.html).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { closeSite, openPage, openSite, ready, settle } from './helpers.mjs';
import { showWidget } from './embed-helpers.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server;
let browser;

before(async () => ({ server, browser } = await openSite()));
after(() => closeSite({ server, browser }));

/** axe's violations on the page as it stands, one line each. */
async function violations(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const { violations } = await window.axe.run(document, { resultTypes: ['violations'] });
    return violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

const pages = [
  ['/', 'lab'],
  ['/?preset=jan-2016', 'lab with a replay and its record'],
  ['/examples/glossary.html', 'glossary example'],
  ['/embed.html?compact', 'embed.html'],
  ['/teach.html?preset=thin-book&lock=leverage', 'assignment builder (the lab)'],
  ['/teach.html?for=widget&locked=leverage', 'assignment builder (the widget)'],
];

for (const [path, name] of pages) {
  for (const width of [360, 1440]) {
    for (const colorScheme of ['light', 'dark']) {
      test(`axe finds no violation on the ${name} at ${width} px, ${colorScheme}`, async () => {
        const { page, context, log } = await openPage(browser, server.origin, path, {
          viewport: { width, height: 900 },
          colorScheme,
          wait: false,
        });
        try {
          // Everything is drawn: the lab's results, or each widget (scrolled to, since a widget
          // out of view waits).
          if (path === '/' || path.startsWith('/?')) await ready(page);
          if (path.startsWith('/teach.html')) await page.waitForFunction(() => document.getElementById('out-link').value.startsWith('http'), null, { timeout: 30000 });
          const widgets = await page.evaluate(() => document.querySelectorAll('leverage-cascade').length);
          for (let i = widgets - 1; i >= 0; i -= 1) await showWidget(page, i);
          await settle(page);
          assert.deepEqual(log.errors, []);
          // (axe itself then tries inline styles, which the test server's CSP refuses: that
          // shows in the console, so the console is checked before.)
          assert.deepEqual(await violations(page), []);
        } finally {
          await context.close();
        }
      });
    }
  }
}
