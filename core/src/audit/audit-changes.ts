/** What happened to a record (`erase` and `anonymise` are personal-data requests, see privacy/). */
export type AuditAction = 'create' | 'update' | 'delete' | 'restore' | 'erase' | 'anonymise';

/** One changed field: its stored value before and after (both null when the field is not audited). */
export interface FieldChange {
  readonly field: string;
  readonly old: unknown;
  readonly new: unknown;
  /** The field is marked `audited: false`: that it changed is recorded, its values are not. */
  readonly redacted?: true;
}

/** The part of a compiled entity the change computation reads (plain data, so it is easy to test). */
export interface AuditedEntity {
  readonly fields: readonly { readonly name: string; readonly def: { readonly audited?: boolean } }[];
}

type StoredRow = Readonly<Record<string, unknown>>;

function change(audited: boolean, field: string, old: unknown, next: unknown): FieldChange {
  return audited ? { field, old, new: next } : { field, old: null, new: null, redacted: true };
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined;
}

/** A create: every field the stored record holds a value for, from null. */
export function createChanges(entity: AuditedEntity, created: StoredRow): FieldChange[] {
  const out: FieldChange[] = [];
  for (const { name, def } of entity.fields) {
    const value = created[name];
    if (!isEmpty(value)) out.push(change(def.audited !== false, name, null, value));
  }
  return out;
}

/**
 * An update: the fields whose stored value differs between the row read before the write and
 * the row the write returned (compared as JSON, so composite values compare by content).
 * Computed fields are included: their stored value changed too.
 */
export function updateChanges(entity: AuditedEntity, before: StoredRow, after: StoredRow): FieldChange[] {
  const out: FieldChange[] = [];
  for (const { name, def } of entity.fields) {
    const old = before[name] ?? null;
    const next = after[name] ?? null;
    if (JSON.stringify(old) !== JSON.stringify(next)) out.push(change(def.audited !== false, name, old, next));
  }
  return out;
}

/**
 * The changes a caller may see: those of fields in `readable`, or all when `readable` is
 * undefined (no field restrictions). Changes of unreadable fields are left out entirely, so
 * an entry never reveals a value (or the existence of a field) the caller's role hides.
 */
export function visibleChanges(changes: readonly FieldChange[], readable: ReadonlySet<string> | undefined): FieldChange[] {
  return readable === undefined ? [...changes] : changes.filter((c) => readable.has(c.field));
}
