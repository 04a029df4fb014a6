import type { CompiledModel } from '../metadata/compile/compiled-types.js';
import { stateStore } from '../metadata/customisation-store.js';
import type { Database } from './database.js';
import { derivedPlan, type RollupPlan } from './derived-plan.js';
import { backfillRollups } from './rollup-recompute.js';

/** kith_state key: the roll-up definitions the stored values were last computed for. */
const BACKFILLED_KEY = 'rollups.backfilled';

/** `entity.field` → what its values depend on; a different signature means the stored values are stale. */
function signatures(model: CompiledModel): Map<string, { plan: RollupPlan; signature: string }> {
  const out = new Map<string, { plan: RollupPlan; signature: string }>();
  for (const plans of derivedPlan(model).rollupsByChild.values()) {
    for (const plan of plans) {
      const signature = JSON.stringify([plan.field.def.rollup, plan.field.columns.map((c) => c.spec), plan.child.name, plan.link.name, plan.value?.columns[0]?.name ?? null]);
      out.set(`${plan.parent.name}.${plan.field.name}`, { plan, signature });
    }
  }
  return out;
}

/**
 * Computes the roll-ups of `model` that are new or changed — against what the database last
 * computed (kept in kith_state, so a start after an upgrade catches up) and against
 * `previous`, the model this node ran until now (so each node, as it picks up a change, also
 * recomputes what its own writes under the old model left out). One UPDATE per parent entity,
 * in one transaction.
 */
export async function backfillChangedRollups(db: Database, model: CompiledModel, previous?: CompiledModel): Promise<void> {
  const current = signatures(model);
  const stored = JSON.parse((await stateStore.get(db.reader, BACKFILLED_KEY)) ?? '{}') as Record<string, string>;
  const before = previous ? signatures(previous) : undefined;
  const stale = [...current.entries()].filter(([key, { signature }]) => stored[key] !== signature || (before !== undefined && before.get(key)?.signature !== signature));
  const unchanged = stale.length === 0 && Object.keys(stored).length === current.size;
  if (unchanged) return;
  const byParent = new Map<string, RollupPlan[]>();
  for (const [, { plan }] of stale) byParent.set(plan.parent.name, [...(byParent.get(plan.parent.name) ?? []), plan]);
  await db.transaction(async (tx) => {
    for (const plans of byParent.values()) await backfillRollups(tx, model, plans[0]!.parent, plans);
    await stateStore.set(tx, BACKFILLED_KEY, JSON.stringify(Object.fromEntries([...current].map(([key, { signature }]) => [key, signature]))));
  });
}
