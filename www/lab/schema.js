// The page's view of `Params`: which fields a link may carry, how each is written in a URL, and
// how a URL is read back without trusting it.
//
// The model (src/model/params.rs) stays the judge of what is valid: this file only turns text
// into typed values and applies the page's own limits (a slider's range, or a cap that keeps the
// tab responsive). Whatever passes here still goes through the API, and a field the API rejects is
// reset to its default by the caller.

import { DEFAULT_BREAKER as MODEL_BREAKER, DEFAULT_SECOND_VENUE as MODEL_SECOND_VENUE, PARAMS } from '../shared/params.js';

/**
 * The breaker compare() runs while `params.circuitBreaker` is null (`CircuitBreaker::default()`,
 * from the parameter table's copy): US market-wide levels 7/13/20 %, a 600-tick window and 60-tick
 * halts. The page reads breaker fields through it.
 */
export const DEFAULT_BREAKER = Object.freeze({ ...MODEL_BREAKER, levelsPct: Object.freeze([...MODEL_BREAKER.levelsPct]) });

/** The second venue the page adds when it is switched on (`SecondVenue::default()`). */
export const DEFAULT_SECOND_VENUE = Object.freeze({ ...MODEL_SECOND_VENUE });

/**
 * Settings that are an object or null, switched on and off as a whole, with the object a link
 * or a control starts from when it switches one on. Their fields read through that object while
 * the setting is off.
 */
const SWITCHED = { circuitBreaker: DEFAULT_BREAKER, secondVenue: DEFAULT_SECOND_VENUE };

/**
 * The switched settings a link's field may switch on by itself: a breaker field gives the
 * breaker scenarios that breaker. A second venue's field does not: it would add a whole market
 * the link never asked for, so it needs `secondVenue=on` (or a preset with a second venue).
 */
const SWITCHED_BY_FIELDS = new Set(['circuitBreaker']);

function isSwitched(key) {
  return Object.hasOwn(SWITCHED, key);
}

/** The switched setting a key belongs to (`circuitBreaker` for `circuitBreaker.haltTicks`), or null. */
export function switchOf(key) {
  const root = key.split('.')[0];
  return isSwitched(root) && key !== root ? root : null;
}

/** Keys of the query string that are not parameters. */
export const META_KEYS = new Set(['v', 'preset', 'tour', 'focus', 'predict', 'lock', 'hide', 'lang']);

/** The scenarios a `focus=` key may name (the runs of compare()). */
export const FOCUS_KEYS = ['none', 'circuitBreaker', 'marginTiers', 'both'];

/** The page's own limits, tighter than the model's: a link may not ask for a run that freezes the tab. */
const PAGE_LIMITS = { ticks: { max: 20000 } };

const ROW = new Map(PARAMS.map((p) => [p.path, p]));

/** How a row of the parameter table is written in a link (null: a link cannot hold it). */
function linkField(p) {
  if (p.path.includes('[]') || p.path === 'positions') return null;
  const range = { min: p.min, max: p.max, ...(p.above ? { above: true } : {}) };
  switch (p.kind) {
    case 'number':
      return { key: p.path, type: 'number', ...range };
    case 'whole':
      return { key: p.path, type: 'int', ...range };
    case 'numberOrNull':
      return { key: p.path, type: 'numberOrOff', ...range };
    case 'enum':
      return { key: p.path, type: 'enum', values: p.values };
    case 'namesOrList':
      return { key: p.path, type: 'tiers', values: p.values, most: p.max };
    case 'bool':
      return { key: p.path, type: 'bool' };
    case 'nullableObject':
      return { key: p.path, type: 'switch' };
    case 'list': {
      const item = ROW.get(`${p.path}[]`);
      return { key: p.path, type: 'levels', min: item.min, max: item.max, above: Boolean(item.above), fewest: p.min, most: p.max };
    }
    default:
      return null;
  }
}

/**
 * Every parameter a link can hold, in the order it is written: the parameter table's rows
 * (www/shared/params.js, generated from src/model/spec.rs) with the page's own caps applied.
 * Sliders narrow these further: see `limitsFromControls` in main.js.
 */
export const FIELDS = PARAMS.map(linkField)
  .filter(Boolean)
  .map((f) => ({ ...f, ...(PAGE_LIMITS[f.key] || {}) }));

const FIELD_BY_KEY = new Map(FIELDS.map((f) => [f.key, f]));

/** The field declaration for a key, or undefined. */
export function field(key) {
  return FIELD_BY_KEY.get(key);
}

/** A deep copy of plain JSON-like data (params hold no typed arrays). */
export function clone(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** Structural equality of JSON-like values. */
export function same(a, b) {
  return sameKey(a) === sameKey(b);
}

/** A string equal for two values exactly when `same` says they are: to compare one with many. */
export function sameKey(value) {
  return JSON.stringify(value);
}

/** Makes params from the API uniform: a null tier table is written "none". */
export function normalize(params) {
  const p = clone(params);
  if (p.marginTiers === null || p.marginTiers === undefined) p.marginTiers = 'none';
  return p;
}

/**
 * Reads a field by its dotted key. A switched setting (`circuitBreaker`, `secondVenue`) reads as
 * on or off, and its fields read through its default object while it is off: for the breaker,
 * that is the breaker the comparison runs. `circuitBreaker.firstLevelPct` is the first halt
 * level (what the slider moves).
 */
export function get(params, key) {
  if (isSwitched(key)) return params[key] !== null && params[key] !== undefined;
  if (key === 'circuitBreaker.firstLevelPct') return get(params, 'circuitBreaker.levelsPct')[0];
  const root = switchOf(key);
  if (root) {
    const object = params[root] ?? SWITCHED[root];
    return object[key.slice(root.length + 1)];
  }
  return key.split('.').reduce((obj, part) => (obj == null ? undefined : obj[part]), params);
}

/**
 * The halt levels a first level `first` implies: the later levels keep the US spacing of
 * 7/13/20 % (6 and 13 points above the first), capped at the API's 90 %.
 */
export function levelsFrom(first) {
  const levels = [first, first + 6, first + 13].map((x) => Math.round(Math.min(x, 90) * 100) / 100);
  return levels.filter((x, i) => i === 0 || x > levels[i - 1]);
}

/**
 * The setting a control's `data-param` stands for in a link (`lock=`, `hide=`): itself, except
 * the first-halt-level slider, which moves `circuitBreaker.levelsPct`.
 */
export function linkKeyOf(param) {
  return param === 'circuitBreaker.firstLevelPct' ? 'circuitBreaker.levelsPct' : param;
}

/** Writes a field by its dotted key into `params` (mutating it) and returns `params`. */
export function set(params, key, value) {
  if (isSwitched(key)) {
    if (!value) params[key] = null;
    else if (!params[key]) params[key] = clone(SWITCHED[key]);
    return params;
  }
  if (key === 'circuitBreaker.firstLevelPct') return set(params, 'circuitBreaker.levelsPct', levelsFrom(value));
  const parts = key.split('.');
  let obj = params;
  for (const part of parts.slice(0, -1)) {
    if (obj[part] === null || obj[part] === undefined) {
      obj[part] = obj === params && isSwitched(part) ? clone(SWITCHED[part]) : {};
    }
    obj = obj[part];
  }
  obj[parts[parts.length - 1]] = clone(value);
  return params;
}

// ---------------------------------------------------------------------------------------------
// Writing a URL

/** How a value is written in a query string. */
function writeValue(f, value) {
  switch (f.type) {
    case 'numberOrOff':
      return value === null ? 'off' : String(value);
    case 'levels':
      return value.join(',');
    case 'switch':
      return value ? 'on' : 'off';
    case 'tiers':
      return typeof value === 'string' ? value : JSON.stringify(value);
    default:
      return String(value);
  }
}

/** Percent-encodes a query component but leaves the commas of lists readable. */
function escape(text) {
  return encodeURIComponent(text).replace(/%2C/gi, ',');
}

/**
 * The query string for `params`: every field that differs from `defaults` (a preset's params,
 * or the model's defaults, whose breaker fields are the default breaker's), then
 * `v=<model version>`. Fields a URL cannot hold
 * (an explicit `positions` list) are left out; `unsaved` lists them.
 */
export function toQuery(params, defaults, modelVersion) {
  const pairs = [];
  for (const f of FIELDS) {
    // The fields of a switched setting that is off say nothing.
    const root = switchOf(f.key);
    if (root && !get(params, root)) continue;
    const value = get(params, f.key);
    // Breaker fields read through the default breaker when `defaults` has none (see get).
    const reference = get(defaults, f.key);
    if (!same(value, reference)) pairs.push([f.key, writeValue(f, value)]);
  }
  if (modelVersion !== undefined) pairs.push(['v', String(modelVersion)]);
  const unsaved = params.positions ? ['positions'] : [];
  return { query: pairs.map(([k, v]) => `${escape(k)}=${escape(v)}`).join('&'), unsaved };
}

// ---------------------------------------------------------------------------------------------
// Reading a URL

/**
 * Why a link's setting was not used, in English; a language's lab catalogue has its own
 * (`REASONS` of lang/lab-<lang>.js), which fromQuery takes.
 */
export const REASONS = {
  notNumber: 'is not a number',
  tooLarge: 'is too large',
  tooLong: 'is too long',
  whole: 'must be a whole number',
  range: (f) => `must be ${f.above ? `above ${f.min} and at most ${f.max}` : `between ${f.min} and ${f.max}`}`,
  oneOf: (values) => `must be one of ${values.join(', ')}`,
  trueFalse: 'must be true or false',
  onOff: 'must be on or off',
  levelCount: (fewest, most) => `must list ${fewest} to ${most} levels`,
  badLevel: (why) => `has a level that ${why}`,
  levelRange: (f) => `levels must be ${f.above ? `above ${f.min} and at most ${f.max}` : `between ${f.min} and ${f.max}`}`,
  increase: 'levels must increase',
  unsupported: 'is not supported',
  unknownSetting: 'is not a setting this page knows',
  unknownPreset: 'is not a preset of this page',
  switchedOff: (root) => `has no effect with ${root}=off`,
  switchMissing: (root) => `has no effect without ${root}=on`,
  step: 'must be a step number',
  predict: 'must be 1 (guess the fall first) or 0',
};

/** A plain decimal or scientific number, nothing else: no hex, no "Infinity", no spaces. */
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function parseNumber(text, reasons) {
  if (!NUMBER_TEXT.test(text)) return { error: reasons.notNumber };
  const x = Number(text);
  if (!Number.isFinite(x)) return { error: reasons.tooLarge };
  return { value: x };
}

function inRange(f, x) {
  return (f.above ? x > f.min : x >= f.min) && x <= f.max;
}

/** Parses one custom tier row list written as JSON; returns null if its shape is wrong. */
function parseTierRows(text) {
  let rows;
  try {
    rows = JSON.parse(text);
  } catch {
    return null;
  }
  const keys = ['upToNotional', 'maxLeverage', 'maintenancePct'];
  const ok =
    Array.isArray(rows) &&
    rows.length >= 1 &&
    rows.length <= field('marginTiers').most &&
    rows.every(
      (row) =>
        row !== null &&
        typeof row === 'object' &&
        !Array.isArray(row) &&
        Object.keys(row).length === keys.length &&
        keys.every((k) => typeof row[k] === 'number' && Number.isFinite(row[k])),
    );
  return ok ? rows.map((row) => ({ upToNotional: row.upToNotional, maxLeverage: row.maxLeverage, maintenancePct: row.maintenancePct })) : null;
}

/**
 * Turns the text of one query value into a typed value for field `f`, within `limits`
 * (`{min, max}` overriding the field's own). Returns `{value}` or `{error}` (a reason in words,
 * from `reasons`).
 */
export function parseValue(f, text, limits, reasons = REASONS) {
  const bounds = { ...f, ...(limits || {}) };
  if (text.length > 2000) return { error: reasons.tooLong };
  switch (f.type) {
    case 'number':
    case 'int':
    case 'numberOrOff': {
      if (f.type === 'numberOrOff' && text === 'off') return { value: null };
      const r = parseNumber(text, reasons);
      if (r.error) return r;
      if (f.type === 'int' && !Number.isInteger(r.value)) return { error: reasons.whole };
      if (!inRange(bounds, r.value)) return { error: reasons.range(bounds) };
      return r;
    }
    case 'enum':
      return f.values.includes(text) ? { value: text } : { error: reasons.oneOf(f.values) };
    case 'tiers': {
      if (f.values.includes(text)) return { value: text };
      const rows = text.startsWith('[') ? parseTierRows(text) : null;
      return rows ? { value: rows } : { error: reasons.oneOf(f.values) };
    }
    case 'bool':
      if (text === 'true') return { value: true };
      if (text === 'false') return { value: false };
      return { error: reasons.trueFalse };
    case 'switch':
      if (text === 'on') return { value: true };
      if (text === 'off') return { value: false };
      return { error: reasons.onOff };
    case 'levels': {
      const parts = text.split(',');
      if (parts.length < f.fewest || parts.length > f.most) return { error: reasons.levelCount(f.fewest, f.most) };
      const values = [];
      for (const part of parts) {
        const r = parseNumber(part, reasons);
        if (r.error) return { error: reasons.badLevel(r.error) };
        if (!inRange(bounds, r.value)) return { error: reasons.levelRange(bounds) };
        if (values.length && r.value <= values[values.length - 1]) return { error: reasons.increase };
        values.push(r.value);
      }
      return { value: values };
    }
    default:
      return { error: reasons.unsupported };
  }
}

/** Shortens a hostile or long value for display in a notice (always shown with textContent). */
export function preview(text) {
  const flat = String(text).replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
}

/**
 * Reads a query string into params.
 *
 * Start from `defaults`; apply `preset=<id>` if it names one of `presets`; then every known key.
 * Unknown keys and values that do not parse or fall outside `limits[key]` (or the field's range)
 * are skipped and listed in `ignored` as `{key, value, reason}`. Keys are applied in FIELDS
 * order, so `circuitBreaker=off` wins over breaker sub-fields whatever the URL's order (and
 * `secondVenue=off` over the second venue's).
 *
 * Returns `{params, ignored, presetId, tour, focus, version, given}` where `given` lists the
 * parameter keys the URL set.
 */
export function fromQuery(search, defaults, presets = [], limits = {}, reasons = REASONS) {
  const query = new URLSearchParams(search);
  const ignored = [];
  let params = normalize(defaults);
  let presetId = null;
  const wanted = new Map();
  for (const [key, value] of query) {
    if (META_KEYS.has(key)) continue;
    if (!FIELD_BY_KEY.has(key)) {
      ignored.push({ key: preview(key), value: preview(value), reason: reasons.unknownSetting });
    } else {
      wanted.set(key, value); // a repeated key: the last one wins, as in URLSearchParams.get
    }
  }
  const presetText = query.get('preset');
  if (presetText !== null) {
    const preset = presets.find((p) => p.id === presetText);
    if (preset) {
      params = normalize(preset.params);
      presetId = preset.id;
    } else {
      ignored.push({ key: 'preset', value: preview(presetText), reason: reasons.unknownPreset });
    }
  }
  const given = [];
  const switched = new Map();
  for (const f of FIELDS) {
    if (!wanted.has(f.key)) continue;
    const text = wanted.get(f.key);
    const r = parseValue(f, text, limits[f.key], reasons);
    if (r.error) {
      ignored.push({ key: f.key, value: preview(text), reason: r.error });
      continue;
    }
    const root = switchOf(f.key);
    if (isSwitched(f.key)) {
      switched.set(f.key, r.value);
      set(params, f.key, r.value);
    } else if (root && switched.get(root) === false) {
      ignored.push({ key: f.key, value: preview(text), reason: reasons.switchedOff(root) });
      continue;
    } else if (root && !SWITCHED_BY_FIELDS.has(root) && !get(params, root)) {
      ignored.push({ key: f.key, value: preview(text), reason: reasons.switchMissing(root) });
      continue;
    } else {
      set(params, f.key, r.value);
    }
    given.push(f.key);
  }
  const tourText = query.get('tour');
  let tour = null;
  if (tourText !== null) {
    if (/^[1-9]\d?$/.test(tourText)) tour = Number(tourText);
    else ignored.push({ key: 'tour', value: preview(tourText), reason: reasons.step });
  }
  const focusText = query.get('focus');
  let focus = null;
  if (focusText !== null) {
    if (FOCUS_KEYS.includes(focusText)) focus = focusText;
    else ignored.push({ key: 'focus', value: preview(focusText), reason: reasons.oneOf(FOCUS_KEYS) });
  }
  // lock=a,b and hide=c: settings a class sees but cannot move, and settings it does not see.
  const settingsIn = (name) => {
    const keys = [];
    for (const key of (query.get(name) || '').split(',').map((k) => k.trim()).filter(Boolean)) {
      if (FIELD_BY_KEY.has(key)) keys.push(key);
      else ignored.push({ key: name, value: preview(key), reason: reasons.unknownSetting });
    }
    return keys;
  };
  const lock = settingsIn('lock');
  const hide = settingsIn('hide');
  const predictText = query.get('predict');
  let predict = null;
  if (predictText !== null) {
    if (predictText === '1' || predictText === '0') predict = predictText === '1';
    else ignored.push({ key: 'predict', value: preview(predictText), reason: reasons.predict });
  }
  return { params, ignored, presetId, tour, focus, predict, lock, hide, version: query.get('v'), given };
}

/**
 * The field a message from the API names ("leverage: must be between 1 and 125, got 500",
 * "circuitBreaker.levelsPct[1]: …") as one of FIELDS' keys, or null.
 */
export function fieldOfError(message) {
  const m = /^([A-Za-z][\w.[\]]*):/.exec(String(message));
  if (!m) return null;
  let key = m[1].replace(/\[\d+\]/g, '');
  while (key && !FIELD_BY_KEY.has(key)) {
    const dot = key.lastIndexOf('.');
    if (dot < 0) return null;
    key = key.slice(0, dot);
  }
  return key || null;
}

/** A message for a reader, from anything thrown. */
export function errorMessage(err) {
  return err && typeof err.message === 'string' ? err.message : String(err);
}

/** The key of FIELDS an API error names (its `field` property, else its message), or null. */
export function errorField(err) {
  if (err && typeof err.field === 'string') return fieldOfError(`${err.field}:`);
  return fieldOfError(errorMessage(err));
}

/**
 * Runs the model on params from a link or a snippet (`run(params)`, which throws as the API
 * does); when it rejects a field, that field goes back to its default in `defaults` (a breaker
 * field, to the default breaker's) and the run is tried again, each reset listed in `ignored`.
 * Returns `{params, result}`: the params that ran and what `run` returned, or the defaults and
 * null if nothing ran.
 */
export function checkWithModel(params, defaults, run, ignored) {
  const reset = new Set();
  let current = params;
  for (let attempt = 0; attempt <= FIELDS.length + 1; attempt += 1) {
    try {
      return { params: current, result: run(current) };
    } catch (err) {
      const message = errorMessage(err);
      const key = errorField(err);
      if (key && !reset.has(key)) {
        reset.add(key);
        ignored.push({ key, value: '', reason: message });
        const root = switchOf(key);
        set(current, key, root ? get({ [root]: null }, key) : get(defaults, key));
      } else {
        ignored.push({ key: 'all settings', value: '', reason: message });
        current = normalize(defaults);
      }
    }
  }
  return { params: normalize(defaults), result: null };
}
