import { KithError } from '../errors/index.js';
import type { CompiledModel } from '../metadata/compile/compiled-types.js';
import type { SqlExecutor } from './database.js';
import { derivedPlan, hasDependents, type DerivedPlan, type ParentReaderPlan, type RollupPlan } from './derived-plan.js';
import { refreshFormulas, sameValue } from './formula-refresh.js';
import { recomputeRollups } from './rollup-recompute.js';
import { rowShape, type RecordRow } from './row-mapper.js';
import { Params, quote } from './sql.js';
import type { RecordChange, WriteObserver } from './write-observer.js';

/**
 * How many rounds of knock-on changes one write may cause (a child moves a roll-up, which a
 * formula on another child reads, …). Metadata checks refuse loops, so this only stops
 * metadata that went wrong after it was checked.
 */
const MAX_ROUNDS = 16;
const IDS_PER_QUERY = 500;

/** Changes per entity name, one round of propagation. */
type Wave = Map<string, RecordChange[]>;

function add(wave: Wave, entity: string, changes: readonly RecordChange[]): void {
  if (changes.length === 0) return;
  const list = wave.get(entity);
  if (list) list.push(...changes);
  else wave.set(entity, [...changes]);
}

/**
 * Keeps derived fields current inside the writing transaction: roll-ups on the parents of
 * the written records, and formulas of child records that read a written parent's fields
 * (`company.industry`). What those refreshes change is propagated in rounds, so a roll-up over
 * a formula over a parent field settles in one write. Registered once on the record service.
 */
export function derivedFieldsObserver(): WriteObserver {
  return {
    name: 'derived-fields',
    async afterWrite({ tx, model, entity, changes }) {
      const plan = derivedPlan(model);
      if (!hasDependents(plan, entity.name)) return;
      let wave: Wave = new Map([[entity.name, [...changes]]]);
      for (let round = 0; wave.size > 0; round++) {
        if (round === MAX_ROUNDS) throw unsettled([...wave.keys()]);
        wave = await propagate(tx, model, plan, wave);
      }
    },
  };
}

/** One round: refresh child formulas of changed parents, then recompute roll-ups of changed children. */
async function propagate(tx: SqlExecutor, model: CompiledModel, plan: DerivedPlan, wave: Wave): Promise<Wave> {
  const next: Wave = new Map();
  for (const [name, changes] of wave) {
    for (const reader of plan.readersByParent.get(name) ?? []) {
      const ids = changedParents(changes, reader);
      if (ids.size > 0) add(next, reader.child.name, await refreshChildren(tx, model, reader, ids));
    }
  }
  const targets = new Map<string, { plans: Set<RollupPlan>; ids: Set<number> }>();
  for (const [name, changes] of wave) {
    for (const rollup of plan.rollupsByChild.get(name) ?? []) {
      for (const change of changes) {
        for (const id of affectedParents(rollup, change)) {
          const target = targets.get(rollup.parent.name) ?? { plans: new Set(), ids: new Set() };
          target.plans.add(rollup);
          target.ids.add(id);
          targets.set(rollup.parent.name, target);
        }
      }
    }
  }
  for (const [name, { plans, ids }] of targets) {
    const parent = model.entities.get(name)!;
    add(next, name, await recomputeRollups(tx, model, parent, [...plans], ids, hasDependents(plan, name)));
  }
  return next;
}

/** The parents whose roll-up `rollup` a change to one of its children moves (both, when it moved between parents). */
function affectedParents(rollup: RollupPlan, change: RecordChange): number[] {
  const link = rollup.link.name;
  const ids = (...values: unknown[]) => values.filter((v): v is number => typeof v === 'number');
  switch (change.op) {
    case 'create':
    case 'restore':
      return ids(change.after[link]);
    case 'delete':
      return ids(change.before[link]);
    case 'update': {
      const [was, now] = [change.before[link], change.after[link]];
      if (was !== now) return ids(was, now);
      return [...rollup.inputs].some((f) => !sameValue(change.before[f], change.after[f])) ? ids(now) : [];
    }
  }
}

/** Parents updated in a field the children's formulas read. */
function changedParents(changes: readonly RecordChange[], reader: ParentReaderPlan): Set<number> {
  const ids = new Set<number>();
  for (const change of changes) {
    if (change.op !== 'update') continue;
    if ([...reader.fields].some((f) => !sameValue(change.before[f], change.after[f]))) ids.add(change.after.id as number);
  }
  return ids;
}

/** Re-evaluates the formulas of every child (deleted ones too, so a restore is current) of the parents `ids`. */
async function refreshChildren(tx: SqlExecutor, model: CompiledModel, reader: ParentReaderPlan, ids: ReadonlySet<number>): Promise<RecordChange[]> {
  const shape = rowShape(reader.child, undefined, '');
  const column = quote(reader.link.columns[0]!.name);
  const list = [...ids];
  const changes: RecordChange[] = [];
  for (let start = 0; start < list.length; start += IDS_PER_QUERY) {
    const params = new Params(tx.dialect);
    const placeholders = list.slice(start, start + IDS_PER_QUERY).map((id) => params.add(id)).join(', ');
    const rows: RecordRow[] = (await tx.all(`SELECT ${shape.selectList} FROM ${quote(reader.child.table)} WHERE ${column} IN (${placeholders}) ORDER BY "id"`, params.values)).map(shape.map);
    changes.push(...(await refreshFormulas(tx, model, reader.child, rows)));
  }
  return changes;
}

function unsettled(entities: readonly string[]): KithError {
  return new KithError({
    code: 'KITH_DERIVED_FIELDS_UNSETTLED',
    status: 500,
    message: `Derived fields of ${entities.join(', ')} kept changing each other after ${MAX_ROUNDS} rounds, so nothing was stored. Check the formulas and roll-ups of these entities for a loop.`,
  });
}
