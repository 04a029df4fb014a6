import type { CompiledEntity, CompiledModel } from '../metadata/compile/compiled-types.js';
import type { SqlExecutor } from './database.js';
import { derivedPlan, type RollupPlan } from './derived-plan.js';
import { refreshFormulas, sameValue } from './formula-refresh.js';
import { rollupAssignments } from './rollup-sql.js';
import { rowShape, type RecordRow } from './row-mapper.js';
import { Params, quote } from './sql.js';
import type { RecordChange } from './write-observer.js';

const IDS_PER_STATEMENT = 500;

/**
 * Recomputes `plans` (roll-ups of `parent`) for the parents `ids` with one UPDATE per batch of
 * parents, each column set from one aggregate subquery over the live children. Deleted parents
 * are kept current too, so a restore brings correct values back.
 *
 * On PostgreSQL the parents are first locked in id order (`FOR UPDATE`): the aggregate then runs
 * in a statement that starts after any concurrent writer of the same parent committed, so two
 * transactions adding children to one parent never overwrite each other's total (READ
 * COMMITTED gives each statement a fresh snapshot; the lock orders them). SQLite has one writer.
 *
 * The parent's version, updatedAt and audit are left alone: a roll-up is derived data, and
 * bumping the version would turn every child write into an edit conflict for whoever is
 * editing the parent. Formulas of the parent that read its roll-ups are refreshed with them.
 * With `wantChanges`, returns the parents that changed (before and after) for what depends on them.
 */
export async function recomputeRollups(tx: SqlExecutor, model: CompiledModel, parent: CompiledEntity, plans: readonly RollupPlan[], ids: Iterable<number>, wantChanges: boolean): Promise<RecordChange[]> {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const refreshOwn = derivedPlan(model).formulasOverRollups.get(parent.name) === true;
  const needRows = wantChanges || refreshOwn;
  const shape = rowShape(parent, undefined, '');
  const table = quote(parent.table);
  const changes: RecordChange[] = [];
  for (let start = 0; start < sorted.length; start += IDS_PER_STATEMENT) {
    const chunk = sorted.slice(start, start + IDS_PER_STATEMENT);
    const before = new Map<number, RecordRow>();
    if (needRows || tx.dialect === 'postgresql') {
      const params = new Params(tx.dialect);
      const lock = tx.dialect === 'postgresql' ? ' ORDER BY "id" FOR UPDATE' : '';
      const rows = await tx.all(`SELECT ${needRows ? shape.selectList : '"id"'} FROM ${table} WHERE "id" IN (${chunk.map((id) => params.add(id)).join(', ')})${lock}`, params.values);
      if (needRows) for (const row of rows.map(shape.map)) before.set(row.id as number, row);
    }
    const params = new Params(tx.dialect);
    const sets = rollupAssignments(model, plans, parent.table, params);
    const sql = `UPDATE ${table} SET ${sets} WHERE "id" IN (${chunk.map((id) => params.add(id)).join(', ')})`;
    if (!needRows) {
      await tx.run(sql, params.values);
      continue;
    }
    const updated = (await tx.all(`${sql} RETURNING ${shape.selectList}`, params.values)).map(shape.map);
    const refreshed = refreshOwn ? new Map((await refreshFormulas(tx, model, parent, updated)).map((c) => [c.after!.id as number, c.after!])) : undefined;
    for (const row of updated) {
      const after = refreshed?.get(row.id as number) ?? row;
      const was = before.get(row.id as number);
      if (was && Object.keys(after).some((k) => !sameValue(was[k], after[k]))) changes.push({ op: 'update', before: was, after });
    }
  }
  return changes;
}

/**
 * Fills roll-up columns for every row of `parent` (a roll-up just added, or changed, over
 * existing data): one UPDATE for the whole table, then the parent's formulas over roll-ups.
 */
export async function backfillRollups(tx: SqlExecutor, model: CompiledModel, parent: CompiledEntity, plans: readonly RollupPlan[]): Promise<void> {
  const params = new Params(tx.dialect);
  await tx.run(`UPDATE ${quote(parent.table)} SET ${rollupAssignments(model, plans, parent.table, params)}`, params.values);
  if (derivedPlan(model).formulasOverRollups.get(parent.name) !== true) return;
  const shape = rowShape(parent, undefined, '');
  const rows = (await tx.all(`SELECT ${shape.selectList} FROM ${quote(parent.table)}`, [])).map(shape.map);
  await refreshFormulas(tx, model, parent, rows);
}
