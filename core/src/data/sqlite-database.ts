import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Libsql from 'libsql';
import type { Database, SqlExecutor } from './database.js';
import { Mutex } from './mutex.js';

type Connection = InstanceType<typeof Libsql>;
type Statement = ReturnType<Connection['prepare']>;

const STATEMENT_CACHE_SIZE = 512;

/** A connection's prepared statements, cached by SQL text (bounded, oldest out first). */
class StatementCache {
  private readonly rows = new Map<string, Statement>();
  private readonly runs = new Map<string, Statement>();

  constructor(private readonly conn: Connection) {}

  forRows(sql: string): Statement {
    let stmt = this.rows.get(sql);
    if (!stmt) {
      stmt = this.conn.prepare(sql).raw(true);
      remember(this.rows, sql, stmt);
    }
    return stmt;
  }

  forRun(sql: string): Statement {
    let stmt = this.runs.get(sql);
    if (!stmt) {
      stmt = this.conn.prepare(sql);
      remember(this.runs, sql, stmt);
    }
    return stmt;
  }

  clear(): void {
    this.rows.clear();
    this.runs.clear();
  }
}

function remember(map: Map<string, Statement>, sql: string, stmt: Statement): void {
  if (map.size >= STATEMENT_CACHE_SIZE) map.delete(map.keys().next().value as string);
  map.set(sql, stmt);
}

function open(file: string): Connection {
  const conn = new Libsql(file, { timeout: 10 });
  // WAL lets readers run beside the writer; FULL sync makes a returned success durable;
  // the busy timeout makes a second process wait instead of failing.
  conn.exec('PRAGMA journal_mode = WAL');
  conn.exec('PRAGMA synchronous = FULL');
  conn.exec('PRAGMA busy_timeout = 10000');
  conn.exec('PRAGMA foreign_keys = ON');
  return conn;
}

function executor(cache: StatementCache): SqlExecutor {
  return {
    dialect: 'sqlite',
    all: async (sql, params) => cache.forRows(sql).all(params as unknown[]) as unknown[][],
    run: async (sql, params) => (cache.forRun(sql).run(params as unknown[]) as { changes: number }).changes,
  };
}

/**
 * SQLite through libsql: one writer connection behind a FIFO lock (SQLite allows one
 * writer; queueing in-process avoids SQLITE_BUSY storms) and one reader connection that
 * sees committed data only (WAL snapshot), so an open write never leaks into a read.
 */
export function openSqliteDatabase(file: string): Database {
  mkdirSync(dirname(file), { recursive: true });
  const writer = open(file);
  const reader = open(file);
  const writeCache = new StatementCache(writer);
  const readCache = new StatementCache(reader);
  const lock = new Mutex();
  const tx = executor(writeCache);
  return {
    dialect: 'sqlite',
    description: `sqlite:${file}`,
    reader: executor(readCache),
    transaction: (fn) =>
      lock.run(async () => {
        writer.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(tx);
          writer.exec('COMMIT');
          return result;
        } catch (error) {
          if (writer.inTransaction) writer.exec('ROLLBACK');
          throw error;
        }
      }),
    exclusive: (fn) => lock.run(fn),
    close: async () => {
      await lock.run(async () => {
        writeCache.clear();
        readCache.clear();
        reader.close();
        writer.close();
      });
    },
  };
}
