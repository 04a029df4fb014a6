import type { Actor } from '../data/actor.js';
import type { CompiledEntity, CompiledModel } from '../metadata/compile/compiled-types.js';
import { entityAccess } from './entity-access.js';

/** What a reader may see of one entity: which rows (a trusted filter) and which fields. */
export interface ReadScope {
  /** undefined = every row. */
  readonly rowFilter: Record<string, unknown> | undefined;
  /** undefined = every field. */
  readonly visible: ReadonlySet<string> | undefined;
}

/** The read scope per entity for one caller; null when the entity is out of reach. */
export type ScopeResolver = (entity: CompiledEntity) => ReadScope | null;

/** Everything visible (system work, administrators). */
export const UNRESTRICTED: ScopeResolver = () => ({ rowFilter: undefined, visible: undefined });

/** The read scopes of `actor` under `model`: its roles' read grants and readable fields. */
export function readScopes(model: CompiledModel, actor: Actor): ScopeResolver {
  if (actor.isAdmin) return UNRESTRICTED;
  return (entity) => {
    const access = entityAccess(model, entity, actor);
    return access.read.allowed ? { rowFilter: access.read.filter, visible: access.readable } : null;
  };
}
