// `pnpm bench:jobs` (also the last part of `pnpm bench`): the durable job queue and workflow
// runs per second on SQLite and PostgreSQL, against the same claim/complete SQL through the
// bare driver in the same run. A benchmark: it prints figures, it never fails on one.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { kithQueue, kithWorkflowRuns, rawPostgresQueue, rawSqliteQueue } from './lib/jobs.mjs';
import { PG_URL, probePostgres } from './lib/postgres.mjs';

const JOBS = Number(process.env.KITH_BENCH_JOBS ?? 5000);
const RUNS = Number(process.env.KITH_BENCH_RUNS ?? 2000);
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const pct = (a, b) => `${Math.round((a / b) * 100)} %`;

export async function jobsBench(log = console.log) {
  const out = {};
  const dir = mkdtempSync(join(os.tmpdir(), 'kith-bench-jobs-'));
  try {
    log(`\nJob queue (${fmt(JOBS)} no-op jobs) and workflow runs (${fmt(RUNS)} records, one setFields action each)`);
    const rawSqlite = rawSqliteQueue(join(dir, 'raw.db'), JOBS);
    const sqlite = await kithQueue(`sqlite:${join(dir, 'kith.db')}`, JOBS);
    const sqliteRuns = await kithWorkflowRuns(`sqlite:${join(dir, 'runs.db')}`, RUNS);
    log(`  SQLite      kith ${fmt(sqlite.perSecond)} jobs/s · raw ${fmt(rawSqlite.perSecond)} jobs/s · kith/raw ${pct(sqlite.perSecond, rawSqlite.perSecond)} · workflow runs ${fmt(sqliteRuns.perSecond)}/s`);
    out.sqlite = { kith: sqlite, raw: rawSqlite, workflowRuns: sqliteRuns };
    const probe = await probePostgres();
    if (!probe.ok) {
      log(`  PostgreSQL  skipped: ${probe.reason}`);
      return out;
    }
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    const url = (schema) => `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${schema}`;
    try {
      for (const s of ['kith_bench_jobs', 'kith_bench_runs']) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
      const rawPg = await rawPostgresQueue(PG_URL, 'kith_bench_rawjobs', JOBS, 2);
      const kithPg = await kithQueue(url('kith_bench_jobs'), JOBS, 2);
      const pgRuns = await kithWorkflowRuns(url('kith_bench_runs'), RUNS);
      log(`  PostgreSQL  kith ${fmt(kithPg.perSecond)} jobs/s · raw ${fmt(rawPg.perSecond)} jobs/s · kith/raw ${pct(kithPg.perSecond, rawPg.perSecond)} (2 workers each) · workflow runs ${fmt(pgRuns.perSecond)}/s`);
      out.postgresql = { kith: kithPg, raw: rawPg, workflowRuns: pgRuns };
      for (const s of ['kith_bench_jobs', 'kith_bench_runs']) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    } finally {
      await admin.end();
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await jobsBench();
