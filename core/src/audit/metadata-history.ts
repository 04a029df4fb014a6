import type { SqlExecutor } from '../data/database.js';
import { Params } from '../data/sql.js';

/** One stored customisation as the metadata history shows it. */
export interface MetadataHistoryEntry {
  readonly seq: number;
  readonly kind: string;
  /** The entity (or, for a role change, the role) it targets. */
  readonly entityId: string;
  readonly fieldId: string | null;
  readonly createdAt: string;
  readonly createdBy: number | null;
  /** The change itself, as stored (e.g. the added field's definition). */
  readonly change: unknown;
}

/**
 * Metadata and permission changes are customisations, appended to `kith_customisation` in
 * the transaction that makes them, with who and when: that table is their audit log. This
 * reads it newest first, below `before` (a seq) when given; `limit + 1` rows tell whether
 * more follow. Kinds are passed through as stored, so new kinds show up without a change here.
 */
export async function metadataHistory(db: SqlExecutor, limit: number, before: number | undefined): Promise<MetadataHistoryEntry[]> {
  const params = new Params(db.dialect);
  const where = before === undefined ? '' : ` WHERE "seq" < ${params.add(before)}`;
  const rows = await db.all(
    `SELECT "seq", "kind", "entity_id", "field_id", "payload", "created_at", "created_by" FROM "kith_customisation"${where} ORDER BY "seq" DESC LIMIT ${limit + 1}`,
    params.values,
  );
  return rows.map(([seq, kind, entityId, fieldId, payload, createdAt, createdBy]) => ({
    seq: Number(seq),
    kind: String(kind),
    entityId: String(entityId),
    fieldId: fieldId === null ? null : String(fieldId),
    createdAt: String(createdAt),
    createdBy: createdBy === null ? null : Number(createdBy),
    change: typeof payload === 'string' ? (JSON.parse(payload) as unknown) : payload,
  }));
}
