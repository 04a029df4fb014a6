import pg from 'pg';
import type { Database, SqlExecutor } from './database.js';

// node-postgres returns int8 and numeric as strings and dates as local-time Date objects;
// Kith's JS forms are numbers, 'YYYY-MM-DD' and ISO-8601 UTC strings.
const parsers: Record<number, (value: string) => unknown> = {
  20: (v) => Number(v),
  1700: (v) => Number(v),
  1082: (v) => v,
  1114: (v) => new Date(`${v.replace(' ', 'T')}Z`).toISOString(),
  1184: (v) => new Date(v).toISOString(),
};
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    parsers[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** Names for prepared statements, one per distinct SQL text (node-postgres prepares once per connection). */
class StatementNames {
  private readonly names = new Map<string, string>();
  name(sql: string): string | undefined {
    let name = this.names.get(sql);
    if (name === undefined) {
      if (this.names.size >= 2000) return undefined; // plenty; past this, plain queries
      name = `k${this.names.size}`;
      this.names.set(sql, name);
    }
    return name;
  }
}

function executor(client: pg.Pool | pg.PoolClient, names: StatementNames): SqlExecutor {
  return {
    dialect: 'postgresql',
    all: async (sql, params) => {
      const name = names.name(sql);
      const result = await client.query({ text: sql, values: params as unknown[], rowMode: 'array', ...(name ? { name } : {}) });
      return result.rows as unknown[][];
    },
    run: async (sql, params) => {
      const name = names.name(sql);
      const result = await client.query({ text: sql, values: params as unknown[], ...(name ? { name } : {}) });
      return result.rowCount ?? 0;
    },
  };
}

/** PostgreSQL through a node-postgres pool with prepared statements; `schema` becomes the search path. */
export async function openPostgresDatabase(url: string, schema: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types,
    options: `-c search_path=${schema}`,
  });
  pool.on('error', () => undefined); // an idle client dropped by the server is replaced on next use
  await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  const names = new StatementNames();
  const u = new URL(url);
  return {
    dialect: 'postgresql',
    description: `postgresql://${u.hostname}:${u.port || 5432}${u.pathname}?schema=${schema}`,
    reader: executor(pool, names),
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(executor(client, names));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    // PostgreSQL takes its own locks for DDL; nothing to queue here.
    exclusive: (fn) => fn(),
    close: () => pool.end(),
  };
}
