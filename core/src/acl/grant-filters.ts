import type { AccessScope, EntityGrant } from '@kith/sdk';
import type { Actor } from '../data/actor.js';
import type { CompiledEntity } from '../metadata/compile/compiled-types.js';
import { conditionToFilter } from './condition-to-filter.js';

/** The four operations a grant scopes. */
export const OPERATIONS = ['create', 'read', 'edit', 'delete'] as const;

/** One of the four operations. */
export type Operation = (typeof OPERATIONS)[number];

/** A filter of the API's filter language. */
export type Filter = Record<string, unknown>;

/** Which rows an operation reaches: none, all, or those matching a filter (the API's filter language). */
export interface OperationAccess {
  readonly allowed: boolean;
  /** undefined = every row; otherwise the rows matching it. */
  readonly filter: Filter | undefined;
}

/** The field that says whose a record is: the entity's owner field, else `createdBy`. */
export function ownerPath(entity: CompiledEntity): string {
  return entity.def.ownerField ?? 'createdBy';
}

/**
 * The two halves of one role's grant for one operation, as the queries build them: the rows its
 * scope reaches (undefined = all, null = none) and its condition (undefined = none,
 * 'invalid' = it no longer compiles, so the grant gives nothing rather than everything).
 */
export interface GrantParts {
  readonly scope: AccessScope;
  readonly scopeFilter: Filter | undefined | null;
  readonly conditionFilter: Filter | undefined | 'invalid';
}

/** The rows a scope reaches for `actor`. */
function scopeFilter(scope: AccessScope, entity: CompiledEntity, actor: Actor): Filter | undefined | null {
  const owner = ownerPath(entity);
  switch (scope) {
    case 'none':
      return null;
    case 'own':
      return { [owner]: actor.userId ?? -1 };
    case 'team':
      return { [owner]: { $in: actor.teamUserIds && actor.teamUserIds.length > 0 ? [...actor.teamUserIds] : [actor.userId ?? -1] } };
    case 'all':
      return undefined;
  }
}

/** Scope and condition of one role's grant for one operation. */
export function grantParts(grant: EntityGrant, op: Operation, entity: CompiledEntity, actor: Actor): GrantParts {
  let conditionFilter: GrantParts['conditionFilter'];
  if (grant.condition !== undefined) {
    const compiled = conditionToFilter(grant.condition, entity.def, { userId: actor.userId ?? -1, teamUserIds: actor.teamUserIds ?? [] });
    conditionFilter = compiled.ok ? compiled.filter : 'invalid';
  }
  return { scope: grant[op], scopeFilter: scopeFilter(grant[op], entity, actor), conditionFilter };
}

/** The OperationAccess of a grant's two halves (both must hold). */
export function accessOf(parts: GrantParts): OperationAccess {
  if (parts.scopeFilter === null || parts.conditionFilter === 'invalid') return { allowed: false, filter: undefined };
  const filters = [parts.scopeFilter, parts.conditionFilter].filter((p): p is Filter => p !== undefined);
  if (filters.length === 0) return { allowed: true, filter: undefined };
  return { allowed: true, filter: filters.length === 1 ? filters[0] : { $and: filters } };
}

/** What ONE role's grant lets `actor` do with one operation. */
export function roleOperationAccess(grant: EntityGrant, op: Operation, entity: CompiledEntity, actor: Actor): OperationAccess {
  return accessOf(grantParts(grant, op, entity, actor));
}
