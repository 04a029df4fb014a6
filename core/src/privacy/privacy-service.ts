import type { Actor } from '../data/actor.js';
import type { Database } from '../data/database.js';
import { Errors, type ErrorDetail } from '../errors/index.js';
import type { CompiledEntity, CompiledModel } from '../metadata/compile/compiled-types.js';
import { anonymisedRecord } from './anonymise.js';
import { countDerivedCopies, readDerivedCopies } from './derived-copies.js';
import { auditEntries, countScrubbable } from './privacy-audit.js';
import { findMentions, personalValues, type Mention } from './mentions.js';
import { PrivacyErrors } from './privacy-errors.js';
import { applyAnonymisation, applyErasure, erasureTargets, requiredReferences } from './subject-erasure.js';
import { MAX_REFERENCING, readReferencing, readStored, referencesTo, type StoredRecord } from './subject-records.js';

/** What an erasure request asks for. */
export interface ErasureRequest {
  readonly mode: 'erase' | 'anonymise';
  readonly confirm: boolean;
  /** erase: entities whose records pointing at the subject are erased with it (activities with the person). */
  readonly alsoErase: readonly string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const stored = (s: StoredRecord) => ({ ...s.record, deletedAt: s.deletedAt });

/**
 * Personal-data requests about one record (a contact): export everything Kith holds about it,
 * erase it, or anonymise it. For administrators; every read includes deleted records, because
 * "everything we hold" includes what the bin still holds.
 */
export class PrivacyService {
  constructor(
    private readonly db: Database,
    private readonly model: () => CompiledModel,
  ) {}

  /**
   * One JSON document: the record with every field, each record pointing at it through a
   * relation (its deals, its activities), the audit entries of all of those, and the
   * notifications, workflow runs and jobs about the record.
   */
  async export(entityName: string, id: number, actor: Actor): Promise<Record<string, unknown>> {
    const model = this.model();
    const { entity, subject } = await this.subject(model, entityName, id);
    const related: { entity: string; field: string; records: Record<string, unknown>[] }[] = [];
    const audit = await auditEntries(this.db.reader, entity.name, [id]);
    for (const ref of referencesTo(model, entity)) {
      const rows = await readReferencing(this.db.reader, ref, id);
      if (rows.length === 0) continue;
      related.push({ entity: ref.entity.name, field: ref.field.name, records: rows.map(stored), ...(rows.length >= MAX_REFERENCING ? { truncated: true } : {}) });
      audit.push(...(await auditEntries(this.db.reader, ref.entity.name, rows.map((r) => r.record.id as number))));
    }
    return {
      exportedAt: new Date().toISOString(),
      exportedBy: actor.userId,
      subject: { entity: entity.name, id, record: stored(subject) },
      related,
      audit: audit.sort((a, b) => a.id - b.id),
      ...(await readDerivedCopies(this.db.reader, entity.name, id)),
    };
  }

  /** Erases or anonymises; without `confirm: true` answers 409 with the plan of what would change. */
  async erase(entityName: string, id: number, body: unknown, actor: Actor): Promise<Record<string, unknown>> {
    const request = this.read(body);
    const model = this.model();
    const { entity, subject } = await this.subject(model, entityName, id);
    const unknown = request.alsoErase.filter((name) => !referencesTo(model, entity).some((r) => r.entity.name === name));
    if (unknown.length > 0) {
      const choices = [...new Set(referencesTo(model, entity).map((r) => r.entity.name))];
      throw PrivacyErrors.invalid(unknown.map((name) => ({ field: `alsoErase[${request.alsoErase.indexOf(name)}]`, code: 'KITH_PRIVACY_INVALID', message: `"${name}" has no relation to ${entity.name}; records that can be erased with it: ${choices.join(', ') || 'none'}.` })));
    }
    if (request.mode === 'anonymise') {
      const fields = anonymisedRecord(entity, subject.record).cleared.map((f) => f.name);
      const touched = new Set([...fields, ...entity.fields.filter((f) => f.def.type === 'computed').map((f) => f.name)]);
      const mentions: Mention[] = [];
      for (const ref of referencesTo(model, entity)) mentions.push(...findMentions(personalValues(entity, subject.record), ref.entity, await readReferencing(this.db.reader, ref, id)));
      const plan = {
        mode: 'anonymise',
        subject: { entity: entity.name, id },
        clear: fields,
        auditEntriesScrubbed: await countScrubbable(this.db.reader, entity.name, id, touched),
        removed: await countDerivedCopies(this.db.reader, entity.name, id),
        mentions,
      };
      if (!request.confirm) throw PrivacyErrors.confirmationRequired('anonymise', plan);
      const done = await this.db.transaction(async (tx) => {
        const fresh = await readStored(tx, entity, id);
        if (!fresh) throw Errors.recordNotFound(entity.name, id);
        return applyAnonymisation(tx, model, entity, fresh, actor);
      });
      return { ...plan, clear: done.cleared, auditEntriesScrubbed: done.scrubbedEntries, done: true };
    }
    const targets = await erasureTargets(this.db.reader, model, entity, subject, request.alsoErase);
    const blocking = requiredReferences(targets);
    let scrubbable = 0;
    for (const [name, rows] of targets.erase) for (const r of rows) scrubbable += await countScrubbable(this.db.reader, name, r.record.id as number, 'all');
    const plan = {
      mode: 'erase',
      subject: { entity: entity.name, id },
      erase: [...targets.erase].map(([name, rows]) => ({ entity: name, ids: rows.map((r) => r.record.id) })),
      unlink: targets.unlink.map((u) => ({ entity: u.ref.entity.name, field: u.ref.field.name, ids: u.rows.map((r) => r.record.id), required: u.ref.field.def.required === true })),
      auditEntriesScrubbed: scrubbable,
      removed: await countDerivedCopies(this.db.reader, entity.name, id),
      // Records that stay but repeat the person's data in their own text: for the administrator to review.
      mentions: targets.unlink.flatMap((u) => findMentions(personalValues(entity, subject.record), u.ref.entity, u.rows)),
    };
    if (blocking.length > 0) throw PrivacyErrors.requiredReference(entity.name, id, blocking);
    if (!request.confirm) throw PrivacyErrors.confirmationRequired('erase', plan);
    const done = await this.db.transaction(async (tx) => {
      // Read again inside the transaction: what is erased is what is stored now.
      const fresh = await readStored(tx, entity, id);
      if (!fresh) throw Errors.recordNotFound(entity.name, id);
      const now = await erasureTargets(tx, model, entity, fresh, request.alsoErase);
      // A record created since the plan may need the subject too.
      const late = requiredReferences(now);
      if (late.length > 0) throw PrivacyErrors.requiredReference(entity.name, id, late);
      return applyErasure(tx, model, now, actor);
    });
    return { ...plan, auditEntriesScrubbed: done.scrubbedEntries, done: true };
  }

  private async subject(model: CompiledModel, entityName: string, id: number): Promise<{ entity: CompiledEntity; subject: StoredRecord }> {
    const entity = model.entities.get(entityName);
    if (!entity) throw Errors.entityNotFound(entityName);
    const subject = await readStored(this.db.reader, entity, id);
    if (!subject) throw Errors.recordNotFound(entityName, id);
    return { entity, subject };
  }

  private read(body: unknown): ErasureRequest {
    const problems: ErrorDetail[] = [];
    const bad = (field: string, message: string) => problems.push({ field, code: 'KITH_PRIVACY_INVALID', message });
    if (!isObject(body)) throw PrivacyErrors.invalid([{ field: '(body)', code: 'KITH_PRIVACY_INVALID', message: 'Send {"mode":"erase" or "anonymise","confirm":true}.' }]);
    for (const key of Object.keys(body)) if (!['mode', 'confirm', 'alsoErase'].includes(key)) bad(key, `"${key}" is not part of an erasure request; use: mode, confirm, alsoErase.`);
    if (body.mode !== 'erase' && body.mode !== 'anonymise') bad('mode', 'mode is "erase" (delete the record for good) or "anonymise" (keep it, clear its personal fields).');
    if (body.confirm !== undefined && typeof body.confirm !== 'boolean') bad('confirm', 'confirm is true or false.');
    const also = body.alsoErase;
    if (also !== undefined && (!Array.isArray(also) || also.some((e) => typeof e !== 'string') || also.length > 20)) bad('alsoErase', 'alsoErase is a list of entity names, e.g. ["activity"].');
    else if (also !== undefined && body.mode === 'anonymise' && also.length > 0) bad('alsoErase', 'alsoErase goes with mode "erase"; an anonymisation keeps the records pointing at the subject.');
    if (problems.length > 0) throw PrivacyErrors.invalid(problems);
    return { mode: body.mode as ErasureRequest['mode'], confirm: body.confirm === true, alsoErase: (also as string[] | undefined) ?? [] };
  }
}
