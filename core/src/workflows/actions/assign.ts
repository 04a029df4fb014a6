import type { SqlExecutor } from '../../data/database.js';
import { Params, quote } from '../../data/sql.js';
import { DELETED_AT_COLUMN } from '../../metadata/compile/system-columns.js';
import { teamStore } from '../../auth/team-store.js';
import { WORKFLOW_ACTOR, type ActionCall, type ActionRunner } from '../run-context.js';
import { WorkflowErrors } from '../workflow-errors.js';

type AssignAction = { field?: string; userId?: number; teamId?: number; strategy?: 'roundRobin' | 'leastLoaded' };
type Input = { field: string; userId: number; strategy: string; teamId?: number };

const counterKey = (call: ActionCall) => `workflow.roundRobin.${call.workflow.id}.${call.index}`;

/** Takes the next round-robin turn atomically (an upsert that returns the new count). */
async function nextTurn(tx: SqlExecutor, key: string): Promise<number> {
  const p = new Params(tx.dialect);
  const rows = await tx.all(
    `INSERT INTO "kith_state" ("key", "value") VALUES (${p.add(key)}, '1') ON CONFLICT ("key") DO UPDATE SET "value" = CAST(CAST("kith_state"."value" AS INTEGER) + 1 AS TEXT) RETURNING "value"`,
    p.values,
  );
  return Number(rows[0]![0]);
}

async function peekTurn(tx: SqlExecutor, key: string): Promise<number> {
  const p = new Params(tx.dialect);
  const rows = await tx.all(`SELECT "value" FROM "kith_state" WHERE "key" = ${p.add(key)}`, p.values);
  return (rows[0] ? Number(rows[0][0]) : 0) + 1;
}

/** The team member owning the fewest live records of the entity in `column` (ties: lowest id). */
async function leastLoaded(tx: SqlExecutor, table: string, column: string, members: readonly number[]): Promise<number> {
  const p = new Params(tx.dialect);
  const list = members.map((m) => p.add(m)).join(', ');
  const rows = await tx.all(`SELECT ${quote(column)}, COUNT(*) FROM ${quote(table)} WHERE ${quote(column)} IN (${list}) AND ${quote(DELETED_AT_COLUMN)} IS NULL GROUP BY ${quote(column)}`, p.values);
  const load = new Map(rows.map(([user, n]) => [Number(user), Number(n)]));
  return [...members].sort((a, b) => (load.get(a) ?? 0) - (load.get(b) ?? 0) || a - b)[0]!;
}

/** Sets the record's owner (or another user field) to one user, or a team member by round robin or least load. */
export const assignAction: ActionRunner<Input> = {
  inDatabase: true,
  async prepare(call, tx) {
    const action = call.workflow.actions[call.index] as AssignAction;
    const entity = call.services.records.entity(call.workflow.entity!);
    const field = action.field ?? entity.def.ownerField!;
    if (action.userId !== undefined) return { field, userId: action.userId, strategy: 'user' };
    const team = await teamStore.byId(tx, action.teamId!);
    if (!team || team.memberIds.length === 0) throw WorkflowErrors.actionFailed(call.index, 'assign', `team ${action.teamId} ${team ? 'has no members' : 'does not exist'}`, true);
    const members = [...team.memberIds].sort((a, b) => a - b);
    if (action.strategy === 'leastLoaded') {
      const column = entity.fieldsByName.get(field)!.columns[0]!.name;
      return { field, userId: await leastLoaded(tx, entity.table, column, members), strategy: 'leastLoaded', teamId: team.id };
    }
    // Round robin: a dry-run peeks at the next turn; the real run takes it in `perform`.
    return { field, userId: members[((await peekTurn(tx, counterKey(call))) - 1) % members.length]!, strategy: 'roundRobin', teamId: team.id };
  },
  async perform(call, input, tx) {
    let userId = input.userId;
    if (input.strategy === 'roundRobin') {
      const team = await teamStore.byId(tx, input.teamId!);
      const members = [...(team?.memberIds ?? [])].sort((a, b) => a - b);
      userId = members[((await nextTurn(tx, counterKey(call))) - 1) % members.length]!;
    }
    const records = call.services.records;
    const current = await records.getIn(tx, call.workflow.entity!, call.recordId!);
    await records.update(call.workflow.entity!, call.recordId!, { [input.field]: userId }, current.version as number, WORKFLOW_ACTOR, tx);
    return { field: input.field, userId, strategy: input.strategy };
  },
};
