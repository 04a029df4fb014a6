import type { AuditAction, FieldChange } from '../audit/audit-changes.js';
import type { SqlExecutor } from '../data/database.js';
import { Params } from '../data/sql.js';

/** An audit entry as a personal-data export shows it. */
export interface ExportedAuditEntry {
  readonly id: number;
  readonly at: string;
  readonly entity: string;
  readonly recordId: number;
  readonly action: AuditAction;
  readonly userId: number | null;
  readonly tokenId: number | null;
  readonly channel: string;
  readonly changes: readonly FieldChange[];
}

const IDS_PER_QUERY = 500;
const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as FieldChange[];
const nullable = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Every audit entry of the records `ids` of `entity`, oldest first. */
export async function auditEntries(db: SqlExecutor, entity: string, ids: readonly number[]): Promise<ExportedAuditEntry[]> {
  const out: ExportedAuditEntry[] = [];
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    const params = new Params(db.dialect);
    const list = ids.slice(start, start + IDS_PER_QUERY).map((id) => params.add(id)).join(', ');
    const rows = await db.all(
      `SELECT "id", "at", "entity", "record_id", "action", "user_id", "token_id", "channel", "changes" FROM "kith_audit" WHERE "entity" = ${params.add(entity)} AND "record_id" IN (${list}) ORDER BY "id"`,
      params.values,
    );
    for (const [id, at, e, recordId, action, userId, tokenId, channel, changes] of rows) {
      out.push({ id: Number(id), at: new Date(String(at)).toISOString(), entity: String(e), recordId: Number(recordId), action: action as AuditAction, userId: nullable(userId), tokenId: nullable(tokenId), channel: String(channel), changes: parse(changes) });
    }
  }
  return out;
}

/** A change with its values taken out: who changed which field and when stays, the values go. */
const redact = (c: FieldChange): FieldChange => ({ field: c.field, old: null, new: null, redacted: true });

/**
 * Takes the values out of the audit entries of one record: of every field (`'all'`, an
 * erasure) or of the given fields (an anonymisation). The entries themselves stay — who changed
 * the record, when, through which door, and which fields — so the history still adds up.
 * Returns how many entries were rewritten.
 */
export async function scrubAudit(tx: SqlExecutor, entity: string, id: number, fields: ReadonlySet<string> | 'all'): Promise<number> {
  let scrubbed = 0;
  for (const entry of await auditEntries(tx, entity, [id])) {
    const changes = entry.changes.map((c) => (!c.redacted && (fields === 'all' || fields.has(c.field)) ? redact(c) : c));
    if (changes.every((c, i) => c === entry.changes[i])) continue;
    const params = new Params(tx.dialect);
    await tx.run(`UPDATE "kith_audit" SET "changes" = ${params.add(JSON.stringify(changes))} WHERE "id" = ${params.add(entry.id)}`, params.values);
    scrubbed++;
  }
  return scrubbed;
}

/** How many audit entries a scrub of this record would rewrite. */
export async function countScrubbable(db: SqlExecutor, entity: string, id: number, fields: ReadonlySet<string> | 'all'): Promise<number> {
  return (await auditEntries(db, entity, [id])).filter((e) => e.changes.some((c) => !c.redacted && (fields === 'all' || fields.has(c.field)))).length;
}
