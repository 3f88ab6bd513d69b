// Every control can be reached with Tab and changed with the arrow keys, with a visible focus.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeSite, openPage, openSite, settle } from './helpers.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await openSite()));
after(() => closeSite({ server, browser }));

/** What the focused element is, whether it is at its upper end, and how its focus looks. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el.type === 'radio' ? el.nextElementSibling : el);
    let atEnd = false;
    if (el.type === 'range') atEnd = Number(el.value) >= Number(el.max);
    if (el.tagName === 'SELECT') {
      const visible = [...el.options].filter((o) => !o.hidden);
      atEnd = el.selectedOptions[0] === visible[visible.length - 1];
    }
    return {
      id: el.id,
      tag: el.tagName,
      type: el.type || '',
      param: el.dataset.param || null,
      // A switch's value is its state.
      value: el.type === 'checkbox' ? String(el.checked) : el.value,
      atEnd,
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
    };
  });
}

test('Tab reaches every control, each shows its focus, and arrow keys change each one', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/');
  try {
    const params = await page.$$eval('[data-param]', (els) => els.map((e) => e.id));
    const wanted = new Set([...params, 'cursor', 'focus-none', 'preset', 'reset', 'tour-start', 'play', 'step', 'copy']);
    const changed = new Set();
    const seen = new Set();
    await page.evaluate(() => document.activeElement?.blur());
    for (let i = 0; i < 80 && seen.size < wanted.size + 10; i += 1) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      if (!f) continue;
      seen.add(f.id);
      if (f.id !== 'link' && f.id) {
        assert.notEqual(f.outline.split(' ')[0], 'none', `${f.id} shows a focus outline`);
      }
      if (!f.param && f.id !== 'cursor') continue;
      const searchBefore = await page.evaluate(() => location.search);
      // Arrow keys move sliders and selects; Space flips a switch (which then shows its own
      // settings, for the next Tabs).
      await page.keyboard.press(f.type === 'checkbox' ? 'Space' : f.atEnd ? 'ArrowLeft' : 'ArrowRight');
      await settle(page);
      const now = await focused(page);
      assert.equal(now.id, f.id, 'the arrow key keeps focus on the control');
      assert.notEqual(now.value, f.value, `${f.id} changed from ${f.value}`);
      if (f.param) {
        // Every parameter change reaches the URL (written shortly after the last change).
        await page.waitForFunction((s) => location.search !== s, searchBefore, { timeout: 10000 });
      }
      changed.add(f.id);
    }
    for (const id of wanted) assert.ok(seen.has(id), `Tab reaches #${id}`);
    for (const id of [...params, 'cursor']) assert.ok(changed.has(id), `the keyboard changes #${id}`);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test('the skip link jumps to the controls', async () => {
  const { page, context } = await openPage(browser, server.origin, '/');
  try {
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
    assert.equal(await page.isVisible('.skip'), true);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement.id);
    assert.equal(id, 'shockPct');
  } finally {
    await context.close();
  }
});
