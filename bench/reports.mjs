// `pnpm bench:reports` (also the last part of `pnpm bench`): a report grouping 1,000,000 rows by
// two keys, and global search latency over the same 1,000,000 rows, on SQLite and PostgreSQL —
// each against the very same SQL run through the bare driver in the same run (captured from
// Kith's read connection, so the baseline cannot drift from what Kith does). A benchmark: it
// prints figures and targets, it never fails on a number.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createApp } from '@kith/core';
import pg from 'pg';
import { ADMIN } from './lib/admin.mjs';
import { PG_URL, probePostgres } from './lib/postgres.mjs';
import { CUSTOMERS, PRODUCTS, reportsPlugin, seedPostgresSales, seedSqliteSales } from './lib/reports-data.mjs';
import { capture, median, percentiles, rawRunner, timed } from './lib/reports-measure.mjs';

const ROWS = Number(process.env.KITH_BENCH_REPORT_ROWS ?? 1_000_000);
const QUERIES = Number(process.env.KITH_BENCH_SEARCH_QUERIES ?? 200);
const REPORT_ROUNDS = 5;
/** Targets of issue 8. */
export const REPORT_TARGET_MS = 1000;
export const SEARCH_P99_TARGET_MS = 50;
const SCHEMA = 'kith_bench_reports';

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const ms1 = (n) => n.toFixed(1);
const pct = (a, b) => `${Math.round((a / b) * 100)} %`;
const verdict = (ok) => (ok ? 'PASS' : 'MISS');
const REPORT = { entity: 'sale', groupBy: ['stage', { field: 'closeDate', bucket: 'month' }], measures: [{ op: 'count' }, { op: 'sum', field: 'amount' }] };

/** A small deterministic random sequence, so both sides and every run ask the same questions. */
function rng(seed) {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

/** The search query classes: typical ones (with the target) and a deliberately unselective one. */
function queryClasses() {
  const pick = rng(42);
  const make = (n, f) => Array.from({ length: n }, () => f());
  return [
    { label: 'one whole word', typical: true, queries: make(QUERIES, () => CUSTOMERS[pick(CUSTOMERS.length)]) },
    { label: 'a 5-letter prefix', typical: true, queries: make(QUERIES, () => PRODUCTS[pick(PRODUCTS.length)].slice(0, 5)) },
    // The customer word and the start of the product word of an existing row: what narrowing down to one record looks like.
    { label: 'two words (word + prefix)', typical: true, queries: make(QUERIES, () => { const i = 1 + pick(ROWS); return `${CUSTOMERS[i % CUSTOMERS.length]} ${PRODUCTS[(i * 7) % PRODUCTS.length].slice(0, 4)}`; }) },
    { label: 'a 2-letter prefix (unselective)', typical: false, queries: make(Math.max(10, Math.round(QUERIES / 10)), () => ['ka', 'lo', 'mi', 'tu', 'sa'][pick(5)]) },
  ];
}

/** How many index rows a query matches (bare driver), to say how selective each class is. */
async function matches(dialect, target, q) {
  const terms = q.split(' ');
  if (dialect === 'sqlite') {
    const { openSqlite } = await import('./lib/libsql.mjs');
    const db = openSqlite(target.file);
    try {
      return db.prepare('SELECT count(*) FROM "kith_search" WHERE "kith_search" MATCH ?').raw(true).get([terms.map((t) => (t.length > 1 ? `"${t}"*` : `"${t}"`)).join(' AND ')])[0];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query(`SET search_path TO "${target.schema}"`);
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM "kith_search" WHERE "doc" @@ to_tsquery('simple', $1)`, [terms.map((t) => `${t}:*`).join(' & ')]);
    return rows[0].n;
  } finally {
    await client.end();
  }
}

async function login(app, email, password) {
  const res = await app.server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  return { authorization: `Bearer ${JSON.parse(res.body).token}` };
}

async function inject(app, headers, method, url, payload) {
  const res = await app.server.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return JSON.parse(res.body);
}

/** One database: seed, index through Kith, then the report and the searches, Kith and raw interleaved. */
async function side(name, dialect, target, log) {
  const app = await createApp({ databaseUrl: target.databaseUrl, plugins: [reportsPlugin], logger: false, metadataPollMs: 0, worker: false, firstAdmin: ADMIN });
  const raw = await rawRunner(dialect, target);
  try {
    await app.search.idle();
    const seedMs = await timed(() => (dialect === 'sqlite' ? seedSqliteSales(target.file, ROWS) : seedPostgresSales(target.url, target.schema, ROWS)));
    let indexed = 0;
    const indexMs = await timed(async () => {
      indexed = (await app.search.reindex(app.registry.model)).reduce((a, d) => a + d.records, 0);
    });
    if (dialect === 'postgresql') await app.db.transaction((tx) => tx.run('ANALYZE "kith_search"', []));
    log(`  ${name}: ${fmt(ROWS)} sales written with the bare driver in ${ms1(seedMs / 1000)} s; search index built by Kith (kith search reindex): ${fmt(indexed)} records in ${ms1(indexMs / 1000)} s (${fmt(indexed / (indexMs / 1000))} records/s)`);
    const admin = await login(app, ADMIN.email, ADMIN.password);
    await inject(app, admin, 'POST', '/api/v1/users', { email: 'rep@example.com', name: 'Rep', password: 'bench-password-123', roles: ['own-sales'] });
    const rep = await login(app, 'rep@example.com', 'bench-password-123');

    // The report: one warm-up each, then rounds alternating Kith and raw; medians.
    const { result: first, statements: reportSql } = await capture(app, () => inject(app, admin, 'POST', '/api/v1/reports/query', REPORT));
    await raw.run(reportSql);
    const kithMs = [];
    const rawMs = [];
    for (let r = 0; r < REPORT_ROUNDS; r++) {
      kithMs.push(await timed(() => inject(app, admin, 'POST', '/api/v1/reports/query', REPORT)));
      rawMs.push(await timed(() => raw.run(reportSql)));
    }
    const ownMs = [];
    for (let r = 0; r < 3; r++) ownMs.push(await timed(() => inject(app, rep, 'POST', '/api/v1/reports/query', REPORT)));
    const report = { groups: first.rows.length, totalCount: first.totals.count, kithMs: median(kithMs), rawMs: median(rawMs), ownScopeMs: median(ownMs), statements: reportSql.length };
    log(`    report: group by stage × month(closeDate), count + sum(amount) → ${report.groups} groups over ${fmt(report.totalCount)} rows (${report.statements} SQL statement${report.statements === 1 ? '' : 's'})`);
    log(`      administrator  kith ${fmt(report.kithMs)} ms · raw ${fmt(report.rawMs)} ms · kith/raw time ${pct(report.kithMs, report.rawMs)} · target < ${fmt(REPORT_TARGET_MS)} ms ${verdict(report.kithMs < REPORT_TARGET_MS)}`);
    log(`      "own" role     kith ${fmt(report.ownScopeMs)} ms (the scope is part of the WHERE: 2 % of the rows count)`);

    // Search: every query through Kith's HTTP route, then the same statements through the bare driver.
    const classes = [];
    for (const c of queryClasses()) {
      const kith = [];
      const bare = [];
      for (const [n, q] of c.queries.entries()) {
        const url = `/api/v1/search?q=${encodeURIComponent(q)}`;
        const { statements } = await capture(app, () => inject(app, admin, 'GET', url));
        // Alternate who goes first, so neither side always finds the other's pages in the cache.
        if (n % 2 === 0) {
          kith.push(await timed(() => inject(app, admin, 'GET', url)));
          bare.push(await timed(() => raw.run(statements)));
        } else {
          bare.push(await timed(() => raw.run(statements)));
          kith.push(await timed(() => inject(app, admin, 'GET', url)));
        }
      }
      const sample = c.queries.slice(0, 20);
      let matched = 0;
      for (const q of sample) matched += await matches(dialect, target, q);
      classes.push({ label: c.label, typical: c.typical, matchesPerQuery: matched / sample.length, kith: percentiles(kith), raw: percentiles(bare), kithSamples: kith });
    }
    const ownKith = [];
    for (const q of queryClasses()[0].queries.slice(0, Math.round(QUERIES / 2))) ownKith.push(await timed(() => inject(app, rep, 'GET', `/api/v1/search?q=${q}`)));
    const typical = percentiles(classes.filter((c) => c.typical).flatMap((c) => c.kithSamples));
    log(`    search, latency in ms (p50 / p99), ${QUERIES} queries per class, one after another; kith = GET /api/v1/search, raw = the same SQL`);
    for (const c of classes) {
      log(`      ${c.label.padEnd(32)} ~${fmt(c.matchesPerQuery).padStart(7)} matching rows   kith ${ms1(c.kith.p50).padStart(6)} / ${ms1(c.kith.p99).padStart(6)}   raw ${ms1(c.raw.p50).padStart(6)} / ${ms1(c.raw.p99).padStart(6)}${c.typical ? '' : '   (no target)'}`);
    }
    const own = percentiles(ownKith);
    log(`      "own" role, one whole word                              kith ${ms1(own.p50).padStart(6)} / ${ms1(own.p99).padStart(6)}`);
    log(`      typical queries together: kith p99 ${ms1(typical.p99)} ms · target < ${SEARCH_P99_TARGET_MS} ms ${verdict(typical.p99 < SEARCH_P99_TARGET_MS)}`);
    for (const c of classes) delete c.kithSamples;
    return { rows: ROWS, seedMs, index: { records: indexed, ms: indexMs }, report, search: { classes, typical, ownRole: own } };
  } finally {
    await raw.close();
    await app.close();
  }
}

export async function reportsBench(log = console.log) {
  const out = { rows: ROWS, targets: { reportMs: REPORT_TARGET_MS, searchP99Ms: SEARCH_P99_TARGET_MS } };
  const dir = mkdtempSync(join(os.tmpdir(), 'kith-bench-reports-'));
  try {
    log(`\nReports and search on ${fmt(ROWS)} rows (Kith through its HTTP routes in-process; raw = the same SQL through the bare driver, same run, same connection settings)`);
    log(`  load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (${os.cpus().length} cores)`);
    out.loadAvgAtStart = os.loadavg();
    const file = join(dir, 'reports.db');
    out.sqlite = await side('SQLite', 'sqlite', { databaseUrl: `sqlite:${file}`, file }, log);
    const probe = await probePostgres();
    if (!probe.ok) {
      log(`  PostgreSQL  skipped: ${probe.reason}`);
      return out;
    }
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      await admin.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
      const u = new URL(PG_URL);
      u.searchParams.set('schema', SCHEMA);
      out.postgresql = await side(`PostgreSQL ${probe.version}`, 'postgresql', { databaseUrl: u.toString(), url: PG_URL, schema: SCHEMA }, log);
      await admin.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
    } finally {
      await admin.end();
    }
    log(`  load average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    out.loadAvgAtEnd = os.loadavg();
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await reportsBench();
