import type { CompiledModel } from '../metadata/compile/compiled-types.js';
import type { CustomisationChange } from '../metadata/customisation.js';
import type { NameBook } from './name-book.js';

/**
 * Which customisations belong to one plugin's part of a package (`--plugin X`):
 * - changes to the plugin's entities, and to custom entities that relate to them (directly
 *   or through another such custom entity), so the part applies on its own;
 * - validation rules on those entities;
 * - role changes whose grants all concern those entities (a role that spans plugins stays
 *   out: it belongs to the whole package).
 * A custom field another plugin's entity gains (even a relation to X) belongs to that entity.
 */
export function pluginScope(pluginId: string, model: CompiledModel, book: NameBook): (change: CustomisationChange) => boolean {
  const source = `plugin:${pluginId}`;
  const names = new Set([...model.entities.values()].filter((e) => e.def.source === source).map((e) => e.name));
  const custom = [...model.entities.values()].filter((e) => e.def.source === 'custom');
  for (let grew = true; grew; ) {
    grew = false;
    for (const e of custom) {
      if (names.has(e.name) || !e.fields.some((f) => f.def.type === 'relation' && f.def.target !== undefined && names.has(f.def.target))) continue;
      names.add(e.name);
      grew = true;
    }
  }
  const ids = new Set([...names].map((n) => model.entities.get(n)!.def.id));
  const onlyOurs = (entities: readonly string[]) => entities.length > 0 && entities.every((n) => names.has(n));
  return (change) => {
    switch (change.kind) {
      case 'addEntity':
        return ids.has(change.entity.id);
      case 'addRule':
        return names.has(change.rule.entity);
      case 'updateRule':
      case 'removeRule':
        return names.has(book.ruleEntity(change.ruleId));
      case 'addRole':
        return onlyOurs(Object.keys(change.role.grants));
      case 'updateRole':
        return onlyOurs(Object.keys(change.changes.grants ?? {}));
      case 'addWorkflow':
        return change.workflow.entity !== undefined && names.has(change.workflow.entity);
      case 'updateWorkflow':
      case 'removeWorkflow':
        return false;
      default:
        return ids.has(change.entityId);
    }
  };
}
