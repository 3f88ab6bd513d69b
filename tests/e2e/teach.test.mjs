// The assignment builder (www/teach.html, issue 20 point 1): what it writes opens what it
// previews, in a fresh page as on a student's machine; its own address and a pasted link or
// snippet bring an assignment back; whatever cannot be used is listed in a notice.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeSite, openPage, openSite, ready } from './helpers.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await openSite()));
after(() => closeSite({ server, browser }));

/** Opens the builder at `query` and waits until it has written its outputs. */
async function openBuilder(query, options = {}) {
  const opened = await openPage(browser, server.origin, `/teach.html${query}`, { ...options, wait: false });
  await opened.page.waitForFunction(() => document.getElementById('out-link').value.startsWith('http'), null, { timeout: 30000 });
  return opened;
}

/** The first frame of `page` whose URL passes `test`, once there is one. */
async function frameWhere(page, test, timeout = 30000) {
  const end = Date.now() + timeout;
  for (;;) {
    const frame = page.frames().find((f) => test(f));
    if (frame) return frame;
    if (Date.now() > end) throw new Error('no such frame');
    await new Promise((done) => setTimeout(done, 50));
  }
}

const outputs = (page) =>
  page.evaluate(() => ({
    link: document.getElementById('out-link').value,
    element: document.getElementById('out-element').value,
    frame: document.getElementById('out-frame').value,
    address: location.search,
  }));

/** What a student sees of the lab in `frame` (a page or an iframe's frame), once it is ready. */
async function labState(frame) {
  await frame.waitForFunction(() => document.getElementById('boot').hidden && document.querySelectorAll('#cards li').length === 4, null, {
    timeout: 30000,
  });
  return frame.evaluate(() => {
    const control = (id) => document.getElementById(id).closest('.control');
    return {
      preset: document.getElementById('preset').value,
      leverage: document.getElementById('leverage-out').textContent,
      leverageLocked: document.getElementById('leverage').disabled,
      whaleHidden: control('whaleConcentration').hidden,
      haltsHidden: control('circuitBreaker-firstLevelPct').hidden,
      tradersFree: !document.getElementById('traders').disabled && !control('traders').hidden,
      guessing: !document.getElementById('predict').hidden,
      notice: document.getElementById('notice').hidden ? '' : document.getElementById('notice').textContent,
    };
  });
}

/** What a reader sees of widget `index` in `frame`: its controls, which are locked, its headline. */
async function widgetState(frame, index = 0) {
  await frame.evaluate((i) => document.querySelectorAll('leverage-cascade')[i].scrollIntoView({ block: 'center' }), index);
  await frame.waitForFunction(
    (i) => document.querySelectorAll('leverage-cascade')[i]?.shadowRoot?.querySelector('.root')?.dataset.state === 'ready',
    index,
    { timeout: 30000 },
  );
  return frame.evaluate((i) => {
    const root = document.querySelectorAll('leverage-cascade')[i].shadowRoot;
    const inputs = [...root.querySelectorAll('.controls input')];
    return {
      controls: inputs.map((input) => input.id),
      locked: inputs.filter((input) => input.disabled).map((input) => input.id),
      compact: root.querySelector('.root').classList.contains('compact'),
      headline: root.querySelector('.headline')?.textContent ?? '',
      messages: [...root.querySelectorAll('.messages p')].map((p) => p.textContent),
    };
  }, index);
}

test('the lab link: a fresh page opens what the preview shows, with the locked and hidden settings, and guesses first', async () => {
  const { page, context, log } = await openBuilder('?preset=thin-book&leverage=20&lock=leverage&hide=whaleConcentration,circuitBreaker.levelsPct&predict=1');
  try {
    const out = await outputs(page);
    // Every setting that differs from the defaults, not preset=: a later recalibration of the
    // preset must not change an assignment already handed out.
    assert.match(out.link, /\/index\.html\?leverage=20&depthPerPct=40000000&v=\d+&predict=1&lock=leverage&hide=whaleConcentration,circuitBreaker\.levelsPct$/);
    assert.equal(out.element, '', 'the lab has no widget snippet');
    assert.match(out.frame, /^<iframe src="[^"]+index\.html\?leverage=20&amp;depthPerPct=40000000/);
    // The builder's own address is the assignment.
    assert.match(out.address, /lock=leverage/);

    const frame = await frameWhere(page, (f) => f.url() === out.link);
    const previewed = await labState(frame);
    assert.deepEqual(
      { ...previewed, notice: undefined },
      { preset: '', leverage: '20×', leverageLocked: true, whaleHidden: true, haltsHidden: true, tradersFree: true, guessing: true, notice: undefined },
    );
    assert.equal(previewed.notice, '');

    const student = await openPage(browser, server.origin, out.link.slice(server.origin.length), { wait: false });
    try {
      assert.deepEqual(await labState(student.page), previewed);
      // Locked: neither the mouse nor the keyboard moves it.
      await student.page.click('#leverage', { force: true });
      await student.page.focus('#leverage');
      await student.page.keyboard.press('ArrowRight');
      await student.page.keyboard.press('End');
      assert.equal(await student.page.textContent('#leverage-out'), '20×');
      assert.deepEqual(student.log.errors, []);
    } finally {
      await student.context.close();
    }
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.foreign, []);
  } finally {
    await context.close();
  }
});

test('the widget: its snippet and its iframe, each pasted into a page of its own, show what their previews show', async () => {
  const { page, context, log } = await openBuilder('?preset=circuit-breaker&leverage=20&for=widget&controls=leverage,traders,breaker&locked=leverage');
  try {
    const out = await outputs(page);
    assert.match(out.element, /<leverage-cascade params='\{"leverage":20,"depthPerPct":20000000,[^']*"circuitBreaker":\{[^']*\}\}' controls="leverage,traders,breaker" locked="leverage" compact><\/leverage-cascade>/);
    assert.match(out.frame, /embed\.html\?params=[^"]+&amp;fit" title="Leverage cascade simulator"/);
    assert.match(out.frame, /<script src="[^"]+\/frame-host\.js" defer><\/script>$/);

    // Preview of the snippet, then a page holding nothing but the snippet.
    await page.check('input[name="preview"][value="element"]');
    await page.waitForFunction(() => document.querySelector('#preview leverage-cascade'));
    const previewed = await widgetState(page);
    assert.deepEqual(previewed.controls, ['lc-leverage', 'lc-traders', 'lc-breaker']);
    assert.deepEqual(previewed.locked, ['lc-leverage']);
    assert.equal(previewed.compact, true);
    assert.deepEqual(previewed.messages, []);
    assert.match(previewed.headline, /shock/);

    const host = await browser.newContext();
    try {
      const hosted = await host.newPage();
      const html = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course page</title></head><body>${body}</body></html>`;
      await hosted.route(`${server.origin}/course/*`, (route) =>
        route.fulfill({ contentType: 'text/html', body: html(route.request().url().endsWith('element.html') ? out.element : out.frame) }),
      );
      await hosted.goto(`${server.origin}/course/element.html`);
      assert.deepEqual(await widgetState(hosted), previewed);

      // The iframe snippet: the same widget, and frame-host.js sizes the frame to it.
      await page.check('input[name="preview"][value="frame"]');
      const previewFrame = await frameWhere(page, (f) => f.url().includes('embed.html') && f.url().endsWith('&fit'));
      const framed = await widgetState(previewFrame);
      assert.deepEqual(framed, previewed);
      await hosted.goto(`${server.origin}/course/frame.html`);
      const inner = await frameWhere(hosted, (f) => f.url().includes('embed.html'));
      assert.deepEqual(await widgetState(inner), framed);
      await hosted.waitForFunction(() => document.querySelector('iframe').style.height !== '');
      const fitted = await hosted.evaluate(() => {
        const frame = document.querySelector('iframe');
        return { height: frame.getBoundingClientRect().height, content: frame.contentDocument.documentElement.getBoundingClientRect().height };
      });
      assert.ok(Math.abs(fitted.height - fitted.content) <= 2, `the frame fits its widget: ${JSON.stringify(fitted)}`);
    } finally {
      await host.close();
    }
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test('choices made on the page go into the outputs and the address; a reload and a pasted snippet bring them back', async () => {
  const { page, context, log } = await openBuilder('');
  try {
    await page.selectOption('#start', 'margin-tiers');
    await page.check('input[name="target"][value="widget"]');
    await page.uncheck('#compact');
    await page.check('#rule-whaleConcentration-lock');
    await page.check('#rule-shockPct-hide');
    // By keyboard: from Leverage's "Shown", one arrow moves the choice to "Locked".
    await page.focus('#rule-leverage-show');
    await page.keyboard.press('ArrowRight');
    await page.selectOption('#theme', 'dark');
    const made = await outputs(page);
    assert.match(made.element, / params='\{[^']*"leverage":50[^']*\}' controls="leverage,depthPerPct,whaleConcentration,breaker" locked="leverage,whaleConcentration" theme="dark">/);
    assert.doesNotMatch(made.element, / compact/);
    assert.match(made.address, /for=widget/);

    await page.reload();
    await page.waitForFunction(() => document.getElementById('out-link').value.startsWith('http'));
    assert.deepEqual(await outputs(page), made, 'the address holds the whole assignment');

    await page.goto(`${server.origin}/teach.html`);
    await page.waitForFunction(() => document.getElementById('out-link').value.startsWith('http'));
    assert.notDeepEqual((await outputs(page)).element, made.element);
    await page.click('summary');
    await page.fill('#import-text', made.element);
    await page.click('#import');
    assert.deepEqual(await outputs(page), made, 'a pasted snippet brings the assignment back');
    assert.match(await page.textContent('#import-status'), /Read: the builder now shows that assignment/);

    // A pasted iframe snippet does too.
    await page.fill('#import-text', made.frame);
    await page.click('#import');
    assert.deepEqual(await outputs(page), made);
    assert.equal(await page.isVisible('#notice'), false);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test('a pasted snippet keeps a custom breaker, the order of its controls, and compact as the widget reads it', async () => {
  const { page, context, log } = await openBuilder('?circuitBreaker=on&circuitBreaker.levelsPct=5,10&circuitBreaker.haltTicks=300&for=widget');
  try {
    const made = await outputs(page);
    assert.match(made.element, /"circuitBreaker":\{"levelsPct":\[5,10\],[^}]*"haltTicks":300/);
    // The widget starts with its breaker switch on when the params carry a breaker, and says so.
    assert.match(await page.textContent('#rule-breaker-name'), /now on at first/);
    await page.goto(`${server.origin}/teach.html`);
    await page.waitForFunction(() => document.getElementById('out-link').value.startsWith('http'));
    await page.click('summary');
    for (const text of [made.element, made.frame, made.link]) {
      await page.fill('#import-text', text);
      await page.click('#import');
      assert.deepEqual(await outputs(page), made, `pasting ${text.slice(0, 40)}… brings the same assignment back`);
    }
    // The order students see is the snippet's; compact="false" is compact, as the widget reads it.
    await page.fill('#import-text', '<leverage-cascade controls="breaker,leverage,shockPct" compact="false"></leverage-cascade>');
    await page.click('#import');
    assert.match((await outputs(page)).element, /<leverage-cascade controls="breaker,leverage,shockPct" compact><\/leverage-cascade>/);
    assert.match(await page.textContent('#rule-breaker-name'), /now off at first/);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test('what cannot be used is named in a notice, and the rest is kept', async () => {
  const { page, context, log } = await openBuilder('?leverage=500&colour=red&for=widget&controls=leverage,nope&theme=sepia&lock=bogus');
  try {
    const notice = await page.textContent('#notice');
    assert.match(notice, /leverage = “500”: must be between 1 and 125/);
    assert.match(notice, /colour = “red”: is not a setting this page knows/);
    assert.match(notice, /controls = “nope”: is not a control of the widget/);
    assert.match(notice, /theme = “sepia”: must be one of auto, light, dark/);
    assert.match(notice, /lock = “bogus”/);
    assert.match((await outputs(page)).element, / controls="leverage" compact>/);

    await page.click('summary');
    await page.fill('#import-text', `<leverage-cascade preset="thin-book" params='{"leverage": 20, "bogus": 1}' height="300" colour="red"></leverage-cascade>`);
    await page.click('#import');
    const after = await page.textContent('#notice');
    assert.match(after, /params\.bogus: is not a setting this page knows/);
    assert.match(after, /height = “300”: the builder sets the height itself/);
    assert.match(after, /colour = “red”: is not an attribute of the widget/);
    assert.match((await outputs(page)).element, /params='\{"leverage":20,"depthPerPct":40000000\}'/);

    await page.fill('#import-text', 'not a link <at all');
    await page.click('#import');
    assert.match(await page.textContent('#import-status'), /neither/);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test("the lab's 'Make an assignment' link takes the lab's settings to the builder", async () => {
  const { page, context, log } = await openPage(browser, server.origin, '/?preset=crowded-leverage&shockPct=-3');
  try {
    await ready(page);
    const href = await page.getAttribute('#teach-link', 'href');
    assert.match(href, /^teach\.html\?.*shockPct=-3/);
    await page.click('#teach-link');
    await page.waitForFunction(() => document.getElementById('out-link').value.startsWith('http'), null, { timeout: 30000 });
    const out = await outputs(page);
    assert.match(out.link, /shockPct=-3/);
    assert.match(await page.textContent('#rule-shockPct-name'), /now −3\u00a0%/);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test('a language chosen in the builder goes into the link, the element and the iframe, and comes back from its address', async () => {
  const { page, context, log } = await openBuilder('?lang=zh&for=widget');
  try {
    assert.equal(await page.inputValue('#lang'), 'zh');
    const out = await page.evaluate(() => ['out-link', 'out-element', 'out-frame'].map((id) => document.getElementById(id).value));
    assert.match(out[0], /embed\.html\?.*\blang=zh\b/);
    assert.match(out[1], /<leverage-cascade[^>]* lang="zh"/);
    assert.match(out[2], /embed\.html\?[^"]*\blang=zh\b/);
    // The lab's link too, and "the reader's browser language" writes none.
    await page.check('input[name="target"][value="lab"]');
    assert.match(await page.inputValue('#out-link'), /index\.html\?.*\blang=zh\b/);
    await page.selectOption('#lang', 'auto');
    assert.doesNotMatch(await page.inputValue('#out-link'), /lang=/);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
  const unknown = await openBuilder('?lang=fr');
  try {
    assert.match(await unknown.page.textContent('#notice'), /lang = “fr”: must be one of en, zh/);
    assert.equal(await unknown.page.inputValue('#lang'), 'auto');
  } finally {
    await unknown.context.close();
  }
});
