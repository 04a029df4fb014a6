import { randomBytes } from 'node:crypto';
import { TEST_DATABASE_PREFIX, dropTestDatabases, withAdminClient } from './postgres-test-server.js';

const STALE_AFTER_S = 2 * 3600;

/** The start time (unix seconds) a test database's name records, if it is one of ours. */
function startedAt(name: string): number | undefined {
  const stamp = new RegExp(`^${TEST_DATABASE_PREFIX}([0-9a-z]+?)[0-9a-f]{4}_`).exec(name)?.[1];
  return stamp === undefined ? undefined : parseInt(stamp, 36);
}

/**
 * Each test worker gets a PostgreSQL database of its own, `kith_t_<run>_<worker>` (run = start
 * time in base 36 + a random tag, passed to the workers through KITH_TEST_RUN), and makes one
 * schema in it per fresh test database. Separate databases keep catalogs small: MikroORM's
 * schema introspection reads every table of the database it is connected to, so schemas of
 * other suites or of crashed runs in one shared database made every schema diff slower, until
 * suites timed out. A run drops its own databases when it ends, and databases of runs that
 * started more than two hours ago (crashed or killed) when it starts — never a live run's.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const started = Math.floor(Date.now() / 1000);
  const run = `${started.toString(36)}${randomBytes(2).toString('hex')}`;
  process.env.KITH_TEST_RUN = run;
  await dropTestDatabases((name) => {
    const at = startedAt(name);
    return at === undefined || started - at > STALE_AFTER_S;
  });
  // Schemas the earlier layout left in the shared database.
  await withAdminClient(async (client) => {
    const { rows } = await client.query<{ nspname: string }>(
      'SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)',
      [TEST_DATABASE_PREFIX],
    );
    for (const { nspname } of rows) await client.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`);
  });
  return () => dropTestDatabases((name) => name.startsWith(`${TEST_DATABASE_PREFIX}${run}_`));
}
