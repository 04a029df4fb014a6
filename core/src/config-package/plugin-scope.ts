import type { CompiledModel } from '../metadata/compile/compiled-types.js';
import type { CustomisationChange } from '../metadata/customisation.js';
import type { NameBook } from './name-book.js';
import { mappingOf } from './package-kinds.js';

/**
 * Which customisations belong to one plugin's part of a package (`--plugin X`): those whose
 * entities (package-kinds.ts says which for each kind) all belong to the part, which is
 * - the plugin's entities, and custom entities that relate to them (directly or through
 *   another such custom entity), so the part applies on its own.
 * So rules and workflows on those entities are in; a role is in when all its grants concern
 * them (a role that spans plugins belongs to the whole package). A custom field another
 * plugin's entity gains (even a relation to X) belongs to that entity.
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
  return (change) => {
    const entities = mappingOf(change).entities(change, book);
    return entities.length > 0 && entities.every((n) => names.has(n));
  };
}
