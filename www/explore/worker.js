// The explorations' worker: its own copy of the simulator, so that the hundreds of markets a map
// or a crash-size distribution needs never hold up the page.
//
// Messages in:
//   {type: 'sweep', id, params, inner: {field, from, to, steps}, outer: {field, values}, metric,
//    outerSetsBreaker}
//     runs one line of cells per outer value (the inner axis in one sweep() call) and posts each
//     line as it is done. When `outerSetsBreaker` is true the outer axis is the breaker's first
//     halt level: the later levels follow it (schema.js levelsFrom), as the page's slider does.
//   {type: 'monteCarlo', id, params, runs, chunk, shock}
//     runs `runs` markets in chunks of `chunk`, posting each chunk's shocks, moves and drawdowns.
//     Chunk k uses seed params.seed + k × chunk, so two requests with the same params but other
//     leverage or mitigations meet the very same shocks.
//   {type: 'cycles', id, params, spec}
//     runs one long path with traders who come back (cycles) and posts its returns, the noise's,
//     the aggregate leverage and the tail figures.
//   {type: 'cancel', ids}  stops those jobs (queued or running) at the next line or chunk.
//   {type: 'canvas', key, canvas}  an OffscreenCanvas (a page <canvas> handed over) to draw on
//   {type: 'draw', key, width, height, data, options}  renderExploration on that canvas, resized
//     to width × height device pixels; answered with {type: 'drawn', key, plot, print} where
//     print is {hash, colours} of the pixels (for tests), or {type: 'drawn', key, error}. The
//     page puts every word of the chart in `options` (its titles, the samples' labels and, in a
//     language other than English, the charts' own words as `options.words`), so the worker
//     writes none of its own.
//
// The worker says nothing to readers itself: an error's `message` is the simulator's, and the
// page puts it in a sentence of its language.
// Messages out:
//   {type: 'ready'} | {type: 'failed', message}  once, after loading the simulator
//   {type: 'line', id, index, values, branching, ms}  (sweep; typed arrays transferred)
//   {type: 'chunk', id, index, shocks, moves, drawdowns, ms}  (monteCarlo)
//   {type: 'path', id, result, ms}  (cycles; its typed arrays transferred)
//   {type: 'done', id, ms} | {type: 'cancelled', id} | {type: 'error', id, message, field}
//
// Between two lines or chunks the worker yields to its event loop, so a cancel message is seen
// within one line's work (tens of milliseconds).

import init, { cycles, monteCarlo, renderExploration, sweep } from '../pkg-explore/leverage_cascade.js';
import { levelsFrom } from '../lab/schema.js';

const queue = [];
const cancelled = new Set();
let running = false;

const loaded = init().then(
  () => postMessage({ type: 'ready' }),
  (err) => {
    postMessage({ type: 'failed', message: String(err && err.message ? err.message : err) });
    throw err;
  },
);

/** Canvases handed over by the page, by key. */
const canvases = new Map();

self.onmessage = (event) => {
  const job = event.data;
  if (job.type === 'cancel') {
    for (const id of job.ids) cancelled.add(id);
    return;
  }
  if (job.type === 'canvas') {
    canvases.set(job.key, job.canvas);
    return;
  }
  if (job.type === 'draw') {
    loaded.then(() => draw(job), () => {});
    return;
  }
  queue.push(job);
  if (!running) drain();
};

async function drain() {
  running = true;
  try {
    await loaded;
  } catch {
    running = false;
    return;
  }
  while (queue.length) {
    const job = queue.shift();
    if (cancelled.has(job.id)) {
      cancelled.delete(job.id);
      postMessage({ type: 'cancelled', id: job.id });
      continue;
    }
    try {
      const run = { sweep: runSweep, monteCarlo: runMonteCarlo, cycles: runCycles }[job.type];
      const finished = await run(job);
      postMessage(finished ? { type: 'done', id: job.id } : { type: 'cancelled', id: job.id });
    } catch (err) {
      postMessage({
        type: 'error',
        id: job.id,
        message: String(err && err.message ? err.message : err),
        field: err && typeof err.field === 'string' ? err.field : null,
      });
    }
    cancelled.delete(job.id);
  }
  running = false;
}

/** Lets queued messages (a cancel) run; a MessageChannel round trip is not throttled like setTimeout. */
function yieldToEvents() {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/** The params of one outer value: the breaker levels follow a first level as the slider sets them. */
function lineParams(job, value) {
  if (!job.outerSetsBreaker) return job.params;
  const breaker = job.params.circuitBreaker;
  return { ...job.params, circuitBreaker: { ...breaker, levelsPct: levelsFrom(value) } };
}

async function runSweep(job) {
  const { inner, outer, metric } = job;
  for (let index = 0; index < outer.values.length; index += 1) {
    await yieldToEvents();
    if (cancelled.has(job.id)) return false;
    const value = outer.values[index];
    const started = performance.now();
    const grid = sweep(lineParams(job, value), {
      x: inner,
      y: { field: outer.field, from: value, to: value, steps: 1 },
      metric,
    });
    const ms = performance.now() - started;
    postMessage({ type: 'line', id: job.id, index, values: grid.values, branching: grid.branching, ms }, [
      grid.values.buffer,
      grid.branching.buffer,
    ]);
  }
  return true;
}

async function runMonteCarlo(job) {
  const { params, runs, chunk, shock } = job;
  const chunks = Math.ceil(runs / chunk);
  for (let index = 0; index < chunks; index += 1) {
    await yieldToEvents();
    if (cancelled.has(job.id)) return false;
    const started = performance.now();
    const out = monteCarlo(
      { ...params, seed: params.seed + index * chunk },
      { runs: Math.min(chunk, runs - index * chunk), shock },
    );
    const ms = performance.now() - started;
    postMessage(
      { type: 'chunk', id: job.id, index, shocks: out.shocks, moves: out.moves, drawdowns: out.drawdowns, ms },
      [out.shocks.buffer, out.moves.buffer, out.drawdowns.buffer],
    );
  }
  return true;
}

async function runCycles(job) {
  await yieldToEvents();
  if (cancelled.has(job.id)) return false;
  const started = performance.now();
  const result = cycles(job.params, job.spec);
  const ms = performance.now() - started;
  postMessage({ type: 'path', id: job.id, result, ms }, [
    result.returns.buffer,
    result.baselineReturns.buffer,
    result.leverage.buffer,
  ]);
  return true;
}

/** Draws one chart on a handed-over canvas and tells the page where its plot is. */
function draw({ key, width, height, data, options }) {
  const canvas = canvases.get(key);
  if (!canvas) return;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  try {
    const { plot } = renderExploration(canvas, data, options);
    postMessage({ type: 'drawn', key, plot, print: fingerprint(canvas) });
  } catch (err) {
    postMessage({ type: 'drawn', key, error: String(err && err.message ? err.message : err) });
  }
}

/** A hash of the canvas's pixels and how many colours it has (up to 64): tests read it. */
function fingerprint(canvas) {
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let hash = 2166136261;
  const colours = new Set();
  for (let i = 0; i < pixels.length; i += 4) {
    const rgba = (pixels[i] << 24) | (pixels[i + 1] << 16) | (pixels[i + 2] << 8) | pixels[i + 3];
    hash = Math.imul(hash ^ rgba, 16777619) >>> 0;
    if (colours.size < 64) colours.add(rgba);
  }
  return { hash, colours: colours.size };
}
