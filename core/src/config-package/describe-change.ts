import type { CustomisationChange, FieldChanges } from '../metadata/customisation.js';
import type { NameBook } from './name-book.js';

const safe = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, '_');

/** The package file a customisation belongs in: `entities/deal.json`, `roles/fieldRep.json`, `rules/deal.json`. */
export function fileOf(change: CustomisationChange, names: NameBook): string {
  switch (change.kind) {
    case 'addEntity':
      return `entities/${safe(change.entity.name)}.json`;
    case 'addRole':
      return `roles/${safe(change.role.name)}.json`;
    case 'updateRole':
      return `roles/${safe(names.role(change.roleId))}.json`;
    case 'addRule':
      return `rules/${safe(change.rule.entity)}.json`;
    case 'updateRule':
    case 'removeRule':
      return `rules/${safe(names.ruleEntity(change.ruleId))}.json`;
    case 'addWorkflow':
      return `workflows/${safe(change.workflow.id)}.json`;
    case 'updateWorkflow':
    case 'removeWorkflow':
      return `workflows/${safe(change.workflowId)}.json`;
    default:
      return `entities/${safe(names.entity(change.entityId))}.json`;
  }
}

/** What a field change does, in a few words: `required, add options north, south`. */
function fieldChanges(changes: FieldChanges): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (key === 'addOptions' || key === 'relabelOptions') {
      parts.push(`${key === 'addOptions' ? 'add' : 'relabel'} options ${(value as { value: string }[]).map((o) => o.value).join(', ')}`);
    } else if (key === 'removeOptions') {
      parts.push(`remove options ${(value as string[]).join(', ')}`);
    } else if (typeof value === 'boolean') {
      parts.push(value ? key : `not ${key}`);
    } else if (typeof value === 'number') {
      parts.push(`${key} ${value}`);
    } else {
      parts.push(key);
    }
  }
  return parts.join(', ');
}

/** One line a person reads in a plan: `add field deal.region (select)`. */
export function describeChange(change: CustomisationChange, names: NameBook): string {
  switch (change.kind) {
    case 'addEntity':
      return `add entity ${change.entity.name} (${change.entity.fields.length} field${change.entity.fields.length === 1 ? '' : 's'})`;
    case 'updateEntity':
      return `change entity ${names.entity(change.entityId)}: ${Object.keys(change.changes).join(', ')}`;
    case 'addField':
      return `add field ${names.entity(change.entityId)}.${change.field.name} (${change.field.type}${change.field.target ? ` → ${change.field.target}` : ''})`;
    case 'updateField':
      return `change field ${names.field(change.entityId, change.fieldId)}: ${fieldChanges(change.changes)}`;
    case 'removeField':
      return `remove field ${names.field(change.entityId, change.fieldId)}`;
    case 'addIndex':
      return `add ${change.index.unique ? 'unique ' : ''}index on ${names.entity(change.entityId)} (${change.index.fields.join(', ')})`;
    case 'addRole':
      return `add role ${change.role.name} (grants on ${Object.keys(change.role.grants).join(', ') || 'nothing'})`;
    case 'updateRole': {
      const { grants, ...rest } = change.changes;
      const parts = [...Object.keys(rest), ...Object.entries(grants ?? {}).map(([entity, g]) => (g === null ? `revoke ${entity}` : `grant ${entity}`))];
      return `change role ${names.role(change.roleId)}: ${parts.join(', ')}`;
    }
    case 'addRule':
      return `add rule ${change.rule.entity}.${change.rule.name}${change.rule.active ? '' : ' (inactive)'}`;
    case 'updateRule':
      return `change rule ${names.rule(change.ruleId)}: ${Object.keys(change.changes).join(', ')}`;
    case 'removeRule':
      return `remove rule ${names.rule(change.ruleId)}`;
    case 'addWorkflow':
      return `add workflow ${change.workflow.id} (${change.workflow.trigger.type}${change.workflow.entity ? ` on ${change.workflow.entity}` : ''}, ${change.workflow.actions.length} action${change.workflow.actions.length === 1 ? '' : 's'})`;
    case 'updateWorkflow':
      return `change workflow ${change.workflowId}: ${Object.keys(change.changes).join(', ')}`;
    case 'removeWorkflow':
      return `remove workflow ${change.workflowId}`;
  }
}
