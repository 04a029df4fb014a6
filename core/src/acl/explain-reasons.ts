import type { AccessScope, EntityGrant } from '@kith/sdk';
import type { GrantParts, Operation, OperationAccess } from './grant-filters.js';

/** One held role weighed for one operation (and, with a record, against that record). */
export interface WeighedGrant {
  readonly role: string;
  /** false: the user holds a role name that no longer exists. */
  readonly known: boolean;
  readonly grant: EntityGrant | undefined;
  readonly parts: GrantParts | undefined;
  readonly access: OperationAccess;
  /** With a record: does it match this role's scope and condition? */
  readonly matches?: boolean;
  readonly scopeMatches?: boolean;
  readonly conditionMatches?: boolean;
}

/** The stored state of the record being explained. */
export interface RecordState {
  readonly id: number;
  readonly exists: boolean;
  readonly deleted: boolean;
  /** The owner's user id (the owner field, else createdBy); null when unset. */
  readonly owner: number | null;
}

/** What a reason is written from. */
export interface ReasonInput {
  readonly op: Operation;
  readonly entity: string;
  readonly ownerPath: string;
  readonly userId: number;
  readonly weighed: readonly WeighedGrant[];
  /** Present when a record id was asked about. */
  readonly record: RecordState | undefined;
}

function scopeClause(scope: AccessScope, owner: string): string {
  if (scope === 'own') return `scope own (records whose ${owner} is the user)`;
  if (scope === 'team') return `scope team (records whose ${owner} is the user or a team mate)`;
  return 'scope all (every record)';
}

function ownerText(record: RecordState): string {
  return record.owner === null ? 'nobody' : `user ${record.owner}`;
}

function matchClause(w: WeighedGrant, record: RecordState, userId: number): string {
  const scope = w.parts!.scope;
  let text = 'scope all';
  if (scope === 'own') text = "scope own, and this record's owner is the user";
  if (scope === 'team') text = record.owner === userId ? "scope team, and this record's owner is the user" : `scope team, and this record's owner (user ${record.owner}) shares a team with the user`;
  return w.grant?.condition !== undefined ? `${text}, and the record meets the role's condition` : text;
}

function mismatchClause(w: WeighedGrant, record: RecordState): string {
  const scope = w.parts!.scope;
  const parts: string[] = [];
  if (w.scopeMatches === false) {
    parts.push(scope === 'own' ? `scope own, but this record's owner is ${ownerText(record)}, not the user` : `scope team, but this record's owner (${ownerText(record)}) shares no team with the user`);
  } else {
    parts.push(`scope ${scope}, which this record is in`);
  }
  if (w.conditionMatches === false) parts.push("but the record does not meet the role's condition");
  return parts.join(', ');
}

function roleSummary(w: WeighedGrant, op: Operation, entity: string): string {
  if (!w.known) return `${w.role} (no such role: remove it from the user)`;
  if (!w.grant) return `${w.role} (no grant on ${entity})`;
  if (w.grant[op] !== 'none' && w.parts?.conditionFilter === 'invalid') return `${w.role} (${op}: ${w.grant[op]}, but its condition no longer compiles, so it grants nothing)`;
  return `${w.role} (${op}: none)`;
}

const DELETED = ' This record is deleted: it shows only in lists with deleted=true, and restoring it needs delete.';

/** A sentence a person can act on: why the operation is allowed or denied, naming the roles (not for administrators, who bypass them). */
export function operationReason(input: ReasonInput): string {
  const { op, entity, weighed, record } = input;
  if (weighed.length === 0) {
    return `Denied: this user has no role, and a user with no role reaches nothing. Give them a role (PATCH /api/v1/users/${input.userId} with "roles").`;
  }
  const granting = weighed.filter((w) => w.access.allowed);
  if (granting.length === 0) return `Denied: no role of this user grants ${op} on ${entity}; roles: ${weighed.map((w) => roleSummary(w, op, entity)).join(', ')}.`;
  if (record && op !== 'create') {
    if (!record.exists) return `Denied: there is no ${entity} with id ${record.id}.`;
    const note = record.deleted ? DELETED : '';
    const matching = granting.filter((w) => w.matches === true);
    if (matching.length > 0) return `Allowed by ${matching.map((w) => `role ${w.role}: ${matchClause(w, record, input.userId)}`).join('; ')}.${note}`;
    return `Denied for this record: ${granting.map((w) => `role ${w.role} grants ${op} only with ${mismatchClause(w, record)}`).join('; ')}.${note}`;
  }
  const prefix = record ? 'Creating concerns new records, not this one. ' : '';
  const unlimited = granting.filter((w) => w.access.filter === undefined);
  if (unlimited.length > 0) return `${prefix}Allowed on every ${entity} by ${unlimited.map((w) => `role ${w.role}: scope all`).join('; ')}.`;
  const clauses = granting.map((w) => `role ${w.role}: ${scopeClause(w.parts!.scope, input.ownerPath)}${w.grant?.condition !== undefined ? ", and only records meeting the role's condition" : ''}`);
  return `${prefix}Allowed only on the records in scope, by ${clauses.join('; ')}.`;
}
