// Checks that www/pkg/leverage_cascade.d.ts tells the truth: the interfaces it declares have
// exactly the fields, and the field types, of the values the functions really return, and the
// string unions it declares for inputs are exactly the ones the model accepts.
//
// Runs in Node on the built package (`make build` first): node --test tests/dts-check.mjs
// No dependencies: the .d.ts is parsed with a few regular expressions, which is enough for the
// plain interfaces and unions written in src/wasm/api.d.ts.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';

const pkg = new URL('../www/pkg/', import.meta.url);
const api = await import(new URL('leverage_cascade.js', pkg));
await api.default({ module_or_path: fs.readFileSync(new URL('leverage_cascade_bg.wasm', pkg)) });
const dts = parseDts(fs.readFileSync(new URL('leverage_cascade.d.ts', pkg), 'utf8'));

const SMALL = { traders: 2000, ticks: 200 };

// ---- The .d.ts, read ----

function parseDts(text) {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const interfaces = new Map();
  for (const m of code.matchAll(/export interface (\w+)[^{]*\{([^}]*)\}/g)) {
    const fields = new Map();
    for (const f of m[2].matchAll(/^\s*(?:readonly\s+)?(\w+)(\??):\s*([^;]+);/gm)) {
      fields.set(f[1], { optional: f[2] === '?', type: f[3].trim() });
    }
    interfaces.set(m[1], fields);
  }
  const aliases = new Map();
  for (const m of code.matchAll(/export type (\w+)\s*=\s*([^;]+);/g)) {
    aliases.set(m[1], m[2].trim());
  }
  const functions = new Map();
  for (const m of code.matchAll(/export function (\w+)\(([^)]*)\):\s*([^;]+);/g)) {
    functions.set(m[1], { params: m[2].trim(), returns: m[3].trim() });
  }
  return { interfaces, aliases, functions };
}

/** Splits a type on its top-level `|`. */
function unionMembers(type) {
  const out = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < type.length; i++) {
    const c = type[i];
    if ('<([{'.includes(c)) depth++;
    else if ('>)]}'.includes(c)) depth--;
    else if (c === '|' && depth === 0) {
      out.push(type.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(type.slice(start).trim());
  return out.filter((t) => t !== '');
}

/** The string literals of a union alias, e.g. ImpactLaw → ["linear", "sqrt"]. */
function literals(alias) {
  const type = dts.aliases.get(alias);
  assert.ok(type, `type ${alias} is declared`);
  return unionMembers(type)
    .filter((t) => /^"[^"]*"$/.test(t))
    .map((t) => t.slice(1, -1));
}

// ---- Values checked against declared types ----

const TYPED_ARRAYS = ['Float64Array', 'Float32Array', 'Uint32Array', 'Int32Array', 'Uint16Array', 'Uint8Array'];

/** Problems with `value` as an instance of the declared `type`, each naming its path. */
function mismatches(value, type, path) {
  const members = unionMembers(type);
  if (members.length > 1) {
    const each = members.map((m) => mismatches(value, m, path));
    return each.some((p) => p.length === 0) ? [] : [`${path}: ${show(value)} is not ${type}`];
  }
  type = members[0];
  if (type.endsWith('[]')) {
    if (!Array.isArray(value)) return [`${path}: expected an array (${type}), got ${show(value)}`];
    return value.flatMap((v, i) => mismatches(v, type.slice(0, -2), `${path}[${i}]`));
  }
  if (/^"[^"]*"$/.test(type)) {
    return value === type.slice(1, -1) ? [] : [`${path}: expected ${type}, got ${show(value)}`];
  }
  switch (type) {
    case 'number':
    case 'string':
    case 'boolean':
      return typeof value === type ? [] : [`${path}: expected ${type}, got ${show(value)}`];
    case 'null':
      return value === null ? [] : [`${path}: expected null, got ${show(value)}`];
  }
  if (TYPED_ARRAYS.includes(type)) {
    if (value instanceof globalThis[type]) return [];
    return [`${path}: expected ${type}, got ${show(value)}`];
  }
  if (dts.aliases.has(type)) return mismatches(value, dts.aliases.get(type), path);
  const fields = dts.interfaces.get(type);
  if (!fields) return [`${path}: the .d.ts does not declare ${type}`];
  const plain = value !== null && typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype;
  if (!plain) return [`${path}: expected a plain object (${type}), got ${show(value)}`];
  const problems = [];
  for (const key of Object.keys(value)) {
    if (!fields.has(key)) problems.push(`${path}.${key}: returned but not declared in ${type}`);
  }
  for (const [key, { optional, type: fieldType }] of fields) {
    if (!(key in value)) {
      if (!optional) problems.push(`${path}.${key}: declared in ${type} but not returned`);
      continue;
    }
    problems.push(...mismatches(value[key], fieldType, `${path}.${key}`));
  }
  return problems;
}

function show(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'no prototype'})`;
  return `${typeof value} ${String(value)}`;
}

function assertMatches(value, type, what) {
  const problems = mismatches(value, type, what);
  assert.deepEqual(problems, [], `${what} does not match its declared type ${type}`);
}

/** What a call throws; fails when it does not throw. */
function thrown(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('expected the call to throw');
}

/** The variants an "unknown variant" error lists: "expected `long` or `short`". */
function variantsNamedIn(message) {
  return [...message.replace(/^.*expected /, '').matchAll(/`([^`]*)`/g)].map((m) => m[1]);
}

// ---- The checks ----

test('every export is declared with real types, not any', () => {
  const expected = {
    defaultParams: 'Params',
    presets: 'Preset[]',
    simulate: 'Outcome',
    compare: 'Comparison',
    version: 'Version',
  };
  for (const [name, returns] of Object.entries(expected)) {
    const decl = dts.functions.get(name);
    assert.ok(decl, `${name} is declared`);
    assert.equal(decl.returns, returns, `${name} returns ${returns}`);
    assert.doesNotMatch(`${decl.params} ${decl.returns}`, /\bany\b/, `${name} has no any`);
    assert.equal(typeof api[name], 'function', `${name} is exported`);
  }
  const render = dts.functions.get('render');
  assert.ok(render, 'render is declared');
  assert.equal(
    render.params,
    'canvas: HTMLCanvasElement, data: Comparison | Outcome, options: RenderOptions',
  );
  assert.equal(render.returns, 'RenderResult');
  assert.equal(typeof api.render, 'function');
  for (const name of ['simulate', 'compare']) {
    assert.equal(dts.functions.get(name).params, 'params?: ParamsInput | null');
  }
  for (const [name, decl] of dts.functions) {
    if (['initSync', 'default'].includes(name)) continue;
    assert.doesNotMatch(`${decl.params} ${decl.returns}`, /\bany\b/, `${name} has no any`);
  }
});

test('render() result types match what tests/web.rs checks in the browser', () => {
  // There is no canvas in Node: tests/web.rs asserts these exact keys on a real render.
  assert.deepEqual([...dts.interfaces.get('RenderResult').keys()], ['plot', 'band', 'prices', 'ticks', 'from', 'to', 'axis']);
  assert.deepEqual([...dts.interfaces.get('PlotRect').keys()], ['left', 'top', 'right', 'bottom']);
  assert.deepEqual(literals('ScenarioKey').sort(), Object.keys(api.compare(SMALL)).sort());
});

test('defaultParams() matches Params', () => {
  assertMatches(api.defaultParams(), 'Params', 'defaultParams()');
});

test('presets() match Preset[], and their nested options match too', () => {
  const presets = api.presets();
  assertMatches(presets, 'Preset[]', 'presets()');
  // Defaults leave circuitBreaker and maxPerTick null; a preset that sets them shows that
  // their object and number forms are declared right as well.
  const breaker = presets.find((p) => p.params.circuitBreaker !== null);
  assert.ok(breaker, 'some preset has a circuit breaker');
  assertMatches(breaker.params.circuitBreaker, 'CircuitBreaker', `${breaker.id}.circuitBreaker`);
});

test('simulate() matches Outcome', () => {
  assertMatches(api.simulate(SMALL), 'Outcome', 'simulate()');
  const breaker = api.simulate({ ...SMALL, leverage: 30, circuitBreaker: {} });
  assertMatches(breaker, 'Outcome', 'simulate() with a breaker');
  const kinds = new Set(breaker.events.map((e) => e.kind));
  assert.ok(kinds.has('halt'), `a breaker run halts (events: ${[...kinds]})`);
});

test('compare() matches Comparison', () => {
  assertMatches(api.compare(SMALL), 'Comparison', 'compare()');
});

test('version() matches Version', () => {
  assertMatches(api.version(), 'Version', 'version()');
});

test('the input unions are exactly what the model accepts', () => {
  const cases = [
    ['ImpactLaw', (v) => ({ impactLaw: v }), 'impactLaw'],
    ['LiquidationMode', (v) => ({ liquidation: { mode: v } }), 'liquidation.mode'],
  ];
  for (const [alias, make, field] of cases) {
    const declared = literals(alias);
    for (const v of declared) api.simulate({ ...SMALL, ...make(v) });
    const err = thrown(() => api.simulate({ ...SMALL, ...make('zz-not-a-variant') }));
    assert.ok(err instanceof RangeError, `${field}: ${err}`);
    const accepted = variantsNamedIn(err.message).sort();
    assert.deepEqual(accepted, [...declared].sort(), `${alias} vs ${err.message}`);
  }
  // Side: the positions a caller may pass.
  const position = { side: 'long', notional: 1e6, leverage: 10, entry: 100 };
  const declaredSides = literals('Side');
  for (const side of declaredSides) {
    api.simulate({ ticks: 50, positions: [{ ...position, side }] });
  }
  const err = thrown(() => api.simulate({ positions: [{ ...position, side: 'up' }] }));
  assert.deepEqual(variantsNamedIn(err.message).sort(), [...declaredSides].sort(), err.message);
  // MarginTiers names.
  for (const name of literals('MarginTiers')) api.simulate({ ...SMALL, marginTiers: name });
  api.simulate({ ...SMALL, marginTiers: null });
});

test('PositionSpec and TierSpec declare exactly the fields the model requires', () => {
  const samples = {
    PositionSpec: [
      { side: 'long', notional: 1e6, leverage: 10, entry: 100 },
      (v) => ({ positions: [v] }),
    ],
    TierSpec: [
      { upToNotional: 1e12, maxLeverage: 20, maintenancePct: 1 },
      (v) => ({ marginTiers: [v] }),
    ],
  };
  for (const [name, [sample, wrap]] of Object.entries(samples)) {
    const fields = dts.interfaces.get(name);
    assert.ok(fields, `${name} is declared`);
    assert.deepEqual([...fields.keys()].sort(), Object.keys(sample).sort(), `${name} fields`);
    assertMatches(sample, name, `${name} sample`);
    api.simulate({ ...SMALL, ...wrap(sample) });
    for (const key of fields.keys()) {
      const { [key]: _, ...rest } = sample;
      const err = thrown(() => api.simulate({ ...SMALL, ...wrap(rest) }));
      const missing = err instanceof TypeError && /missing field|did not match/.test(err.message);
      assert.ok(missing, `${name} without ${key}: ${err}`);
    }
    const extra = thrown(() => api.simulate({ ...SMALL, ...wrap({ ...sample, zz: 1 }) }));
    assert.ok(extra instanceof TypeError, `${name} with an unknown field: ${extra}`);
  }
});

test('ParamsInput accepts every Params field and the nested partial objects', () => {
  const params = dts.interfaces.get('Params');
  const defaults = api.defaultParams();
  for (const key of params.keys()) {
    api.simulate({ ...SMALL, [key]: key in SMALL ? SMALL[key] : defaults[key] });
  }
  api.simulate({ ...SMALL, liquidation: { feePct: 1 }, circuitBreaker: { haltTicks: 5 } });
});

test('errors thrown through the JS glue are real RangeError/TypeError, and the module recovers', () => {
  const range = thrown(() => api.simulate({ leverage: 500 }));
  assert.ok(range instanceof RangeError);
  assert.equal(range.message, 'leverage: must be between 1 and 125, got 500');
  assert.equal(range.field, 'leverage');
  const type = thrown(() => api.compare({ levrage: 3 }));
  assert.ok(type instanceof TypeError);
  assert.ok(!(type instanceof WebAssembly.RuntimeError));
  assert.equal(api.simulate(SMALL).summary.traders, 2000);
});

// ---- The ranges written in the .d.ts, against the parameter table ----

test('every range the .d.ts writes beside a parameter is the parameter table’s', async () => {
  const { PARAMS } = await import('../www/shared/params.js');
  const source = fs.readFileSync(new URL('../src/wasm/api.d.ts', import.meta.url), 'utf8');
  const prefix = { Params: '', LiquidationParams: 'liquidation.', CircuitBreaker: 'circuitBreaker.', SecondVenue: 'secondVenue.', PositionSpec: 'positions[].', TierSpec: 'marginTiers[].' };
  const number = (text) => Number(text.replace('2^53 − 1', String(2 ** 53 - 1)).replace('−', '-'));
  const written = new Map();
  for (const m of source.matchAll(/export interface (\w+) \{([^}]*)\}/g)) {
    if (!(m[1] in prefix)) continue;
    for (const f of m[2].matchAll(/\/\*\*([^*]*)\*\/\s*(\w+)\??:/g)) {
      const doc = f[1];
      // "[1, 125]", "(0, 1e12]", "1 ..= 100000" (whole numbers); a list of numbers says "each in (0, 90]".
      const r = /([[(])(−?[\d.e+-]+), (−?[\d.e+-]+)\]/.exec(doc) || /(\b)(\d+) \.\.= ([\d^ −]+\d)/.exec(doc);
      if (!r) continue;
      let path = prefix[m[1]] + f[2];
      if (/each in/.test(doc)) path += '[]';
      written.set(path, { min: number(r[2]), max: number(r[3]), above: r[1] === '(' });
    }
  }
  const numeric = PARAMS.filter((p) => ['number', 'whole', 'numberOrNull'].includes(p.kind));
  for (const p of numeric) {
    assert.ok(written.has(p.path), `${p.path}: the .d.ts gives no range`);
    assert.deepEqual(written.get(p.path), { min: p.min, max: p.max, above: Boolean(p.above) }, p.path);
  }
  assert.deepEqual([...written.keys()].filter((k) => !numeric.some((p) => p.path === k)), [], 'ranges for no parameter');
});
