import type { SqlExecutor } from '../data/database.js';
import { rowShape, type RecordRow } from '../data/row-mapper.js';
import { Params, quote } from '../data/sql.js';
import type { CompiledEntity, CompiledField, CompiledModel } from '../metadata/compile/compiled-types.js';
import { DELETED_AT_COLUMN } from '../metadata/compile/system-columns.js';

/** A stored record with every field, deleted or not. */
export interface StoredRecord {
  readonly record: RecordRow;
  /** When it was (soft) deleted; null when live. */
  readonly deletedAt: string | null;
}

/** A relation that points at the subject's entity: `deal.contact`, `activity.contact`. */
export interface Reference {
  readonly entity: CompiledEntity;
  readonly field: CompiledField;
}

/** Most records of one reference a personal-data export or erasure takes in. */
export const MAX_REFERENCING = 50_000;

function select(entity: CompiledEntity): { sql: string; map: (row: readonly unknown[]) => StoredRecord } {
  const shape = rowShape(entity, undefined, 't');
  return {
    sql: `SELECT ${shape.selectList}, t.${quote(DELETED_AT_COLUMN)} FROM ${quote(entity.table)} t`,
    map: (row) => {
      const deleted = row[shape.width];
      return { record: shape.map(row), deletedAt: deleted === null || deleted === undefined ? null : new Date(String(deleted)).toISOString() };
    },
  };
}

/** One record by id, deleted ones included. */
export async function readStored(db: SqlExecutor, entity: CompiledEntity, id: number): Promise<StoredRecord | undefined> {
  const { sql, map } = select(entity);
  const params = new Params(db.dialect);
  const rows = await db.all(`${sql} WHERE t."id" = ${params.add(id)}`, params.values);
  return rows[0] ? map(rows[0]) : undefined;
}

/** Every relation of the model whose target is `entity` (self-references included). */
export function referencesTo(model: CompiledModel, entity: CompiledEntity): Reference[] {
  const out: Reference[] = [];
  for (const source of model.entities.values()) {
    for (const field of source.fields) if (field.def.type === 'relation' && field.def.target === entity.name) out.push({ entity: source, field });
  }
  return out;
}

/** The records (deleted ones included) whose `ref` points at record `id`, in id order. */
export async function readReferencing(db: SqlExecutor, ref: Reference, id: number): Promise<StoredRecord[]> {
  const { sql, map } = select(ref.entity);
  const params = new Params(db.dialect);
  const rows = await db.all(`${sql} WHERE t.${quote(ref.field.columns[0]!.name)} = ${params.add(id)} ORDER BY t."id" LIMIT ${MAX_REFERENCING}`, params.values);
  return rows.map(map);
}
