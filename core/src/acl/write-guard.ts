import type { RecordInput } from '@kith/sdk';
import type { SqlExecutor } from '../data/database.js';
import { filterToSql } from '../data/filter-to-sql.js';
import { Params, quote } from '../data/sql.js';
import { Errors, KithError } from '../errors/index.js';
import type { CompiledEntity, CompiledModel } from '../metadata/compile/compiled-types.js';
import type { EntityAccess } from './entity-access.js';

/** How many of `ids` match `filter` (undefined = all of them), deleted or not. */
async function countInScope(tx: SqlExecutor, model: CompiledModel, entity: CompiledEntity, ids: readonly number[], filter: Record<string, unknown> | undefined): Promise<number> {
  if (!filter) return ids.length;
  const params = new Params(tx.dialect);
  const idList = ids.map((id) => params.add(id)).join(', '); // bound first: it comes first in the SQL text
  const where = filterToSql(model, entity, filter, params);
  const rows = await tx.all(`SELECT COUNT(*) FROM ${quote(entity.table)} t WHERE t."id" IN (${idList}) AND (${where})`, params.values);
  return Number(rows[0]?.[0] ?? 0);
}

/** True when every id matches the filter. */
export async function allInScope(tx: SqlExecutor, model: CompiledModel, entity: CompiledEntity, ids: readonly number[], filter: Record<string, unknown> | undefined): Promise<boolean> {
  return ids.length === 0 || (await countInScope(tx, model, entity, ids, filter)) === ids.length;
}

/**
 * Checks the fields a write names: a field the caller may not read does not exist for them
 * (400, like an unknown field); one they may read but not write is a 403 naming it.
 */
export function checkWritableFields(entity: CompiledEntity, body: RecordInput, access: EntityAccess): void {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return;
  const unknown: string[] = [];
  const readOnly: string[] = [];
  for (const name of Object.keys(body)) {
    if (!entity.fieldsByName.has(name)) continue; // the schema check reports it
    if (access.readable && !access.readable.has(name)) unknown.push(name);
    else if (access.editable && !access.editable.has(name)) readOnly.push(name);
  }
  if (unknown.length > 0) {
    const known = entity.fields.filter((f) => !access.readable || access.readable.has(f.name)).map((f) => f.name);
    throw Errors.validationFailed(entity.name, unknown.map((field) => ({ field, code: 'KITH_FIELD_UNKNOWN', message: `"${field}" is not a field of ${entity.name}. Known fields: ${known.join(', ')}.` })));
  }
  if (readOnly.length > 0) {
    throw new KithError({
      code: 'KITH_FIELD_FORBIDDEN',
      status: 403,
      field: readOnly[0]!,
      message: `You may read but not change ${readOnly.join(', ')} on ${entity.name}. Leave ${readOnly.length === 1 ? 'it' : 'them'} out, or ask an administrator for access.`,
      errors: readOnly.map((field) => ({ field, code: 'KITH_FIELD_FORBIDDEN', message: `You may not change ${field}.` })),
    });
  }
}

/** The body with the owner field set to the caller when the entity has one and the body does not. */
export function withDefaultOwner(entity: CompiledEntity, body: RecordInput, userId: number | null): RecordInput {
  const owner = entity.def.ownerField;
  if (!owner || userId === null || !body || typeof body !== 'object' || Array.isArray(body) || owner in body) return body;
  return { ...body, [owner]: userId };
}
