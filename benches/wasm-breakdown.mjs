// Where the wasm's bytes go: code size per function and per crate, read from the module's code
// section and its "name" custom section. Run it on the wasm before wasm-opt, which still has
// function names (wasm-ld writes them demangled):
//
//   node benches/wasm-breakdown.mjs [file.wasm] [--top=N]
//
// default target/wasm32-unknown-unknown/release/leverage_cascade.wasm. Sizes are raw bytes of
// function bodies; gzip and wasm-opt shrink every group, roughly in proportion.

import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--')) || 'target/wasm32-unknown-unknown/release/leverage_cascade.wasm';
const topArg = args.find((a) => a.startsWith('--top='));
const top = topArg ? Number(topArg.slice(6)) : 15;

const bytes = readFileSync(file);
let pos = 8; // magic and version

function uleb() {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos++];
    result += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return result;
    shift += 7;
  }
}

function name() {
  const len = uleb();
  const s = bytes.toString('utf8', pos, pos + len);
  pos += len;
  return s;
}

let imported = 0; // functions imported come first in the function index space
const bodies = []; // sizes of defined functions
const names = new Map();
const sections = [];

while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = uleb();
  const end = pos + size;
  if (id === 0) {
    const custom = name();
    sections.push({ name: `custom "${custom}"`, size });
    if (custom === 'name') {
      while (pos < end) {
        const sub = bytes[pos++];
        const subSize = uleb();
        const subEnd = pos + subSize;
        if (sub === 1) {
          const count = uleb();
          for (let i = 0; i < count; i++) {
            const index = uleb();
            names.set(index, name());
          }
        }
        pos = subEnd;
      }
    }
  } else {
    const label = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'data count'][id] || `id ${id}`;
    sections.push({ name: label, size });
    if (id === 2) {
      const count = uleb();
      for (let i = 0; i < count; i++) {
        name();
        name();
        const kind = bytes[pos++];
        if (kind === 0) {
          uleb();
          imported++;
        } else if (kind === 1) {
          pos++; // reftype
          const flags = uleb();
          uleb();
          if (flags & 1) uleb();
        } else if (kind === 2) {
          const flags = uleb();
          uleb();
          if (flags & 1) uleb();
        } else if (kind === 3) {
          pos += 2;
        } else if (kind === 4) {
          pos++;
          uleb();
        }
      }
    } else if (id === 10) {
      const count = uleb();
      for (let i = 0; i < count; i++) {
        const bodySize = uleb();
        bodies.push(bodySize);
        pos += bodySize;
      }
    }
  }
  pos = end;
}

const total = bytes.length;
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
console.log(`${file}: ${kb(total)}`);
for (const s of sections.sort((a, b) => b.size - a.size).slice(0, 6)) {
  console.log(`  section ${s.name.padEnd(24)} ${kb(s.size).padStart(10)}`);
}

const functions = bodies.map((size, i) => ({ size, name: names.get(i + imported) || `func ${i + imported}` }));

/**
 * A readable path for a Rust symbol: legacy `_ZN…E` names are decoded segment by segment (hash
 * dropped); v0 `_R…` names are reduced to their identifiers joined by `::` (enough to read).
 */
function demangle(symbol) {
  if (symbol.startsWith('_ZN')) {
    const parts = [];
    let i = 3;
    while (i < symbol.length && symbol[i] !== 'E') {
      const m = symbol.slice(i).match(/^(\d+)/);
      if (!m) break;
      i += m[1].length;
      parts.push(symbol.slice(i, i + Number(m[1])));
      i += Number(m[1]);
    }
    if (parts.length > 1 && /^h[0-9a-f]{16}$/.test(parts[parts.length - 1])) parts.pop();
    return parts
      .join('::')
      .replace(/^_/, '')
      .replace(/::_\$/g, '::$')
      .replace(/\$LT\$/g, '<')
      .replace(/\$GT\$/g, '>')
      .replace(/\$RF\$/g, '&')
      .replace(/\$u20\$/g, ' ')
      .replace(/\$C\$/g, ',')
      .replace(/\$u7b\$/g, '{')
      .replace(/\$u7d\$/g, '}')
      .replace(/\$u27\$/g, "'")
      .replace(/\$BP\$/g, '*')
      .replace(/\.\./g, '::');
  }
  if (symbol.startsWith('_R')) {
    const ids = [];
    const re = /(?:s[0-9a-zA-Z]*_)?(\d+)_?([A-Za-z_][A-Za-z0-9_]*)/g;
    let m;
    while ((m = re.exec(symbol))) ids.push(m[2].slice(0, Number(m[1])));
    return ids.join('::');
  }
  return symbol;
}

/** The crate a symbol comes from (first path segment), or a rough group. */
function crateOf(readable) {
  const s = readable.replace(/^[<&* ]+/, '').replace(/^(mut|dyn|impl) /, '');
  const m = s.match(/^([A-Za-z_][A-Za-z0-9_]*)::/);
  if (m) return m[1];
  if (/^[a-z][A-Za-z]*_[0-9a-f]{16}$/.test(readable)) return 'leverage_cascade (export shims)';
  if (readable.startsWith('__wbg') || readable.startsWith('__wbindgen')) return 'wasm-bindgen glue';
  return 'other';
}

// wasm-ld usually demangles already, keeping the hash suffix and crate disambiguators: drop them.
for (const f of functions) {
  f.name = demangle(f.name).replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{16}\]/g, '');
}

const byCrate = new Map();
for (const f of functions) {
  const c = crateOf(f.name);
  const entry = byCrate.get(c) || { size: 0, count: 0 };
  entry.size += f.size;
  entry.count++;
  byCrate.set(c, entry);
}
const code = functions.reduce((a, f) => a + f.size, 0);
console.log(`  code: ${functions.length} functions, ${kb(code)}; by crate:`);
for (const [c, e] of [...byCrate].sort((a, b) => b[1].size - a[1].size).slice(0, top)) {
  console.log(`    ${c.padEnd(28)} ${kb(e.size).padStart(10)}  ${((100 * e.size) / code).toFixed(1).padStart(5)} %  (${e.count} functions)`);
}
console.log(`  largest functions:`);
for (const f of functions.sort((a, b) => b.size - a.size).slice(0, top)) {
  const shown = f.name.length > 100 ? `${f.name.slice(0, 97)}...` : f.name;
  console.log(`    ${kb(f.size).padStart(9)}  ${shown}`);
}
