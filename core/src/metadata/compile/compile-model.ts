import type { EntityDefinition, RoleDefinition, ValidationRuleDefinition, WorkflowDefinition } from '@kith/sdk';
import { columnCodec } from '../../data/column-kinds.js';
import { compileExpression } from '../../rules/index.js';
import type { CustomisationConflict } from '../customisation.js';
import type { Dialect } from '../field-types/field-type.js';
import { getFieldType } from '../field-types/index.js';
import type { CompiledEntity, CompiledField, CompiledModel, CompiledRule, InverseRelation } from './compiled-types.js';
import { columnBaseOf, tableOf } from './naming.js';
import type { LayoutDefinition } from '../layouts/layout.js';

/** Compiles effective entities for one database. Definitions must already be checked. */
export function compileModel(
  entities: readonly EntityDefinition[],
  dialect: Dialect,
  revision: number,
  conflicts: readonly CustomisationConflict[] = [],
  roles: readonly RoleDefinition[] = [],
  rules: readonly ValidationRuleDefinition[] = [],
  workflows: readonly WorkflowDefinition[] = [],
  layouts: ReadonlyMap<string, LayoutDefinition> = new Map(),
): CompiledModel {
  const inverses = new Map<string, InverseRelation[]>();
  for (const e of entities) {
    for (const f of e.fields) {
      if (f.type === 'relation' && f.target && f.inverse) {
        const list = inverses.get(f.target) ?? [];
        list.push({ name: f.inverse, entity: e.name, field: f.name });
        inverses.set(f.target, list);
      }
    }
  }
  const rulesByEntity = new Map<string, CompiledRule[]>();
  for (const rule of rules) rulesByEntity.set(rule.entity, [...(rulesByEntity.get(rule.entity) ?? []), compileRule(rule)]);
  const compiled = new Map<string, CompiledEntity>();
  for (const def of entities) {
    const fields = def.fields.map((f) => compileField(f, dialect));
    compiled.set(def.name, {
      def,
      name: def.name,
      table: tableOf(def),
      dialect,
      fields,
      fieldsByName: new Map(fields.map((f) => [f.name, f])),
      inverses: inverses.get(def.name) ?? [],
      rules: rulesByEntity.get(def.name) ?? [],
    });
  }
  return { revision, dialect, entities: compiled, roles: new Map(roles.map((r) => [r.name, r])), workflows: new Map(workflows.map((w) => [w.id, w])), layouts, conflicts };
}

function compileField(def: EntityDefinition['fields'][number], dialect: Dialect): CompiledField {
  const type = getFieldType(def.type);
  const base = columnBaseOf(def);
  const columns = type.columns(def).map((spec) => ({
    name: `${base}${spec.suffix}`,
    key: spec.key,
    spec,
    codec: columnCodec(dialect, spec.kind),
  }));
  const primary = type.primaryKey === undefined ? undefined : columns.find((c) => c.key === type.primaryKey);
  return { def, name: def.name, type, columns, primary };
}

/** Compiles a rule's condition once; one that no longer compiles (limits tightened) is kept and fails closed. */
function compileRule(def: ValidationRuleDefinition): CompiledRule {
  try {
    return { def, condition: compileExpression(def.condition) };
  } catch (error) {
    return { def, condition: undefined, problem: error instanceof Error ? error.message : String(error) };
  }
}
