import type { Database, SqlExecutor } from '../data/database.js';
import { Params } from '../data/sql.js';
import type { ReportQuery } from './report-input.js';

/** Chart kinds a widget may ask the admin UI for. */
export const CHARTS = ['bar', 'line', 'area', 'pie', 'table', 'number'] as const;
/** One chart kind. */
export type Chart = (typeof CHARTS)[number];

/** A saved report shown as a chart. */
export interface Widget {
  readonly title: string;
  readonly chart: Chart;
  readonly report: ReportQuery;
  /** Grid position and size, in columns and rows of the UI's grid. */
  readonly layout?: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
}

/** A dashboard: widgets, owned by a user, personal or shared with everyone signed in. */
export interface Dashboard {
  readonly id: number;
  readonly name: string;
  readonly description: string | null;
  readonly ownerId: number;
  readonly shared: boolean;
  readonly widgets: readonly Widget[];
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const COLUMNS = '"id", "name", "description", "owner_id", "shared", "widgets", "version", "created_at", "updated_at"';

function toDashboard(r: readonly unknown[]): Dashboard {
  const [id, name, description, ownerId, shared, widgets, version, createdAt, updatedAt] = r;
  return {
    id: Number(id),
    name: String(name),
    description: description === null || description === undefined ? null : String(description),
    ownerId: Number(ownerId),
    shared: shared === true || Number(shared) === 1,
    widgets: (typeof widgets === 'string' ? JSON.parse(widgets) : widgets) as Widget[],
    version: Number(version),
    createdAt: new Date(String(createdAt)).toISOString(),
    updatedAt: new Date(String(updatedAt)).toISOString(),
  };
}

const flag = (db: SqlExecutor, value: boolean) => (db.dialect === 'postgresql' ? value : value ? 1 : 0);

/** SQL over `kith_dashboard` (a system table, see system-tables.ts). */
export class DashboardStore {
  constructor(private readonly db: Database) {}

  /** Dashboards `userId` owns or that are shared, by name. */
  async visibleTo(userId: number): Promise<Dashboard[]> {
    const p = new Params(this.db.dialect);
    const rows = await this.db.reader.all(
      `SELECT ${COLUMNS} FROM "kith_dashboard" WHERE "owner_id" = ${p.add(userId)} OR "shared" = ${p.add(flag(this.db.reader, true))} ORDER BY "name", "id" LIMIT 500`,
      p.values,
    );
    return rows.map(toDashboard);
  }

  async get(id: number): Promise<Dashboard | undefined> {
    const p = new Params(this.db.dialect);
    const rows = await this.db.reader.all(`SELECT ${COLUMNS} FROM "kith_dashboard" WHERE "id" = ${p.add(id)}`, p.values);
    return rows[0] ? toDashboard(rows[0]) : undefined;
  }

  async add(d: Pick<Dashboard, 'name' | 'description' | 'ownerId' | 'shared' | 'widgets'>): Promise<Dashboard> {
    const now = new Date().toISOString();
    const rows = await this.db.transaction(async (tx) => {
      const p = new Params(tx.dialect);
      const values = [d.name, d.description, d.ownerId, flag(tx, d.shared), JSON.stringify(d.widgets), 1, now, now];
      return tx.all(
        `INSERT INTO "kith_dashboard" ("name", "description", "owner_id", "shared", "widgets", "version", "created_at", "updated_at") VALUES (${values.map((v) => p.add(v)).join(', ')}) RETURNING ${COLUMNS}`,
        p.values,
      );
    });
    return toDashboard(rows[0]!);
  }

  /** Writes the changes if the stored version is still `version`; undefined when it is not. */
  async update(id: number, version: number, changes: Partial<Pick<Dashboard, 'name' | 'description' | 'shared' | 'widgets'>>): Promise<Dashboard | undefined> {
    const rows = await this.db.transaction(async (tx) => {
      const p = new Params(tx.dialect);
      const sets = [
        ...(changes.name !== undefined ? [`"name" = ${p.add(changes.name)}`] : []),
        ...(changes.description !== undefined ? [`"description" = ${p.add(changes.description)}`] : []),
        ...(changes.shared !== undefined ? [`"shared" = ${p.add(flag(tx, changes.shared))}`] : []),
        ...(changes.widgets !== undefined ? [`"widgets" = ${p.add(JSON.stringify(changes.widgets))}`] : []),
        `"version" = "version" + 1`,
        `"updated_at" = ${p.add(new Date().toISOString())}`,
      ];
      return tx.all(`UPDATE "kith_dashboard" SET ${sets.join(', ')} WHERE "id" = ${p.add(id)} AND "version" = ${p.add(version)} RETURNING ${COLUMNS}`, p.values);
    });
    return rows[0] ? toDashboard(rows[0]) : undefined;
  }

  async remove(id: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const p = new Params(tx.dialect);
      return (await tx.run(`DELETE FROM "kith_dashboard" WHERE "id" = ${p.add(id)}`, p.values)) > 0;
    });
  }
}
