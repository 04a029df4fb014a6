import type { CompiledEntity, CompiledModel } from '../metadata/compile/compiled-types.js';
import { applyComputedFields, computedFields } from './computed-fields.js';
import type { SqlExecutor } from './database.js';
import { loadParents } from './formula-parents.js';
import type { RecordRow } from './row-mapper.js';
import { Params, quote } from './sql.js';
import type { RecordChange } from './write-observer.js';

/** Same stored value (composites compared by content). */
export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b));
}

/**
 * Re-evaluates the computed fields of stored `rows` (their parents read inside `tx`) and writes
 * the ones that changed, one UPDATE per changed row. Derived data: the row's version,
 * updatedAt and audit trail are left alone. Returns the rows that changed, before and after.
 */
export async function refreshFormulas(tx: SqlExecutor, model: CompiledModel, entity: CompiledEntity, rows: readonly RecordRow[]): Promise<RecordChange[]> {
  const computed = computedFields(entity);
  if (computed.length === 0 || rows.length === 0) return [];
  const parents = await loadParents(tx, model, entity, rows);
  const changes: RecordChange[] = [];
  for (const before of rows) {
    const after: RecordRow = { ...before };
    applyComputedFields(entity, after, parents);
    const changed = computed.filter((f) => !sameValue(before[f.name], after[f.name]));
    if (changed.length === 0) continue;
    const params = new Params(tx.dialect);
    const sets: string[] = [];
    for (const field of changed) {
      const value = after[field.name];
      const parts = value === null || value === undefined ? field.columns.map(() => null) : field.type.toColumns(field.def, value);
      field.columns.forEach((c, i) => sets.push(`${quote(c.name)} = ${params.add(c.codec.toDb(parts[i] ?? null))}`));
    }
    await tx.run(`UPDATE ${quote(entity.table)} SET ${sets.join(', ')} WHERE "id" = ${params.add(before.id)}`, params.values);
    changes.push({ op: 'update', before, after });
  }
  return changes;
}
