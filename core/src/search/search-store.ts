import type { SqlExecutor } from '../data/database.js';
import type { Params } from '../data/sql.js';
import type { Dialect } from '../metadata/field-types/field-type.js';
import { fts5Query, tsQuery } from './search-text.js';

/** One index row: the folded text of one searchable field of one record. */
export interface IndexDoc {
  readonly entity: string;
  readonly recordId: number;
  readonly field: string;
  readonly text: string;
}

/**
 * The full-text index tables of one database. One row per record and searchable field, so a
 * field the caller may not read is left out inside the query (`field IN (…)`), and a match
 * never rests on text the caller could not see.
 */
export interface SearchStore {
  /** Creates the index tables when missing (safe when another node already did). */
  ensure(tx: SqlExecutor): Promise<void>;
  insert(tx: SqlExecutor, docs: readonly IndexDoc[]): Promise<void>;
  /** Drops the rows of these records. */
  removeRecords(tx: SqlExecutor, entity: string, ids: readonly number[]): Promise<void>;
  /** Drops the rows of records with `after < id <= upTo` (no upper bound when null). */
  removeRange(tx: SqlExecutor, entity: string, after: number, upTo: number | null): Promise<void>;
  /**
   * A CTE `m(entity, record_id, field, rank)` of every index row matching `terms`, higher rank
   * first; its text is a bound parameter.
   */
  matches(params: Params, terms: readonly string[]): string;
  /** `string_agg` / `group_concat` of the matched field names. */
  fieldList(column: string): string;
}

const CHUNK = 2000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * SQLite: a contentless FTS5 table (`kith_search`, the words only, deletable by rowid) beside
 * a plain table `kith_search_doc` saying which entity, record and field each rowid indexes.
 * FTS5 filters on its unindexed columns by scanning, so the owner of each row lives in a real
 * table with a real index; deletes find their rowids there. Prefix indexes of 2 and 3
 * characters keep search-as-you-type prefixes fast. Rows go in through `json_each`, so each
 * statement has one SQL text, prepared once, whatever the batch size.
 */
const sqliteStore: SearchStore = {
  async ensure(tx) {
    await tx.run('CREATE TABLE IF NOT EXISTS "kith_search_doc" ("id" INTEGER PRIMARY KEY, "entity" VARCHAR(100) NOT NULL, "record_id" INTEGER NOT NULL, "field" VARCHAR(100) NOT NULL)', []);
    await tx.run('CREATE UNIQUE INDEX IF NOT EXISTS "kith_search_doc_key" ON "kith_search_doc" ("entity", "record_id", "field")', []);
    await tx.run(`CREATE VIRTUAL TABLE IF NOT EXISTS "kith_search" USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0', prefix='2 3')`, []);
  },
  async insert(tx, docs) {
    for (const part of chunks(docs)) {
      const ids = await tx.all(
        `INSERT INTO "kith_search_doc" ("entity", "record_id", "field") SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?1) RETURNING "id", "entity", "record_id", "field"`,
        [JSON.stringify(part.map((d) => [d.entity, d.recordId, d.field]))],
      );
      const idOf = new Map(ids.map(([id, entity, recordId, field]) => [`${String(entity)}|${String(recordId)}|${String(field)}`, Number(id)]));
      const rows = part.map((d) => [idOf.get(`${d.entity}|${d.recordId}|${d.field}`), d.text]);
      await tx.run(`INSERT INTO "kith_search" (rowid, body) SELECT value ->> 0, value ->> 1 FROM json_each(?1)`, [JSON.stringify(rows)]);
    }
  },
  async removeRecords(tx, entity, ids) {
    for (const part of chunks(ids)) {
      const where = `"entity" = ?1 AND "record_id" IN (SELECT value FROM json_each(?2))`;
      const params = [entity, JSON.stringify(part)];
      await tx.run(`DELETE FROM "kith_search" WHERE rowid IN (SELECT "id" FROM "kith_search_doc" WHERE ${where})`, params);
      await tx.run(`DELETE FROM "kith_search_doc" WHERE ${where}`, params);
    }
  },
  async removeRange(tx, entity, after, upTo) {
    const where = `"entity" = ?1 AND "record_id" > ?2${upTo === null ? '' : ' AND "record_id" <= ?3'}`;
    const params = upTo === null ? [entity, after] : [entity, after, upTo];
    await tx.run(`DELETE FROM "kith_search" WHERE rowid IN (SELECT "id" FROM "kith_search_doc" WHERE ${where})`, params);
    await tx.run(`DELETE FROM "kith_search_doc" WHERE ${where}`, params);
  },
  matches(params, terms) {
    // FTS5's rank is bm25, lower for better matches: negated so that higher is better on both databases.
    return `m AS MATERIALIZED (SELECT d."entity" AS entity, d."record_id" AS record_id, d."field" AS field, -s.rank AS rank FROM "kith_search" s JOIN "kith_search_doc" d ON d."id" = s.rowid WHERE "kith_search" MATCH ${params.add(fts5Query(terms))})`;
  },
  fieldList: (column) => `group_concat(${column})`,
};

/**
 * PostgreSQL: one table `kith_search` with a `tsvector` per record and field under a GIN
 * index; the 'simple' configuration (no stemming, no stop words: CRM data is names, in any
 * language). Rows go in through `unnest`, one SQL text per statement.
 */
const postgresStore: SearchStore = {
  async ensure(tx) {
    await tx.run('CREATE TABLE IF NOT EXISTS "kith_search" ("entity" VARCHAR(100) NOT NULL, "record_id" INTEGER NOT NULL, "field" VARCHAR(100) NOT NULL, "doc" TSVECTOR NOT NULL, PRIMARY KEY ("entity", "record_id", "field"))', []);
    await tx.run('CREATE INDEX IF NOT EXISTS "kith_search_doc_idx" ON "kith_search" USING GIN ("doc")', []);
  },
  async insert(tx, docs) {
    for (const part of chunks(docs)) {
      await tx.run(
        `INSERT INTO "kith_search" ("entity", "record_id", "field", "doc") SELECT e, r, f, to_tsvector('simple', b) FROM unnest($1::text[], $2::int[], $3::text[], $4::text[]) AS x(e, r, f, b)`,
        [part.map((d) => d.entity), part.map((d) => d.recordId), part.map((d) => d.field), part.map((d) => d.text)],
      );
    }
  },
  async removeRecords(tx, entity, ids) {
    for (const part of chunks(ids)) await tx.run('DELETE FROM "kith_search" WHERE "entity" = $1 AND "record_id" = ANY($2::int[])', [entity, part]);
  },
  async removeRange(tx, entity, after, upTo) {
    if (upTo === null) await tx.run('DELETE FROM "kith_search" WHERE "entity" = $1 AND "record_id" > $2', [entity, after]);
    else await tx.run('DELETE FROM "kith_search" WHERE "entity" = $1 AND "record_id" > $2 AND "record_id" <= $3', [entity, after, upTo]);
  },
  matches(params, terms) {
    return `m AS MATERIALIZED (SELECT s."entity" AS entity, s."record_id" AS record_id, s."field" AS field, ts_rank(s."doc", q) AS rank FROM "kith_search" s, to_tsquery('simple', ${params.add(tsQuery(terms))}) q WHERE s."doc" @@ q)`;
  },
  fieldList: (column) => `string_agg(${column}, ',')`,
};

/** The index tables for a database. */
export function searchStore(dialect: Dialect): SearchStore {
  return dialect === 'postgresql' ? postgresStore : sqliteStore;
}
