import { createRequire } from 'node:module';

// libsql is a dependency of @kith/core, not of the workspace root: resolve it from core.
const requireFromCore = createRequire(new URL('../../core/package.json', import.meta.url));

/** The libsql `Database` class (the driver Kith itself uses for SQLite). */
export const Libsql = requireFromCore('libsql');

/** Opens `file` the way Kith does: WAL, synchronous=FULL, a busy timeout. */
export function openSqlite(file) {
  const db = new Libsql(file, { timeout: 10 });
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA busy_timeout = 10000');
  return db;
}

/** One value from a fresh connection, e.g. `SELECT COUNT(*) …`. */
export function scalar(file, sql, params = []) {
  const db = openSqlite(file);
  try {
    return db.prepare(sql).raw(true).get(params)[0];
  } finally {
    db.close();
  }
}

/** Folds the WAL back into the database file and truncates it, so each side starts from the same on-disk state. */
export function checkpoint(file) {
  const db = openSqlite(file);
  try {
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
