import pg from 'pg';
import { openSqlite } from './libsql.mjs';

/**
 * Records every statement Kith's read connection runs while `fn` runs, so the raw baseline can
 * run exactly the same SQL with the same parameters through the bare driver.
 */
export async function capture(app, fn) {
  const reader = app.db.reader;
  const original = reader.all;
  const statements = [];
  reader.all = (sql, params) => {
    statements.push([sql, [...params]]);
    return original.call(reader, sql, params);
  };
  try {
    const result = await fn();
    return { result, statements };
  } finally {
    reader.all = original;
  }
}

/** The bare driver on the same database: prepared statements cached by SQL text, rows as arrays (as Kith reads them). */
export async function rawRunner(dialect, target) {
  if (dialect === 'sqlite') {
    const db = openSqlite(target.file);
    const cache = new Map();
    return {
      run: async (statements) => {
        for (const [sql, params] of statements) {
          let stmt = cache.get(sql);
          if (!stmt) cache.set(sql, (stmt = db.prepare(sql).raw(true)));
          stmt.all(params);
        }
      },
      close: async () => db.close(),
    };
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  await client.query(`SET search_path TO "${target.schema}"`);
  const names = new Map();
  return {
    run: async (statements) => {
      for (const [sql, params] of statements) {
        if (!names.has(sql)) names.set(sql, `raw${names.size}`);
        await client.query({ name: names.get(sql), text: sql, values: params, rowMode: 'array' });
      }
    },
    close: () => client.end(),
  };
}

/** p50, p99 and max of latencies (ms). */
export function percentiles(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return { n: sorted.length, p50: at(50), p99: at(99), max: sorted[sorted.length - 1] };
}

/** Median of numbers. */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Times one call (ms). */
export async function timed(fn) {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}
