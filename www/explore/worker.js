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
//   {type: 'cancel', ids}  stops those jobs (queued or running) at the next line or chunk.
// Messages out:
//   {type: 'ready'} | {type: 'failed', message}  once, after loading the simulator
//   {type: 'line', id, index, values, branching, ms}  (sweep; typed arrays transferred)
//   {type: 'chunk', id, index, shocks, moves, drawdowns, ms}  (monteCarlo)
//   {type: 'done', id, ms} | {type: 'cancelled', id} | {type: 'error', id, message, field}
//
// Between two lines or chunks the worker yields to its event loop, so a cancel message is seen
// within one line's work (tens of milliseconds).

import init, { sweep, monteCarlo } from '../pkg/leverage_cascade.js';
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

self.onmessage = (event) => {
  const job = event.data;
  if (job.type === 'cancel') {
    for (const id of job.ids) cancelled.add(id);
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
      const finished = job.type === 'sweep' ? await runSweep(job) : await runMonteCarlo(job);
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
