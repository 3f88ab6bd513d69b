// CSV export: a header block of parameters (lines starting with "#"), for a historical preset its
// published record beside the model, then one row per tick with every series of the four
// scenarios. Spreadsheet users see the parameters as the first rows;
// pandas reads the table with `pd.read_csv(path, comment="#")`.

import { FIELDS, get, switchOf } from './schema.js';
import { SCENARIOS } from './words.js';

/**
 * The series columns written per scenario, in order: every series the API returns, less those
 * a run leaves empty (the mark and the spot index, when spot plays no part).
 */
export function seriesColumns(comparison) {
  const { series } = comparison.none;
  return Object.keys(series).filter((key) => series[key].length > 0);
}

/** A cell: numbers as JavaScript prints them (shortest round-trip form), text quoted if needed. */
function cell(value) {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function paramText(value) {
  if (value === null) return 'null';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * The CSV text for a `compare()` result and the params that produced it.
 * `meta` is `{version: {crate, model}, url, record?, shown?}`; `record` is the rows of the
 * model-vs-record table (record.js `recordRows`) when the params are a historical preset's;
 * `shown` maps a parameter's key to the words the page shows for it, written as a third column.
 */
export function toCsv(comparison, params, meta) {
  const lines = [];
  lines.push(`# leverage-cascade lab export, model version ${meta.version.model}, crate ${meta.version.crate}`);
  if (meta.url) lines.push(`# link: ${meta.url}`);
  lines.push('# parameter,value,as the page shows it');
  const shown = meta.shown || {};
  for (const f of FIELDS) {
    // The fields of a switched setting that is null say nothing: for the breaker, the line
    // below names the default one the breaker scenarios use; a second venue that is null is
    // not there.
    const root = switchOf(f.key);
    if (root && params[root] == null) continue;
    const label = shown[f.key] === undefined ? [] : [cell(shown[f.key])];
    lines.push(`# ${[f.key, cell(paramText(get(params, f.key))), ...label].join(',')}`);
  }
  lines.push('# circuitBreaker null means the breaker scenarios use the default breaker: levels 7,13,20 %, 60-tick halts.');
  if (meta.record) {
    lines.push("# record: figure,published,model (the venue's own rules of the day),how close,source,links");
    for (const r of meta.record) {
      const links = r.links.map((l) => l.url).join(' ');
      lines.push(`# record,${[r.label, r.record, r.model, r.verdict, r.source, links].map(cell).join(',')}`);
    }
  }
  const second = comparison.none.secondVenue;
  lines.push(
    `# tick,time_s then <scenario>_<series> for scenarios none, circuitBreaker, marginTiers, both${second ? ', then <scenario>_secondVenue_<series> for the second venue' : ''}.`,
  );
  const columns = seriesColumns(comparison);
  const secondColumns = second ? seriesColumns({ none: second }) : [];
  const header = ['tick', 'time_s'];
  for (const { key } of SCENARIOS) for (const column of columns) header.push(`${key}_${column}`);
  for (const { key } of SCENARIOS) for (const column of secondColumns) header.push(`${key}_secondVenue_${column}`);
  lines.push(header.join(','));
  const ticks = comparison.none.series.price.length;
  for (let t = 0; t < ticks; t += 1) {
    const row = [t, t * params.tickSeconds];
    for (const { key } of SCENARIOS) {
      const series = comparison[key].series;
      for (const column of columns) row.push(series[column][t]);
    }
    if (second) {
      for (const { key } of SCENARIOS) {
        const series = comparison[key].secondVenue.series;
        for (const column of secondColumns) row.push(series[column][t]);
      }
    }
    lines.push(row.map(cell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Starts a download of `blob` as `filename` (a temporary object URL, revoked afterwards). */
export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
