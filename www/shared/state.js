// The page's state, shared by the modules that make up the page: the lab (main.js) writes it, its
// explorations (explore/panel.js) read it, and either may ask the other to act. No module reads
// another's DOM to find out what the page shows.
//
//   state.params        what the controls show (main.js edits it in place)
//   state.result        compare() of the last params that worked, and state.resultParams, those params
//   state.focus         the scenario the map, gauge and story show
//   state.cursor        the tick playback shows, or null for the whole run
//   state.tourStep      index into lab/tour.js's TOUR while the tour is open, else null
//   state.predict       the link's predict=1 (true) or predict=0 (false), else null: guess first in the tour only
//   state.guessing      true while the reader guesses the fall before the result is shown
//   state.ready         true once the simulator has started; state.failed, its error if it could not
//   state.lang          the page's language ('en', 'zh'), set before state.ready
//
// Assigning a field notifies the subscribers once, after the current task (a microtask), with the
// set of fields that changed; changes inside a field's value (state.params.leverage = 3) do not.

const fields = {
  params: null,
  result: null,
  resultParams: null,
  focus: 'none',
  cursor: null,
  eventIndex: null,
  playing: false,
  tourStep: null,
  predict: null,
  guessing: false,
  ready: false,
  failed: null,
  lang: 'en',
};

const subscribers = new Set();
let changed = new Set();

function flush() {
  const keys = changed;
  changed = new Set();
  for (const f of subscribers) f(keys, state);
}

/** The page's state: a plain object whose assignments notify the subscribers. */
export const state = new Proxy(fields, {
  set(target, key, value) {
    if (target[key] === value) return true;
    target[key] = value;
    if (changed.size === 0) queueMicrotask(flush);
    changed.add(key);
    return true;
  },
});

/** Calls `f(changedKeys, state)` after each batch of changes; returns a function that stops it. */
export function subscribe(f) {
  subscribers.add(f);
  return () => subscribers.delete(f);
}

const handlers = new Map();

/** Says how the page does `action` (one handler per action): `f(payload)`. */
export function handle(action, f) {
  handlers.set(action, f);
}

/** Asks the page to do `action`; returns the handler's answer, or undefined if none is set. */
export function ask(action, payload) {
  const f = handlers.get(action);
  return f ? f(payload) : undefined;
}
