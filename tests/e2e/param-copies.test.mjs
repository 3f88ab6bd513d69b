// The page's controls against the parameter table (www/shared/params.js, generated from
// src/model/spec.rs): a slider's range is a teaching choice, so it may be narrower than the
// model's, but never wider; and every control names a parameter the table has. In Node, from the
// files themselves.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { INVALIDATES, PARAMS } from '../../www/shared/params.js';
import { FIELDS } from '../../www/lab/schema.js';
import { AXES } from '../../www/explore/fields.js';

const www = new URL('../../www/', import.meta.url);
const row = (path) => PARAMS.find((p) => p.path === path);

/** Whether [lo, hi] lies within the row's range (a zero stop is allowed where the model allows 0). */
function within(p, lo, hi) {
  const low = p.above ? lo > p.min : lo >= p.min;
  return low && hi <= p.max;
}

test('every slider of the lab lies within its parameter’s range', () => {
  const html = readFileSync(new URL('index.html', www), 'utf8');
  const sliders = [...html.matchAll(/<input type="range"[^>]*>/g)].map((m) => m[0]);
  let checked = 0;
  for (const tag of sliders) {
    const attr = (name) => (new RegExp(`\\s${name}="([^"]*)"`).exec(tag) || [])[1];
    const param = attr('data-param');
    if (!param) continue;
    const path = param === 'circuitBreaker.firstLevelPct' ? 'circuitBreaker.levelsPct[]' : param;
    const p = row(path);
    assert.ok(p, `${param}: no such parameter`);
    const lo = Number(attr('data-lo') ?? attr('min'));
    const hi = Number(attr('data-hi') ?? attr('max'));
    assert.ok(within(p, lo, hi), `${param}: slider [${lo}, ${hi}] outside the model's [${p.min}, ${p.max}]`);
    checked += 1;
  }
  assert.ok(checked >= 8, `only ${checked} sliders found`);
});

test('every slider of the embed lies within its parameter’s range', () => {
  const source = readFileSync(new URL('embed.js', www), 'utf8');
  const defs = /const CONTROL_DEFS = \{([\s\S]*?)\n\};/.exec(source)[1];
  let checked = 0;
  for (const m of defs.matchAll(/^ {2}(\w+): \{([\s\S]*?)\n?\s*\},?$/gm)) {
    const [, key, body] = m;
    if (/kind: 'switch'/.test(body)) {
      assert.equal(row(key === 'breaker' ? 'circuitBreaker' : key)?.kind, 'nullableObject', key);
      continue;
    }
    const p = row(key);
    assert.ok(p, `${key}: no such parameter`);
    const range = /min: (-?[\d.e]+), max: (-?[\d.e]+)/.exec(body) || /log: \[([\d.e]+), ([\d.e]+)\]/.exec(body);
    assert.ok(range, `${key}: no range found`);
    assert.ok(within(p, Number(range[1]), Number(range[2])), `${key}: [${range[1]}, ${range[2]}] outside the model's`);
    checked += 1;
  }
  assert.ok(checked >= 6, `only ${checked} embed sliders found`);
});

test('the link fields and the explorations take their ranges from the table', () => {
  for (const f of FIELDS) {
    const p = row(f.type === 'levels' ? `${f.key}[]` : f.key);
    assert.ok(p, f.key);
    if (f.min !== undefined) {
      assert.equal(f.min, p.min, f.key);
      if (f.key !== 'ticks') assert.equal(f.max, p.max, f.key);
    }
  }
  // The one page cap: a link may not ask for a run long enough to freeze the tab.
  assert.ok(FIELDS.find((f) => f.key === 'ticks').max < row('ticks').max);
  for (const a of AXES) {
    const p = row(a.key.replace(/\[\d+\]/g, '[]'));
    assert.ok(within(p, a.limits[0], a.limits[1]), a.key);
    assert.equal(a.population, INVALIDATES[p.path] !== 'run', a.key);
  }
});

test('every control’s value format exists where its page looks for it', async () => {
  // lab/controls.js runs in Node (no DOM at import); lab-formats.js too.
  const { FORMATS } = await import('../../www/lab/controls.js');
  const { LAB_FORMATS } = await import('../../www/lab/lab-formats.js');
  const html = readFileSync(new URL('index.html', www), 'utf8');
  const lab = [...html.matchAll(/data-format="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(lab.length > 15, `only ${lab.length} formats found in index.html`);
  for (const name of lab) assert.equal(typeof LAB_FORMATS[name], 'function', `index.html: ${name}`);
  // The widget's controls (embed.js's CONTROL_DEFS) read the shared table alone.
  const embed = readFileSync(new URL('embed.js', www), 'utf8');
  const widget = [...embed.matchAll(/format: '([^']+)'/g)].map((m) => m[1]);
  assert.ok(widget.length >= 7, `only ${widget.length} formats found in embed.js`);
  for (const name of widget) assert.equal(typeof FORMATS[name], 'function', `embed.js: ${name}`);
});
