import { Errors } from '../errors/index.js';
import type { CompiledEntity, CompiledModel } from '../metadata/compile/compiled-types.js';
import { DELETED_AT_COLUMN } from '../metadata/compile/system-columns.js';
import type { FilterOperator } from '../metadata/field-types/field-type.js';
import { operatorsFor, resolveColumn, type ColumnRef } from './field-paths.js';
import { filterValue } from './filter-values.js';
import { likeToGlob } from './like-patterns.js';
import { quote, type Params } from './sql.js';
import type { ScopeResolver } from '../acl/read-scope.js';

const MAX_DEPTH = 8;
const MAX_CONDITIONS = 200;
const MAX_IN = 1000;

interface Context {
  readonly model: CompiledModel;
  readonly params: Params;
  readonly alias: string;
  /** The caller's read scopes; absent for trusted filters (permissions themselves). */
  readonly scope: ScopeResolver | undefined;
  conditions: number;
}

/**
 * Compiles the API's JSON filter language to a SQL condition with bound parameters.
 * Field names resolve only through metadata (never spliced from input); every value is a
 * parameter; operators must fit the field's type. Returns '' for an empty filter.
 */
export function filterToSql(model: CompiledModel, entity: CompiledEntity, filter: unknown, params: Params, alias = 't', scope?: ScopeResolver): string {
  const ctx: Context = { model, params, alias, scope, conditions: 0 };
  if (filter === undefined || filter === null) return '';
  return compileObject(ctx, entity, filter, 0);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compileObject(ctx: Context, entity: CompiledEntity, filter: unknown, depth: number): string {
  if (!isPlainObject(filter)) throw Errors.invalidFilter('A filter is a JSON object such as {"stage":"won","amount":{"$gt":5000}}.');
  if (depth > MAX_DEPTH) throw Errors.invalidFilter(`The filter is nested more than ${MAX_DEPTH} levels deep.`);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (++ctx.conditions > MAX_CONDITIONS) throw Errors.invalidFilter(`The filter has more than ${MAX_CONDITIONS} conditions.`);
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || value.length === 0) throw Errors.invalidFilter(`${key} takes a non-empty array of filters.`);
      const inner = value.map((v) => compileObject(ctx, entity, v, depth + 1)).filter((s) => s !== '');
      if (inner.length > 0) parts.push(`(${inner.join(key === '$and' ? ' AND ' : ' OR ')})`);
    } else if (key === '$not') {
      const inner = compileObject(ctx, entity, value, depth + 1);
      if (inner !== '') parts.push(`NOT (${inner})`);
    } else if (key.startsWith('$')) {
      throw Errors.invalidFilter(`"${key}" is not allowed here: use $and, $or or $not at this level, or put operators under a field name.`);
    } else {
      parts.push(compileField(ctx, entity, key, value, depth));
    }
  }
  return parts.join(' AND ');
}

function compileField(ctx: Context, entity: CompiledEntity, path: string, value: unknown, depth: number): string {
  const name = path.split('.')[0]!;
  const field = entity.fieldsByName.get(name);
  // {"company": {"name": "Acme"}}: a nested filter on the relation's target.
  const visible = ctx.scope?.(entity)?.visible;
  if (field && visible && !visible.has(name)) resolveColumn(entity, path, 'filter', visible); // throws: unknown to this caller
  if (field?.def.type === 'relation' && path === name && isPlainObject(value) && Object.keys(value).some((k) => !k.startsWith('$'))) {
    const target = ctx.model.entities.get(field.def.target!)!;
    const targetScope = ctx.scope ? ctx.scope(target) : undefined;
    if (targetScope === null) throw Errors.invalidFilter(`You cannot filter ${entity.name} by the fields of ${target.name}.`, path);
    const alias = `${ctx.alias}${depth + 1}`;
    const inner = compileObject({ ...ctx, alias }, target, value, depth + 1);
    // The target's own row scope applies inside the subquery, so a filter cannot probe hidden rows.
    const rows = targetScope?.rowFilter ? compileObject({ ...ctx, alias, scope: undefined }, target, targetScope.rowFilter, 0) : '';
    const where = [`${alias}.${quote(DELETED_AT_COLUMN)} IS NULL`, inner, rows].filter(Boolean).join(' AND ');
    return `${col(ctx, field.columns[0]!.name)} IN (SELECT ${alias}."id" FROM ${quote(target.table)} ${alias} WHERE ${where})`;
  }
  if (field && path === name && !field.primary && isPlainObject(value) && Object.keys(value).length === 1 && '$null' in value) {
    // A composite without a main column (an address) is empty when all its parts are.
    const empty = value.$null;
    if (typeof empty !== 'boolean') throw Errors.invalidFilter(`$null on "${path}" takes true or false.`, path);
    const tests = field.columns.map((c) => `${col(ctx, c.name)} IS ${empty ? '' : 'NOT '}NULL`);
    return `(${tests.join(empty ? ' AND ' : ' OR ')})`;
  }
  const ref = resolveColumn(entity, path, 'filter', visible);
  if (!isPlainObject(value)) {
    if (value === null) return compileOperator(ctx, ref, '$null', true);
    if (Array.isArray(value)) return compileOperator(ctx, ref, '$in', value);
    return compileOperator(ctx, ref, '$eq', value);
  }
  const ops = Object.entries(value);
  if (ops.length === 0) throw Errors.invalidFilter(`The condition on "${path}" is empty.`, path);
  return ops
    .map(([op, v]) => {
      if (!op.startsWith('$')) {
        throw Errors.invalidFilter(`"${op}" under "${path}" is not an operator; use one of ${operatorsFor(ref).join(' ')}.`, path);
      }
      return compileOperator(ctx, ref, op, v);
    })
    .join(' AND ');
}

function col(ctx: Context, column: string): string {
  return `${ctx.alias}.${quote(column)}`;
}

function compileOperator(ctx: Context, ref: ColumnRef, op: string, value: unknown): string {
  const allowed = operatorsFor(ref);
  if (!(allowed as readonly string[]).includes(op)) {
    throw Errors.invalidFilter(`${op} does not fit "${ref.path}" (${ref.field?.def.type ?? ref.kind}); use one of: ${allowed.join(' ')}.`, ref.path);
  }
  const c = col(ctx, ref.column);
  const p = ctx.params;
  if (ref.field?.def.type === 'multiSelect' && ref.bare) return multiSelect(ctx, ref, c, op as FilterOperator, value);
  switch (op as FilterOperator) {
    case '$null':
      if (typeof value !== 'boolean') throw Errors.invalidFilter(`$null on "${ref.path}" takes true or false.`, ref.path);
      return `${c} IS ${value ? '' : 'NOT '}NULL`;
    case '$eq':
      return value === null ? `${c} IS NULL` : `${c} = ${p.add(filterValue(ref, value, op))}`;
    case '$ne':
      return value === null ? `${c} IS NOT NULL` : `(${c} IS NULL OR ${c} <> ${p.add(filterValue(ref, value, op))})`;
    case '$gt':
      return `${c} > ${p.add(filterValue(ref, value, op))}`;
    case '$gte':
      return `${c} >= ${p.add(filterValue(ref, value, op))}`;
    case '$lt':
      return `${c} < ${p.add(filterValue(ref, value, op))}`;
    case '$lte':
      return `${c} <= ${p.add(filterValue(ref, value, op))}`;
    case '$in':
    case '$nin': {
      const list = inList(ref, op, value);
      if (list.length === 0) return op === '$in' ? '1 = 0' : '1 = 1';
      const placeholders = list.map((v) => p.add(filterValue(ref, v, op))).join(', ');
      return op === '$in' ? `${c} IN (${placeholders})` : `(${c} IS NULL OR ${c} NOT IN (${placeholders}))`;
    }
    case '$like':
    case '$ilike': {
      if (typeof value !== 'string' || value.length > 1000) {
        throw Errors.invalidFilter(`${op} on "${ref.path}" takes a pattern string (% any text, _ one character, \\ escapes).`, ref.path);
      }
      if (ctx.params.dialect === 'postgresql') return `${c} ${op === '$like' ? 'LIKE' : 'ILIKE'} ${p.add(value)}`;
      return op === '$like' ? `${c} GLOB ${p.add(likeToGlob(value))}` : `${c} LIKE ${p.add(value)} ESCAPE '\\'`;
    }
  }
}

function inList(ref: ColumnRef, op: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw Errors.invalidFilter(`${op} on "${ref.path}" takes an array of values.`, ref.path);
  if (value.length > MAX_IN) throw Errors.invalidFilter(`${op} on "${ref.path}" takes at most ${MAX_IN} values.`, ref.path);
  return value;
}

function multiSelect(ctx: Context, ref: ColumnRef, c: string, op: FilterOperator, value: unknown): string {
  if (op === '$null') {
    if (typeof value !== 'boolean') throw Errors.invalidFilter(`$null on "${ref.path}" takes true or false.`, ref.path);
    return value ? `(${c} IS NULL OR ${emptyArray(ctx, c)})` : `(${c} IS NOT NULL AND NOT ${emptyArray(ctx, c)})`;
  }
  const list = inList(ref, op, value);
  const options = new Set(ref.field?.def.options?.map((o) => o.value) ?? []);
  for (const v of list) {
    if (typeof v !== 'string' || !options.has(v)) {
      throw Errors.invalidFilter(`"${String(v)}" is not an option of ${ref.path}; options: ${[...options].join(', ')}.`, ref.path);
    }
  }
  if (list.length === 0) return op === '$in' ? '1 = 0' : '1 = 1';
  const any =
    ctx.params.dialect === 'postgresql'
      ? `${c} ?| ${ctx.params.add(list)}::text[]`
      : `EXISTS (SELECT 1 FROM json_each(${c}) WHERE json_each.value IN (${list.map((v) => ctx.params.add(v)).join(', ')}))`;
  return op === '$in' ? any : `(${c} IS NULL OR NOT ${any})`;
}

function emptyArray(ctx: Context, c: string): string {
  return ctx.params.dialect === 'postgresql' ? `jsonb_array_length(${c}) = 0` : `json_array_length(${c}) = 0`;
}
