import type { Dialect } from '../metadata/field-types/field-type.js';

/** Runs SQL; rows come back as arrays in select-list order (the lean read path maps them). */
export interface SqlExecutor {
  readonly dialect: Dialect;
  /** Rows as arrays. */
  all(sql: string, params: readonly unknown[]): Promise<unknown[][]>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params: readonly unknown[]): Promise<number>;
}

/**
 * The database as the record service sees it: a reader for queries and serialised,
 * transactional writes. MikroORM owns schema and migrations; this port owns the hot path.
 */
export interface Database {
  readonly dialect: Dialect;
  /** Where it is, without credentials (for health and logs). */
  readonly description: string;
  readonly reader: SqlExecutor;
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Runs `fn` while no write transaction of this process runs (schema changes on SQLite). */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
