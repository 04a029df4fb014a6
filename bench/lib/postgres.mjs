import pg from 'pg';
import { dealRow } from './plugin.mjs';
import { seedThroughKith } from './seed.mjs';

/** The schema the PostgreSQL run owns (dropped at the start of every run). */
export const PG_SCHEMA = 'kith_bench';

/** The server to use: `KITH_BENCH_POSTGRES_URL`, default a local `test` database. */
export const PG_URL = process.env.KITH_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether PostgreSQL answers at `url` (within 3 s); the reason when it does not. */
export async function probePostgres(url = PG_URL) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query('SHOW server_version');
    return { ok: true, version: rows[0].server_version };
  } catch (error) {
    return { ok: false, reason: error.message };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Drops the bench schema, then seeds `rows` deals into it through Kith. */
export async function preparePostgres(rows, url = PG_URL) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${PG_SCHEMA}" CASCADE`);
  } finally {
    await client.end();
  }
  const kithUrl = withSchema(url, PG_SCHEMA);
  const seed = await seedThroughKith(kithUrl, 'deal', rows, dealRow);
  const analyse = new pg.Client({ connectionString: url });
  await analyse.connect();
  await analyse.query(`ANALYZE "${PG_SCHEMA}"."deal"`).finally(() => analyse.end());
  return { kithUrl, seed };
}

/** `url` with `?schema=` set (how Kith's DATABASE_URL names a schema). */
function withSchema(url, schema) {
  const u = new URL(url);
  u.searchParams.set('schema', schema);
  return u.toString();
}
