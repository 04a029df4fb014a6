import type { ScopeResolver } from '../acl/read-scope.js';
import type { SqlExecutor } from '../data/database.js';
import { filterToSql } from '../data/filter-to-sql.js';
import { Params, quote } from '../data/sql.js';
import type { CompiledEntity, CompiledModel } from '../metadata/compile/compiled-types.js';
import { DELETED_AT_COLUMN } from '../metadata/compile/system-columns.js';
import { SearchErrors } from './search-errors.js';
import { searchableEntities } from './search-fields.js';
import { searchStore } from './search-store.js';

/** One record found. */
export interface SearchHit {
  readonly entity: string;
  readonly id: number;
  /** The record's title field, when it has one the caller may read. */
  readonly title: string | null;
  /** Higher is better; comparable within one answer only. */
  readonly score: number;
  /** The searchable fields that matched. */
  readonly fields: readonly string[];
}

/** What to search for. */
export interface SearchInput {
  readonly terms: readonly string[];
  /** Only these entities (all searchable ones the caller may read when absent). */
  readonly entities?: readonly string[];
  readonly limit: number;
}

/** The entities to search for this caller and the searchable fields they may read on each. */
function targets(model: CompiledModel, scope: ScopeResolver, only: readonly string[] | undefined) {
  const reachable = new Map<string, { entity: CompiledEntity; fields: string[]; rowFilter: Record<string, unknown> | undefined }>();
  for (const [name, s] of searchableEntities(model)) {
    const own = scope(s.entity);
    if (!own) continue;
    const fields = s.fields.map((f) => f.name).filter((f) => !own.visible || own.visible.has(f));
    if (fields.length > 0) reachable.set(name, { entity: s.entity, fields, rowFilter: own.rowFilter });
  }
  if (!only) return [...reachable.values()];
  return only.map((name) => {
    const target = reachable.get(name);
    // An entity the caller cannot read gets the same answer as one that does not exist.
    if (!target) throw SearchErrors.entityNotSearchable(name, [...reachable.keys()]);
    return target;
  });
}

/**
 * Finds records whose searchable fields hold every search word (as word prefixes) — within one
 * field — among the entities the caller may read. Everything that decides what the caller may
 * see happens inside the one SQL statement: per entity, only the searchable fields the caller
 * may read (`field IN …`), and, when their role limits the rows, only live rows in their row
 * scope (the same filter the records API applies, joined on the record's table). Ranked by
 * bm25 (SQLite) or ts_rank (PostgreSQL), best field per record.
 */
export async function searchRecords(db: SqlExecutor, model: CompiledModel, scope: ScopeResolver, input: SearchInput): Promise<SearchHit[]> {
  const store = searchStore(db.dialect);
  const chosen = targets(model, scope, input.entities);
  if (chosen.length === 0) return [];
  const params = new Params(db.dialect);
  const cte = store.matches(params, input.terms);
  const branches = chosen.map(({ entity, fields, rowFilter }) => {
    const where = [`m.entity = ${params.add(entity.name)}`, `m.field IN (${fields.map((f) => params.add(f)).join(', ')})`];
    const select = `SELECT m.entity AS entity, m.record_id AS id, MAX(m.rank) AS score, ${store.fieldList('m.field')} AS fields FROM m`;
    // Every row the caller may read: the index alone answers. It never holds a deleted record —
    // deletes, erasures and rebuilds remove rows in the writing transaction — so the join would
    // only re-check that, at one primary-key lookup per match (half the time on PostgreSQL).
    if (!rowFilter) return `${select} WHERE ${where.join(' AND ')} GROUP BY m.entity, m.record_id`;
    const rows = [`t.${quote(DELETED_AT_COLUMN)} IS NULL`, `(${filterToSql(model, entity, rowFilter, params)})`];
    return `${select} JOIN ${quote(entity.table)} t ON t."id" = m.record_id WHERE ${[...where, ...rows].join(' AND ')} GROUP BY m.entity, m.record_id`;
  });
  const sql = `WITH ${cte} SELECT entity, id, score, fields FROM (${branches.join(' UNION ALL ')}) x ORDER BY score DESC, entity, id LIMIT ${input.limit}`;
  const rows = await db.all(sql, params.values);
  const hits = rows.map(([entity, id, score, fields]) => ({ entity: String(entity), id: Number(id), score: Number(score), fields: String(fields).split(',').sort() }));
  const titles = await titlesOf(db, model, scope, hits);
  return hits.map((h) => ({ entity: h.entity, id: h.id, title: titles.get(`${h.entity}|${h.id}`) ?? null, score: h.score, fields: h.fields }));
}

/** The title of each hit, read by id (the ids came out of the scoped query), when the caller may read the title field. */
async function titlesOf(db: SqlExecutor, model: CompiledModel, scope: ScopeResolver, hits: readonly { entity: string; id: number }[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  const byEntity = new Map<string, number[]>();
  for (const h of hits) byEntity.set(h.entity, [...(byEntity.get(h.entity) ?? []), h.id]);
  for (const [name, ids] of byEntity) {
    const entity = model.entities.get(name)!;
    const field = entity.def.titleField ? entity.fieldsByName.get(entity.def.titleField) : undefined;
    const visible = scope(entity)?.visible;
    if (!field || (visible && !visible.has(field.name))) continue;
    const params = new Params(db.dialect);
    const rows = await db.all(`SELECT "id", ${field.columns.map((c) => quote(c.name)).join(', ')} FROM ${quote(entity.table)} WHERE "id" IN (${ids.map((id) => params.add(id)).join(', ')})`, params.values);
    for (const [id, ...raw] of rows) {
      const value = field.type.fromColumns(field.def, raw.map((v, i) => (v === null || v === undefined ? null : field.columns[i]!.codec.fromDb(v))));
      if (value === null || value === undefined) continue;
      titles.set(`${name}|${String(id)}`, typeof value === 'object' ? Object.values(value).filter((v) => v !== null).join(' ') : String(value));
    }
  }
  return titles;
}
