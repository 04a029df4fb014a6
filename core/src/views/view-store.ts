import type { Database, SqlExecutor } from '../data/database.js';
import { Params } from '../data/sql.js';

/** What a saved view remembers of a list: columns, filter, sort, and how it is shown. */
export interface ViewConfig {
  readonly columns: readonly string[];
  readonly filter: Readonly<Record<string, unknown>> | null;
  /** Sort keys as the API takes them: `-amount`, `title`. */
  readonly sort: readonly string[];
  /** `list`, or `board` grouped by the select field `groupBy`. */
  readonly layout?: 'list' | 'board';
  readonly groupBy?: string;
}

/** A saved list view: personal (its owner's) or shared with everyone who can read the entity. */
export interface SavedView {
  readonly id: number;
  readonly entity: string;
  readonly name: string;
  readonly ownerId: number;
  readonly shared: boolean;
  readonly config: ViewConfig;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const COLUMNS = '"id", "entity", "name", "owner_id", "shared", "config", "version", "created_at", "updated_at"';

function toView(r: unknown[]): SavedView {
  const [id, entity, name, ownerId, shared, config, version, createdAt, updatedAt] = r;
  return {
    id: Number(id),
    entity: String(entity),
    name: String(name),
    ownerId: Number(ownerId),
    shared: Number(shared) === 1,
    config: JSON.parse(String(config)) as ViewConfig,
    version: Number(version),
    createdAt: String(createdAt),
    updatedAt: String(updatedAt),
  };
}

/**
 * The table is created on first use rather than declared with the system tables: saved views
 * are a feature of the UI's API, and the schema diff never drops a table it does not know.
 */
function createTableSql(dialect: Database['dialect']): string {
  const id = dialect === 'postgresql' ? '"id" SERIAL PRIMARY KEY' : '"id" INTEGER PRIMARY KEY AUTOINCREMENT';
  return `CREATE TABLE IF NOT EXISTS "kith_view" (${id}, "entity" VARCHAR(100) NOT NULL, "name" VARCHAR(200) NOT NULL, "owner_id" INTEGER NOT NULL, "shared" INTEGER NOT NULL DEFAULT 0, "config" TEXT NOT NULL, "version" INTEGER NOT NULL DEFAULT 1, "created_at" VARCHAR(40) NOT NULL, "updated_at" VARCHAR(40) NOT NULL)`;
}

/** SQL over `kith_view`. */
export class ViewStore {
  private ready: Promise<void> | undefined;

  constructor(private readonly db: Database) {}

  /** Creates the table (and its index) once per process; safe when another node already did. */
  private ensure(): Promise<void> {
    // A plain write transaction: on SQLite it already holds the process's one writer lock.
    this.ready ??= this.db
      .transaction(async (tx) => {
        await tx.run(createTableSql(tx.dialect), []);
        await tx.run('CREATE INDEX IF NOT EXISTS "kith_view_entity_idx" ON "kith_view" ("entity", "owner_id")', []);
      })
      .catch((error: unknown) => {
        this.ready = undefined;
        throw error;
      });
    return this.ready;
  }

  private async reader(): Promise<SqlExecutor> {
    await this.ensure();
    return this.db.reader;
  }

  /** The views of `entity` (every entity when undefined) that `userId` owns or that are shared, by name. */
  async visibleTo(userId: number, entity?: string): Promise<SavedView[]> {
    const db = await this.reader();
    const p = new Params(db.dialect);
    const where = [`("owner_id" = ${p.add(userId)} OR "shared" = 1)`, ...(entity !== undefined ? [`"entity" = ${p.add(entity)}`] : [])];
    const rows = await db.all(`SELECT ${COLUMNS} FROM "kith_view" WHERE ${where.join(' AND ')} ORDER BY "name", "id" LIMIT 500`, p.values);
    return rows.map(toView);
  }

  async get(id: number): Promise<SavedView | undefined> {
    const db = await this.reader();
    const p = new Params(db.dialect);
    const rows = await db.all(`SELECT ${COLUMNS} FROM "kith_view" WHERE "id" = ${p.add(id)}`, p.values);
    return rows[0] ? toView(rows[0]) : undefined;
  }

  async add(view: Pick<SavedView, 'entity' | 'name' | 'ownerId' | 'shared' | 'config'>): Promise<SavedView> {
    await this.ensure();
    const now = new Date().toISOString();
    const row = await this.db.transaction(async (tx) => {
      const p = new Params(tx.dialect);
      const values = [view.entity, view.name, view.ownerId, view.shared ? 1 : 0, JSON.stringify(view.config), 1, now, now];
      return tx.all(
        `INSERT INTO "kith_view" ("entity", "name", "owner_id", "shared", "config", "version", "created_at", "updated_at") VALUES (${values.map((v) => p.add(v)).join(', ')}) RETURNING ${COLUMNS}`,
        p.values,
      );
    });
    return toView(row[0]!);
  }

  /** Writes the changes if the stored version is still `version`; undefined when it is not. */
  async update(id: number, version: number, changes: Partial<Pick<SavedView, 'name' | 'shared' | 'config'>>): Promise<SavedView | undefined> {
    await this.ensure();
    const rows = await this.db.transaction(async (tx) => {
      const p = new Params(tx.dialect);
      const sets = [
        ...(changes.name !== undefined ? [`"name" = ${p.add(changes.name)}`] : []),
        ...(changes.shared !== undefined ? [`"shared" = ${p.add(changes.shared ? 1 : 0)}`] : []),
        ...(changes.config !== undefined ? [`"config" = ${p.add(JSON.stringify(changes.config))}`] : []),
        `"version" = "version" + 1`,
        `"updated_at" = ${p.add(new Date().toISOString())}`,
      ];
      return tx.all(`UPDATE "kith_view" SET ${sets.join(', ')} WHERE "id" = ${p.add(id)} AND "version" = ${p.add(version)} RETURNING ${COLUMNS}`, p.values);
    });
    return rows[0] ? toView(rows[0]) : undefined;
  }

  async remove(id: number): Promise<boolean> {
    await this.ensure();
    return this.db.transaction(async (tx) => {
      const p = new Params(tx.dialect);
      return (await tx.run(`DELETE FROM "kith_view" WHERE "id" = ${p.add(id)}`, p.values)) > 0;
    });
  }
}
