import { randomBytes } from 'node:crypto';
import type { Actor } from '../data/actor.js';
import type { Database } from '../data/database.js';
import type { RecordService } from '../data/record-service.js';
import { Errors } from '../errors/index.js';
import { importView, mappingProblems } from './column-plan.js';
import { ImportErrors } from './import-errors.js';
import { mappingShapeProblems, type ImportMapping, type SavedMappingInput } from './import-options.js';
import { stateRows } from './state-rows.js';

/** A mapping saved for reuse. */
export interface SavedMapping extends ImportMapping {
  readonly id: string;
  readonly name: string;
  readonly entity: string;
  readonly createdAt: string;
  readonly createdBy: number | null;
}

const PREFIX = 'import.mapping.';

/**
 * Saved column mappings (`kith_state`, `import.mapping.<id>`), checked against the entity
 * and the saver's permissions when saved, and again by each import that uses them (the
 * metadata may have changed since). Anyone who can import into the entity can use them.
 */
export class MappingStore {
  constructor(
    private readonly db: Database,
    private readonly records: RecordService,
  ) {}

  async save(body: unknown, actor: Actor): Promise<SavedMapping> {
    const shape = mappingShapeProblems(body, true);
    if (shape.length > 0) throw Errors.validationFailed('import mapping', shape);
    const input = body as SavedMappingInput;
    const { name, entity, ...mapping } = input;
    const model = this.records.currentModel();
    const view = importView(model, this.records.entity(entity, model), actor, mapping.dedupe?.onMatch);
    const problems = mappingProblems(view, mapping);
    if (problems.length > 0) throw ImportErrors.mappingInvalid(entity, problems);
    const saved: SavedMapping = { id: randomBytes(9).toString('base64url'), name, entity, ...mapping, createdAt: new Date().toISOString(), createdBy: actor.userId };
    await this.db.transaction((tx) => stateRows.put(tx, PREFIX + saved.id, JSON.stringify(saved)));
    return saved;
  }

  /** The mapping, if the caller can import into its entity; 404 otherwise. */
  async get(id: string, actor: Actor): Promise<SavedMapping> {
    const text = /^[A-Za-z0-9_-]{12}$/.test(id) ? await stateRows.get(this.db.reader, PREFIX + id) : undefined;
    const saved = text === undefined ? undefined : (JSON.parse(text) as SavedMapping);
    if (!saved || !this.usable(saved, actor)) throw ImportErrors.mappingNotFound(id);
    return saved;
  }

  /** The mappings the caller can use, optionally for one entity, by name. */
  async list(actor: Actor, entity?: string): Promise<SavedMapping[]> {
    const all = (await stateRows.values(this.db.reader, PREFIX)).map((t) => JSON.parse(t) as SavedMapping);
    return all.filter((m) => (entity === undefined || m.entity === entity) && this.usable(m, actor)).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  /** Deletes a mapping: its author or an administrator. */
  async remove(id: string, actor: Actor): Promise<void> {
    const saved = await this.get(id, actor);
    if (!actor.isAdmin && saved.createdBy !== actor.userId) throw Errors.forbidden('delete an import mapping someone else saved');
    await this.db.transaction((tx) => stateRows.remove(tx, [PREFIX + id]));
  }

  /** Just the mapping part of a saved one. */
  static mappingOf(saved: SavedMapping): ImportMapping {
    const { id: _id, name: _name, entity: _entity, createdAt: _at, createdBy: _by, ...mapping } = saved;
    return mapping;
  }

  private usable(saved: SavedMapping, actor: Actor): boolean {
    try {
      const model = this.records.currentModel();
      const entity = model.entities.get(saved.entity);
      return entity !== undefined && (importView(model, entity, actor), true);
    } catch {
      return false;
    }
  }
}
