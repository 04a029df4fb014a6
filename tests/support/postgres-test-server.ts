import pg from 'pg';

/** The server the PostgreSQL suites use: `.ci/run` points it at the local one. */
export const PG_URL = process.env.KITH_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Every database the suites create starts with this; nothing else is ever dropped. */
export const TEST_DATABASE_PREFIX = 'kith_t_';

/** The URL of database `name` on the test server. */
export function databaseUrl(name: string): string {
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `fn` with a client on the server's maintenance database (the URL's own). */
export async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T | undefined> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
  } catch {
    return undefined; // no PostgreSQL here: the suites say so themselves
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Drops the test databases `which` selects (their connections are closed first). */
export async function dropTestDatabases(which: (name: string) => boolean): Promise<void> {
  await withAdminClient(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [TEST_DATABASE_PREFIX],
    );
    for (const { datname } of rows) {
      if (which(datname)) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  });
}
