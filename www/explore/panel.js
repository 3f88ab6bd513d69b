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
//
// Every word it shows, and every word it asks the charts to draw, comes from the page's language's
// catalogue (lang/explore-<lang>.js), loaded once the page has set its language.

import { get, normalize, same } from '../lab/schema.js';
import * as ENGLISH from '../lang/explore-en.js';
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
/** The section's words: lang/explore-<lang>.js of the page's language, set before the DOM is built. */
let W = ENGLISH;

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
  const cancel = h('button', { type: 'button', id: `${idPrefix}-cancel`, class: 'quiet', text: W.SAY.cancel });
  cancel.disabled = true;
  return { row: h('div', { class: 'explore-progress' }, bar, status, cancel), bar, status, cancel };
}

function theme() {
  return darkScheme.matches ? 'dark' : 'light';
}

/** A value as an axis or the colours print it, in the page's language. */
function formatValue(format, v) {
  switch (format) {
    case 'money':
      return W.usd(v);
    case 'percent':
      return W.pct(v);
    case 'multiple':
      return W.times(v);
    default:
      return W.num(v, 2);
  }
}

/** renderExploration's options with the charts' words of the page's language (none in English). */
function withWords(options) {
  return W.CHART_WORDS ? { ...options, words: W.CHART_WORDS } : options;
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
          handler({ type: 'error', message: event.message || W.SAY.workerStopped, field: null });
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

/** The two maps: compare()'s "none" and "both" (their words: the catalogue's SIDES). */
const SIDES = [
  { key: 'none', make: withoutMitigations },
  { key: 'both', make: withMitigations },
];

const map = {
  el: {},
  run: null, // the map being computed or shown
  pointer: null, // [side, i, j] of the cell under the pointer or keyboard cursor

  build() {
    const x = h('select', { id: 'explore-x' }, ...AXES.map((a) => option(a.key, W.AXES[a.key].label, a.key === 'leverage')));
    const y = h('select', { id: 'explore-y' }, ...AXES.map((a) => option(a.key, W.AXES[a.key].label, a.key === 'depthPerPct')));
    const m = h(
      'select',
      { id: 'explore-metric' },
      ...METRICS.map((k) => option(k.key, W.METRICS[k.key].label, k.key === 'amplification')),
    );
    const draw = h('button', { type: 'button', id: 'explore-draw', class: 'primary', text: W.MAP.draw });
    const progress = progressRow('explore-map');
    const stale = h('p', { id: 'explore-stale', class: 'explore-stale', hidden: true, text: W.MAP.stale });
    const figures = SIDES.map((side) => {
      const words = W.SIDES[side.key];
      const canvas = h('canvas', {
        id: `explore-map-${side.key}`,
        class: 'explore-canvas',
        role: 'img',
        tabindex: '0',
        'aria-label': W.MAP.notDrawn(words.title),
        'aria-describedby': 'explore-map-help',
      });
      const figure = h(
        'figure',
        { class: `explore-figure explore-figure-${side.key}` },
        h('figcaption', {}, h('strong', { text: words.title }), words.caption),
        canvas,
      );
      return { side, canvas, figure };
    });
    const readout = h('p', { id: 'explore-cell', class: 'explore-cell', 'aria-live': 'polite', text: '' });
    const help = h('p', { id: 'explore-map-help', class: 'hint', text: W.MAP.help });
    const section = part(
      'explore-map',
      W.MAP.title,
      W.MAP.lede,
      [
        labelled('explore-x', W.MAP.across, x),
        labelled('explore-y', W.MAP.up, y),
        labelled('explore-metric', W.MAP.colour, m),
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
    const maps = run.sides.length;
    const markets = run.xs.length * run.ys.length;
    const percent = Math.floor(fraction * 100);
    if (run.state === 'running') {
      status.textContent = W.MAP.running(maps, markets, run.base.traders, percent);
    } else if (run.state === 'done') {
      status.textContent = W.MAP.done(maps, markets, run.seconds);
    } else if (run.state === 'cancelled') {
      status.textContent = W.MAP.cancelled(percent);
    } else if (run.state === 'error') {
      status.textContent = W.MAP.failed(run.error);
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
    const options = withWords({
      chart: 'heatmap',
      theme: theme(),
      xLabel: W.AXES[run.x.key].chart,
      yLabel: W.AXES[run.y.key].chart,
      valueLabel: W.METRICS[run.metric.key].chart,
      xFormat: run.x.format,
      yFormat: run.y.format,
      valueFormat: run.metric.format,
      valueRange: this.valueRange(run),
      marker,
      selected: this.pointer && this.pointer[0].canvas === data.canvas ? this.pointer.slice(1) : null,
      level: 1,
      levelLabel: W.MAP.levelLabel,
    });
    const state = run.state;
    painter.paint(data.canvas, grid, options, (out) => {
      data.canvas.dataset.drawnState = state;
      if (out.error) {
        this.el.progress.status.textContent = W.MAP.notDrawnError(out.error);
        return;
      }
      if (run === this.run) data.plot = out.plot;
      noteDrawn(data.canvas, out);
    });
    data.canvas.setAttribute('aria-label', this.describe(run, data));
  },

  /** A text version of a map for screen readers: the range of the metric and where n = 1 lies. */
  describe(run, data) {
    const side = W.SIDES[data.side.key].title;
    const finite = [...data.values].filter(Number.isFinite);
    if (!finite.length) return W.MAP.computing(side);
    const runaway = [...data.branching].filter((b) => b >= 1).length;
    const cells = data.branching.length;
    return W.MAP.describe({
      side,
      metric: W.METRICS[run.metric.key],
      x: W.AXES[run.x.key],
      xFrom: formatValue(run.x.format, run.xs[0]),
      xTo: formatValue(run.x.format, run.xs[run.xs.length - 1]),
      y: W.AXES[run.y.key],
      yFrom: formatValue(run.y.format, run.ys[0]),
      yTo: formatValue(run.y.format, run.ys[run.ys.length - 1]),
      low: formatValue(run.metric.format, Math.min(...finite)),
      high: formatValue(run.metric.format, Math.max(...finite)),
      runaway: Math.round((100 * runaway) / cells),
    });
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
    this.el.readout.textContent = W.MAP.cell({
      side: W.SIDES[data.side.key].title,
      x: W.AXES[run.x.key],
      xValue: formatValue(run.x.format, run.xs[i]),
      y: W.AXES[run.y.key],
      yValue: formatValue(run.y.format, run.ys[j]),
      value: Number.isFinite(v) ? W.METRICS[run.metric.key].value(formatValue(run.metric.format, v)) : null,
      n,
    });
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
        text: W.SAY.chartStale(again),
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
        if (out.error) this.el.progress.status.textContent = W.SAY.chartNotDrawn(out.error);
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
      option('normal', W.LAWS.normal, true),
      option('studentT', W.LAWS.studentT, false),
    );
    const scale = h(
      'select',
      { id: 'explore-scale' },
      ...[1, 2, 3, 5].map((s) => option(String(s), W.SAY.percent(s), s === 2)),
    );
    const runs = h('select', { id: 'explore-runs' }, ...[200, 500, 1000, 2000].map((r) => option(String(r), W.count(r), r === 500)));
    const { go, progress, canvas, findings, stale } = this.widgets({
      id: 'explore-mc',
      run: W.TAILS.run,
      again: W.TAILS.again,
      canvasId: 'explore-survival',
      findingsId: 'explore-findings',
      label: W.TAILS.notDrawn,
    });
    const section = part(
      'explore-mc',
      W.TAILS.title,
      W.TAILS.lede,
      [
        labelled('explore-law', W.TAILS.law, law),
        labelled('explore-scale', W.TAILS.scale, scale),
        labelled('explore-runs', W.TAILS.runs, runs),
        go,
      ],
      progress.row,
      stale,
      h(
        'figure',
        { class: 'explore-figure' },
        h('figcaption', {}, h('strong', { text: W.TAILS.figure }), W.TAILS.figureNote),
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
        label: W.TAILS.line(LOW_LEVERAGE, false),
        color: 'text',
        params: { ...withoutMitigations(base), leverage: LOW_LEVERAGE },
      },
      { key: 'none', label: W.TAILS.line(base.leverage, false), color: 'none', params: withoutMitigations(base) },
      { key: 'both', label: W.TAILS.line(base.leverage, true), color: 'both', params: withMitigations(base) },
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
    const percent = Math.floor(fraction * 100);
    if (run.state === 'running') {
      status.textContent = W.TAILS.running(run.total, run.base.traders, percent);
    } else if (run.state === 'done') {
      status.textContent = W.TAILS.done(run.total, run.seconds);
    } else if (run.state === 'cancelled') {
      status.textContent = W.TAILS.cancelled(percent);
    } else if (run.state === 'error') {
      status.textContent = W.SAY.marketsFailed(run.error);
    }
    root.dataset.mcState = run.state;
  },

  draw() {
    const run = this.run;
    if (!run) return;
    const reference = this.reference(run);
    const sizes = (values) => Float64Array.from(values, Math.abs);
    const samples = [
      { label: W.TAILS.shocksAlone, values: sizes(reference.shocks), color: 'muted' },
      ...run.lines.map((l) => ({ label: l.label, values: sizes(l.moves), color: l.color })),
    ];
    const options = withWords({
      chart: 'survival',
      theme: theme(),
      xLabel: W.TAILS.xLabel,
      xFormat: 'percent',
      logX: false,
    });
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
    const items = [h('li', { text: W.TAILS.base(base.share, threshold) })];
    for (const line of run.lines) {
      if (!line.moves.length) continue;
      const s = tailStats(line.moves, threshold);
      let often = '';
      if (s.share > 0 && base.share === 0) often = W.TAILS.never;
      else if (base.share > 0) {
        const ratio = s.share / base.share;
        if (ratio >= 1.5) often = W.TAILS.ratio(ratio);
        else if (ratio <= 0.67) often = W.TAILS.lessOften;
        else often = W.TAILS.asOften;
      }
      const onGrey = line.key === 'low' && s.share === base.share;
      // Past the tipping point nearly every shock sets off a crash: the moves split into small
      // ones and crashes. A single-number tail measure (kurtosis) reads that as thin-tailed;
      // say what it is instead.
      const split = s.kurtosis < -1 ? W.TAILS.split : '';
      items.push(
        h('li', {
          class: `explore-finding-${line.key}`,
          text: W.TAILS.moved(line.label, onGrey, s.share, line.moves.length, threshold) + often + split,
        }),
      );
    }
    this.el.findings.replaceChildren(...items);
    this.el.canvas.setAttribute('aria-label', W.TAILS.label([...this.el.findings.children].map((li) => li.textContent)));
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
      run: W.CYCLES.run,
      again: W.CYCLES.again,
      canvasId: 'explore-cycles',
      findingsId: 'explore-cycles-findings',
      label: W.CYCLES.notDrawn,
    });
    // One tick is a second.
    const seconds = CYCLES_SPEC.intervalTicks;
    const section = part(
      'explore-cycles',
      W.CYCLES.title,
      W.CYCLES.lede(CYCLES_SPEC.ticks, CYCLES_SPEC.comebackTicks, seconds),
      [go],
      progress.row,
      stale,
      h(
        'figure',
        { class: 'explore-figure' },
        h('figcaption', {}, h('strong', { text: W.CYCLES.figure(seconds) }), W.CYCLES.figureNote),
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
      { key: 'low', label: W.CYCLES.line(LOW_LEVERAGE), color: 'text', params: { ...base, leverage: LOW_LEVERAGE } },
      { key: 'none', label: W.CYCLES.line(base.leverage), color: 'none', params: base },
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
    if (run.state === 'running') status.textContent = W.CYCLES.running(run.total, run.base.traders, run.done);
    else if (run.state === 'done') status.textContent = W.CYCLES.done(run.total, run.base.traders, run.seconds);
    else if (run.state === 'cancelled') status.textContent = W.CYCLES.cancelled;
    else if (run.state === 'error') status.textContent = W.SAY.marketsFailed(run.error);
    root.dataset.cyclesState = run.state;
  },

  draw() {
    const run = this.run;
    if (!run) return;
    const finished = run.lines.filter((l) => l.result);
    if (!finished.length) return;
    const sizes = (values) => Float64Array.from(values, Math.abs);
    const samples = [
      { label: W.CYCLES.noiseAlone, values: sizes(finished[0].result.baselineReturns), color: 'muted' },
      ...finished.map((l) => ({ label: l.label, values: sizes(l.result.returns), color: l.color })),
    ];
    const options = withWords({
      chart: 'survival',
      theme: theme(),
      xLabel: W.CYCLES.xLabel(CYCLES_SPEC.intervalTicks),
      xFormat: 'percent',
      logX: false,
    });
    this.paint(samples, options);
    this.findings(finished);
  },

  /** The tail figures in words, each next to the noise's. */
  findings(finished) {
    const first = finished[0].result;
    const sigma = first.baselineSigmaPct;
    const threshold = 4 * sigma;
    const items = [
      h('li', {
        text: W.CYCLES.base(CYCLES_SPEC.intervalTicks, sigma, first.baselineTailShare, threshold, first.baselineHill),
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
          text: W.CYCLES.moved(line.label, r.tailShare, threshold, r.hill, r.comebacks, lo, hi),
        }),
      );
    }
    this.el.findings.replaceChildren(...items);
    this.el.canvas.setAttribute('aria-label', W.CYCLES.label([...this.el.findings.children].map((li) => li.textContent)));
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
    status.textContent = W.SAY.notStarted(err && err.message ? err.message : err);
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

/** The catalogue of language `lang` (English is built in); English if it cannot load. */
async function loadWords(lang) {
  if (!lang || lang === 'en') return ENGLISH;
  try {
    return await import(`../lang/explore-${lang}.js`);
  } catch {
    return ENGLISH;
  }
}

async function start() {
  if (!root) return;
  try {
    await pageReady();
  } catch {
    return; // The page shows its own error; this section stays empty.
  }
  W = await loadWords(page.lang);
  root.replaceChildren(
    h('h2', { id: 'explore-title', text: W.SAY.title }),
    h('p', { class: 'explore-intro', text: W.SAY.intro(MAX_TRADERS) }),
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
