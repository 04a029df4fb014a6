import type { ScopeResolver } from '../../acl/read-scope.js';
import type { CompiledEntity, CompiledModel } from '../../metadata/compile/compiled-types.js';

/** An entity with only the fields in `visible` (all when undefined). */
function narrowed(entity: CompiledEntity, visible: ReadonlySet<string> | undefined): CompiledEntity {
  if (!visible) return entity;
  const fields = entity.fields.filter((f) => visible.has(f.name));
  return {
    ...entity,
    def: { ...entity.def, fields: entity.def.fields.filter((f) => visible.has(f.name)) },
    fields,
    fieldsByName: new Map(fields.map((f) => [f.name, f])),
  };
}

/**
 * The model as one reader sees it, for documents built from it: only the entities they may
 * read (`readScopes`), each with only its visible fields, and inverse lists only where the
 * other side and its relation field are visible too. A relation to an entity left out keeps
 * its id but loses the expanded form (the builders look targets up in this model).
 */
export function visibleModel(model: CompiledModel, scopes: ScopeResolver): CompiledModel {
  const entities = new Map<string, CompiledEntity>();
  for (const entity of model.entities.values()) {
    const scope = scopes(entity);
    if (scope) entities.set(entity.name, narrowed(entity, scope.visible));
  }
  for (const [name, entity] of entities) {
    const inverses = entity.inverses.filter((i) => entities.get(i.entity)?.fieldsByName.has(i.field) === true);
    if (inverses.length !== entity.inverses.length) entities.set(name, { ...entity, inverses });
  }
  return { ...model, entities };
}
