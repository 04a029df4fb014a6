import type { EntitySchema, MikroORM } from '@mikro-orm/core';
import type { DatabaseTarget } from './database-url.js';

/** What a schema sync did. */
export interface SyncResult {
  /** The DDL that was run (empty when the database already matched). */
  readonly sql: string;
  readonly durationMs: number;
}

/**
 * MikroORM's part of Kith: it turns the EntitySchemas compiled from metadata into a schema
 * diff and applies it. Additive only (`safe`): columns and tables are never dropped here;
 * destructive changes go through the field-removal path, which archives data first.
 *
 * Each sync builds a fresh MikroORM on the first instance's connection pool (cheap: ~15–25 ms)
 * because MikroORM caches compiled metadata per instance (STACK.md).
 */
export class SchemaManager {
  private constructor(
    private readonly target: DatabaseTarget,
    private readonly first: MikroORM,
    private readonly exclusive: <T>(fn: () => Promise<T>) => Promise<T>,
  ) {}

  /**
   * Connects MikroORM to the target (no entities yet). DDL runs through `exclusive`, so on
   * SQLite it never interleaves with this process's write transactions, and MikroORM's own
   * connection waits for another process's lock instead of failing at once.
   */
  static async open(target: DatabaseTarget, exclusive: <T>(fn: () => Promise<T>) => Promise<T>): Promise<SchemaManager> {
    const orm = await initOrm(target, [], undefined);
    if (target.dialect === 'sqlite') await orm.em.getConnection().execute('PRAGMA busy_timeout = 10000');
    return new SchemaManager(target, orm, exclusive);
  }

  /** The DDL that would bring the database to `schemas`, without running it. */
  async plan(schemas: EntitySchema[]): Promise<string> {
    const orm = await initOrm(this.target, schemas, this.first);
    return orm.schema.getUpdateSchemaSQL({ safe: true, dropTables: false, wrap: false });
  }

  /** Brings the database to `schemas` (additive changes only). */
  async sync(schemas: EntitySchema[]): Promise<SyncResult> {
    const started = performance.now();
    const orm = await initOrm(this.target, schemas, this.first);
    return this.exclusive(async () => {
      const sql = await orm.schema.getUpdateSchemaSQL({ safe: true, dropTables: false, wrap: false });
      if (sql.trim() !== '') await orm.schema.execute(sql, { wrap: true });
      return { sql, durationMs: performance.now() - started };
    });
  }

  /** Closes the shared connection pool. */
  async close(): Promise<void> {
    await this.first.close(true);
  }
}

type ComparatorModule = { SchemaComparator: { prototype: { detectColumnRenamings: (...args: unknown[]) => void } } };

/**
 * MikroORM's diff guesses that a dropped column plus an added column of the same type is a
 * rename, and renames it. For Kith that would move a client's data into a new, unrelated
 * field (a plugin drops `legacy_score` and adds `score`). Columns are only ever renamed by
 * Kith's explicit archive step, so the guess is switched off on the comparator the driver uses.
 */
function neverGuessRenames(module: ComparatorModule): void {
  module.SchemaComparator.prototype.detectColumnRenamings = () => undefined;
}

/**
 * Tables Kith creates itself, outside the EntitySchemas: the full-text index (core/src/search).
 * The diff must not read them: FTS5's shadow tables have untyped columns, which MikroORM's
 * SQLite introspection cannot map (it throws), and no diff should ever touch them anyway.
 */
const UNMANAGED_TABLES = [/^kith_search/];

async function initOrm(target: DatabaseTarget, entities: EntitySchema[], reuse: MikroORM | undefined): Promise<MikroORM> {
  const common = {
    entities,
    discovery: { warnWhenNoEntities: false, requireEntitiesArray: false },
    allowGlobalContext: true,
    debug: false,
    schemaGenerator: { skipTables: UNMANAGED_TABLES },
    ...(reuse ? { driverOptions: (reuse.em.getConnection() as unknown as { getKnex(): Record<string, unknown> }).getKnex() } : {}),
  };
  if (target.dialect === 'sqlite') {
    const driver = await import('@mikro-orm/libsql');
    neverGuessRenames(driver as unknown as ComparatorModule);
    return driver.MikroORM.init({ ...common, dbName: target.file });
  }
  const driver = await import('@mikro-orm/postgresql');
  neverGuessRenames(driver as unknown as ComparatorModule);
  const ignoreSchema = reuse ? await otherSchemas(reuse, target.schema) : [];
  return driver.MikroORM.init({
    ...common,
    clientUrl: target.url,
    schema: target.schema,
    pool: { min: 0, max: 2 },
    schemaGenerator: { ignoreSchema, skipTables: UNMANAGED_TABLES },
  });
}

/**
 * Every other schema of the database. MikroORM's introspection reads the columns, indexes and
 * keys of every table in the database before it diffs the one schema Kith owns; in a shared
 * database with 3,000 tables elsewhere, one diff took over two minutes. Listing the other
 * schemas as ignored keeps the diff to Kith's own tables.
 */
async function otherSchemas(orm: MikroORM, own: string): Promise<string[]> {
  const rows: { nspname: string }[] = await orm.em
    .getConnection()
    .execute(
      "select nspname from pg_namespace where nspname <> ? and nspname not like 'pg\\_%' and nspname <> 'information_schema'",
      [own],
    );
  return rows.map((r) => r.nspname);
}
