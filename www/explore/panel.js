// The explorations section of the lab page: the tipping-point map and the crash-size
// distribution.
//
// The page's own code (main.js) owns the params; this module follows them, the tour step and
// whether the page started through the page's shared state (shared/state.js), and asks the page
// to move a control (`ask('setControl', …)`) when a map square is clicked. It reads no other
// module's DOM.
//
// The simulations run in workers (worker.js), each with its own copy of the simulator; the page
// thread only draws. The explorations' package (pkg-explore: the simulator with sweep,
// monteCarlo and renderExploration) is loaded only when the section comes near the screen.
//
// A map is computed twice: a coarse 10 × 10 grid first, then the full 40 × 40 grid line by line
// over it, so the picture appears at once and sharpens.

import { get, normalize, same } from '../lab/schema.js';
import { count, duration, num, pct, share, times, usd, NBSP } from '../lab/format.js';
import {
  AXES,
  MAX_TRADERS,
  METRICS,
  axis,
  evenly,
  forExploring,
  metric,
  nearestIndex,
  plan,
  rangeFor,
  tailStats,
  upsample,
  valueOf,
  withMitigations,
  withoutMitigations,
} from './fields.js';
import { loadApi } from '../shared/api.js';
import { ask, state as page, subscribe } from '../shared/state.js';
import { TOUR } from '../lab/tour.js';

/** Grid sizes: the quick first pass and the full one. */
const COARSE = 10;
const FINE = 40;
/** Monte Carlo markets per worker call: between two calls the worker can see a cancel. */
const MC_CHUNK = 50;
/** While results stream in, each chart is redrawn at most this often, ms. */
const DRAW_EVERY_MS = 250;
/** The "low leverage" the crash-size distribution compares with. */
const LOW_LEVERAGE = 2;

const root = document.getElementById('explore');
const darkScheme = matchMedia('(prefers-color-scheme: dark)');

/** The explorations' package, once loaded. */
let api = null;
/** The params of the page's market, as last read from the page's state. */
let current = null;

// ---------------------------------------------------------------------------------------------
// Small DOM helpers (text only ever goes in through textContent)

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function option(value, label, selected) {
  const o = h('option', { value, text: label });
  o.selected = Boolean(selected);
  return o;
}

/**
 * One exploration's section: its heading (id `${id}-title`), a lede, a row of controls, then
 * `body`.
 */
function part(id, title, lede, controls, ...body) {
  return h(
    'section',
    { class: 'explore-part', 'aria-labelledby': `${id}-title` },
    h('h3', { id: `${id}-title`, text: title }),
    h('p', { class: 'explore-lede', text: lede }),
    h('div', { class: 'explore-controls' }, ...controls),
    ...body,
  );
}

function labelled(id, text, control) {
  return h('label', { class: 'explore-field', for: id }, h('span', { text }), control);
}

/** A progress bar, its words, and a Cancel button. */
function progressRow(idPrefix) {
  const bar = h('progress', { id: `${idPrefix}-progress`, max: '1', value: '0', 'aria-labelledby': `${idPrefix}-status` });
  const status = h('p', { id: `${idPrefix}-status`, class: 'explore-status', role: 'status', text: '' });
  const cancel = h('button', { type: 'button', id: `${idPrefix}-cancel`, class: 'quiet', text: 'Cancel' });
  cancel.disabled = true;
  return { row: h('div', { class: 'explore-progress' }, bar, status, cancel), bar, status, cancel };
}

function capital(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function theme() {
  return darkScheme.matches ? 'dark' : 'light';
}

function formatValue(format, v) {
  switch (format) {
    case 'money':
      return usd(v);
    case 'percent':
      return pct(v);
    case 'multiple':
      return times(v);
    default:
      return num(v, 2);
  }
}

// ---------------------------------------------------------------------------------------------
// Workers

/**
 * A small pool of exploration workers: one, or two when the machine has cores to spare (the two
 * maps then fill in side by side). Jobs are routed back to their handler by id.
 */
const pool = {
  workers: [],
  handlers: new Map(),
  nextId: 1,

  start() {
    if (this.workers.length) return;
    const size = Math.max(1, Math.min(2, (navigator.hardwareConcurrency || 2) - 1));
    for (let i = 0; i < size; i += 1) {
      const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
      worker.onmessage = (event) => {
        const msg = event.data;
        if (msg.type === 'failed') {
          for (const handler of this.handlers.values()) handler({ type: 'error', message: msg.message, field: null });
          this.handlers.clear();
          return;
        }
        const handler = this.handlers.get(msg.id);
        if (!handler) return;
        if (msg.type === 'done' || msg.type === 'cancelled' || msg.type === 'error') this.handlers.delete(msg.id);
        handler(msg);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        for (const handler of this.handlers.values()) {
          handler({ type: 'error', message: event.message || 'the exploration worker stopped', field: null });
        }
        this.handlers.clear();
      };
      this.workers.push(worker);
    }
  },

  /** Sends `job` to worker `slot` (modulo the pool size); returns its id. */
  run(slot, job, handler) {
    this.start();
    const id = this.nextId;
    this.nextId += 1;
    this.handlers.set(id, handler);
    this.workers[slot % this.workers.length].postMessage({ ...job, id });
    return id;
  },

  cancel(ids) {
    if (!ids.length) return;
    for (const worker of this.workers) worker.postMessage({ type: 'cancel', ids });
  },
};

/**
 * Ends a part's run before it finished: `state` is 'error', 'cancelled' or 'replaced'. Jobs
 * still queued for it are dropped, and results already in flight are ignored from then on.
 */
function endRun(part, run, state) {
  pool.cancel(run.jobs);
  run.jobs = [];
  run.state = state;
  part.sync();
}

/**
 * Paces a part's drawing so the page thread stays free: while its run is running, a fresh
 * picture at most every DRAW_EVERY_MS; otherwise (finished, stopped) at the next frame.
 * `drawOne()` draws in one animation frame and returns whether more is waiting for the next.
 * The part holds the pending `frame` and `timer` and the time of its `lastDraw`.
 */
function paceDraw(part, drawOne) {
  if (part.frame) return;
  const running = part.run && part.run.state === 'running';
  const wait = running ? part.lastDraw + DRAW_EVERY_MS - performance.now() : 0;
  if (part.timer) {
    if (wait > 0) return;
    clearTimeout(part.timer); // finished or stopped: draw the final picture now
    part.timer = 0;
  }
  if (wait > 0) {
    part.timer = setTimeout(() => {
      part.timer = 0;
      paceDraw(part, drawOne);
    }, wait);
    return;
  }
  part.frame = requestAnimationFrame(() => {
    part.frame = 0;
    if (drawOne()) paceDraw(part, drawOne);
    else part.lastDraw = performance.now();
  });
}

// ---------------------------------------------------------------------------------------------
// Drawing

/**
 * Draws the charts. Where the browser can hand a <canvas> to a worker (transferControlToOffscreen)
 * a worker of its own draws them, so even drawing stays off the page's thread; otherwise the page
 * draws with its own copy of the explorations' package. One drawing per canvas is in flight at a
 * time; a newer request replaces a waiting one.
 */
const painter = {
  offscreen:
    typeof OffscreenCanvas === 'function' &&
    typeof HTMLCanvasElement.prototype.transferControlToOffscreen === 'function',
  worker: null,
  canvases: new Map(), // canvas → {key, busy, waiting}

  /** Hands `canvas` over (offscreen mode); call once per canvas. */
  adopt(canvas) {
    const key = canvas.id;
    this.canvases.set(canvas, { key, busy: false, waiting: null });
    if (!this.offscreen) return;
    if (!this.worker) {
      this.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
      this.worker.onmessage = (event) => this.drawn(event.data);
    }
    const offscreen = canvas.transferControlToOffscreen();
    this.worker.postMessage({ type: 'canvas', key, canvas: offscreen }, [offscreen]);
  },

  /**
   * Draws `data` on `canvas` at its CSS size × devicePixelRatio; `done({plot, print, error})`
   * runs when it is on screen.
   */
  paint(canvas, data, options, done) {
    const entry = this.canvases.get(canvas);
    const rect = canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(rect.width * dpr));
    const height = Math.max(1, Math.round(rect.height * dpr));
    const request = { type: 'draw', key: entry.key, width, height, data, options: { ...options, dpr }, done };
    if (!this.offscreen) {
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
      try {
        const { plot } = api.renderExploration(canvas, data, request.options);
        done({ plot });
      } catch (err) {
        done({ error: err.message });
      }
      return;
    }
    if (entry.busy) {
      entry.waiting = request;
      return;
    }
    this.send(entry, request);
  },

  send(entry, request) {
    entry.busy = true;
    entry.done = request.done;
    const { done, ...message } = request;
    this.worker.postMessage(message);
  },

  drawn(msg) {
    const entry = [...this.canvases.values()].find((e) => e.key === msg.key);
    if (!entry || msg.type !== 'drawn') return;
    entry.busy = false;
    entry.done(msg);
    if (entry.waiting) {
      const next = entry.waiting;
      entry.waiting = null;
      this.send(entry, next);
    }
  },
};

/** Records what a drawing reports on its canvas: the plot rectangle and a pixel fingerprint. */
function noteDrawn(canvas, { plot, print }) {
  if (plot) {
    const { left, top, right, bottom } = plot;
    canvas.dataset.plot = [left, top, right, bottom].map((v) => v.toFixed(1)).join(',');
  }
  if (print) canvas.dataset.print = `${print.hash}:${print.colours}`;
}

// ---------------------------------------------------------------------------------------------
// The tipping-point map

const SIDES = [
  { key: 'none', title: 'No mitigation', caption: 'No circuit breaker, flat margin.', make: withoutMitigations },
  {
    key: 'both',
    title: 'Breaker + tiers',
    caption: 'Your circuit breaker (or the default 7/13/20 % one) and margin tiers.',
    make: withMitigations,
  },
];

const map = {
  el: {},
  run: null, // the map being computed or shown
  pointer: null, // [side, i, j] of the cell under the pointer or keyboard cursor

  build() {
    const x = h('select', { id: 'explore-x' }, ...AXES.map((a) => option(a.key, a.label, a.key === 'leverage')));
    const y = h('select', { id: 'explore-y' }, ...AXES.map((a) => option(a.key, a.label, a.key === 'depthPerPct')));
    const m = h('select', { id: 'explore-metric' }, ...METRICS.map((k) => option(k.key, k.label, k.key === 'amplification')));
    const draw = h('button', { type: 'button', id: 'explore-draw', class: 'primary', text: 'Draw the maps' });
    const progress = progressRow('explore-map');
    const stale = h('p', { id: 'explore-stale', class: 'explore-stale', hidden: true, text: 'Your settings have changed since these maps were drawn: press “Draw the maps” to update them.' });
    const figures = SIDES.map((side) => {
      const canvas = h('canvas', {
        id: `explore-map-${side.key}`,
        class: 'explore-canvas',
        role: 'img',
        tabindex: '0',
        'aria-label': `Tipping-point map, ${side.title}: not drawn yet.`,
        'aria-describedby': 'explore-map-help',
      });
      const figure = h(
        'figure',
        { class: `explore-figure explore-figure-${side.key}` },
        h('figcaption', {}, h('strong', { text: side.title }), ` ${side.caption}`),
        canvas,
      );
      return { side, canvas, figure };
    });
    const readout = h('p', { id: 'explore-cell', class: 'explore-cell', 'aria-live': 'polite', text: '' });
    const help = h('p', {
      id: 'explore-map-help',
      class: 'hint',
      text:
        'Each square is one market with your other settings. The outlined line marks n = 1: beyond it each liquidated dollar sets off more than a dollar of new forced selling, and the cascade runs away. The dot is where your sliders are now. Click a square (or focus a map, move with the arrow keys and press Enter) to move the two sliders there.',
    });
    const section = part(
      'explore-map',
      'The tipping-point map',
      'Change two settings at once and colour each combination by what the shock turned into. Where the colours jump, a little more leverage or a little less depth tips a calm market into a crash.',
      [
        labelled('explore-x', 'Across', x),
        labelled('explore-y', 'Up', y),
        labelled('explore-metric', 'Colour shows', m),
        draw,
      ],
      progress.row,
      stale,
      h('div', { class: 'explore-maps' }, ...figures.map((f) => f.figure)),
      readout,
      help,
    );
    this.el = { x, y, metric: m, draw, progress, stale, figures, readout, section };
    this.chosen = { x: x.value, y: y.value };

    x.addEventListener('change', () => this.axisChanged(x, y));
    y.addEventListener('change', () => this.axisChanged(y, x));
    m.addEventListener('change', () => whenLoaded(progress.status, () => this.start()));
    draw.addEventListener('click', () => whenLoaded(progress.status, () => this.start()));
    progress.cancel.addEventListener('click', () => this.cancel());
    for (const f of figures) {
      f.canvas.addEventListener('click', (e) => this.click(f, e));
      f.canvas.addEventListener('pointermove', (e) => this.hover(f, e));
      f.canvas.addEventListener('pointerleave', () => this.showCell(null));
      f.canvas.addEventListener('keydown', (e) => this.key(f, e));
      f.canvas.addEventListener('blur', () => this.showCell(null));
    }
    return section;
  },

  /** Keeps the two axes different: picking the other axis's field swaps the two. */
  axisChanged(changed, other) {
    const previous = changed === this.el.x ? this.chosen.x : this.chosen.y;
    if (changed.value === other.value) other.value = previous;
    this.chosen = { x: this.el.x.value, y: this.el.y.value };
    whenLoaded(this.el.progress.status, () => this.start());
  },

  /** Starts (or restarts) both maps from the page's current params. */
  start() {
    if (!current) return;
    this.cancel({ quiet: true });
    const x = axis(this.el.x.value);
    const y = axis(this.el.y.value);
    const m = metric(this.el.metric.value);
    const base = forExploring(current);
    const [x0, x1] = rangeFor(x, valueOf(base, x.key));
    const [y0, y1] = rangeFor(y, valueOf(base, y.key));
    const { innerIsX } = plan(x, y);
    const run = {
      x,
      y,
      metric: m,
      base,
      innerIsX,
      xs: evenly(x0, x1, FINE),
      ys: evenly(y0, y1, FINE),
      coarseX: evenly(x0, x1, COARSE),
      coarseY: evenly(y0, y1, COARSE),
      jobs: [],
      done: 0,
      total: 0,
      started: performance.now(),
      state: 'running',
      error: null,
      sides: [],
    };
    this.run = run;
    SIDES.forEach((side, s) => {
      run.sides.push({
        side,
        params: side.make(base),
        canvas: this.el.figures[s].canvas,
        coarse: new Float64Array(COARSE * COARSE).fill(NaN),
        coarseB: new Float64Array(COARSE * COARSE).fill(NaN),
        values: new Float64Array(FINE * FINE).fill(NaN),
        branching: new Float64Array(FINE * FINE).fill(NaN),
        plot: null,
      });
    });
    // Both coarse maps first, then both fine ones; with two workers each side has its own.
    for (const fine of [false, true]) {
      run.sides.forEach((data, s) => {
        // Without a breaker its levels change nothing: one line stands for the whole map.
        const flat = Boolean(x.breaker || y.breaker) && data.params.circuitBreaker === null;
        const xs = fine ? run.xs : run.coarseX;
        const ys = fine ? run.ys : run.coarseY;
        const inner = innerIsX ? x : y;
        const innerValues = innerIsX ? xs : ys;
        const outer = innerIsX ? y : x;
        const outerValues = innerIsX ? ys : xs;
        const job = {
          type: 'sweep',
          params: data.params,
          metric: m.key,
          inner: { field: inner.key, from: innerValues[0], to: innerValues[innerValues.length - 1], steps: innerValues.length },
          outer: flat ? { field: inner.key, values: [innerValues[0]] } : { field: outer.key, values: outerValues },
          outerSetsBreaker: Boolean(outer.breaker) && !flat,
        };
        run.total += xs.length * ys.length;
        run.jobs.push(pool.run(s, job, (msg) => this.message(run, data, fine, flat, msg)));
      });
    }
    this.el.stale.hidden = true;
    this.sync();
    this.draw();
  },

  /** One message from a worker about one of this run's jobs. */
  message(run, data, fine, flat, msg) {
    // A result already on its way when the run was cancelled or replaced changes nothing.
    if (run !== this.run || run.state !== 'running') return;
    if (msg.type === 'line') {
      const nx = fine ? run.xs.length : run.coarseX.length;
      const ny = fine ? run.ys.length : run.coarseY.length;
      const values = fine ? data.values : data.coarse;
      const branching = fine ? data.branching : data.coarseB;
      const lines = flat ? (run.innerIsX ? ny : nx) : 1;
      for (let copy = 0; copy < lines; copy += 1) {
        const index = flat ? copy : msg.index;
        msg.values.forEach((v, k) => {
          const cell = run.innerIsX ? index * nx + k : k * nx + index;
          values[cell] = v * run.metric.scale;
          branching[cell] = msg.branching[k];
        });
        run.done += msg.values.length;
      }
      if (!fine) {
        // The coarse picture, blown up, until the fine lines cover it.
        data.values = upsample(data.coarse, run.coarseX, run.coarseY, run.xs, run.ys);
        data.branching = upsample(data.coarseB, run.coarseX, run.coarseY, run.xs, run.ys);
      }
      this.sync();
      this.requestDraw();
    } else if (msg.type === 'done') {
      run.jobs = run.jobs.filter((id) => id !== msg.id);
      if (!run.jobs.length && run.state === 'running') {
        run.state = 'done';
        run.seconds = (performance.now() - run.started) / 1000;
        this.requestDraw();
      }
      this.sync();
    } else if (msg.type === 'error') {
      run.error = msg.message;
      endRun(this, run, 'error');
    }
  },

  cancel({ quiet = false } = {}) {
    const run = this.run;
    if (!run || run.state !== 'running') return;
    endRun(this, run, quiet ? 'replaced' : 'cancelled');
    this.requestDraw();
  },

  /** Progress bar, status words, buttons. */
  sync() {
    const run = this.run;
    const { bar, status, cancel } = this.el.progress;
    if (!run) {
      bar.value = 0;
      status.textContent = '';
      cancel.disabled = true;
      return;
    }
    const fraction = run.total ? run.done / run.total : 0;
    bar.value = run.state === 'done' ? 1 : fraction;
    cancel.disabled = run.state !== 'running';
    // Counted as the tour counts them: each map's squares (a quick coarse sketch comes first).
    const markets = `${run.sides.length} maps of ${count(run.xs.length * run.ys.length)} markets`;
    if (run.state === 'running') {
      status.textContent = `Simulating ${markets} of ${count(run.base.traders)} traders… ${Math.floor(fraction * 100)}${NBSP}%`;
    } else if (run.state === 'done') {
      status.textContent = `Done: ${markets} in ${num(run.seconds, 1)}${NBSP}s.`;
    } else if (run.state === 'cancelled') {
      status.textContent = `Cancelled at ${Math.floor(fraction * 100)}${NBSP}%. The maps show what was finished; press “Draw the maps” to start again.`;
    } else if (run.state === 'error') {
      status.textContent = `The maps could not be computed: ${run.error}`;
    }
    root.dataset.mapState = run.state;
  },

  // Drawing is paced so the page thread stays free: one map per animation frame, and while the
  // workers stream lines, a fresh picture at most every DRAW_EVERY_MS.
  dirty: new Set(),
  frame: 0,
  timer: 0,
  lastDraw: 0,

  requestDraw() {
    if (!this.run) return;
    for (const data of this.run.sides) this.dirty.add(data);
    this.schedule();
  },

  schedule() {
    if (!this.dirty.size) return;
    paceDraw(this, () => {
      const [data] = this.dirty;
      this.dirty.delete(data);
      if (this.run && this.run.sides.includes(data)) this.drawSide(this.run, data);
      return this.dirty.size > 0;
    });
  },

  /** Both maps at once (only for a fresh, empty run). */
  draw() {
    this.requestDraw();
  },

  /** The colour scale both maps share. */
  valueRange(run) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const data of run.sides) {
      for (const v of data.values) {
        if (Number.isFinite(v)) {
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
    }
    if (!Number.isFinite(lo)) lo = run.metric.floor;
    lo = Math.min(lo, run.metric.floor);
    if (!(hi > lo)) hi = lo + 1;
    return [lo, hi];
  },

  /** Draws one map, with the current params marked. */
  drawSide(run, data) {
    const marker = current ? [valueOf(current, run.x.key), valueOf(current, run.y.key)] : null;
    const grid = { x: Float64Array.from(run.xs), y: Float64Array.from(run.ys), values: data.values, branching: data.branching };
    const options = {
      chart: 'heatmap',
      theme: theme(),
      xLabel: run.x.chart,
      yLabel: run.y.chart,
      valueLabel: run.metric.chart,
      xFormat: run.x.format,
      yFormat: run.y.format,
      valueFormat: run.metric.format,
      valueRange: this.valueRange(run),
      marker,
      selected: this.pointer && this.pointer[0].canvas === data.canvas ? this.pointer.slice(1) : null,
      level: 1,
      levelLabel: `n${NBSP}=${NBSP}1`,
    };
    const state = run.state;
    painter.paint(data.canvas, grid, options, (out) => {
      data.canvas.dataset.drawnState = state;
      if (out.error) {
        this.el.progress.status.textContent = `The map could not be drawn: ${out.error}`;
        return;
      }
      if (run === this.run) data.plot = out.plot;
      noteDrawn(data.canvas, out);
    });
    data.canvas.setAttribute('aria-label', this.describe(run, data));
  },

  /** A text version of a map for screen readers: the range of the metric and where n = 1 lies. */
  describe(run, data) {
    const finite = [...data.values].filter(Number.isFinite);
    if (!finite.length) return `Tipping-point map, ${data.side.title}: computing.`;
    const runaway = [...data.branching].filter((b) => b >= 1).length;
    const cells = data.branching.length;
    return (
      `Tipping-point map, ${data.side.title}: ${run.metric.label.toLowerCase()} over ${run.x.short} ` +
      `(across, ${formatValue(run.x.format, run.xs[0])} to ${formatValue(run.x.format, run.xs[run.xs.length - 1])}) and ${run.y.short} ` +
      `(up, ${formatValue(run.y.format, run.ys[0])} to ${formatValue(run.y.format, run.ys[run.ys.length - 1])}); ` +
      `from ${formatValue(run.metric.format, Math.min(...finite))} to ${formatValue(run.metric.format, Math.max(...finite))}. ` +
      `${Math.round((100 * runaway) / cells)}${NBSP}% of the combinations are past the tipping point (n ≥ 1).`
    );
  },

  /** The cell of a map at a pointer position, as [i, j], or null outside the cells. */
  cellAt(f, event) {
    const run = this.run;
    const data = run && run.sides.find((d) => d.canvas === f.canvas);
    if (!data || !data.plot) return null;
    const rect = f.canvas.getBoundingClientRect();
    const px = event.clientX - rect.left;
    const py = event.clientY - rect.top;
    const { left, right, top, bottom } = data.plot;
    if (px < left || px > right || py < top || py > bottom) return null;
    const i = Math.min(run.xs.length - 1, Math.floor(((px - left) / (right - left)) * run.xs.length));
    const j = Math.min(run.ys.length - 1, Math.floor(((bottom - py) / (bottom - top)) * run.ys.length));
    return [i, j];
  },

  hover(f, event) {
    const cell = this.cellAt(f, event);
    this.showCell(cell ? [f, ...cell] : null);
  },

  click(f, event) {
    const cell = this.cellAt(f, event);
    if (cell) this.apply(cell[0], cell[1]);
  },

  key(f, event) {
    const run = this.run;
    if (!run) return;
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    let [i, j] =
      this.pointer && this.pointer[0] === f
        ? this.pointer.slice(1)
        : [nearestIndex(run.xs, valueOf(current, run.x.key)), nearestIndex(run.ys, valueOf(current, run.y.key))];
    if (moves[event.key]) {
      event.preventDefault();
      i = Math.max(0, Math.min(run.xs.length - 1, i + moves[event.key][0]));
      j = Math.max(0, Math.min(run.ys.length - 1, j + moves[event.key][1]));
      this.showCell([f, i, j]);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.apply(i, j);
    }
  },

  /** Says what one cell holds, under the maps. */
  showCell(pointer) {
    const before = this.pointer;
    this.pointer = pointer;
    // The picked cell is outlined on its map: redraw when it moves.
    if (String(before && before.slice(1)) !== String(pointer && pointer.slice(1)) || (before && before[0]) !== (pointer && pointer[0])) {
      this.requestDraw();
    }
    const run = this.run;
    if (!pointer || !run) {
      this.el.readout.textContent = '';
      return;
    }
    const [f, i, j] = pointer;
    const data = run.sides.find((d) => d.canvas === f.canvas);
    const k = j * run.xs.length + i;
    const v = data.values[k];
    const n = data.branching[k];
    const where = `${run.x.short} ${formatValue(run.x.format, run.xs[i])}, ${run.y.short} ${formatValue(run.y.format, run.ys[j])}`;
    const what = Number.isFinite(v)
      ? `${formatValue(run.metric.format, v)} ${run.metric.key === 'amplification' ? 'the shock' : run.metric.short}; n${NBSP}=${NBSP}${num(n, 2)} (${n >= 1 ? 'runaway' : 'dies out'})`
      : 'not computed yet';
    this.el.readout.textContent = `${data.side.title}, ${where}: ${what}. Click or press Enter to move the sliders here.`;
  },

  /** Moves the page's two sliders to the values of cell (i, j). */
  apply(i, j) {
    const run = this.run;
    if (!run) return;
    setSlider(run.x, run.xs[i]);
    setSlider(run.y, run.ys[j]);
  },

  /** The page's params changed: move the marker, and say when the maps no longer match. */
  paramsChanged() {
    const run = this.run;
    // Nothing drawn yet, nothing out of date.
    if (!run || run.done === 0) return;
    const now = forExploring(current);
    for (const key of [run.x.key, run.y.key]) {
      setField(now, key, valueOf(run.base, key));
    }
    this.el.stale.hidden = same(now, run.base);
    this.requestDraw();
  },
};

/** Sets a params field by an axis key in a plain object (for comparing params). */
function setField(params, key, value) {
  if (key === 'circuitBreaker.levelsPct[0]') {
    if (params.circuitBreaker) params.circuitBreaker.levelsPct = get(params, 'circuitBreaker.levelsPct').slice();
    if (params.circuitBreaker) params.circuitBreaker.levelsPct[0] = value;
    return;
  }
  params[key] = value;
}

/** Asks the page to move one of its controls to `value`, as a person would, so it recomputes. */
function setSlider(a, value) {
  ask('setControl', { key: a.control, value });
}

// ---------------------------------------------------------------------------------------------
// The crash-size distribution

/**
 * What the two survival-chart parts (the crash sizes, the long market) share: their run button,
 * progress row, canvas, findings and out-of-date note; stopping a run, pacing their drawing, and
 * painting their chart.
 */
function survivalPart() {
  return {
    frame: 0,
    timer: 0,
    lastDraw: 0,

    /**
     * The part's shared elements, ids from `id`: the run button (`run` its words, `again` once it
     * has run), the progress row, the chart's canvas (`canvasId`, `label` until it is drawn), the
     * findings list and the note shown when the page's settings change after a run.
     */
    widgets({ id, run, again, canvasId, findingsId, label }) {
      const go = h('button', { type: 'button', id: `${id}-run`, class: 'primary', text: run });
      const progress = progressRow(id);
      const canvas = h('canvas', { id: canvasId, class: 'explore-canvas explore-survival', role: 'img', 'aria-label': label });
      const findings = h('ul', { id: findingsId, class: 'explore-findings', 'aria-live': 'polite' });
      const stale = h('p', {
        id: `${id}-stale`,
        class: 'explore-stale',
        hidden: true,
        text: `Your settings have changed since this chart was drawn: press “${again}” to update it.`,
      });
      go.addEventListener('click', () => whenLoaded(progress.status, () => this.start()));
      progress.cancel.addEventListener('click', () => this.cancel());
      this.again = again;
      return { go, progress, canvas, findings, stale };
    },

    /** The page's market changed: a part that has drawn something says it is out of date. */
    markStale() {
      if (!this.run) return;
      this.el.go.textContent = this.again;
      this.el.stale.hidden = false;
    },

    cancel({ quiet = false } = {}) {
      const run = this.run;
      if (!run || run.state !== 'running') return;
      endRun(this, run, quiet ? 'replaced' : 'cancelled');
      if (!quiet) this.requestDraw();
    },

    requestDraw() {
      paceDraw(this, () => {
        this.draw();
        return false;
      });
    },

    /** Paints the survival chart of `samples`; the canvas notes the run's state it shows. */
    paint(samples, options) {
      const state = this.run.state;
      painter.paint(this.el.canvas, { samples }, options, (out) => {
        this.el.canvas.dataset.drawnState = state;
        if (out.error) this.el.progress.status.textContent = `The chart could not be drawn: ${out.error}`;
        else noteDrawn(this.el.canvas, out);
      });
    },
  };
}

const tails = {
  ...survivalPart(),
  el: {},
  run: null,

  build() {
    const law = h(
      'select',
      { id: 'explore-law' },
      option('normal', 'Normal (a bell curve, thin tails)', true),
      option('studentT', 'Student t (already fat-tailed)', false),
    );
    const scale = h('select', { id: 'explore-scale' }, ...[1, 2, 3, 5].map((s) => option(String(s), `${s}${NBSP}%`, s === 2)));
    const runs = h('select', { id: 'explore-runs' }, ...[200, 500, 1000, 2000].map((r) => option(String(r), count(r), r === 500)));
    const { go, progress, canvas, findings, stale } = this.widgets({
      id: 'explore-mc',
      run: 'Run the markets',
      again: 'Run the markets again',
      canvasId: 'explore-survival',
      findingsId: 'explore-findings',
      label: 'Crash-size distribution: not drawn yet.',
    });
    const section = part(
      'explore-mc',
      'How fat is the tail?',
      'Hit the same market hundreds of times with random shocks, and count how often the price moved more than x. The grey line is the shocks alone. Leverage pushes a line to the right: every move grows, and falls the shocks alone never reach become common.',
      [
        labelled('explore-law', 'Shocks drawn from', law),
        labelled('explore-scale', 'Typical shock', scale),
        labelled('explore-runs', 'Markets per curve', runs),
        go,
      ],
      progress.row,
      stale,
      h(
        'figure',
        { class: 'explore-figure' },
        h('figcaption', {}, h('strong', { text: 'Share of markets whose largest move was at least x' }), ' (a logarithmic scale: each step down is ten times rarer).'),
        canvas,
      ),
      findings,
    );
    this.el = { law, scale, runs, go, progress, canvas, findings, section, stale };
    return section;
  },

  start() {
    if (!current) return;
    this.cancel({ quiet: true });
    this.el.stale.hidden = true;
    const base = forExploring(current);
    const runs = Number(this.el.runs.value);
    const shock = { distribution: this.el.law.value, scalePct: Number(this.el.scale.value) };
    const lines = [
      {
        key: 'low',
        label: `${times(LOW_LEVERAGE)} leverage, no mitigation`,
        color: 'text',
        params: { ...withoutMitigations(base), leverage: LOW_LEVERAGE },
      },
      { key: 'none', label: `${times(base.leverage)} leverage, no mitigation`, color: 'none', params: withoutMitigations(base) },
      { key: 'both', label: `${times(base.leverage)} leverage, breaker + tiers`, color: 'both', params: withMitigations(base) },
    ];
    const run = {
      base,
      shock,
      runs,
      lines: lines.map((l) => ({ ...l, shocks: [], moves: [] })),
      jobs: [],
      done: 0,
      total: runs * lines.length,
      started: performance.now(),
      state: 'running',
      error: null,
    };
    this.run = run;
    run.lines.forEach((line, s) => {
      const job = { type: 'monteCarlo', params: line.params, runs, chunk: MC_CHUNK, shock };
      run.jobs.push(pool.run(s, job, (msg) => this.message(run, line, msg)));
    });
    this.sync();
    this.requestDraw();
  },

  message(run, line, msg) {
    // A result already on its way when the run was cancelled or replaced changes nothing.
    if (run !== this.run || run.state !== 'running') return;
    if (msg.type === 'chunk') {
      line.shocks.push(...msg.shocks);
      line.moves.push(...msg.moves);
      run.done += msg.moves.length;
      this.sync();
      this.requestDraw();
    } else if (msg.type === 'done') {
      run.jobs = run.jobs.filter((id) => id !== msg.id);
      if (!run.jobs.length && run.state === 'running') {
        run.state = 'done';
        run.seconds = (performance.now() - run.started) / 1000;
      }
      this.sync();
      this.findings(run, this.reference(run));
      this.requestDraw();
    } else if (msg.type === 'error') {
      run.error = msg.message;
      endRun(this, run, 'error');
    }
  },

  sync() {
    const run = this.run;
    const { bar, status, cancel } = this.el.progress;
    if (!run) return;
    const fraction = run.total ? run.done / run.total : 0;
    bar.value = run.state === 'done' ? 1 : fraction;
    cancel.disabled = run.state !== 'running';
    if (run.state === 'running') {
      status.textContent = `Simulating ${count(run.total)} markets of ${count(run.base.traders)} traders… ${Math.floor(fraction * 100)}${NBSP}%`;
    } else if (run.state === 'done') {
      status.textContent = `Done: ${count(run.total)} markets in ${num(run.seconds, 1)}${NBSP}s.`;
    } else if (run.state === 'cancelled') {
      status.textContent = `Cancelled at ${Math.floor(fraction * 100)}${NBSP}%. The chart shows the markets finished.`;
    } else if (run.state === 'error') {
      status.textContent = `The markets could not be simulated: ${run.error}`;
    }
    root.dataset.mcState = run.state;
  },

  draw() {
    const run = this.run;
    if (!run) return;
    const reference = this.reference(run);
    const sizes = (values) => Float64Array.from(values, Math.abs);
    const samples = [
      { label: 'shocks alone', values: sizes(reference.shocks), color: 'muted' },
      ...run.lines.map((l) => ({ label: l.label, values: sizes(l.moves), color: l.color })),
    ];
    const options = {
      chart: 'survival',
      theme: theme(),
      xLabel: 'largest move after the shock, %',
      xFormat: 'percent',
      logX: false,
    };
    this.paint(samples, options);
    this.findings(run, reference);
  },

  /** The line with the most shocks so far: all lines meet the same shocks. */
  reference(run) {
    return run.lines.reduce((best, l) => (l.shocks.length > best.shocks.length ? l : best));
  },

  /** The fat-tail figures in words. */
  findings(run, reference) {
    const threshold = 3 * run.shock.scalePct;
    const base = tailStats(reference.shocks, threshold);
    if (!reference.shocks.length) {
      this.el.findings.replaceChildren();
      return;
    }
    const beyond = pct(threshold, { decimals: 0 });
    const howMany = (part) => (part > 0 ? share(part) : 'none');
    const items = [
      h('li', {
        text:
          `Shocks alone: ${howMany(base.share)} of them went beyond ${beyond}, three typical shocks (for a bell curve, about 3 in 1,000).`,
      }),
    ];
    for (const line of run.lines) {
      if (!line.moves.length) continue;
      const s = tailStats(line.moves, threshold);
      let often = '';
      if (s.share > 0 && base.share === 0) often = ' The shocks alone never went that far.';
      else if (base.share > 0) {
        const ratio = s.share / base.share;
        if (ratio >= 1.5) often = ` That is ${num(ratio, ratio < 10 ? 1 : 0)} times as often as the shocks alone.`;
        else if (ratio <= 0.67) often = ' That is less often than the shocks alone.';
        else often = ' About as often as the shocks alone.';
      }
      const same = line.key === 'low' && s.share === base.share ? ' (its line lies on the grey one)' : '';
      // Past the tipping point nearly every shock sets off a crash: the moves split into small
      // ones and crashes. A single-number tail measure (kurtosis) reads that as thin-tailed;
      // say what it is instead.
      const split =
        s.kurtosis < -1
          ? ' Its moves fall into two groups, small ones and crashes, with few in between: past the tipping point almost any shock sets off a crash, so crashes are the rule here, not a rare tail.'
          : '';
      items.push(
        h('li', {
          class: `explore-finding-${line.key}`,
          text: `${line.label}${same}: ${howMany(s.share)} of ${count(line.moves.length)} markets moved more than ${beyond}.` + often + split,
        }),
      );
    }
    this.el.findings.replaceChildren(...items);
    this.el.canvas.setAttribute(
      'aria-label',
      `Crash-size distribution on log scales. ${[...this.el.findings.children].map((li) => li.textContent).join(' ')}`,
    );
  },
};

// ---------------------------------------------------------------------------------------------
// Fat tails over time

/** The long path's shape: 20,000 one-second ticks cut into 10-second returns. */
const CYCLES_SPEC = { ticks: 20000, intervalTicks: 10, noisePct: 0.3, comebackTicks: 100 };
/** Traders in a long market: enough for smooth cascades, few enough for a few seconds' run. */
const CYCLES_TRADERS = 5000;

const overTime = {
  ...survivalPart(),
  el: {},
  run: null,

  build() {
    const { go, progress, canvas, findings, stale } = this.widgets({
      id: 'explore-cycles',
      run: 'Run the long market',
      again: 'Run the long market again',
      canvasId: 'explore-cycles',
      findingsId: 'explore-cycles-findings',
      label: 'Distribution of price moves over a long run: not drawn yet.',
    });
    const seconds = CYCLES_SPEC.intervalTicks;
    const section = part(
      'explore-cycles',
      'Fat tails over time',
      `One market over ${duration(CYCLES_SPEC.ticks)} of random noise and nothing else. Traders who are liquidated come back ${count(CYCLES_SPEC.comebackTicks)} seconds later, and take more leverage the calmer the market has been. So leverage builds up in calm spells until a cascade clears it, again and again. The grey line is the noise alone: with leverage, large ${seconds}-second moves become far more common than the noise can explain.`,
      [go],
      progress.row,
      stale,
      h(
        'figure',
        { class: 'explore-figure' },
        h('figcaption', {}, h('strong', { text: `Share of ${seconds}-second moves, up or down, at least x` }), ' (a logarithmic scale: each step down is ten times rarer; a bell curve drops off a cliff, a fat tail runs on to the right).'),
        canvas,
      ),
      findings,
    );
    this.el = { go, progress, canvas, findings, section, stale };
    return section;
  },

  start() {
    if (!current) return;
    this.cancel({ quiet: true });
    this.el.stale.hidden = true;
    const explored = withoutMitigations(forExploring(current));
    const base = { ...explored, traders: Math.min(explored.traders, CYCLES_TRADERS) };
    const lines = [
      { key: 'low', label: `${times(LOW_LEVERAGE)} leverage`, color: 'text', params: { ...base, leverage: LOW_LEVERAGE } },
      { key: 'none', label: `${times(base.leverage)} leverage`, color: 'none', params: base },
    ];
    const run = {
      base,
      lines: lines.map((l) => ({ ...l, result: null })),
      jobs: [],
      done: 0,
      total: lines.length,
      started: performance.now(),
      state: 'running',
      error: null,
    };
    this.run = run;
    run.lines.forEach((line, s) => {
      const job = { type: 'cycles', params: line.params, spec: CYCLES_SPEC };
      run.jobs.push(pool.run(s, job, (msg) => this.message(run, line, msg)));
    });
    this.sync();
    this.requestDraw();
  },

  message(run, line, msg) {
    if (run !== this.run || run.state !== 'running') return;
    if (msg.type === 'path') {
      line.result = msg.result;
      run.done += 1;
    } else if (msg.type === 'done') {
      run.jobs = run.jobs.filter((id) => id !== msg.id);
      if (!run.jobs.length) {
        run.state = 'done';
        run.seconds = (performance.now() - run.started) / 1000;
      }
    } else if (msg.type === 'error') {
      run.error = msg.message;
      endRun(this, run, 'error');
      return;
    }
    this.sync();
    this.requestDraw();
  },

  sync() {
    const run = this.run;
    const { bar, status, cancel } = this.el.progress;
    if (!run) return;
    bar.value = run.state === 'done' ? 1 : run.done / run.total;
    cancel.disabled = run.state !== 'running';
    const what = `${count(run.total)} long markets of ${count(run.base.traders)} traders`;
    if (run.state === 'running') status.textContent = `Simulating ${what}… ${run.done} of ${run.total} done`;
    else if (run.state === 'done') status.textContent = `Done: ${what} in ${num(run.seconds, 1)}${NBSP}s.`;
    else if (run.state === 'cancelled') status.textContent = 'Cancelled. The chart shows the markets finished.';
    else if (run.state === 'error') status.textContent = `The markets could not be simulated: ${run.error}`;
    root.dataset.cyclesState = run.state;
  },

  draw() {
    const run = this.run;
    if (!run) return;
    const finished = run.lines.filter((l) => l.result);
    if (!finished.length) return;
    const sizes = (values) => Float64Array.from(values, Math.abs);
    const samples = [
      { label: 'noise alone', values: sizes(finished[0].result.baselineReturns), color: 'muted' },
      ...finished.map((l) => ({ label: l.label, values: sizes(l.result.returns), color: l.color })),
    ];
    const options = {
      chart: 'survival',
      theme: theme(),
      xLabel: `size of a ${CYCLES_SPEC.intervalTicks}-second move, %`,
      xFormat: 'percent',
      logX: false,
    };
    this.paint(samples, options);
    this.findings(finished);
  },

  /** The tail figures in words, each next to the noise's. */
  findings(finished) {
    const first = finished[0].result;
    const sigma = first.baselineSigmaPct;
    const beyond = pct(4 * sigma, { decimals: 1 });
    const howMany = (part) => (part > 0 ? `${share(part)} of the moves` : 'none of the moves');
    const index = (h) => (h === null ? 'too few large moves to measure' : num(h, 1));
    const items = [
      h('li', {
        text:
          `Noise alone: a typical ${CYCLES_SPEC.intervalTicks}-second move is ${pct(sigma, { decimals: 2 })}; ${howMany(first.baselineTailShare)} went beyond ${beyond}, four typical ones (a bell curve: 6 in 100,000). ` +
          `Tail index (Hill, beyond 2.5 typical moves): ${index(first.baselineHill)}. The smaller the index, the fatter the tail; stock returns have about 3.`,
      }),
    ];
    for (const line of finished) {
      const r = line.result;
      const lev = r.leverage.filter((x) => x > 0);
      const lo = Math.min(...lev);
      const hi = Math.max(...lev);
      items.push(
        h('li', {
          class: `explore-finding-${line.key}`,
          text:
            `${capital(line.label)}: ${howMany(r.tailShare)} went beyond ${beyond}; tail index ${index(r.hill)}. ` +
            (r.comebacks > 0
              ? `${count(r.comebacks)} times a liquidated trader came back, and the market's leverage swung between ${times(lo)} and ${times(hi)}: it builds up while the market is calm, and cascades cut it down.`
              : 'Nobody was liquidated: the moves are the noise\'s.'),
        }),
      );
    }
    this.el.findings.replaceChildren(...items);
    this.el.canvas.setAttribute(
      'aria-label',
      `Distribution of price moves over a long run, on log scales. ${[...this.el.findings.children].map((li) => li.textContent).join(' ')}`,
    );
  },
};

// ---------------------------------------------------------------------------------------------
// Following the page

/** The page's params: those of the market it shows (the last that worked), as a link writes them. */
function readPageParams() {
  return page.resultParams ? normalize(page.resultParams) : null;
}

/** Follows the page's market: when it changes, the maps and the tails say so. */
function followPage(keys) {
  if (!keys.has('resultParams')) return;
  const next = readPageParams();
  if (!next || (current && same(next, current))) return;
  current = next;
  map.paramsChanged();
  tails.markStale();
  overTime.markStale();
}

let loading = null;
/** Loads the explorations' package (once) and reads the page's params. */
function load() {
  loading ||= (async () => {
    // The explorations' package is needed here only when the page has to draw the charts itself
    // (the workers load their own).
    if (!painter.offscreen) {
      api = (await loadApi(new URL('../pkg-explore/', import.meta.url))).api;
    }
    for (const canvas of [...map.el.figures.map((f) => f.canvas), tails.el.canvas, overTime.el.canvas]) painter.adopt(canvas);
    current = readPageParams() || current;
  })();
  return loading;
}

/** Runs `f` once the package is loaded; says so in `status` if it cannot load. */
function whenLoaded(status, f) {
  load().then(f, (err) => {
    status.textContent = `The explorations could not start: ${err && err.message ? err.message : err}`;
  });
}

/** Loads the package as the section nears the screen, and runs both the first time it is seen. */
function startWhenSeen() {
  const near = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      near.disconnect();
      load().catch(() => {});
    },
    { rootMargin: '600px 0px' },
  );
  near.observe(root);
  const seen = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    seen.disconnect();
    whenLoaded(map.el.progress.status, () => {
      if (!map.run) map.start();
      if (!tails.run) tails.start();
    });
  });
  seen.observe(root);
}

/** The tour's steps that use this section (tour-steps.js) set it up when they are shown. */
function followTour() {
  let waiting = null; // a step shown whose preset has not been computed yet
  const run = (step) => {
    current = readPageParams() || current;
    const e = step.explore;
    if (e.view === 'map') {
      if (e.x) map.el.x.value = e.x;
      if (e.y) map.el.y.value = e.y;
      if (e.metric) map.el.metric.value = e.metric;
      map.start();
      map.el.section.scrollIntoView({ block: 'start', behavior: 'smooth' });
    } else {
      tails.start();
      tails.el.section.scrollIntoView({ block: 'start', behavior: 'smooth' });
    }
  };
  const stepShown = () => {
    const step = page.tourStep === null ? null : TOUR[page.tourStep];
    return step && step.explore ? step : null;
  };
  subscribe((keys) => {
    if (keys.has('tourStep')) waiting = stepShown();
    // The step's preset is computed in the page's next frame: run once its result is in.
    if (waiting && keys.has('resultParams')) {
      const step = waiting;
      waiting = null;
      whenLoaded(map.el.progress.status, () => run(step));
    }
  });
  // A link straight to one of these steps (?tour=N) showed it, and computed it, before this ran.
  const shown = stepShown();
  if (shown && page.resultParams) whenLoaded(map.el.progress.status, () => run(shown));
  else waiting = shown;
}

/** Resolves once main.js has started; rejects if it failed. */
function pageReady() {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (page.failed) reject(new Error('the page could not start'));
      else if (page.ready) resolve();
      else return false;
      return true;
    };
    if (check()) return;
    const stop = subscribe(() => {
      if (check()) stop();
    });
  });
}

async function start() {
  if (!root) return;
  try {
    await pageReady();
  } catch {
    return; // The page shows its own error; this section stays empty.
  }
  root.replaceChildren(
    h('h2', { id: 'explore-title', text: 'Explore: tipping points and fat tails' }),
    h('p', {
      class: 'explore-intro',
      text: `These views run hundreds of markets with your settings (with at most ${count(MAX_TRADERS)} traders each, to stay quick), in the background so the page stays responsive.`,
    }),
    map.build(),
    tails.build(),
    overTime.build(),
  );
  subscribe(followPage);
  const resize = new ResizeObserver(() => {
    map.requestDraw();
    tails.requestDraw();
    overTime.requestDraw();
  });
  for (const f of map.el.figures) resize.observe(f.canvas);
  resize.observe(tails.el.canvas);
  resize.observe(overTime.el.canvas);
  darkScheme.addEventListener('change', () => {
    map.requestDraw();
    tails.requestDraw();
    overTime.requestDraw();
  });
  followTour();
  startWhenSeen();
  root.dataset.ready = 'true';
}

start();
