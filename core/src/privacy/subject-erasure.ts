import { auditLog } from '../audit/audit-log.js';
import { auditStore } from '../audit/audit-store.js';
import type { FieldChange } from '../audit/audit-changes.js';
import type { Actor } from '../data/actor.js';
import type { SqlExecutor } from '../data/database.js';
import { derivedFieldsObserver } from '../data/derived-fields-observer.js';
import { refreshFormulas } from '../data/formula-refresh.js';
import type { RecordRow } from '../data/row-mapper.js';
import { Params, quote } from '../data/sql.js';
import type { RecordChange } from '../data/write-observer.js';
import type { CompiledEntity, CompiledModel } from '../metadata/compile/compiled-types.js';
import { searchableEntities } from '../search/search-fields.js';
import { docsOf } from '../search/search-observer.js';
import { searchStore } from '../search/search-store.js';
import { anonymisedRecord } from './anonymise.js';
import { purgeDerivedCopies } from './derived-copies.js';
import { scrubAudit } from './privacy-audit.js';
import { PrivacyErrors } from './privacy-errors.js';
import { MAX_REFERENCING, readReferencing, referencesTo, type Reference, type StoredRecord } from './subject-records.js';

/** The records an erasure removes, and the references to them it clears. */
export interface ErasureTargets {
  /** Records to erase, by entity (the subject and the `alsoErase` records pointing at it). */
  readonly erase: ReadonlyMap<string, readonly StoredRecord[]>;
  /** Records that keep existing but point at an erased record: the reference is cleared. */
  readonly unlink: readonly { readonly ref: Reference; readonly rows: readonly StoredRecord[] }[];
}

const derived = derivedFieldsObserver();
const valueChanges = (entity: CompiledEntity, record: RecordRow): FieldChange[] =>
  entity.fields.filter((f) => record[f.name] !== null && record[f.name] !== undefined).map((f) => ({ field: f.name, old: null, new: null, redacted: true }));

/** The records pointing at `id` through `ref`, or a 409 when there are more than one request takes (never a partial answer). */
async function allReferencing(db: SqlExecutor, ref: Reference, target: CompiledEntity, id: number): Promise<StoredRecord[]> {
  const rows = await readReferencing(db, ref, id);
  if (rows.length >= MAX_REFERENCING) throw PrivacyErrors.tooManyReferences(target.name, id, ref.entity.name, ref.field.name, MAX_REFERENCING);
  return rows;
}

/** The references a plan would clear that are required: an erasure must not leave them empty. */
export function requiredReferences(targets: ErasureTargets): { entity: string; field: string; records: number }[] {
  return targets.unlink.filter((u) => u.ref.field.def.required).map((u) => ({ entity: u.ref.entity.name, field: u.ref.field.name, records: u.rows.length }));
}

/** Works out what erasing `subject` touches: the records erased with it (`alsoErase` entities) and the references left to clear. */
export async function erasureTargets(db: SqlExecutor, model: CompiledModel, entity: CompiledEntity, subject: StoredRecord, alsoErase: readonly string[]): Promise<ErasureTargets> {
  const erase = new Map<string, StoredRecord[]>([[entity.name, [subject]]]);
  for (const ref of referencesTo(model, entity)) {
    if (!alsoErase.includes(ref.entity.name)) continue;
    const rows = await allReferencing(db, ref, entity, subject.record.id as number);
    const list = erase.get(ref.entity.name) ?? [];
    for (const r of rows) if (!list.some((x) => x.record.id === r.record.id)) list.push(r);
    erase.set(ref.entity.name, list);
  }
  const unlink: { ref: Reference; rows: StoredRecord[] }[] = [];
  for (const [name, rows] of erase) {
    const target = model.entities.get(name)!;
    for (const ref of referencesTo(model, target)) {
      const erased = new Set((erase.get(ref.entity.name) ?? []).map((r) => r.record.id));
      const found = new Map<unknown, StoredRecord>();
      for (const row of rows) for (const r of await allReferencing(db, ref, target, row.record.id as number)) if (!erased.has(r.record.id)) found.set(r.record.id, r);
      if (found.size > 0) unlink.push({ ref, rows: [...found.values()] });
    }
  }
  return { erase, unlink };
}

/**
 * Erases: clears every reference to the erased records (each cleared reference is an ordinary
 * audited update of the record that held it), takes the values out of the erased records'
 * audit entries, writes one `erase` entry per record naming the fields it held (no values),
 * removes notifications, jobs and search rows about them and the step data of their workflow
 * runs, deletes the rows for good, and recomputes the roll-ups and formulas that depended on
 * them. One transaction: all of it happens, or none. Workflows are not triggered: an erasure
 * is not a delete that should set off emails with the data being erased.
 */
export async function applyErasure(tx: SqlExecutor, model: CompiledModel, targets: ErasureTargets, actor: Actor): Promise<{ scrubbedEntries: number }> {
  const now = new Date().toISOString();
  for (const { ref, rows } of targets.unlink) {
    const column = ref.field.columns[0]!.name;
    const changes: RecordChange[] = [];
    for (const { record } of rows) {
      const p = new Params(tx.dialect);
      await tx.run(`UPDATE ${quote(ref.entity.table)} SET ${quote(column)} = NULL, "version" = "version" + 1, "updated_at" = ${p.add(now)}, "updated_by" = ${p.add(actor.userId)} WHERE "id" = ${p.add(record.id)}`, p.values);
      const after = { ...record, [ref.field.name]: null, version: (record.version as number) + 1, updatedAt: now, updatedBy: actor.userId };
      await auditLog.updated(tx, ref.entity, record, after, actor);
      changes.push({ op: 'update', before: record, after });
    }
    // Formulas that read through the cleared relation (a contact's name copied onto an activity) lose the value.
    const refreshed = await refreshFormulas(tx, model, ref.entity, changes.map((c) => c.after!));
    await derived.afterWrite({ tx, model, entity: ref.entity, actor, changes: [...changes, ...refreshed] });
  }
  const store = searchStore(tx.dialect);
  let scrubbedEntries = 0;
  for (const [name, rows] of targets.erase) {
    const entity = model.entities.get(name)!;
    const ids = rows.map((r) => r.record.id as number);
    for (const { record } of rows) {
      const id = record.id as number;
      scrubbedEntries += await scrubAudit(tx, name, id, 'all');
      await auditStore.append(tx, [{ at: now, entity: name, recordId: id, action: 'erase', userId: actor.userId, tokenId: actor.tokenId ?? null, channel: actor.channel, changes: valueChanges(entity, record) }]);
      await purgeDerivedCopies(tx, name, id);
    }
    await store.removeRecords(tx, name, ids);
    for (let start = 0; start < ids.length; start += 500) {
      const p = new Params(tx.dialect);
      await tx.run(`DELETE FROM ${quote(entity.table)} WHERE "id" IN (${ids.slice(start, start + 500).map((id) => p.add(id)).join(', ')})`, p.values);
    }
    // Parents' roll-ups over the erased records (deleted ones never counted).
    const live = rows.filter((r) => r.deletedAt === null).map((r): RecordChange => ({ op: 'delete', before: r.record, after: undefined }));
    if (live.length > 0) await derived.afterWrite({ tx, model, entity, actor, changes: live });
  }
  return { scrubbedEntries };
}

/**
 * Anonymises: clears the personal fields of the record (see anonymise.ts) in place, refreshes
 * its formulas and whatever reads them, takes the old values of those fields out of its audit
 * entries, writes one `anonymise` entry naming the cleared fields (no values), refreshes its
 * search rows and removes the notifications, jobs and run data about it.
 */
export async function applyAnonymisation(tx: SqlExecutor, model: CompiledModel, entity: CompiledEntity, subject: StoredRecord, actor: Actor): Promise<{ cleared: string[]; scrubbedEntries: number }> {
  const now = new Date().toISOString();
  const before = subject.record;
  const { after: cleared, cleared: fields } = anonymisedRecord(entity, before);
  const after: RecordRow = { ...cleared, version: (before.version as number) + 1, updatedAt: now, updatedBy: actor.userId };
  const p = new Params(tx.dialect);
  const sets = fields.flatMap((field) => {
    const value = after[field.name];
    const parts = value === null || value === undefined ? field.columns.map(() => null) : field.type.toColumns(field.def, value);
    return field.columns.map((c, i) => `${quote(c.name)} = ${p.add(c.codec.toDb(parts[i] ?? null))}`);
  });
  sets.push(`"version" = "version" + 1`, `"updated_at" = ${p.add(now)}`, `"updated_by" = ${p.add(actor.userId)}`);
  await tx.run(`UPDATE ${quote(entity.table)} SET ${sets.join(', ')} WHERE "id" = ${p.add(before.id)}`, p.values);
  const refreshed = await refreshFormulas(tx, model, entity, [after]);
  const final = refreshed[0]?.after ?? after;
  const touched = new Set([...fields.map((f) => f.name), ...entity.fields.filter((f) => f.def.type === 'computed').map((f) => f.name)]);
  const scrubbedEntries = await scrubAudit(tx, entity.name, before.id as number, touched);
  await auditStore.append(tx, [{ at: now, entity: entity.name, recordId: before.id as number, action: 'anonymise', userId: actor.userId, tokenId: actor.tokenId ?? null, channel: actor.channel, changes: fields.map((f) => ({ field: f.name, old: null, new: null, redacted: true })) }]);
  await purgeDerivedCopies(tx, entity.name, before.id as number);
  const searchable = searchableEntities(model).get(entity.name);
  if (searchable) {
    const store = searchStore(tx.dialect);
    await store.removeRecords(tx, entity.name, [before.id as number]);
    if (subject.deletedAt === null) await store.insert(tx, docsOf(searchable, final));
  }
  if (subject.deletedAt === null) await derived.afterWrite({ tx, model, entity, actor, changes: [{ op: 'update', before, after: final }] });
  return { cleared: fields.map((f) => f.name), scrubbedEntries };
}
