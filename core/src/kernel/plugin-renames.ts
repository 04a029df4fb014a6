import type { EntityGrant, FieldRename } from '@kith/sdk';
import type { Customisation } from '../metadata/customisation.js';

/** A declared rename with what it needs to follow customisations: the entity's id and the field's old and new ids. */
export interface ResolvedRename extends FieldRename {
  readonly entityId: string;
  readonly oldId: string;
  readonly newId: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The customisations with renamed fields followed: field changes by stable id, and the field
 * names in custom indexes, the title field, validation rules (their fields and conditions),
 * custom formulas on the entity, and role grants (field rules and conditions). Returns only the
 * customisations that changed. Pure: the caller stores them (in the upgrade's transaction) or
 * uses them to plan.
 */
export function followRenames(customisations: readonly Customisation[], renames: readonly ResolvedRename[], ruleEntity: (ruleId: string) => string | undefined): Customisation[] {
  const changed: Customisation[] = [];
  for (const original of customisations) {
    let c = original;
    for (const r of renames) c = followOne(c, r, ruleEntity);
    if (c !== original) changed.push(c);
  }
  return changed;
}

function followOne(c: Customisation, r: ResolvedRename, ruleEntity: (ruleId: string) => string | undefined): Customisation {
  const names = (list: readonly string[]) => list.map((n) => (n === r.from ? r.to : n));
  const next = (() => {
    switch (c.kind) {
      case 'updateField':
      case 'removeField':
        return c.entityId === r.entityId && c.fieldId === r.oldId ? { ...c, fieldId: r.newId } : c;
      case 'addField':
        return c.entityId === r.entityId && c.field.formula !== undefined ? { ...c, field: { ...c.field, formula: renameVars(c.field.formula, r) } } : c;
      case 'addIndex':
        return c.entityId === r.entityId ? { ...c, index: { ...c.index, fields: names(c.index.fields) } } : c;
      case 'updateEntity':
        return c.entityId === r.entityId && c.changes.titleField === r.from ? { ...c, changes: { ...c.changes, titleField: r.to } } : c;
      case 'addRule':
        return c.rule.entity === r.entity ? { ...c, rule: { ...c.rule, fields: names(c.rule.fields), condition: renameVars(c.rule.condition, r) } } : c;
      case 'updateRule': {
        if (ruleEntity(c.ruleId) !== r.entity) return c;
        const changes: Mutable<typeof c.changes> = { ...c.changes };
        if (changes.fields) changes.fields = names(changes.fields);
        if (changes.condition !== undefined) changes.condition = renameVars(changes.condition, r);
        return { ...c, changes };
      }
      case 'addRole': {
        const grant = c.role.grants[r.entity];
        return grant ? { ...c, role: { ...c.role, grants: { ...c.role.grants, [r.entity]: renameInGrant(grant, r) } } } : c;
      }
      case 'updateRole': {
        const grant = c.changes.grants?.[r.entity];
        return grant ? { ...c, changes: { ...c.changes, grants: { ...c.changes.grants, [r.entity]: renameInGrant(grant, r) } } } : c;
      }
      default:
        return c;
    }
  })() as Customisation;
  // Only a real change counts: the same content keeps the original (nothing to store).
  return next === c || JSON.stringify(next) === JSON.stringify(c) ? c : next;
}

function renameInGrant(grant: EntityGrant, r: ResolvedRename): EntityGrant {
  const fields = grant.fields ? Object.fromEntries(Object.entries(grant.fields).map(([name, v]) => [name === r.from ? r.to : name, v])) : undefined;
  return { ...grant, ...(fields ? { fields } : {}), ...(grant.condition !== undefined ? { condition: renameVars(grant.condition, r) } : {}) };
}

/** A JsonLogic expression with `{"var": "from"}` and `{"var": "from.part"}` reading `to` instead. */
export function renameVars(expression: unknown, r: Pick<FieldRename, 'from' | 'to'>): unknown {
  const path = (p: unknown) => (typeof p !== 'string' ? p : p === r.from ? r.to : p.startsWith(`${r.from}.`) ? `${r.to}${p.slice(r.from.length)}` : p);
  if (Array.isArray(expression)) return expression.map((e) => renameVars(e, r));
  if (typeof expression !== 'object' || expression === null) return expression;
  return Object.fromEntries(
    Object.entries(expression).map(([k, v]) => {
      if (k !== 'var') return [k, renameVars(v, r)];
      return [k, Array.isArray(v) ? [path(v[0]), ...v.slice(1).map((d) => renameVars(d, r))] : path(v)];
    }),
  );
}
