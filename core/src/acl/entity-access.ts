import type { EntityGrant, RoleDefinition } from '@kith/sdk';
import type { Actor } from '../data/actor.js';
import type { CompiledEntity, CompiledModel } from '../metadata/compile/compiled-types.js';
import { roleOperationAccess, type Operation, type OperationAccess } from './grant-filters.js';


/** What an actor may do with one entity, as the queries apply it. */
export interface EntityAccess {
  readonly create: OperationAccess;
  readonly read: OperationAccess;
  readonly edit: OperationAccess;
  readonly delete: OperationAccess;
  /** Fields the actor may read; undefined = all. */
  readonly readable: ReadonlySet<string> | undefined;
  /** Fields the actor may write; undefined = all. */
  readonly editable: ReadonlySet<string> | undefined;
}


const FULL: OperationAccess = { allowed: true, filter: undefined };
const NONE: OperationAccess = { allowed: false, filter: undefined };
/** Everything, for administrators and the system. */
export const FULL_ACCESS: EntityAccess = { create: FULL, read: FULL, edit: FULL, delete: FULL, readable: undefined, editable: undefined };

function operationAccess(grants: readonly EntityGrant[], op: Operation, entity: CompiledEntity, actor: Actor): OperationAccess {
  const alternatives: Record<string, unknown>[] = [];
  for (const grant of grants) {
    const access = roleOperationAccess(grant, op, entity, actor);
    if (!access.allowed) continue;
    if (!access.filter) return FULL;
    alternatives.push(access.filter);
  }
  if (alternatives.length === 0) return NONE;
  return { allowed: true, filter: alternatives.length === 1 ? alternatives[0] : { $or: alternatives } };
}

function fieldSet(grants: readonly EntityGrant[], entity: CompiledEntity, kind: 'read' | 'edit'): ReadonlySet<string> | undefined {
  const granting = grants.filter((g) => g[kind] !== 'none' || (kind === 'edit' && g.create !== 'none'));
  if (granting.some((g) => !g.fields || Object.values(g.fields).every((f) => f[kind]))) return undefined;
  const names = new Set<string>();
  for (const grant of granting) {
    for (const field of entity.fields) if (grant.fields?.[field.name]?.[kind] !== false) names.add(field.name);
  }
  return names;
}

const cache = new WeakMap<CompiledModel, Map<string, EntityAccess>>();

/**
 * What `actor` may do with `entity` under the current model: the union of its roles (rows any
 * role reaches, fields any role shows). Administrators reach everything; a user with no role
 * reaches nothing. Computed once per model, actor and entity.
 */
export function entityAccess(model: CompiledModel, entity: CompiledEntity, actor: Actor): EntityAccess {
  if (actor.isAdmin) return FULL_ACCESS;
  const key = `${entity.name}|${actor.userId}|${(actor.roles ?? []).join(',')}|${(actor.teamUserIds ?? []).join(',')}`;
  let perModel = cache.get(model);
  if (!perModel) {
    perModel = new Map();
    cache.set(model, perModel);
  }
  let access = perModel.get(key);
  if (!access) {
    const grants = rolesOf(model, actor).flatMap((r) => (r.grants[entity.name] ? [r.grants[entity.name]!] : []));
    access = {
      create: operationAccess(grants, 'create', entity, actor),
      read: operationAccess(grants, 'read', entity, actor),
      edit: operationAccess(grants, 'edit', entity, actor),
      delete: operationAccess(grants, 'delete', entity, actor),
      readable: fieldSet(grants, entity, 'read'),
      editable: fieldSet(grants, entity, 'edit'),
    };
    if (perModel.size > 5000) perModel.clear();
    perModel.set(key, access);
  }
  return access;
}

/** The actor's effective roles (unknown names are ignored). */
export function rolesOf(model: CompiledModel, actor: Actor): RoleDefinition[] {
  return (actor.roles ?? []).flatMap((name) => (model.roles.get(name) ? [model.roles.get(name)!] : []));
}
