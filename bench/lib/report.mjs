import { mkdirSync, writeFileSync } from 'node:fs';
import { SCENARIOS } from './scenarios.mjs';

const int = (n) => Math.round(n).toLocaleString('en-US');
const ms = (n) => (n === undefined ? '–' : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : int(n));
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const pct = (r) => `${(r * 100).toFixed(0)} %`;

/** PASS when `ok`, MISS otherwise; '' when there is no target. */
export const verdict = (ok) => (ok === undefined ? '' : ok ? 'PASS' : 'MISS');

/** A plain-text table; `align` per column ('l' or 'r'), by default numbers right-aligned. */
export function table(headers, rows, align) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c ?? '')));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const numeric = (i) => rows.every((r) => /^[-\d.,\s%×<≥–/]*$/.test(String(r[i] ?? '')));
  const right = headers.map((_, i) => (align ? align[i] === 'r' : numeric(i)));
  const line = (r) => r.map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** A section heading. */
export function heading(text) {
  return `\n== ${text} ${'='.repeat(Math.max(0, 74 - text.length))}`;
}

/** The Kith-vs-raw table for `pairs` ({ scenario: { kith, raw } }). */
export function comparisonTable(pairs) {
  const rows = Object.entries(pairs).map(([name, { kith, raw }]) => {
    const { label, target } = SCENARIOS[name];
    const ratio = kith.reqPerSec / raw.reqPerSec;
    return [
      label,
      int(kith.reqPerSec), ms(kith.p50), ms(kith.p99), `${int(kith.non2xx)}/${int(kith.errors)}`,
      int(raw.reqPerSec), ms(raw.p50), ms(raw.p99), `${int(raw.non2xx)}/${int(raw.errors)}`,
      pct(ratio), target === undefined ? '–' : `≥ ${pct(target)}`, verdict(target === undefined ? undefined : ratio >= target),
    ];
  });
  const headers = ['scenario', 'Kith req/s', 'p50 ms', 'p99 ms', 'non-2xx/err', 'raw req/s', 'p50 ms', 'p99 ms', 'non-2xx/err', 'Kith/raw', 'target', ''];
  return table(headers, rows);
}

/** Rows of the final summary: [figure, value, target, verdict]. */
export function summaryRows(results) {
  const rows = results.seed.map((s) => [`seed ${int(s.rows)} ${s.entity} rows through Kith`, `${int(s.rowsPerSec)} rows/s`, '–', '']);
  for (const [db, pairs] of [['SQLite', results.sqlite], ['PostgreSQL', results.postgres?.pairs]]) {
    for (const [name, { kith, raw }] of Object.entries(pairs ?? {})) {
      const { label, target } = SCENARIOS[name];
      const ratio = kith.reqPerSec / raw.reqPerSec;
      rows.push([`${db}: ${label}, Kith/raw`, pct(ratio), target === undefined ? '–' : `≥ ${pct(target)}`, verdict(target === undefined ? undefined : ratio >= target)]);
    }
  }
  const f = results.addField;
  if (f) {
    const clean = f.status === 201 && f.during.non2xx + f.during.errors === 0 && f.reads.non2xx + f.reads.errors === 0;
    rows.push([`add field to ${int(results.bigRows)} rows`, `${ms(f.ms)} ms`, '< 2,000 ms', verdict(f.ms < 2000)]);
    rows.push(['failed reads during the change', int(f.during.non2xx + f.during.errors), '0', verdict(clean)]);
  }
  const perm = results.permissions;
  if (perm) {
    for (const [label, r] of [['team', perm.team], ['own', perm.own]]) {
      const ratio = perm.admin.reqPerSec / r.reqPerSec;
      rows.push([`list page, ${label}-scoped role vs admin (time)`, `${ratio.toFixed(2)}×`, '≤ 1.20×', verdict(ratio <= 1.2)]);
    }
    rows.push(['rows outside scope or hidden fields shown', int(perm.leaks), '0', verdict(perm.leaks === 0)]);
  }
  for (const [label, x] of [['create', results.rules?.create], ['update', results.rules?.update]]) {
    if (x) rows.push([`SQLite ${label}: added cost of 20 rules and formulas`, `${x.addedMs.toFixed(3)} ms/write`, `< ${results.rules.targetMs} ms`, verdict(x.addedMs < results.rules.targetMs)]);
  }
  const c = results.coldStart;
  rows.push(['cold start (median of 3)', `${ms(c.medianMs)} ms`, '< 1,000 ms', verdict(c.medianMs < 1000)]);
  rows.push(['Kith RSS after load', mb(results.memory.kithRss), '–', '']);
  const w = results.concurrent;
  rows.push(['20-connection creates: timeouts', int(w.timeouts), '0', verdict(w.timeouts === 0)]);
  rows.push(['20-connection creates: errors + non-2xx', int(w.errors + w.non2xx), '0', verdict(w.errors + w.non2xx === 0)]);
  rows.push(['acknowledged creates missing after SIGKILL', `${int(w.missing)} of ${int(w.acked)}`, '0', verdict(w.missing === 0)]);
  return rows;
}

/** Writes the whole result to `bench/results/latest.json`; returns the path. */
export function writeJson(results) {
  const dir = new URL('../results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL('latest.json', dir);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file.pathname;
}

export { int, mb, ms, pct };

/** The lines describing the 20-connection creates and the SIGKILL check. */
export function concurrentLines(c) {
  return [
    `  ${int(c.reqPerSec)} req/s, p99 ${ms(c.p99)} ms, ${int(c.ok)} × 2xx, ${int(c.non2xx)} non-2xx, ${int(c.errors)} errors, ${int(c.timeouts)} timeouts  ${verdict(c.timeouts + c.errors + c.non2xx === 0)}`,
    `  server SIGKILLed after the load; a fresh connection on the file finds ${int(c.rowsOnDisk)} rows`,
    `  acknowledged (201 received): ${int(c.acked)}; on disk: ${int(c.acked - c.missing)}; missing: ${int(c.missing)}  ${verdict(c.missing === 0)}`,
    `  rows on disk − acknowledged = ${int(c.inFlightAtStop)} (committed while the load stopped; their answers were not awaited)`,
  ].join('\n');
}

/** The lines describing the add-field experiment. */
export function addFieldLines(f) {
  return [
    `  POST /api/v1/metadata/entities/big/fields → ${f.status} in ${ms(f.ms)} ms  (target < 2,000 ms) ${verdict(f.ms < 2000)}${f.error ? `\n  ${f.error}` : ''}`,
    `  reads while it ran: ${int(f.during.responses)} responses, ${int(f.during.non2xx)} non-2xx, ${int(f.during.errors)} errors, slowest ${ms(f.during.maxMs)} ms`,
    `  reads over the whole ${int(f.reads.ok + f.reads.non2xx)}-request run: ${int(f.reads.reqPerSec)} req/s, p99 ${ms(f.reads.p99)} ms, ${int(f.reads.non2xx)} non-2xx, ${int(f.reads.errors)} errors`,
    `  new field "${f.field}" on records read afterwards: ${f.visibleOnReads ? 'yes' : 'NO'}`,
  ].join('\n');
}

/** One progress line for a finished scenario. */
export function scenarioLine(side, name, r) {
  return `  ${side.padEnd(5)} ${SCENARIOS[name].label.padEnd(24)} ${int(r.reqPerSec).padStart(7)} req/s  p99 ${ms(r.p99)} ms`;
}
