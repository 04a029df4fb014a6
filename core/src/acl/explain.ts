import type { AccessScope, JsonLogicExpression } from '@kith/sdk';
import type { Actor } from '../data/actor.js';
import type { SqlExecutor } from '../data/database.js';
import { Params, quote } from '../data/sql.js';
import type { CompiledEntity, CompiledModel } from '../metadata/compile/compiled-types.js';
import { DELETED_AT_COLUMN, SYSTEM_FIELD_COLUMNS } from '../metadata/compile/system-columns.js';
import { entityAccess } from './entity-access.js';
import { explainFields, heldRoles, type FieldExplanation } from './explain-grants.js';
import { accessOf, grantParts, ownerPath, OPERATIONS, type Operation } from './grant-filters.js';
import { operationReason, type RecordState, type WeighedGrant } from './explain-reasons.js';
import { allInScope } from './write-guard.js';

/** The user whose access is explained. */
export interface ExplainedUser {
  readonly id: number;
  readonly email: string;
  readonly isAdmin: boolean;
  readonly active: boolean;
  readonly roles: readonly string[];
  readonly teams: readonly { readonly id: number; readonly name: string }[];
}

/** One role's grant for one operation; `matches` only when a record was asked about. */
export interface GrantExplanation {
  readonly role: string;
  readonly scope: AccessScope;
  readonly condition?: JsonLogicExpression;
  readonly matches?: boolean;
}

/** One operation: the answer, why, and the roles that grant it. */
export interface OperationExplanation {
  readonly allowed: boolean;
  readonly reason: string;
  readonly grantedBy: readonly GrantExplanation[];
}

/** GET /api/v1/access/explain: what a user may do with an entity (and one record), and why. */
export interface AccessExplanation {
  readonly user: ExplainedUser;
  readonly entity: string;
  readonly record?: { readonly id: number; readonly exists: boolean; readonly deleted: boolean };
  readonly operations: Readonly<Record<Operation, OperationExplanation>>;
  readonly fields: readonly FieldExplanation[];
}

/** What explaining takes: the user, the actor the queries would use for them, the entity, optionally a record. */
export interface ExplainInput {
  readonly db: SqlExecutor;
  readonly model: CompiledModel;
  readonly entity: CompiledEntity;
  readonly user: ExplainedUser;
  readonly actor: Actor;
  readonly recordId?: number;
}

type Filter = Record<string, unknown>;

/** The column holding a record's owner (the owner field, else created_by). */
function ownerColumn(entity: CompiledEntity): string | undefined {
  const path = ownerPath(entity);
  return SYSTEM_FIELD_COLUMNS.get(path)?.column ?? entity.fieldsByName.get(path)?.primary?.name;
}

/** Whether the record exists (deleted or not) and whose it is. */
async function recordState(db: SqlExecutor, entity: CompiledEntity, id: number): Promise<RecordState> {
  const column = ownerColumn(entity);
  const p = new Params(db.dialect);
  const rows = await db.all(`SELECT t.${quote(DELETED_AT_COLUMN)}, ${column ? `t.${quote(column)}` : 'NULL'} FROM ${quote(entity.table)} t WHERE t."id" = ${p.add(id)}`, p.values);
  const row = rows[0];
  if (!row) return { id, exists: false, deleted: false, owner: null };
  return { id, exists: true, deleted: row[0] !== null && row[0] !== undefined, owner: row[1] === null || row[1] === undefined ? null : Number(row[1]) };
}

/**
 * Explains a user's access to one entity, and with a record id to that record: per operation
 * the answer (record-level with an id), a sentence saying why, and each role's grant with
 * whether the record matches it; per field, read and edit with the roles behind them.
 *
 * Every answer comes from the filters the queries use — `entityAccess` for the union, the same
 * per-role filters for each grant — checked against the database with `allInScope`, so an
 * explanation cannot disagree with enforcement. Deleted records count (restore is a door too).
 */
export async function explainAccess(input: ExplainInput): Promise<AccessExplanation> {
  const { db, model, entity, user, actor, recordId } = input;
  const isAdmin = actor.isAdmin === true;
  const union = entityAccess(model, entity, actor);
  const record = recordId === undefined ? undefined : await recordState(db, entity, recordId);
  const checked = new Map<string, Promise<boolean>>();
  const inScope = (filter: Filter | undefined): Promise<boolean> => {
    if (!record?.exists) return Promise.resolve(false);
    const key = JSON.stringify(filter ?? null);
    let found = checked.get(key);
    if (!found) {
      found = allInScope(db, model, entity, [record.id], filter);
      checked.set(key, found);
    }
    return found;
  };
  const roles = heldRoles(model, actor);

  const explainOperation = async (op: Operation): Promise<OperationExplanation> => {
    const againstRecord = record !== undefined && op !== 'create';
    if (isAdmin) {
      if (againstRecord && !record.exists) return { allowed: false, reason: `Administrator: every permission, but there is no ${entity.name} with id ${record.id}.`, grantedBy: [] };
      return { allowed: true, reason: 'Administrator: every permission.', grantedBy: [] };
    }
    const weighed: WeighedGrant[] = [];
    for (const { name, role } of roles) {
      const grant = role?.grants[entity.name];
      const parts = grant ? grantParts(grant, op, entity, actor) : undefined;
      const access = parts ? accessOf(parts) : { allowed: false, filter: undefined };
      if (!againstRecord || !access.allowed || !parts) {
        weighed.push({ role: name, known: role !== undefined, grant, parts, access });
        continue;
      }
      const matches = await inScope(access.filter);
      const scopeMatches = matches || (await inScope(parts.scopeFilter ?? undefined));
      const conditionMatches = matches || typeof parts.conditionFilter !== 'object' || (await inScope(parts.conditionFilter));
      weighed.push({ role: name, known: true, grant, parts, access, matches, scopeMatches, conditionMatches });
    }
    const allowed = againstRecord ? union[op].allowed && (await inScope(union[op].filter)) : union[op].allowed;
    const grantedBy = weighed.flatMap((w): GrantExplanation[] => {
      if (!w.grant || !w.access.allowed) return []; // scope none, or a stale condition: it grants nothing
      return [{ role: w.role, scope: w.grant[op], ...(w.grant.condition !== undefined ? { condition: w.grant.condition } : {}), ...(againstRecord ? { matches: w.matches === true } : {}) }];
    });
    const reason = operationReason({ op, entity: entity.name, ownerPath: ownerPath(entity), userId: user.id, weighed, record });
    return { allowed, reason, grantedBy };
  };

  const operations = {} as Record<Operation, OperationExplanation>;
  for (const op of OPERATIONS) operations[op] = await explainOperation(op);
  return {
    user,
    entity: entity.name,
    ...(record ? { record: { id: record.id, exists: record.exists, deleted: record.deleted } } : {}),
    operations,
    fields: explainFields(entity, roles, union.readable, union.editable, isAdmin),
  };
}
