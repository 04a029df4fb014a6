import type { CompiledEntity, CompiledModel } from '../metadata/compile/compiled-types.js';
import { DELETED_AT_COLUMN } from '../metadata/compile/system-columns.js';
import type { RollupPlan } from './derived-plan.js';
import { filterToSql } from './filter-to-sql.js';
import { quote, type Params } from './sql.js';

const CHILD = 'c';

/**
 * The aggregate of one roll-up as a scalar subquery over the live children of the parent row
 * being updated (`parentRef`, e.g. `"company"."id"`). A sum over no children is 0, the other
 * aggregates are null; sums and averages are rounded to the column's scale in SQL, as both
 * databases would otherwise keep binary or unbounded fractions.
 */
export function aggregateSql(model: CompiledModel, plan: RollupPlan, parentRef: string, params: Params): string {
  const rollup = plan.field.def.rollup!;
  const value = plan.value?.columns[0] ? `${CHILD}.${quote(plan.value.columns[0].name)}` : undefined;
  const scale = plan.field.columns[0]?.spec.scale;
  const rounded = (sql: string) => (plan.field.columns[0]?.spec.kind === 'decimal' && scale !== undefined ? `ROUND(${sql}, ${scale})` : sql);
  let aggregate: string;
  switch (rollup.op) {
    case 'count':
      aggregate = value ? `COUNT(${value})` : 'COUNT(*)';
      break;
    case 'sum':
      aggregate = `COALESCE(${rounded(`SUM(${value})`)}, 0)`;
      break;
    case 'avg':
      aggregate = rounded(`AVG(${value})`);
      break;
    case 'min':
      aggregate = `MIN(${value})`;
      break;
    case 'max':
      aggregate = `MAX(${value})`;
      break;
  }
  const where = [`${CHILD}.${quote(plan.link.columns[0]!.name)} = ${parentRef}`, `${CHILD}.${quote(DELETED_AT_COLUMN)} IS NULL`];
  if (plan.filter) where.push(`(${filterToSql(model, plan.child, plan.filter, params, CHILD)})`);
  return `(SELECT ${aggregate} FROM ${quote(plan.child.table)} ${CHILD} WHERE ${where.join(' AND ')})`;
}

/** `"col" = (aggregate), …` for the roll-ups of one parent entity, in an UPDATE of `table`. */
export function rollupAssignments(model: CompiledModel, plans: readonly RollupPlan[], table: string, params: Params): string {
  return plans.map((p) => `${quote(p.field.columns[0]!.name)} = ${aggregateSql(model, p, `${quote(table)}."id"`, params)}`).join(', ');
}

const empty = new WeakMap<CompiledEntity, ReadonlyMap<string, unknown>>();

/** The roll-ups of a record with no children yet (count and sum 0, the rest null): what a new record stores. */
export function emptyRollupValues(entity: CompiledEntity): ReadonlyMap<string, unknown> {
  let values = empty.get(entity);
  if (!values) {
    values = new Map(entity.fields.filter((f) => f.def.type === 'rollup').map((f) => [f.name, f.def.rollup?.op === 'count' || f.def.rollup?.op === 'sum' ? 0 : null]));
    empty.set(entity, values);
  }
  return values;
}
