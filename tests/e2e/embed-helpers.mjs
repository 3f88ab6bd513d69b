// Helpers for the <leverage-cascade> tests: reading inside the widgets' shadow roots.
// The server, browser and page set-up are those of helpers.mjs.

/** The `data-state` of each widget's root on the page: idle, loading, ready or error. */
export function widgetStates(page) {
  return page.$$eval('leverage-cascade', (els) => els.map((el) => el.shadowRoot?.querySelector('.root')?.dataset.state ?? 'undefined'));
}

/** Waits until widget `index` reached `state` (default ready). */
export async function waitWidget(page, index, state = 'ready', timeout = 15000) {
  await page.waitForFunction(
    ([i, s]) => document.querySelectorAll('leverage-cascade')[i]?.shadowRoot?.querySelector('.root')?.dataset.state === s,
    [index, state],
    { timeout },
  );
  await settle(page);
}

/** Scrolls widget `index` into view and waits until it is drawn. */
export async function showWidget(page, index) {
  await page.evaluate((i) => document.querySelectorAll('leverage-cascade')[i].scrollIntoView({ block: 'center' }), index);
  await waitWidget(page, index);
}

/** Two animation frames: a pending compute and redraw have run. */
export function settle(page) {
  return page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
}

/**
 * A fingerprint of a canvas inside widget `index` (selector within its shadow root): a hash of
 * the pixels, the number of distinct colours (capped at 64; 1 = blank), the backing and CSS
 * sizes, and whether it is rendered at all.
 */
export function shadowCanvasPrint(page, index, selector = '.chart-price') {
  return page.evaluate(
    ([i, sel]) => {
      const canvas = document.querySelectorAll('leverage-cascade')[i].shadowRoot.querySelector(sel);
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let hash = 2166136261;
      const colours = new Set();
      for (let k = 0; k < data.length; k += 4) {
        const rgba = (data[k] << 24) | (data[k + 1] << 16) | (data[k + 2] << 8) | data[k + 3];
        hash = Math.imul(hash ^ rgba, 16777619) >>> 0;
        if (colours.size < 64) colours.add(rgba);
      }
      const rect = canvas.getBoundingClientRect();
      return {
        hash,
        colours: colours.size,
        width: canvas.width,
        height: canvas.height,
        cssWidth: rect.width,
        cssHeight: rect.height,
        display: getComputedStyle(canvas).display,
        visible: canvas.checkVisibility(),
      };
    },
    [index, selector],
  );
}

/** Text content of `selector` inside widget `index` ('' when absent or hidden). */
export function shadowText(page, index, selector) {
  return page.evaluate(
    ([i, sel]) => {
      const node = document.querySelectorAll('leverage-cascade')[i].shadowRoot.querySelector(sel);
      return node && !node.closest('[hidden]') ? node.textContent : '';
    },
    [index, selector],
  );
}

/**
 * The layout and look of widget `index`, relative to its host element: for every element in
 * the shadow root, its box and the computed styles a hostile host rule could change.
 */
export function shadowLayout(page, index) {
  return page.evaluate((i) => {
    const host = document.querySelectorAll('leverage-cascade')[i];
    const origin = host.getBoundingClientRect();
    const props = ['display', 'font-family', 'font-size', 'font-weight', 'line-height', 'color', 'background-color', 'visibility'];
    const nodes = [...host.shadowRoot.querySelectorAll('*')].filter((n) => n.tagName !== 'LINK');
    return {
      host: { width: origin.width, height: origin.height },
      nodes: nodes.map((n) => {
        const r = n.getBoundingClientRect();
        const style = getComputedStyle(n);
        const rendered = n.getClientRects().length > 0;
        return {
          tag: n.tagName.toLowerCase(),
          cls: n.className && typeof n.className === 'string' ? n.className : '',
          box: rendered ? [r.left - origin.left, r.top - origin.top, r.width, r.height].map((x) => Math.round(x * 100) / 100) : null,
          style: Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)])),
        };
      }),
    };
  }, index);
}
