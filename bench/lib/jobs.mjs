import { createApp, Worker } from '@kith/core';
import { defineEntity, definePlugin } from '@kith/sdk';
import pg from 'pg';
import { openSqlite } from './libsql.mjs';

const SYSTEM = { userId: null, channel: 'seed', isAdmin: true };

const ticket = defineEntity({
  name: 'ticket',
  fields: { subject: { type: 'text', required: true }, status: { type: 'select', options: ['new', 'open'], default: 'new' }, touches: { type: 'integer' } },
});
const plugin = definePlugin({ id: 'bench-jobs', version: '1.0.0', entities: [ticket] });

/** No-op jobs through Kith's queue: enqueued in transactions of 500, then drained by `workers` Workers. */
export async function kithQueue(databaseUrl, jobs, workers = 1) {
  const app = await createApp({ databaseUrl, plugins: [plugin], logger: false, metadataPollMs: 0, worker: false });
  try {
    app.jobs.registerHandler('bench.noop', async () => undefined);
    for (let start = 0; start < jobs; start += 500) {
      await app.db.transaction(async (tx) => {
        for (let i = start; i < Math.min(jobs, start + 500); i++) await app.jobs.enqueue(tx, { kind: 'bench.noop', payload: { i } });
      });
    }
    const started = performance.now();
    const ran = (await Promise.all(Array.from({ length: workers }, (_, i) => new Worker(app.jobs, { id: `bench-${i}` }).drain()))).reduce((a, b) => a + b, 0);
    const seconds = (performance.now() - started) / 1000;
    return { jobs: ran, perSecond: ran / seconds };
  } finally {
    await app.close();
  }
}

/** Workflow runs end to end: records created (each enqueues a run in its transaction), then drained; one setFields action each. */
export async function kithWorkflowRuns(databaseUrl, records) {
  const app = await createApp({ databaseUrl, plugins: [plugin], logger: false, metadataPollMs: 0, worker: false });
  try {
    await app.registry.change(
      {
        kind: 'addWorkflow',
        workflow: { id: 'bench-open', label: { en: 'Open' }, entity: 'ticket', trigger: { type: 'created' }, actions: [{ type: 'setFields', values: { status: 'open' } }], enabled: true, version: 1, source: 'custom' },
      },
      { userId: null },
    );
    for (let start = 0; start < records; start += 500) {
      await app.records.bulkCreate('ticket', Array.from({ length: Math.min(500, records - start) }, (_, i) => ({ subject: `t${start + i}` })), SYSTEM);
    }
    const started = performance.now();
    const ran = await new Worker(app.jobs, { id: 'bench' }).drain();
    const seconds = (performance.now() - started) / 1000;
    return { runs: ran, perSecond: ran / seconds };
  } finally {
    await app.close();
  }
}

// The raw baseline: the same outbox table and the same claim → complete SQL, through the bare
// driver, with no handler, no run record and no Kith around it.
const RAW_DDL = `CREATE TABLE raw_job (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT, payload TEXT, run_at TEXT, state TEXT, locked_by TEXT, locked_until TEXT, attempts INTEGER, finished_at TEXT)`;

/** Raw SQLite: claim 20 due rows with UPDATE … RETURNING, then mark them done, in two write transactions per batch. */
export function rawSqliteQueue(file, jobs) {
  const db = openSqlite(file);
  try {
    db.exec(RAW_DDL);
    db.exec('CREATE INDEX raw_job_due ON raw_job (state, run_at, id)');
    const insert = db.prepare(`INSERT INTO raw_job (kind, payload, run_at, state, attempts) VALUES ('bench.noop', ?, ?, 'pending', 0)`);
    const now = new Date().toISOString();
    db.exec('BEGIN');
    for (let i = 0; i < jobs; i++) insert.run([JSON.stringify({ i }), now]);
    db.exec('COMMIT');
    const claim = db.prepare(
      `UPDATE raw_job SET state = 'running', locked_by = 'raw', locked_until = ?, attempts = attempts + 1 WHERE id IN (SELECT id FROM raw_job WHERE state = 'pending' AND run_at <= ? ORDER BY run_at, id LIMIT 20) RETURNING id, kind, payload`,
    );
    const done = db.prepare(`UPDATE raw_job SET state = 'done', finished_at = ? WHERE id IN (SELECT value FROM json_each(?)) AND state = 'running' AND locked_by = 'raw'`);
    const started = performance.now();
    let ran = 0;
    for (;;) {
      db.exec('BEGIN IMMEDIATE');
      const rows = claim.raw(true).all([new Date(Date.now() + 300_000).toISOString(), new Date().toISOString()]);
      db.exec('COMMIT');
      if (rows.length === 0) break;
      for (const r of rows) JSON.parse(r[2]);
      db.exec('BEGIN IMMEDIATE');
      done.run([new Date().toISOString(), JSON.stringify(rows.map((r) => r[0]))]);
      db.exec('COMMIT');
      ran += rows.length;
    }
    return { jobs: ran, perSecond: ran / ((performance.now() - started) / 1000) };
  } finally {
    db.close();
  }
}

/** Raw PostgreSQL: the same, with FOR UPDATE SKIP LOCKED, `workers` clients sharing the table. */
export async function rawPostgresQueue(url, schema, jobs, workers = 1) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; CREATE SCHEMA "${schema}"`);
    await admin.query(`CREATE TABLE "${schema}".raw_job (id bigserial PRIMARY KEY, kind varchar(100), payload jsonb, run_at timestamptz, state varchar(16), locked_by varchar(100), locked_until timestamptz, attempts int, finished_at timestamptz)`);
    await admin.query(`CREATE INDEX ON "${schema}".raw_job (state, run_at, id)`);
    await admin.query(`INSERT INTO "${schema}".raw_job (kind, payload, run_at, state, attempts) SELECT 'bench.noop', jsonb_build_object('i', g), now(), 'pending', 0 FROM generate_series(1, $1) g`, [jobs]);
    const started = performance.now();
    const counts = await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        let ran = 0;
        try {
          for (;;) {
            await c.query('BEGIN');
            const { rows } = await c.query({
              name: 'claim',
              text: `UPDATE "${schema}".raw_job SET state = 'running', locked_by = $1, locked_until = now() + interval '5 minutes', attempts = attempts + 1 WHERE id IN (SELECT id FROM "${schema}".raw_job WHERE state = 'pending' AND run_at <= now() ORDER BY run_at, id LIMIT 20 FOR UPDATE SKIP LOCKED) RETURNING id, kind, payload`,
              values: [`raw-${w}`],
            });
            await c.query('COMMIT');
            if (rows.length === 0) break;
            await c.query('BEGIN');
            await c.query({ name: 'done', text: `UPDATE "${schema}".raw_job SET state = 'done', finished_at = now() WHERE id = ANY($1) AND locked_by = $2`, values: [rows.map((r) => r.id), `raw-${w}`] });
            await c.query('COMMIT');
            ran += rows.length;
          }
        } finally {
          await c.end();
        }
        return ran;
      }),
    );
    const ran = counts.reduce((a, b) => a + b, 0);
    return { jobs: ran, perSecond: ran / ((performance.now() - started) / 1000) };
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await admin.end();
  }
}

