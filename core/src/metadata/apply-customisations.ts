import type { EntityDefinition, FieldDefinition, RoleDefinition, SelectOption, ValidationRuleDefinition, WorkflowDefinition } from '@kith/sdk';
import { applyWorkflowChange, isWorkflowChange } from '../workflows/apply-workflow-change.js';
import type { Customisation, CustomisationConflict, EntityChanges, FieldChanges } from './customisation.js';
import { changeMisfit } from './field-change-fit.js';
import { applyLayoutChange, isLayoutChange, layoutMisfit, type LayoutCustomisation } from './layouts/apply-layout-change.js';
import type { LayoutDefinition } from './layouts/layout.js';

/** The effective entities, roles and rules, and the customisations that could not be applied. */
export interface LayeredMetadata {
  readonly entities: readonly EntityDefinition[];
  readonly roles: readonly RoleDefinition[];
  readonly rules: readonly ValidationRuleDefinition[];
  readonly workflows: readonly WorkflowDefinition[];
  /** Customised layouts by entity id (an entity without one uses the default). */
  readonly layouts: ReadonlyMap<string, LayoutDefinition>;
  readonly conflicts: readonly CustomisationConflict[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * effective = apply(customisations, base). Pure: the base is never edited. A customisation
 * whose target is gone or clashes is reported as a conflict and kept in storage, never dropped.
 */
export function applyCustomisations(
  base: readonly EntityDefinition[],
  customisations: readonly Customisation[],
  baseRoles: readonly RoleDefinition[] = [],
  baseRules: readonly ValidationRuleDefinition[] = [],
  baseWorkflows: readonly WorkflowDefinition[] = [],
): LayeredMetadata {
  const entities = new Map<string, Mutable<EntityDefinition>>();
  for (const e of base) entities.set(e.id, { ...e, fields: [...e.fields], indexes: [...e.indexes] });
  const roles = new Map<string, RoleDefinition>(baseRoles.map((r) => [r.id, r]));
  const rules = new Map<string, ValidationRuleDefinition>(baseRules.map((r) => [r.id, r]));
  const workflows = new Map<string, WorkflowDefinition>(baseWorkflows.map((w) => [w.id, w]));
  const layoutChanges = new Map<string, LayoutCustomisation>();
  const conflicts: CustomisationConflict[] = [];
  const addedBy = new Map<string, Customisation>();
  const conflict = (c: Customisation, message: string, fieldId?: string) =>
    conflicts.push({ seq: c.seq, kind: c.kind, entityId: targetId(c), ...(fieldId ? { fieldId } : {}), message });
  const byName = (name: string) => [...entities.values()].find((e) => e.name === name);

  for (const c of customisations) {
    if (isWorkflowChange(c)) {
      const problem = applyWorkflowChange(workflows, c, (name) => byName(name) !== undefined);
      if (problem) conflict(c, problem);
      continue;
    }
    if (isLayoutChange(c)) {
      const problem = applyLayoutChange(layoutChanges, c, entities.get(c.entityId));
      if (problem) conflict(c, problem);
      continue;
    }
    if (c.kind === 'addRule' || c.kind === 'updateRule' || c.kind === 'removeRule') {
      const problem = applyRuleChange(rules, c, (name) => byName(name) !== undefined);
      if (problem) conflict(c, problem);
      continue;
    }
    if (c.kind === 'addRole') {
      if (roles.has(c.role.id) || [...roles.values()].some((r) => r.name === c.role.name)) {
        conflict(c, `The custom role "${c.role.name}" now clashes with a role of the same name from the base. Rename the custom role.`);
      } else {
        roles.set(c.role.id, c.role);
      }
      continue;
    }
    if (c.kind === 'updateRole') {
      const role = roles.get(c.roleId);
      if (!role) {
        conflict(c, `Role "${c.roleId}" no longer exists, so this role change cannot be applied. Remove the customisation or recreate the role.`);
        continue;
      }
      const grants: Record<string, RoleDefinition['grants'][string]> = { ...role.grants };
      for (const [entity, grant] of Object.entries(c.changes.grants ?? {})) {
        if (grant === null) delete grants[entity];
        else grants[entity] = grant;
      }
      roles.set(role.id, {
        ...role,
        ...(c.changes.label ? { label: c.changes.label } : {}),
        ...(c.changes.description !== undefined ? { description: c.changes.description } : {}),
        grants,
      });
      continue;
    }
    if (c.kind === 'addEntity') {
      if (entities.has(c.entity.id) || byName(c.entity.name)) {
        conflict(c, `The custom entity "${c.entity.name}" now clashes with an entity of the same name from ${sourceOf(byName(c.entity.name))}. Rename the custom entity.`);
      } else {
        entities.set(c.entity.id, { ...c.entity, fields: [...c.entity.fields], indexes: [...c.entity.indexes] });
        for (const f of c.entity.fields) addedBy.set(f.id, c);
      }
      continue;
    }
    const entity = entities.get(c.entityId);
    if (!entity) {
      conflict(c, `Entity "${c.entityId}" no longer exists, so this ${describe(c)} cannot be applied. Remove the customisation or restore the entity.`);
      continue;
    }
    switch (c.kind) {
      case 'updateEntity':
        Object.assign(entity, entityChanges(c.changes));
        break;
      case 'addIndex':
        entity.indexes = [...entity.indexes, c.index];
        break;
      case 'addField': {
        const clash = entity.fields.find((f) => f.name === c.field.name || f.id === c.field.id);
        if (clash) {
          conflict(c, `The custom field "${c.field.name}" on ${entity.name} clashes with the field "${clash.name}" now defined by ${clash.source === 'custom' ? 'another customisation' : clash.source}. Rename the custom field (its data is kept).`, c.field.id);
        } else {
          entity.fields = [...entity.fields, c.field];
          addedBy.set(c.field.id, c);
        }
        break;
      }
      case 'updateField':
      case 'removeField': {
        const index = entity.fields.findIndex((f) => f.id === c.fieldId);
        if (index < 0) {
          conflict(c, `Field "${c.fieldId}" no longer exists on ${entity.name}, so this ${describe(c)} cannot be applied. Remove the customisation, or map it to the field that replaced it.`, c.fieldId);
        } else if (c.kind === 'removeField') {
          const removed = entity.fields[index]!.name;
          entity.fields = entity.fields.filter((_, i) => i !== index);
          entity.indexes = entity.indexes.filter((ix) => !ix.fields.includes(removed));
        } else {
          const field = entity.fields[index]!;
          const misfit = changeMisfit(field, c.changes);
          if (misfit) {
            conflict(c, `${entity.name}.${field.name} is now a ${field.type} field (${field.source === 'custom' ? 'a customisation' : field.source} changed its type), so this field change (${misfit}) no longer applies. Remove the customisation, or make the change again for the field as it is now.`, c.fieldId);
            break;
          }
          const fields = [...entity.fields];
          fields[index] = applyFieldChanges(field, c.changes);
          entity.fields = fields;
        }
        break;
      }
    }
  }
  // A custom relation whose target is gone (its plugin removed, disabled or failed) is a
  // conflict to resolve, not a reason to stop: the field leaves the effective model, its column
  // and values stay where they are.
  const names = new Set([...entities.values()].map((e) => e.name));
  for (const entity of entities.values()) {
    const orphans = entity.fields.filter((f) => f.source === 'custom' && f.type === 'relation' && f.target !== undefined && !names.has(f.target));
    if (orphans.length === 0) continue;
    entity.fields = entity.fields.filter((f) => !orphans.includes(f));
    for (const f of orphans) {
      const origin = addedBy.get(f.id);
      if (origin) conflict(origin, `The custom relation ${entity.name}.${f.name} points to "${f.target}", which no longer exists (its plugin was removed or failed). Its values are kept; restore the plugin or remove the field.`, f.id);
    }
  }
  // A layout is judged on the entity as it finally is: a later change may have removed its fields.
  const layouts = new Map<string, LayoutDefinition>();
  for (const [entityId, c] of layoutChanges) {
    const misfit = layoutMisfit(c.layout!, entities.get(entityId));
    if (misfit) conflict(c, misfit);
    else layouts.set(entityId, c.layout!);
  }
  return { entities: [...entities.values()], roles: [...roles.values()], rules: [...rules.values()], workflows: [...workflows.values()], layouts, conflicts };
}

type RuleCustomisation = Extract<Customisation, { kind: 'addRule' | 'updateRule' | 'removeRule' }>;

/** Applies one rule customisation to `rules`; returns why it cannot be applied, when it cannot. */
function applyRuleChange(rules: Map<string, ValidationRuleDefinition>, c: RuleCustomisation, entityExists: (name: string) => boolean): string | undefined {
  if (c.kind === 'addRule') {
    if (!entityExists(c.rule.entity)) return `Entity "${c.rule.entity}" no longer exists, so the validation rule "${c.rule.name}" cannot be applied. Remove the customisation or restore the entity.`;
    const clash = [...rules.values()].find((r) => r.id === c.rule.id || (r.entity === c.rule.entity && r.name === c.rule.name));
    if (clash) return `The custom rule "${c.rule.name}" on ${c.rule.entity} now clashes with a rule of the same name from ${clash.source === 'custom' ? 'another customisation' : clash.source}. Add it again under another name.`;
    rules.set(c.rule.id, c.rule);
    return undefined;
  }
  const rule = rules.get(c.ruleId);
  if (!rule) return `Validation rule "${c.ruleId}" no longer exists, so this ${describe(c)} cannot be applied. Remove the customisation.`;
  if (c.kind === 'removeRule') {
    if (rule.source !== 'custom') return `The rule "${rule.name}" belongs to ${rule.source} and cannot be removed; deactivate it instead ("active": false).`;
    rules.delete(rule.id);
    return undefined;
  }
  rules.set(rule.id, { ...rule, ...Object.fromEntries(Object.entries(c.changes).filter(([, v]) => v !== undefined)) });
  return undefined;
}

function entityChanges(changes: EntityChanges): Partial<EntityDefinition> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
}

/** A field with the changes applied (options merged by value, never replaced wholesale). */
export function applyFieldChanges(field: FieldDefinition, changes: FieldChanges): FieldDefinition {
  const { addOptions, relabelOptions, removeOptions, ...plain } = changes;
  const next: Mutable<FieldDefinition> = { ...field, ...Object.fromEntries(Object.entries(plain).filter(([, v]) => v !== undefined)) };
  if (addOptions || relabelOptions || removeOptions) {
    let options: SelectOption[] = [...(field.options ?? [])];
    for (const o of addOptions ?? []) if (!options.some((x) => x.value === o.value)) options.push(o);
    for (const o of relabelOptions ?? []) options = options.map((x) => (x.value === o.value ? { ...x, ...o } : x));
    if (removeOptions) options = options.filter((x) => !removeOptions.includes(x.value));
    next.options = options;
  }
  return next;
}

function describe(c: Customisation): string {
  return { addEntity: 'new entity', updateEntity: 'entity change', addField: 'new field', updateField: 'field change', removeField: 'field removal', addIndex: 'new index', addRole: 'new role', updateRole: 'role change', addRule: 'new rule', updateRule: 'rule change', removeRule: 'rule removal', addWorkflow: 'new workflow', updateWorkflow: 'workflow change', removeWorkflow: 'workflow removal', setLayout: 'layout' }[c.kind];
}

/** The entity (or role, or rule) a customisation targets. */
function targetId(c: Customisation): string {
  switch (c.kind) {
    case 'addEntity':
      return c.entity.id;
    case 'addRole':
      return c.role.id;
    case 'updateRole':
      return c.roleId;
    case 'addRule':
      return c.rule.id;
    case 'updateRule':
    case 'removeRule':
      return c.ruleId;
    case 'addWorkflow':
      return c.workflow.id;
    case 'updateWorkflow':
    case 'removeWorkflow':
      return c.workflowId;
    default:
      return c.entityId;
  }
}

function sourceOf(e: EntityDefinition | undefined): string {
  return e ? (e.source === 'custom' ? 'another customisation' : e.source) : 'the base';
}
