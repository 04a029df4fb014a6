import type { JsonLogicExpression, Labels } from './metadata.js';

/** How far a permission reaches: no records, the caller's own, their teams', or all. */
export type AccessScope = 'none' | 'own' | 'team' | 'all';

/** The scopes, in widening order. */
export const ACCESS_SCOPES: readonly AccessScope[] = ['none', 'own', 'team', 'all'];

/** What one role may do with one entity. Fields not listed are readable and editable. */
export interface EntityGrant {
  readonly create: AccessScope;
  readonly read: AccessScope;
  readonly edit: AccessScope;
  readonly delete: AccessScope;
  /** Per-field restrictions: `{ salary: { read: false, edit: false } }`. */
  readonly fields?: Readonly<Record<string, { readonly read: boolean; readonly edit: boolean }>>;
  /** A JsonLogic record condition that read, edit and delete also require (a supported subset). */
  readonly condition?: JsonLogicExpression;
}

/** A role: a name and its grants per entity. Entities without a grant are out of reach. */
export interface RoleDefinition {
  readonly id: string;
  readonly name: string;
  readonly label: Labels;
  readonly description?: string;
  readonly grants: Readonly<Record<string, EntityGrant>>;
  readonly source: 'core' | 'custom' | `plugin:${string}`;
}
