import type { ListQuery } from '@kith/sdk';
import { Errors } from '../errors/index.js';
import type { CompiledEntity, CompiledField, CompiledModel } from '../metadata/compile/compiled-types.js';
import { DELETED_AT_COLUMN } from '../metadata/compile/system-columns.js';
import { afterCursor, orderBy, type CursorCodec } from './cursor.js';
import type { SqlExecutor } from './database.js';
import { filterToSql } from './filter-to-sql.js';
import { rowShape, type RecordRow } from './row-mapper.js';
import { parseSort, sortSignature } from './sort.js';
import { quote, Params } from './sql.js';
import { UNRESTRICTED, type ReadScope, type ScopeResolver } from '../acl/read-scope.js';

/** Largest page a list returns. */
export const MAX_PAGE_SIZE = 500;
const DEFAULT_PAGE_SIZE = 50;
/** Largest related list an inverse expand returns per record. */
export const MAX_EXPANDED_CHILDREN = 100;

/** A page of plain records. */
export interface RecordPage {
  readonly data: RecordRow[];
  readonly nextCursor: string | null;
  readonly total?: number;
}

/** Which deleted state a read wants. */
export type DeletedState = 'live' | 'deleted';

/**
 * The lean read path: SQL compiled from metadata, prepared and cached by the driver, rows
 * mapped from arrays by a precomputed shape. No ORM hydration on the hot path.
 */
export class RecordReader {
  constructor(private readonly cursors: CursorCodec) {}

  /** Lists records with filter, sort, keyset cursor, field selection, expand and count. */
  async list(db: SqlExecutor, model: CompiledModel, entity: CompiledEntity, query: ListQuery, state: DeletedState = 'live', scope: ScopeResolver = UNRESTRICTED): Promise<RecordPage> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw Errors.invalidQuery('limit', `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
    }
    const own = scopeOf(entity, scope);
    const fields = selectFields(entity, query.fields, own.visible);
    const keys = parseSort(entity, query.sort, own.visible);
    const signature = sortSignature(keys);
    const params = new Params(db.dialect);
    const shape = rowShape(entity, fields);
    const where = [`t.${quote(DELETED_AT_COLUMN)} IS ${state === 'live' ? '' : 'NOT '}NULL`];
    // The caller's row scope is part of the WHERE: lists, counts and cursors can never reach past it.
    if (own.rowFilter) where.push(`(${filterToSql(model, entity, own.rowFilter, params)})`);
    const filter = filterToSql(model, entity, query.filter, params, 't', scope);
    if (filter) where.push(filter);
    const countWhere = [...where];
    const countValues = [...params.values];
    if (query.cursor) {
      const values = this.cursors.decode(entity.name, signature, query.cursor, keys.length);
      where.push(afterCursor(keys, values, params, 't'));
    }
    const sortColumns = keys.map((k) => `t.${quote(k.ref.column)}`).join(', ');
    const sql =
      `SELECT ${shape.selectList}, ${sortColumns} FROM ${quote(entity.table)} t WHERE ${where.join(' AND ')}` +
      ` ORDER BY ${orderBy(keys, 't')} LIMIT ${limit + 1}`;
    const rows = await db.all(sql, params.values);
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const data = page.map((r) => shape.map(r));
    const last = page[page.length - 1];
    const nextCursor = more && last ? this.cursors.encode(entity.name, signature, last.slice(shape.width)) : null;
    await this.expand(db, model, entity, data, query.expand, scope);
    if (!query.count) return { data, nextCursor };
    const counted = await db.all(`SELECT COUNT(*) FROM ${quote(entity.table)} t WHERE ${countWhere.join(' AND ')}`, countValues);
    return { data, nextCursor, total: Number(counted[0]?.[0] ?? 0) };
  }

  /** One record by id, or undefined. */
  async get(db: SqlExecutor, model: CompiledModel, entity: CompiledEntity, id: number, options: { fields?: readonly string[]; expand?: readonly string[]; state?: DeletedState } = {}, scope: ScopeResolver = UNRESTRICTED): Promise<RecordRow | undefined> {
    const own = scopeOf(entity, scope);
    const shape = rowShape(entity, selectFields(entity, options.fields, own.visible));
    const params = new Params(db.dialect);
    const deleted = `t.${quote(DELETED_AT_COLUMN)} IS ${(options.state ?? 'live') === 'live' ? '' : 'NOT '}NULL`;
    // Placeholders are positional on SQLite: bind in the order they appear in the SQL text.
    const idParam = params.add(id);
    const rowScope = own.rowFilter ? ` AND (${filterToSql(model, entity, own.rowFilter, params)})` : '';
    const rows = await db.all(`SELECT ${shape.selectList} FROM ${quote(entity.table)} t WHERE t."id" = ${idParam} AND ${deleted}${rowScope}`, params.values);
    const row = rows[0];
    if (!row) return undefined;
    const record = shape.map(row);
    await this.expand(db, model, entity, [record], options.expand, scope);
    return record;
  }

  /** Replaces relation ids with the related records, and adds inverse lists. */
  private async expand(db: SqlExecutor, model: CompiledModel, entity: CompiledEntity, records: RecordRow[], expand: readonly string[] | undefined, scope: ScopeResolver): Promise<void> {
    if (!expand || expand.length === 0 || records.length === 0) return;
    const visible = scopeOf(entity, scope).visible;
    for (const name of new Set(expand)) {
      const field = visible && !visible.has(name) ? undefined : entity.fieldsByName.get(name);
      if (field && field.def.type === 'relation') {
        const target = model.entities.get(field.def.target!)!;
        const targetScope = scope(target);
        if (!targetScope) throw Errors.invalidQuery('expand', `You cannot expand ${entity.name}.${name}: ${target.name} records are not available to you.`);
        const ids = [...new Set(records.map((r) => r[name]).filter((v): v is number => typeof v === 'number'))];
        if (ids.length === 0) continue;
        const shape = rowShape(target, selectFields(target, targetScope.visible ? [...targetScope.visible] : undefined, targetScope.visible));
        const params = new Params(db.dialect);
        const idList = ids.map((id) => params.add(id)).join(', ');
        const rowScope = targetScope.rowFilter ? ` AND (${filterToSql(model, target, targetScope.rowFilter, params)})` : '';
        const rows = await db.all(
          `SELECT ${shape.selectList} FROM ${quote(target.table)} t WHERE t."id" IN (${idList}) AND t.${quote(DELETED_AT_COLUMN)} IS NULL${rowScope}`,
          params.values,
        );
        const byId = new Map(rows.map((r) => { const rec = shape.map(r); return [rec.id as number, rec]; }));
        for (const r of records) if (typeof r[name] === 'number') r[name] = byId.get(r[name] as number) ?? null;
        continue;
      }
      const inverse = entity.inverses.find((i) => i.name === name);
      const sourceScope = inverse ? scope(model.entities.get(inverse.entity)!) : null;
      if (!inverse || !sourceScope || (sourceScope.visible && !sourceScope.visible.has(inverse.field))) {
        const options = [...entity.fields.filter((f) => f.def.type === 'relation').map((f) => f.name), ...entity.inverses.map((i) => i.name)];
        throw Errors.invalidQuery('expand', `"${name}" cannot be expanded on ${entity.name}; expandable: ${options.join(', ') || 'none'}.`);
      }
      const source = model.entities.get(inverse.entity)!;
      const fk = source.fieldsByName.get(inverse.field)!.columns[0]!.name;
      const shape = rowShape(source, selectFields(source, sourceScope.visible ? [...sourceScope.visible] : undefined, sourceScope.visible), 's');
      const params = new Params(db.dialect);
      const ids = records.map((r) => r.id as number);
      const idList = ids.map((id) => params.add(id)).join(', ');
      const rowScope = sourceScope.rowFilter ? ` AND (${filterToSql(model, source, sourceScope.rowFilter, params, 's')})` : '';
      const rows = await db.all(
        `SELECT * FROM (SELECT ${shape.selectList}, ROW_NUMBER() OVER (PARTITION BY s.${quote(fk)} ORDER BY s."id") AS kith_rn FROM ${quote(source.table)} s` +
          ` WHERE s.${quote(fk)} IN (${idList}) AND s.${quote(DELETED_AT_COLUMN)} IS NULL${rowScope}) x WHERE x.kith_rn <= ${MAX_EXPANDED_CHILDREN}`,
        params.values,
      );
      const lists = new Map<number, RecordRow[]>(ids.map((id) => [id, []]));
      for (const row of rows) {
        const child = shape.map(row);
        lists.get(child[inverse.field] as number)?.push(child);
      }
      for (const r of records) r[name] = lists.get(r.id as number) ?? [];
    }
  }
}

/** The fields a `fields=` selection names (all visible ones when absent); unknown or invisible names are a 400. */
export function selectFields(entity: CompiledEntity, names: readonly string[] | undefined, visible?: ReadonlySet<string>): CompiledField[] | undefined {
  if (!names || names.length === 0) return visible ? entity.fields.filter((f) => visible.has(f.name)) : undefined;
  const out: CompiledField[] = [];
  for (const name of new Set(names)) {
    if (name === 'id' || name === 'version' || name === 'createdAt' || name === 'updatedAt' || name === 'createdBy' || name === 'updatedBy') continue;
    const field = entity.fieldsByName.get(name);
    if (!field || (visible && !visible.has(name))) {
      const known = entity.fields.filter((f) => !visible || visible.has(f.name)).map((f) => f.name);
      throw Errors.invalidQuery('fields', `"${name}" is not a field of ${entity.name}. Known fields: ${known.join(', ')}.`);
    }
    out.push(field);
  }
  return out;
}

/** The caller's scope on the entity being read; an unreachable entity does not exist for them. */
function scopeOf(entity: CompiledEntity, scope: ScopeResolver): ReadScope {
  const own = scope(entity);
  if (!own) throw Errors.entityNotFound(entity.name);
  return own;
}
