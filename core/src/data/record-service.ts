import type { ListQuery, RecordInput } from '@kith/sdk';
import { entityAccess, type EntityAccess } from '../acl/entity-access.js';
import { readScopes } from '../acl/read-scope.js';
import { allInScope } from '../acl/write-guard.js';
import { Errors } from '../errors/index.js';
import type { CompiledEntity, CompiledModel } from '../metadata/compile/compiled-types.js';
import type { MetadataRegistry } from '../metadata/registry.js';
import { SYSTEM_ACTOR, type Actor } from './actor.js';
import type { CursorCodec } from './cursor.js';
import type { Database, SqlExecutor } from './database.js';
import { RecordReader, type DeletedState, type RecordPage } from './record-reader.js';
import { MAX_BULK_ROWS, RecordWriter } from './record-writer.js';
import type { RecordRow } from './row-mapper.js';
import type { WriteObserver } from './write-observer.js';

/** Options of a single-record read. */
export interface GetOptions {
  readonly fields?: readonly string[];
  readonly expand?: readonly string[];
}

/**
 * The one path for every read and write of records: the HTTP API, the admin UI, imports,
 * rules and plugins all come through here. It resolves the entity in the current effective
 * model, then delegates to the lean reader and the writer. Writes run in one transaction
 * (pass `tx` to join an outer one).
 */
export class RecordService {
  private readonly reader: RecordReader;
  private readonly writer: RecordWriter;
  private readonly observers: WriteObserver[] = [];

  constructor(
    private readonly db: Database,
    private readonly registry: MetadataRegistry,
    cursors: CursorCodec,
  ) {
    this.reader = new RecordReader(cursors);
    this.writer = new RecordWriter(this.observers);
  }

  /** Adds an observer told of every record write inside its transaction (see WriteObserver). */
  observe(observer: WriteObserver): void {
    this.observers.push(observer);
  }

  /** The compiled entity, or a 404 naming it. */
  entity(name: string, model: CompiledModel = this.registry.model): CompiledEntity {
    const entity = model.entities.get(name);
    if (!entity) throw Errors.entityNotFound(name);
    return entity;
  }

  /** The effective model now (pass it back to read several things from one model). */
  currentModel(): CompiledModel {
    return this.registry.model;
  }

  async list(entityName: string, query: ListQuery, actor: Actor, state: DeletedState = 'live', model: CompiledModel = this.registry.model): Promise<RecordPage> {
    return this.reader.list(this.db.reader, model, this.entity(entityName, model), query, state, readScopes(model, actor));
  }

  async get(entityName: string, id: number, actor: Actor, options: GetOptions = {}, model: CompiledModel = this.registry.model): Promise<RecordRow> {
    const record = await this.reader.get(this.db.reader, model, this.entity(entityName, model), checkId(id), options, readScopes(model, actor));
    if (!record) throw Errors.recordNotFound(entityName, id);
    return record;
  }

  /** A record read inside `tx`, unrestricted (workflows and other system work; never for a caller's request). */
  async getIn(tx: SqlExecutor, entityName: string, id: number): Promise<RecordRow> {
    const model = this.registry.model;
    const record = await this.reader.get(tx, model, this.entity(entityName, model), checkId(id), {}, readScopes(model, SYSTEM_ACTOR));
    if (!record) throw Errors.recordNotFound(entityName, id);
    return record;
  }

  async create(entityName: string, body: RecordInput, actor: Actor, tx?: SqlExecutor): Promise<RecordRow> {
    const [record] = await this.createMany(entityName, [body], actor, tx);
    return record!;
  }

  async bulkCreate(entityName: string, bodies: readonly RecordInput[], actor: Actor, tx?: SqlExecutor): Promise<RecordRow[]> {
    if (!Array.isArray(bodies)) throw Errors.bulkNotArray();
    if (bodies.length > MAX_BULK_ROWS) throw Errors.bulkTooLarge(bodies.length, MAX_BULK_ROWS);
    if (bodies.length === 0) return [];
    return this.createMany(entityName, bodies, actor, tx);
  }

  async update(entityName: string, id: number, body: RecordInput, version: number | undefined, actor: Actor, tx?: SqlExecutor): Promise<RecordRow> {
    const { model, entity, access } = this.target(entityName, actor);
    if (version === undefined) throw Errors.versionRequired(entityName);
    if (!Number.isSafeInteger(version) || version < 1) throw Errors.invalidBody('"version" must be the whole number you read from the record.');
    const { after } = await this.write(tx, (t) => this.writer.update(t, model, entity, checkId(id), body, version, actor, access));
    return this.visible(after, access.readable);
  }

  async delete(entityName: string, id: number, actor: Actor, version?: number, tx?: SqlExecutor): Promise<void> {
    const { model, entity, access } = this.target(entityName, actor);
    await this.write(tx, (t) => this.writer.delete(t, model, entity, checkId(id), actor, version, access));
  }

  async restore(entityName: string, id: number, actor: Actor, tx?: SqlExecutor): Promise<RecordRow> {
    const { model, entity, access } = this.target(entityName, actor);
    return this.visible(await this.write(tx, (t) => this.writer.restore(t, model, entity, checkId(id), actor, access)), access.readable);
  }

  /** For a record's history: the entity and the fields the caller may read, or 404 when the record is out of their reach. */
  async readAccess(entityName: string, id: number, actor: Actor): Promise<{ entity: CompiledEntity; readable: ReadonlySet<string> | undefined }> {
    const { model, entity, access } = this.target(entityName, actor);
    if (!access.read.allowed || !(await allInScope(this.db.reader, model, entity, [checkId(id)], access.read.filter))) throw Errors.recordNotFound(entityName, id);
    return { entity, readable: access.readable };
  }

  private async createMany(entityName: string, bodies: readonly RecordInput[], actor: Actor, tx: SqlExecutor | undefined): Promise<RecordRow[]> {
    const { model, entity, access } = this.target(entityName, actor);
    const created = await this.write(tx, (t) => this.writer.create(t, model, entity, bodies, actor, access));
    return created.map((r) => this.visible(r, access.readable));
  }

  /** The entity and the caller's access to it; an entity they cannot read does not exist for them. */
  private target(entityName: string, actor: Actor): { model: CompiledModel; entity: CompiledEntity; access: EntityAccess } {
    const model = this.registry.model;
    const entity = this.entity(entityName, model);
    const access = entityAccess(model, entity, actor);
    if (!access.read.allowed && !access.create.allowed) throw Errors.entityNotFound(entityName);
    return { model, entity, access };
  }

  /** A record with only the fields the caller may read (system fields always). */
  private visible(record: RecordRow, readable: ReadonlySet<string> | undefined): RecordRow {
    if (!readable) return record;
    const entries = Object.entries(record).filter(([k]) => SYSTEM_NAMES.has(k) || readable.has(k));
    return Object.fromEntries(entries);
  }

  private write<T>(tx: SqlExecutor | undefined, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return tx ? fn(tx) : this.db.transaction(fn);
  }
}

const SYSTEM_NAMES = new Set(['id', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy']);

function checkId(id: unknown): number {
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) throw Errors.invalidId(id);
  return id;
}
