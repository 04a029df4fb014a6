import type { Actor } from '../data/actor.js';
import type { SqlExecutor } from '../data/database.js';
import type { RecordRow } from '../data/row-mapper.js';
import { createChanges, updateChanges, type AuditAction, type AuditedEntity, type FieldChange } from './audit-changes.js';
import { auditStore, type NewAuditEntry } from './audit-store.js';

/** The entity an entry is about: its name and fields. */
export type AuditTarget = AuditedEntity & { readonly name: string };

function entry(entity: AuditTarget, recordId: number, action: AuditAction, actor: Actor, at: string, changes: readonly FieldChange[]): NewAuditEntry {
  return { at, entity: entity.name, recordId, action, userId: actor.userId, tokenId: actor.tokenId ?? null, channel: actor.channel, changes };
}

/**
 * Who changed what, written by the record writer in the transaction of the write itself:
 * the entry commits with the change or not at all, and a failed audit insert rolls the write
 * back. Validation errors and version conflicts throw before these run, so they leave no entry.
 */
export const auditLog = {
  /** One entry per created record (a bulk create is one multi-row insert). */
  async created(tx: SqlExecutor, entity: AuditTarget, records: readonly RecordRow[], actor: Actor, at: string): Promise<void> {
    await auditStore.append(tx, records.map((r) => entry(entity, r.id as number, 'create', actor, at, createChanges(entity, r))));
  },

  /** An update: the fields whose stored value changed, with old and new values. */
  async updated(tx: SqlExecutor, entity: AuditTarget, before: RecordRow, after: RecordRow, actor: Actor): Promise<void> {
    await auditStore.append(tx, [entry(entity, after.id as number, 'update', actor, String(after.updatedAt), updateChanges(entity, before, after))]);
  },

  /** A soft delete (no field changes: the values stay stored and restorable). */
  async deleted(tx: SqlExecutor, entity: AuditTarget, recordId: number, actor: Actor, at: string): Promise<void> {
    await auditStore.append(tx, [entry(entity, recordId, 'delete', actor, at, [])]);
  },

  /** A restore (no field changes). */
  async restored(tx: SqlExecutor, entity: AuditTarget, restored: RecordRow, actor: Actor): Promise<void> {
    await auditStore.append(tx, [entry(entity, restored.id as number, 'restore', actor, String(restored.updatedAt), [])]);
  },
};
