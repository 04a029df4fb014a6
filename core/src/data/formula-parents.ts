import type { CompiledEntity, CompiledField, CompiledModel } from '../metadata/compile/compiled-types.js';
import { formulaReads } from '../metadata/formula-reads.js';
import type { SqlExecutor } from './database.js';
import { rowShape, type RecordRow } from './row-mapper.js';
import { Params, quote } from './sql.js';

/** Relation field name → parent id → the parent record as stored. */
export type ParentRows = ReadonlyMap<string, ReadonlyMap<number, RecordRow>>;

const readsCache = new WeakMap<CompiledEntity, readonly CompiledField[]>();
const IDS_PER_QUERY = 500;

/** The relation fields whose parent records the entity's formulas read (`company` for `company.industry`). */
export function parentRelations(entity: CompiledEntity): readonly CompiledField[] {
  let relations = readsCache.get(entity);
  if (!relations) {
    const names = new Set<string>();
    for (const f of entity.fields) {
      if (f.def.type === 'computed' && f.def.formula !== undefined) for (const name of formulaReads(entity.def, f.def.formula).parents.keys()) names.add(name);
    }
    relations = entity.fields.filter((f) => names.has(f.name));
    readsCache.set(entity, relations);
  }
  return relations;
}

/**
 * The parents `records` point at, for the relations their formulas read through, read inside
 * `tx` (so a parent written earlier in the same transaction is seen as written). A parent is
 * read whether or not it is deleted: the child still points at it. Undefined when the
 * formulas read no parent.
 */
export async function loadParents(tx: SqlExecutor, model: CompiledModel, entity: CompiledEntity, records: readonly RecordRow[]): Promise<ParentRows | undefined> {
  const relations = parentRelations(entity);
  if (relations.length === 0) return undefined;
  const out = new Map<string, Map<number, RecordRow>>();
  for (const relation of relations) {
    const target = model.entities.get(relation.def.target ?? '');
    const rows = new Map<number, RecordRow>();
    out.set(relation.name, rows);
    if (!target) continue;
    const ids = [...new Set(records.map((r) => r[relation.name]).filter((v): v is number => typeof v === 'number'))];
    const shape = rowShape(target, undefined, '');
    for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
      const params = new Params(tx.dialect);
      const list = ids.slice(start, start + IDS_PER_QUERY).map((id) => params.add(id)).join(', ');
      for (const row of await tx.all(`SELECT ${shape.selectList} FROM ${quote(target.table)} WHERE "id" IN (${list})`, params.values)) {
        const parent = shape.map(row);
        rows.set(parent.id as number, parent);
      }
    }
  }
  return out;
}

/** The data a formula sees: the record, with each relation in `through` (read through by the formula) replaced by the parent record. */
export function withParents(record: RecordRow, parents: ParentRows | undefined, through: readonly string[]): RecordRow {
  if (!parents) return record;
  const data: RecordRow = { ...record };
  for (const relation of through) {
    const id = record[relation];
    if (typeof id === 'number') data[relation] = parents.get(relation)?.get(id) ?? null;
  }
  return data;
}
