import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PG_URL, TEST_DATABASE_PREFIX, databaseUrl, withAdminClient } from './postgres-test-server.js';

/** A database the suites run against. */
export interface TestDatabase {
  readonly name: 'sqlite' | 'postgresql';
  /** A DATABASE_URL to a fresh, empty database (SQLite file or PostgreSQL schema). */
  fresh(): Promise<{ url: string; drop: () => Promise<void> }>;
}


async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const sqlite: TestDatabase = {
  name: 'sqlite',
  fresh: async () => {
    const dir = join(tmpdir(), 'kith-tests');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `t-${randomBytes(6).toString('hex')}.db`);
    return {
      url: `sqlite:${file}`,
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      },
    };
  },
};

let workerDatabase: Promise<string> | undefined;

/** This worker's own database (see global-setup.ts), created on first use. */
function ensureWorkerDatabase(): Promise<string> {
  workerDatabase ??= (async () => {
    const name = `${TEST_DATABASE_PREFIX}${process.env.KITH_TEST_RUN ?? `${Math.floor(Date.now() / 1000).toString(36)}0000`}_${process.pid}`;
    const created = await withAdminClient((client) => client.query(`CREATE DATABASE "${name}"`));
    if (created === undefined) throw new Error(`PostgreSQL at ${PG_URL} did not answer while creating ${name}`);
    return name;
  })();
  return workerDatabase;
}

const postgresql: TestDatabase = {
  name: 'postgresql',
  fresh: async () => {
    const name = await ensureWorkerDatabase();
    const schema = `t_${randomBytes(6).toString('hex')}`;
    // The whole database is dropped after the run (see global-setup.ts), not while suites run.
    return { url: `${databaseUrl(name)}?schema=${schema}`, drop: async () => undefined };
  },
};

/**
 * The databases every integration suite runs on. PostgreSQL is skipped only when no server
 * answers, and says so; with KITH_REQUIRE_POSTGRES=1 (set by .ci/run) an unreachable server
 * fails the run instead.
 */
export async function testDatabases(): Promise<TestDatabase[]> {
  if (await postgresReachable()) return [sqlite, postgresql];
  if (process.env.KITH_REQUIRE_POSTGRES === '1') {
    throw new Error(`KITH_REQUIRE_POSTGRES=1 but no PostgreSQL answers at ${PG_URL}`);
  }
  console.warn(`[kith tests] PostgreSQL at ${PG_URL} is not reachable: PostgreSQL suites are SKIPPED on this machine.`);
  return [sqlite];
}
