import type { SqlExecutor } from '../data/database.js';
import { Params } from '../data/sql.js';

/**
 * Import and export keep their state as rows of `kith_state` (key → text): saved mappings,
 * each import's head, report, rejected rows and uploaded file chunks, under keys that start
 * with `import.`. Keys are read by exact key or by a LIKE prefix (never a range, whose order
 * depends on PostgreSQL's collation).
 */
export const stateRows = {
  async get(db: SqlExecutor, key: string): Promise<string | undefined> {
    const p = new Params(db.dialect);
    const rows = await db.all(`SELECT "value" FROM "kith_state" WHERE "key" = ${p.add(key)}`, p.values);
    return rows[0] ? String(rows[0][0]) : undefined;
  },

  async put(tx: SqlExecutor, key: string, value: string): Promise<void> {
    const p = new Params(tx.dialect);
    await tx.run(
      `INSERT INTO "kith_state" ("key", "value") VALUES (${p.add(key)}, ${p.add(value)}) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"`,
      p.values,
    );
  },

  /** Keys (not values) that start with `prefix`, which holds no LIKE wildcard. */
  async keys(db: SqlExecutor, prefix: string): Promise<string[]> {
    const p = new Params(db.dialect);
    return (await db.all(`SELECT "key" FROM "kith_state" WHERE "key" LIKE ${p.add(`${prefix}%`)}`, p.values)).map((r) => String(r[0]));
  },

  /** Values of the keys that start with `prefix`. */
  async values(db: SqlExecutor, prefix: string): Promise<string[]> {
    const p = new Params(db.dialect);
    return (await db.all(`SELECT "value" FROM "kith_state" WHERE "key" LIKE ${p.add(`${prefix}%`)}`, p.values)).map((r) => String(r[0]));
  },

  async remove(tx: SqlExecutor, keys: readonly string[]): Promise<void> {
    for (let start = 0; start < keys.length; start += 500) {
      const p = new Params(tx.dialect);
      const list = keys.slice(start, start + 500).map((k) => p.add(k)).join(', ');
      await tx.run(`DELETE FROM "kith_state" WHERE "key" IN (${list})`, p.values);
    }
  },

  /** Runs `UPDATE … WHERE value = expected` touching nothing else; true when the key still holds `expected` (the row is then locked until commit on PostgreSQL). */
  async holds(tx: SqlExecutor, key: string, expected: string): Promise<boolean> {
    const p = new Params(tx.dialect);
    return (await tx.run(`UPDATE "kith_state" SET "value" = "value" WHERE "key" = ${p.add(key)} AND "value" = ${p.add(expected)}`, p.values)) === 1;
  },
};
