// The compact <leverage-cascade> widget on a bare host page: what it downloads (each file gzip -9,
// 1 KB = 1000 bytes) and how long it takes to show its first chart on localhost, against the
// budgets of issue 5 (130 KB, 500 ms).
//
//   node benches/embed-size.mjs [--quick] [www-dir]     exits 1 when a budget is missed
//
// The files are the ones the browser actually requested while loading the widget (embed.js,
// its stylesheet, the modules it imports, the JS glue and the wasm), so a new import is counted
// without editing this script. Time to first chart runs from navigation start to the widget's
// `leverage-cascade:first-chart` performance mark, in a fresh browser context each run (no
// cache), over loopback; it includes compiling the wasm and the first compare() and render().

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { TYPES, launch, serveStatic } from './page.mjs';

const SIZE_BUDGET = 130_000;
const TIME_BUDGET_MS = 500;

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const here = fileURLToPath(new URL('.', import.meta.url));
const www = resolve(args.find((a) => !a.startsWith('--')) || join(here, '..', 'www'));
const runs = quick ? 3 : 9;

const PAGE = '/__embed-bench.html';
const HOST_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>embed bench</title><link rel="icon" href="data:,">
<script type="module" src="/embed.js"></script></head>
<body><leverage-cascade compact></leverage-cascade></body></html>`;

function serve(root) {
  return serveStatic(root, {
    answer(path, res) {
      if (path !== PAGE) return false;
      res.writeHead(200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store' }).end(HOST_PAGE);
      return true;
    },
  });
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

/** The 1, 5 and 15 minute load averages (other work on the machine slows the clock), if known. */
function loadAverage() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}

if (!existsSync(join(www, 'pkg', 'leverage_cascade_bg.wasm'))) {
  console.error(`error: ${join(www, 'pkg')} is missing; run make build first`);
  process.exit(1);
}

const server = await serve(www);
const { origin } = server;
const browser = await launch();

let status = 0;
try {
  const times = [];
  const phases = [];
  let files = null;
  for (let i = 0; i < runs; i += 1) {
    const context = await browser.newContext({ viewport: { width: 400, height: 500 } });
    const page = await context.newPage();
    const requested = [];
    const errors = [];
    page.on('request', (r) => requested.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(origin + PAGE);
    const timing = await page.evaluate(
      () =>
        new Promise((done, fail) => {
          const seen = () => performance.getEntriesByName('leverage-cascade:first-chart')[0];
          const started = performance.now();
          (function poll() {
            const mark = seen();
            if (mark) {
              const loaded = (test) =>
                Math.max(0, ...performance.getEntriesByType('resource').filter((e) => test(e.name)).map((e) => e.responseEnd));
              done({
                chart: mark.startTime,
                scripts: loaded((u) => u.endsWith('.js')),
                wasm: loaded((u) => u.endsWith('.wasm')),
              });
            } else if (performance.now() - started > 20000) fail(new Error('no chart within 20 s'));
            else setTimeout(poll, 5);
          })();
        }),
    );
    if (errors.length) throw new Error(`the page threw: ${errors.join('; ')}`);
    times.push(timing.chart);
    phases.push(timing);
    files ??= [...new Set(requested)].filter((u) => u.startsWith(origin) && !u.endsWith(PAGE)).map((u) => new URL(u).pathname);
    await context.close();
  }

  console.log('Compact embed: what a host page downloads for one <leverage-cascade compact>');
  console.log(`${'file'.padEnd(40)} ${'bytes'.padStart(10)} ${'gzip-9'.padStart(10)}`);
  let total = 0;
  for (const path of files) {
    const body = readFileSync(join(www, path));
    const gz = gzipSync(body, { level: 9 }).length;
    total += gz;
    console.log(`${path.slice(1).padEnd(40)} ${String(body.length).padStart(10)} ${String(gz).padStart(10)}`);
  }
  const sizeOk = total <= SIZE_BUDGET;
  console.log(`embed total, gzip -9: ${kb(total)} of a ${SIZE_BUDGET / 1000} KB budget: ${sizeOk ? 'PASS' : 'FAIL'}`);

  const med = median(times);
  const timeOk = med <= TIME_BUDGET_MS;
  console.log(
    `embed time to first chart (localhost, cold, ${runs} runs): median ${med.toFixed(0)} ms, ` +
      `fastest ${Math.min(...times).toFixed(0)} ms, slowest ${Math.max(...times).toFixed(0)} ms; ` +
      `budget ${TIME_BUDGET_MS} ms: ${timeOk ? 'PASS' : 'FAIL'}`,
  );
  console.log(
    `  (medians from navigation start: scripts downloaded ${median(phases.map((p) => p.scripts)).toFixed(0)} ms, ` +
      `wasm downloaded ${median(phases.map((p) => p.wasm)).toFixed(0)} ms, first chart ${med.toFixed(0)} ms; ` +
      `load average ${loadAverage()})`,
  );
  if (!sizeOk || !timeOk) status = 1;
} catch (err) {
  console.error(`error: ${err.message}`);
  status = 1;
} finally {
  await browser.close();
  await server.close();
}
process.exit(status);
