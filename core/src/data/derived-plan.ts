import { conditionToFilter } from '../acl/condition-to-filter.js';
import { rollupProblems } from '../metadata/check-rollups.js';
import type { CompiledEntity, CompiledField, CompiledModel } from '../metadata/compile/compiled-types.js';
import { formulaReads } from '../metadata/formula-reads.js';
import { resolveRollupLink } from '../metadata/rollup-links.js';
import { collectVariables } from '../rules/expression-variables.js';
import { parentRelations } from './formula-parents.js';

/** One roll-up field, resolved: the children it aggregates and what in them it depends on. */
export interface RollupPlan {
  readonly parent: CompiledEntity;
  readonly field: CompiledField;
  readonly child: CompiledEntity;
  /** The child's relation pointing at the parent. */
  readonly link: CompiledField;
  readonly value: CompiledField | undefined;
  /** `where` in the filter language (compiled to SQL per statement). */
  readonly filter: Record<string, unknown> | undefined;
  /** Child fields whose change alters the roll-up (the link, the value, the condition's fields). */
  readonly inputs: ReadonlySet<string>;
}

/** Children whose formulas read fields of a parent (`company.industry` on deal). */
export interface ParentReaderPlan {
  readonly child: CompiledEntity;
  readonly link: CompiledField;
  /** The parent's fields the formulas read through `link`. */
  readonly fields: ReadonlySet<string>;
}

/** Who depends on whom among the derived fields of one model. */
export interface DerivedPlan {
  /** Roll-ups by the child entity whose writes move them. */
  readonly rollupsByChild: ReadonlyMap<string, readonly RollupPlan[]>;
  /** Formula readers by the parent entity whose writes they follow. */
  readonly readersByParent: ReadonlyMap<string, readonly ParentReaderPlan[]>;
  /** Per entity with roll-ups: true when some of its formulas read them (recomputed with them). */
  readonly formulasOverRollups: ReadonlyMap<string, boolean>;
}

const plans = new WeakMap<CompiledModel, DerivedPlan>();

/** The plan for `model`, built once per compiled model (models are immutable and swapped whole). */
export function derivedPlan(model: CompiledModel): DerivedPlan {
  let plan = plans.get(model);
  if (!plan) {
    plan = buildPlan(model);
    plans.set(model, plan);
  }
  return plan;
}

/** True when writes to `entity` may move a derived field somewhere. */
export function hasDependents(plan: DerivedPlan, entity: string): boolean {
  return plan.rollupsByChild.has(entity) || plan.readersByParent.has(entity);
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function buildPlan(model: CompiledModel): DerivedPlan {
  const rollupsByChild = new Map<string, RollupPlan[]>();
  const readersByParent = new Map<string, ParentReaderPlan[]>();
  const formulasOverRollups = new Map<string, boolean>();
  const defs = new Map([...model.entities.values()].map((e) => [e.name, e.def]));
  for (const parent of model.entities.values()) {
    // A roll-up stored metadata can no longer resolve (tolerated, see check-entities.ts) keeps its last values.
    const broken = new Set(rollupProblems(parent.def, defs).map((p) => p.field?.split('.')[1]));
    for (const field of parent.fields) {
      const rollup = field.def.rollup;
      if (field.def.type !== 'rollup' || !rollup || broken.has(field.name)) continue;
      const resolved = resolveRollupLink(parent.def, rollup, defs);
      if (!resolved.ok) continue;
      const child = model.entities.get(resolved.link.child.name)!;
      const link = child.fieldsByName.get(resolved.link.link.name)!;
      const value = resolved.link.value ? child.fieldsByName.get(resolved.link.value.name) : undefined;
      const compiled = rollup.where === undefined ? undefined : conditionToFilter(rollup.where, child.def, { userId: 0, teamUserIds: [] });
      if (compiled && !compiled.ok) continue;
      const inputs = new Set([link.name, ...(value ? [value.name] : [])]);
      if (rollup.where !== undefined) for (const v of collectVariables(rollup.where).variables) inputs.add(v.split('.')[0]!);
      push(rollupsByChild, child.name, { parent, field, child, link, value, filter: compiled?.filter, inputs });
    }
    if (parent.fields.some((f) => f.def.type === 'rollup')) formulasOverRollups.set(parent.name, readsRollups(parent));
  }
  for (const child of model.entities.values()) {
    for (const link of parentRelations(child)) {
      const fields = new Set<string>();
      for (const f of child.fields) {
        if (f.def.type === 'computed' && f.def.formula !== undefined) for (const name of formulaReads(child.def, f.def.formula).parents.get(link.name) ?? []) fields.add(name);
      }
      if (link.def.target && model.entities.has(link.def.target)) push(readersByParent, link.def.target, { child, link, fields });
    }
  }
  return { rollupsByChild, readersByParent, formulasOverRollups };
}

/** True when a computed field of `entity` reads one of its roll-ups, directly or through other formulas. */
function readsRollups(entity: CompiledEntity): boolean {
  const derived = new Set(entity.fields.filter((f) => f.def.type === 'rollup').map((f) => f.name));
  let grew = true;
  while (grew) {
    grew = false;
    for (const f of entity.fields) {
      if (f.def.type !== 'computed' || derived.has(f.name) || f.def.formula === undefined) continue;
      const reads = formulaReads(entity.def, f.def.formula);
      if (reads.any || [...reads.own].some((name) => derived.has(name))) {
        derived.add(f.name);
        grew = true;
      }
    }
  }
  return derived.size > entity.fields.filter((f) => f.def.type === 'rollup').length;
}
