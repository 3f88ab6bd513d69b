// Writes <site>/offline-files.js, the list of files the service worker (www/sw.js) keeps for
// offline use, and their version: the model version and a hash of every listed file's bytes, so
// a change to any file installs a new cache and the old one is deleted (sw.js imports this
// file, and the browser checks imported scripts for updates).
//
//   node scripts/offline-files.mjs www      (make build)
//   node scripts/offline-files.mjs dist     (make dist, after the embed is bundled)
//
// Every file under the site is listed except type declarations, the service worker itself and
// this list.

import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const site = process.argv[2];
if (!site) {
  console.error('usage: node scripts/offline-files.mjs <site folder>');
  process.exit(2);
}
const SKIP = new Set(['sw.js', 'offline-files.js']);

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(path);
    return [path];
  });
}

const files = walk(site)
  .map((path) => relative(site, path).split(sep).join('/'))
  .filter((name) => !SKIP.has(name) && !name.endsWith('.d.ts') && !name.startsWith('.'))
  .sort();
const hash = createHash('sha256');
for (const name of files) {
  hash.update(`${name}\0`);
  hash.update(readFileSync(join(site, name)));
}
const model = readFileSync(new URL('../src/model/mod.rs', import.meta.url), 'utf8').match(/MODEL_VERSION: &str = "([^"]+)"/)[1];
const version = `${model}-${hash.digest('hex').slice(0, 12)}`;
const text = `// Written by scripts/offline-files.mjs; do not edit. What www/sw.js keeps for offline use.
self.OFFLINE = ${JSON.stringify({ version, files }, null, 1)};
`;
writeFileSync(join(site, 'offline-files.js'), text);
console.log(`${site}/offline-files.js: ${files.length} files, version ${version}`);
