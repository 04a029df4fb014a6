import type { SqlExecutor } from '../data/database.js';
import { Params } from '../data/sql.js';

/** What `kith_plugin` holds: `disabled` is an administrator's choice; `enabled`/`failed` the last start's outcome. */
export type StoredPluginState = 'enabled' | 'disabled' | 'failed';

/** One row of `kith_plugin`: a plugin installed on this database. */
export interface StoredPlugin {
  readonly id: string;
  /** The version installed (upgrades move it). */
  readonly version: string;
  readonly state: StoredPluginState;
  readonly installedAt: string;
  readonly seededAt: string | null;
}

const asState = (value: unknown): StoredPluginState => (value === 'disabled' || value === 'failed' ? value : 'enabled');
const iso = (value: unknown) => new Date(String(value)).toISOString();

/** The installed plugins in `kith_plugin` (a row exists from a plugin's first successful start). */
export const pluginStore = {
  async list(db: SqlExecutor): Promise<Map<string, StoredPlugin>> {
    const rows = await db.all('SELECT "id", "version", "state", "installed_at", "seeded_at" FROM "kith_plugin" ORDER BY "id"', []);
    return new Map(
      rows.map(([id, version, state, installedAt, seededAt]) => [
        String(id),
        { id: String(id), version: String(version), state: asState(state), installedAt: iso(installedAt), seededAt: seededAt === null || seededAt === undefined ? null : iso(seededAt) },
      ]),
    );
  },

  /** Records a first install; another node that got there first wins. */
  async insert(db: SqlExecutor, id: string, version: string, at: string): Promise<void> {
    const p = new Params(db.dialect);
    await db.run(
      `INSERT INTO "kith_plugin" ("id", "version", "state", "installed_at", "seeded_at") VALUES (${p.add(id)}, ${p.add(version)}, 'enabled', ${p.add(at)}, NULL) ON CONFLICT ("id") DO NOTHING`,
      p.values,
    );
  },

  /** Sets the state; false when the plugin has no row. */
  async setState(db: SqlExecutor, id: string, state: StoredPluginState): Promise<boolean> {
    const p = new Params(db.dialect);
    return (await db.run(`UPDATE "kith_plugin" SET "state" = ${p.add(state)} WHERE "id" = ${p.add(id)}`, p.values)) > 0;
  },

  /** Records the last start's outcome, never overriding an administrator's `disabled`. */
  async setOutcome(db: SqlExecutor, id: string, state: 'enabled' | 'failed'): Promise<void> {
    const p = new Params(db.dialect);
    await db.run(`UPDATE "kith_plugin" SET "state" = ${p.add(state)} WHERE "id" = ${p.add(id)} AND "state" <> 'disabled'`, p.values);
  },

  /** Forgets an installed plugin (uninstall); false when it had no row. */
  async remove(db: SqlExecutor, id: string): Promise<boolean> {
    const p = new Params(db.dialect);
    return (await db.run(`DELETE FROM "kith_plugin" WHERE "id" = ${p.add(id)}`, p.values)) > 0;
  },

  async markSeeded(db: SqlExecutor, id: string, at: string): Promise<void> {
    const p = new Params(db.dialect);
    await db.run(`UPDATE "kith_plugin" SET "seeded_at" = ${p.add(at)} WHERE "id" = ${p.add(id)}`, p.values);
  },
};
