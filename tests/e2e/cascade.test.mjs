// The chain reaction on screen: the map's price axis lines up with the price chart's, to the
// pixel, and the map follows the time cursor (the dominoes fall as the cursor moves).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { canvasPrint, closeSite, openPage, openSite, settle } from './helpers.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await openSite()));
after(() => closeSite({ server, browser }));

/** Puts the time cursor at `tick` with the page's own slider. */
async function cursorAt(page, tick) {
  await page.evaluate((t) => {
    const slider = document.getElementById('cursor');
    slider.value = String(t);
    slider.dispatchEvent(new Event('input', { bubbles: true }));
  }, tick);
  await settle(page);
}

/**
 * Rows (page CSS px) at which column `at` (CSS px from the canvas's left) of a chart canvas is
 * not background (light theme: white).
 */
function inkRows(page, id, at) {
  return page.evaluate(
    ({ id, at }) => {
      const canvas = document.getElementById(id);
      const box = canvas.getBoundingClientRect();
      const scale = canvas.width / box.width;
      const data = canvas.getContext('2d').getImageData(Math.round(at * scale), 0, 1, canvas.height).data;
      const rows = [];
      for (let y = 0; y < canvas.height; y += 1) {
        const i = 4 * y;
        if (Math.abs(data[i] - 255) + Math.abs(data[i + 1] - 255) + Math.abs(data[i + 2] - 255) > 30) {
          rows.push(box.top + window.scrollY + y / scale);
        }
      }
      return rows;
    },
    { id, at },
  );
}

/** The longest run of rows less than 2 px apart, as [first, last]. */
function longestRun(rows) {
  let best = [0, -1];
  let start = 0;
  for (let i = 1; i <= rows.length; i += 1) {
    if (i === rows.length || rows[i] - rows[i - 1] >= 2) {
      if (rows[i - 1] - rows[start] > best[1] - best[0]) best = [rows[start], rows[i - 1]];
      start = i;
    }
  }
  return best;
}

/**
 * A chart's price axis: the extent of its axis line and the rows of its tick marks. The plot
 * starts 50 CSS px from the canvas's left (src/render/frame.rs, LEFT_SPACE): the axis line runs
 * down that column and the tick marks fill the 4 px before it, the labels further left (3 px
 * left of the axis, out of reach of a thick price path's rounded start).
 */
async function priceAxis(page, id) {
  const [top, bottom] = longestRun(await inkRows(page, id, 50));
  const ticks = lines(await inkRows(page, id, 47)).filter((y) => y >= top - 1 && y <= bottom + 1);
  return { top, bottom, ticks };
}

/** Groups rows less than 2 px apart and returns each group's middle. */
function lines(rows) {
  const groups = [];
  for (const y of rows) {
    const last = groups[groups.length - 1];
    if (last && y - last[last.length - 1] < 2) last.push(y);
    else groups.push([y]);
  }
  return groups.map((g) => (g[0] + g[g.length - 1]) / 2);
}

for (const deviceScaleFactor of [1, 2]) {
  test(`side by side, the map's price axis lines up with the price chart's within 2 px (DPR ${deviceScaleFactor})`, async () => {
    const { page, context, log } = await openPage(browser, server.origin, '/', { deviceScaleFactor });
    try {
      const sides = await page.evaluate(() => {
        const [p, m] = ['chart-price', 'chart-map'].map((id) => document.getElementById(id).getBoundingClientRect());
        return { price: [p.left, p.right, p.top], map: [m.left, m.right, m.top] };
      });
      assert.ok(sides.map[0] > sides.price[1], 'the map stands to the right of the price chart');
      // The axis lines span the same rows, and both charts put a tick mark at each round price
      // (the same prices: one range, one height).
      const price = await priceAxis(page, 'chart-price');
      const map = await priceAxis(page, 'chart-map');
      assert.ok(price.bottom - price.top > 100, `the price panel's axis: ${JSON.stringify(price)}`);
      assert.ok(Math.abs(map.top - price.top) <= 2, `tops ${map.top} and ${price.top}`);
      // (Not the bottoms: the map's money axis puts a tick mark for $0 under
      // the corner, which lengthens the line down that column.)
      assert.ok(map.ticks.length >= 3, `the map has tick marks: ${map.ticks}`);
      assert.equal(map.ticks.length, price.ticks.length, `${map.ticks} and ${price.ticks}`);
      map.ticks.forEach((y, i) => assert.ok(Math.abs(y - price.ticks[i]) <= 2, `tick ${i}: ${y} and ${price.ticks[i]}`));
      assert.deepEqual(log.errors, []);
    } finally {
      await context.close();
    }
  });
}

test('the liquidation map follows the time cursor: the dominoes fall as it moves', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/');
  try {
    // Longs liquidated (light theme #E69F00) against longs still open (#56B4E9), counted in
    // pixels of the map.
    const counts = () =>
      page.evaluate(() => {
        const canvas = document.getElementById('chart-map');
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let fallen = 0;
        let standing = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i] === 0xe6 && data[i + 1] === 0x9f && data[i + 2] === 0x00) fallen += 1;
          if (data[i] === 0x56 && data[i + 1] === 0xb4 && data[i + 2] === 0xe9) standing += 1;
        }
        return { fallen, standing };
      });
    const atEnd = await counts();
    const seen = [];
    for (const tick of [0, 2, 6, 15]) {
      await cursorAt(page, tick);
      seen.push(await counts());
    }
    // Some fall with the shock, more with each wave, and at every moment no more than at the
    // end of the run; what has fallen no longer stands.
    for (let i = 1; i < seen.length; i += 1) {
      assert.ok(seen[i].fallen > seen[i - 1].fallen, `more fallen at step ${i}: ${JSON.stringify(seen)}`);
      assert.ok(seen[i].standing < seen[i - 1].standing, `fewer standing at step ${i}: ${JSON.stringify(seen)}`);
    }
    assert.ok(seen[0].fallen > 0);
    assert.ok(seen[seen.length - 1].fallen <= atEnd.fallen);
    assert.ok(seen[0].fallen < atEnd.fallen / 2, `the shock alone fells less than half: ${JSON.stringify([seen[0], atEnd])}`);
    // Its text alternative tells the same moment.
    const label = await page.getAttribute('#chart-map', 'aria-label');
    assert.match(label, /^Liquidation prices \(No mitigation\).* t\u00a0=\u00a016\u00a0s, with the price at −[\d.]+\u00a0%: \$[\d.]+\u00a0[MB] of longs .* liquidated so far/, label);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test('Play holds each event for a beat, with the story in step, and never runs backwards', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/');
  try {
    const events = await page.$$eval('#events li[data-tick]', (items) => items.map((li) => Number(li.dataset.tick)));
    assert.ok(events.length >= 3, `the default run has events: ${events}`);
    await page.click('#play');
    // Sample the cursor and the narration every 40 ms for 3.5 s.
    const samples = await page.evaluate(
      () =>
        new Promise((done) => {
          const out = [];
          const start = performance.now();
          const timer = setInterval(() => {
            out.push({
              at: performance.now() - start,
              cursor: Number(document.getElementById('cursor').value),
              now: document.getElementById('now').textContent,
            });
            if (performance.now() - start > 3500) {
              clearInterval(timer);
              done(out);
            }
          }, 40);
        }),
    );
    await page.click('#play');
    // Stretches of one cursor value: [cursor, first seen, last seen].
    const stays = [];
    for (const s of samples) {
      const last = stays[stays.length - 1];
      if (last && last[0] === s.cursor) last[2] = s.at;
      else stays.push([s.cursor, s.at, s.at]);
    }
    for (let i = 1; i < stays.length; i += 1) assert.ok(stays[i][0] > stays[i - 1][0], `backwards: ${JSON.stringify(stays)}`);
    // Every event tick passed (not the last stretch, which the sampling cut short) is held for at
    // least 0.6 s, about a beat, and the story then narrates a moment of that tick.
    const passed = stays.slice(0, -1).filter(([cursor]) => events.includes(cursor));
    assert.ok(passed.length >= 2, `at least two events played in 3.5 s: ${JSON.stringify(stays)}`);
    for (const [cursor, from, to] of passed) {
      assert.ok(to - from >= 560, `event tick ${cursor} held ${Math.round(to - from)} ms`);
    }
    const held = samples.find((s) => s.cursor === passed[1][0]);
    const said = await page.evaluate((tick) => {
      const li = document.querySelector(`#events li[data-tick="${tick}"]`);
      return li ? li.textContent.split(':')[0] : '';
    }, passed[1][0]);
    assert.ok(held.now.startsWith(said), `the story says ${held.now} at tick ${passed[1][0]} (${said})`);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

for (const width of [360, 1440]) {
  test(`at ${width} px the tour card stays in view at every step, its buttons reachable`, async () => {
    const { page, context, log } = await openPage(browser, server.origin, '/', { viewport: { width, height: width < 600 ? 740 : 900 } });
    try {
      await page.click('#tour-start');
      const steps = Number((await page.textContent('#tour-count')).match(/of (\d+)/)[1]);
      for (let i = 1; i <= steps; i += 1) {
        assert.match(await page.textContent('#tour-count'), new RegExp(`step ${i} of`));
        // Steps that scroll to what they point at do so smoothly: let them finish.
        await page.waitForTimeout(900);
        const seen = await page.evaluate(() => {
          const box = document.getElementById('tour').getBoundingClientRect();
          const next = document.getElementById('tour-next').getBoundingClientRect();
          return { top: box.top, bottom: box.bottom, left: box.left, right: box.right, next: next.bottom, height: innerHeight, width: innerWidth };
        });
        assert.ok(seen.top >= 0 && seen.bottom <= seen.height, `step ${i}: card at ${seen.top}..${seen.bottom} of ${seen.height}`);
        assert.ok(seen.left >= 0 && seen.right <= seen.width, `step ${i}: card at ${seen.left}..${seen.right} of ${seen.width}`);
        assert.ok(seen.next <= seen.bottom, `step ${i}: Next is inside the card`);
        if (i < steps) await page.click('#tour-next');
      }
      await page.click('#tour-next');
      assert.equal(await page.isVisible('#tour'), false, 'Finish closes the tour');
      assert.deepEqual(log.errors, []);
    } finally {
      await context.close();
    }
  });
}

test('on a phone the fall and a small price line stay in view while a slider moves', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/', { viewport: { width: 360, height: 740 } });
  try {
    await page.locator('#traders').scrollIntoViewIfNeeded();
    await page.locator('#leverage').focus();
    for (let k = 0; k < 6; k += 1) await page.keyboard.press('ArrowRight');
    await settle(page);
    await settle(page);
    const strip = await page.evaluate(() => {
      const mini = document.getElementById('mini').getBoundingClientRect();
      const charts = document.getElementById('chart-price').getBoundingClientRect();
      return { top: mini.top, bottom: mini.bottom, chartsBottom: charts.bottom, height: innerHeight, text: document.getElementById('mini-text').textContent };
    });
    assert.ok(strip.chartsBottom < 0, 'the charts are out of view');
    assert.ok(strip.top >= 0 && strip.bottom <= strip.height, `the strip at ${strip.top}..${strip.bottom}`);
    // It says what the first card says.
    const big = await page.textContent('#cards li:first-child .big');
    assert.equal(strip.text.split(': ')[1].split(' (')[0], big);
    assert.ok((await canvasPrint(page, 'mini-line')).colours > 2, 'the price line is drawn');
    // A wide screen has the charts beside the settings, and no strip.
    await page.setViewportSize({ width: 1440, height: 900 });
    await settle(page);
    assert.equal(await page.isVisible('#mini'), false);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test('predict, then reveal, by keyboard: on in the tour, off with predict=0, on for presets with predict=1', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/');
  try {
    // No guessing outside the tour by default.
    assert.equal(await page.isVisible('#predict'), false);
    await page.focus('#tour-start');
    await page.keyboard.press('Enter');
    await settle(page);
    assert.equal(await page.isVisible('#predict'), true, 'the tour asks for a guess first');
    const hidden = await page.evaluate(() => getComputedStyle(document.getElementById('cards')).visibility);
    assert.equal(hidden, 'hidden', 'the cards wait for the guess');
    assert.match(await page.textContent('#predict-question'), /The shock moves the price −5\u00a0%/);
    // Guess by keyboard: the slider starts at the shock; ten half-point steps make it −10 %.
    await page.focus('#guess');
    for (let k = 0; k < 10; k += 1) await page.keyboard.press('ArrowRight');
    assert.equal(await page.textContent('#guess-out'), '−10\u00a0%');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'reveal');
    await page.keyboard.press('Enter');
    await settle(page);
    assert.equal(await page.isVisible('#predict'), false);
    assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('cards')).visibility), 'visible');
    const said = await page.textContent('#predict-result');
    const big = await page.textContent('#cards li:first-child .big');
    assert.ok(said.startsWith(`You guessed −10\u00a0%. With no mitigation the price fell ${big}`), said);
    assert.match(said, /: (spot on|[\d.]+ points (further than|short of) your guess)\.$/);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'predict-result', 'focus moves to the answer');
    // The next step asks again; moving a slider instead shows the result at once.
    await page.click('#tour-next');
    await settle(page);
    assert.equal(await page.isVisible('#predict'), true);
    await page.focus('#leverage');
    await page.keyboard.press('ArrowRight');
    await settle(page);
    assert.equal(await page.isVisible('#predict'), false);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
  // predict=0 turns it off in the tour; predict=1 turns it on for the link's market and for presets, and the link keeps it.
  const off = await openPage(browser, server.origin, '/?tour=1&predict=0');
  try {
    assert.equal(await off.page.isVisible('#predict'), false);
    assert.match(await off.page.evaluate(() => location.search), /predict=0/);
  } finally {
    await off.context.close();
  }
  const on = await openPage(browser, server.origin, '/?predict=1');
  try {
    assert.equal(await on.page.isVisible('#predict'), true, 'the link\'s own market is guessed first');
    await on.page.click('#reveal');
    assert.equal(await on.page.isVisible('#predict'), false);
    await on.page.selectOption('#preset', 'thin-book');
    await settle(on.page);
    assert.equal(await on.page.isVisible('#predict'), true);
    assert.match(await on.page.evaluate(() => location.search), /predict=1/);
  } finally {
    await on.context.close();
  }
});

test('the story never calls queued orders liquidated: during a halt they wait, at the reopening they go to market', async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/?focus=circuitBreaker');
  try {
    const story = await page.$$eval('#events li[data-tick]', (items) => items.map((li) => li.textContent));
    const halt = story.findIndex((s) => /the circuit breaker halts trading/.test(s));
    const resume = story.findIndex((s) => /trading resumes/.test(s));
    assert.ok(halt >= 0 && resume > halt, story.join('\n'));
    const during = story.slice(halt + 1, resume);
    assert.ok(during.length > 0 && during.every((s) => /Nothing is sold yet: their liquidations wait in the queue for the reopening\./.test(s)), during.join('\n'));
    for (const s of during) assert.doesNotMatch(s, /liquidated \(/, 'a queued order is not a liquidation');
    assert.match(story[resume], /of liquidations that waited go to market now|No liquidation is left waiting/);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test('a pause on speed is told as a fall within its window, at the price the chart shows', async () => {
  // may-2010's Stop Logic measures the fall from the last second's price, not from the start.
  const { page, context, log } = await openPage(browser, server.origin, '/?preset=may-2010&focus=circuitBreaker');
  try {
    const story = await page.$$eval('#events li[data-tick]', (items) => items.map((li) => li.textContent));
    const halt = story.find((s) => /the circuit breaker halts trading/.test(s));
    assert.match(halt, /the price has fallen 1\u00a0% within 1\u00a0s, to −5\.\d\u00a0%, so the circuit breaker halts trading/, halt);
    // A sell program is told as one: what was sold, and the move it would make on a calm book,
    // which the cards' multiples are measured against.
    assert.match(await page.textContent('#headline'), /^The same traders and the same \$4\.1\u00a0B sale \(−\d+(\.\d)?\u00a0% on a calm book\), under four sets of rules:$/);
    assert.match(await page.getAttribute('#chart-price', 'aria-label'), /^Price over 30\u00a0min after a \$4\.1\u00a0B sale \(/);
    // The halt levels' hint says so too, and goes back to the fall from the start without it.
    assert.match(await page.textContent('#circuitBreaker-firstLevelPct-hint'), /^Trading pauses when the price falls this far within 1\u00a0s: a pause on speed/);
    await page.selectOption('#preset', 'default');
    await page.waitForFunction(() => /below where it started/.test(document.getElementById('circuitBreaker-firstLevelPct-hint').textContent));
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});
