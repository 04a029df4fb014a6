import type { Channel } from '../data/actor.js';
import type { SqlExecutor } from '../data/database.js';
import { Params, quote } from '../data/sql.js';
import type { AuditAction, FieldChange } from './audit-changes.js';

/** An audit entry as it is written. */
export interface NewAuditEntry {
  readonly at: string;
  readonly entity: string;
  readonly recordId: number;
  readonly action: AuditAction;
  readonly userId: number | null;
  readonly tokenId: number | null;
  readonly channel: Channel;
  readonly changes: readonly FieldChange[];
}

/** An audit entry as the history reads it back. */
export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly action: AuditAction;
  readonly userId: number | null;
  readonly tokenId: number | null;
  readonly channel: Channel;
  readonly changes: readonly FieldChange[];
}

const COLUMNS = ['at', 'entity', 'record_id', 'action', 'user_id', 'token_id', 'channel', 'changes'] as const;
/** Below SQLite's default limit of 32,766 bound parameters (PostgreSQL allows 65,535). */
const MAX_PARAMS_PER_STATEMENT = 30_000;
const ROWS_PER_STATEMENT = Math.floor(MAX_PARAMS_PER_STATEMENT / COLUMNS.length);
const INSERT = `INSERT INTO "kith_audit" (${COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES `;

const nullableNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Reads and appends rows of `kith_audit`. Appends run in the caller's transaction. */
export const auditStore = {
  /** Appends entries in as few statements as the parameter limit allows. */
  async append(tx: SqlExecutor, entries: readonly NewAuditEntry[]): Promise<void> {
    for (let start = 0; start < entries.length; start += ROWS_PER_STATEMENT) {
      const params = new Params(tx.dialect);
      const tuples = entries.slice(start, start + ROWS_PER_STATEMENT).map((e) => {
        const values = [e.at, e.entity, e.recordId, e.action, e.userId, e.tokenId, e.channel, JSON.stringify(e.changes)];
        return `(${values.map((v) => params.add(v)).join(', ')})`;
      });
      await tx.run(INSERT + tuples.join(', '), params.values);
    }
  },

  /** A record's entries newest first, below the audit id `before` when given; `limit + 1` rows tell whether more follow. */
  async page(db: SqlExecutor, entity: string, recordId: number, limit: number, before: number | undefined): Promise<AuditEntry[]> {
    const params = new Params(db.dialect);
    const where = [`"entity" = ${params.add(entity)}`, `"record_id" = ${params.add(recordId)}`];
    if (before !== undefined) where.push(`"id" < ${params.add(before)}`);
    const rows = await db.all(
      `SELECT "id", "at", "action", "user_id", "token_id", "channel", "changes" FROM "kith_audit" WHERE ${where.join(' AND ')} ORDER BY "id" DESC LIMIT ${limit + 1}`,
      params.values,
    );
    return rows.map(([id, at, action, userId, tokenId, channel, changes]) => ({
      id: Number(id),
      at: String(at),
      action: action as AuditAction,
      userId: nullableNumber(userId),
      tokenId: nullableNumber(tokenId),
      channel: channel as Channel,
      changes: (typeof changes === 'string' ? JSON.parse(changes) : changes) as FieldChange[],
    }));
  },

  /** True when the record exists in `table` (live or deleted) or ever had an entry. */
  async recordKnown(db: SqlExecutor, table: string, entity: string, recordId: number): Promise<boolean> {
    const params = new Params(db.dialect);
    const rows = await db.all(
      `SELECT 1 FROM ${quote(table)} WHERE "id" = ${params.add(recordId)}` +
        ` UNION ALL SELECT 1 FROM "kith_audit" WHERE "entity" = ${params.add(entity)} AND "record_id" = ${params.add(recordId)} LIMIT 1`,
      params.values,
    );
    return rows.length > 0;
  },
};
