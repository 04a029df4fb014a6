import type { CompiledEntity, CompiledField, CompiledModel } from '../metadata/compile/compiled-types.js';

/** An entity with fields marked `searchable`, and a signature of what its index rows are made from. */
export interface SearchableEntity {
  readonly entity: CompiledEntity;
  readonly fields: readonly CompiledField[];
  /** Changes when the index must be rebuilt for the entity: its table, a field made (un)searchable, renamed, retyped, its options relabelled. */
  readonly signature: string;
}

const cache = new WeakMap<CompiledModel, ReadonlyMap<string, SearchableEntity>>();

/** Entities with at least one searchable field, by name (computed once per model). */
export function searchableEntities(model: CompiledModel): ReadonlyMap<string, SearchableEntity> {
  let found = cache.get(model);
  if (!found) {
    const out = new Map<string, SearchableEntity>();
    for (const entity of model.entities.values()) {
      const fields = entity.fields.filter((f) => f.def.searchable === true);
      if (fields.length === 0) continue;
      const signature = JSON.stringify([
        entity.table,
        fields.map((f) => [f.name, f.def.type, f.columns.map((c) => c.name), f.def.options?.map((o) => [o.value, o.label.en]) ?? null]),
      ]);
      out.set(entity.name, { entity, fields, signature });
    }
    found = out;
    cache.set(model, found);
  }
  return found;
}
