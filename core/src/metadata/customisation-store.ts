import type { SqlExecutor } from '../data/database.js';
import { Params } from '../data/sql.js';
import type { Customisation, CustomisationChange } from './customisation.js';

type Payload = Omit<CustomisationChange, 'kind' | 'entityId' | 'fieldId'>;

function targetOf(change: CustomisationChange): { entityId: string; fieldId: string | null } {
  switch (change.kind) {
    case 'addEntity':
      return { entityId: change.entity.id, fieldId: null };
    case 'addRole':
      return { entityId: change.role.id, fieldId: null };
    case 'updateRole':
      return { entityId: change.roleId, fieldId: null };
    case 'addRule':
      return { entityId: change.rule.id, fieldId: null };
    case 'updateRule':
    case 'removeRule':
      return { entityId: change.ruleId, fieldId: null };
    case 'addWorkflow':
      return { entityId: change.workflow.id, fieldId: null };
    case 'updateWorkflow':
    case 'removeWorkflow':
      return { entityId: change.workflowId, fieldId: null };
    case 'addField':
      return { entityId: change.entityId, fieldId: change.field.id };
    case 'updateField':
    case 'removeField':
      return { entityId: change.entityId, fieldId: change.fieldId };
    default:
      return { entityId: change.entityId, fieldId: null };
  }
}

/** The target property a stored row's `entity_id` column restores, by kind. */
function targetFields(kind: string, entityId: unknown): Record<string, unknown> {
  switch (kind) {
    case 'addEntity':
    case 'addRole':
    case 'addRule':
    case 'addWorkflow':
      return {};
    case 'updateRole':
      return { roleId: entityId };
    case 'updateRule':
    case 'removeRule':
      return { ruleId: entityId };
    case 'updateWorkflow':
    case 'removeWorkflow':
      return { workflowId: entityId };
    default:
      return { entityId };
  }
}

/** Reads and appends customisations in `kith_customisation`, in order. */
export const customisationStore = {
  async load(db: SqlExecutor): Promise<Customisation[]> {
    const rows = await db.all('SELECT "seq", "kind", "entity_id", "field_id", "payload", "created_at", "created_by" FROM "kith_customisation" ORDER BY "seq"', []);
    return rows.map(([seq, kind, entityId, fieldId, payload, createdAt, createdBy]) => {
      const body = (typeof payload === 'string' ? JSON.parse(payload) : payload) as Payload;
      return {
        ...body,
        kind,
        ...targetFields(String(kind), entityId),
        ...(fieldId !== null && kind !== 'addField' ? { fieldId } : {}),
        seq: Number(seq),
        createdAt: String(createdAt),
        createdBy: createdBy === null ? null : Number(createdBy),
      } as Customisation;
    });
  },

  /** Stores `change` made at `createdAt` (which the caller keeps too, so memory and table agree); returns its seq. */
  async append(tx: SqlExecutor, change: CustomisationChange, userId: number | null, createdAt = new Date().toISOString()): Promise<number> {
    const { entityId, fieldId } = targetOf(change);
    const { kind, ...rest } = change as CustomisationChange & { entityId?: string; fieldId?: string; roleId?: string; ruleId?: string };
    delete rest.entityId;
    delete rest.fieldId;
    delete rest.roleId;
    delete rest.ruleId;
    const params = new Params(tx.dialect);
    const rows = await tx.all(
      `INSERT INTO "kith_customisation" ("kind", "entity_id", "field_id", "payload", "created_at", "created_by") VALUES (${params.add(kind)}, ${params.add(entityId)}, ${params.add(fieldId)}, ${params.add(JSON.stringify(rest))}, ${params.add(createdAt)}, ${params.add(userId)}) RETURNING "seq"`,
      params.values,
    );
    return Number(rows[0]?.[0]);
  },
};

/** Reads and writes `kith_state` values. */
export const stateStore = {
  async get(db: SqlExecutor, key: string): Promise<string | undefined> {
    const params = new Params(db.dialect);
    const rows = await db.all(`SELECT "value" FROM "kith_state" WHERE "key" = ${params.add(key)}`, params.values);
    return rows[0] ? String(rows[0][0]) : undefined;
  },
  /** Stores `value` unless the key already has one (first writer wins, e.g. two nodes starting at once). */
  async setIfAbsent(tx: SqlExecutor, key: string, value: string): Promise<void> {
    const params = new Params(tx.dialect);
    await tx.run(`INSERT INTO "kith_state" ("key", "value") VALUES (${params.add(key)}, ${params.add(value)}) ON CONFLICT ("key") DO NOTHING`, params.values);
  },
  async set(tx: SqlExecutor, key: string, value: string): Promise<void> {
    const params = new Params(tx.dialect);
    await tx.run(
      `INSERT INTO "kith_state" ("key", "value") VALUES (${params.add(key)}, ${params.add(value)}) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"`,
      params.values,
    );
  },
};
