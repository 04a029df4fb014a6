import type { Database } from '../data/database.js';
import { quote } from '../data/sql.js';
import type { ErrorDetail } from '../errors/index.js';
import { tableOf } from '../metadata/compile/naming.js';
import type { MetadataRegistry } from '../metadata/registry.js';
import { PluginErrors } from './plugin-errors.js';
import type { PluginHost } from './plugin-host.js';
import { pluginStateStore, type PluginSnapshot } from './plugin-state-store.js';
import { pluginStore, type StoredPlugin } from './plugin-store.js';

/** What an uninstall did. */
export interface UninstallReport {
  readonly plugin: string;
  readonly version: string;
  readonly purged: boolean;
  /** Its tables: dropped with `purge`, otherwise kept with their data. */
  readonly tables: readonly string[];
  /** Fields it added to other plugins' entities (`entity.field`): their columns are kept either way. */
  readonly extensionFields: readonly string[];
  /** Stored customisations of its entities: kept, and reported as conflicts while it is gone. */
  readonly customisations: number;
}

/** What an uninstall works on: the app's database, registry and plugin host. */
export interface UninstallTarget {
  readonly db: Database;
  readonly registry: MetadataRegistry;
  readonly plugins: PluginHost;
}

/**
 * The tables an uninstall of `id` would purge, from the definitions recorded at its install or
 * last upgrade (undefined when none were recorded); refused like the uninstall itself when the
 * plugin is still listed or not installed, so a confirmation is asked only for what can happen.
 */
export async function tablesToPurge(app: UninstallTarget, id: string): Promise<string[] | undefined> {
  await installedOnly(app, id);
  const snapshot = (await pluginStateStore.get(app.db.reader, id, 'definition')) as PluginSnapshot | undefined;
  return snapshot?.entities.map((e) => tableOf(e));
}

/** The `kith_plugin` row of a plugin that left kith.config.js; refused while it is listed or when it is not installed. */
async function installedOnly(app: UninstallTarget, id: string): Promise<StoredPlugin> {
  if (app.plugins.report().some((p) => p.id === id)) throw PluginErrors.stillListed(id);
  const installed = (await pluginStore.list(app.db.reader)).get(id);
  if (!installed) throw PluginErrors.notInstalled(id);
  return installed;
}

/**
 * Uninstalls a plugin that is no longer listed in kith.config.js: forgets its `kith_plugin` row,
 * its settings and recorded definitions, so listing it again installs it afresh. Its tables and
 * data stay — unless `purge`, which drops its entities' tables in the same transaction (refused,
 * with nothing dropped, while anything else still uses them). Customisations of its entities are
 * never deleted: they are reported as conflicts, as for any plugin that left.
 */
export async function uninstallPlugin(app: UninstallTarget, id: string, options: { readonly purge: boolean }): Promise<UninstallReport> {
  const installed = await installedOnly(app, id);
  const snapshot = (await pluginStateStore.get(app.db.reader, id, 'definition')) as PluginSnapshot | undefined;
  if (options.purge && !snapshot) throw PluginErrors.purgeUnknown(id);
  const entities = snapshot?.entities ?? [];
  const tables = entities.map((e) => tableOf(e));
  if (options.purge) {
    const blockers: ErrorDetail[] = [];
    for (const e of app.registry.model.entities.values()) {
      if (tables.includes(e.table)) blockers.push({ field: e.table, code: 'KITH_PLUGIN_PURGE_BLOCKED', message: `table "${e.table}" now belongs to entity "${e.name}" (${e.def.source})` });
    }
    if (blockers.length > 0) throw PluginErrors.purgeBlocked(id, blockers);
  }
  const ids = new Set(entities.map((e) => e.id));
  const names = new Set(entities.map((e) => e.name));
  const customisations = app.registry.stored.filter((c) => (c.kind === 'addRule' ? names.has(c.rule.entity) : 'entityId' in c && ids.has(c.entityId))).length;
  try {
    await app.db.transaction(async (tx) => {
      if (options.purge) for (const table of tables) await tx.run(`DROP TABLE IF EXISTS ${quote(table)}`, []);
      await pluginStore.remove(tx, id);
      await pluginStateStore.forget(tx, id);
    });
  } catch (error) {
    // A table still referenced (a custom relation's foreign key in another table) cannot go.
    throw PluginErrors.purgeBlocked(id, [{ code: 'KITH_PLUGIN_PURGE_BLOCKED', message: error instanceof Error ? error.message : String(error) }]);
  }
  return {
    plugin: id,
    version: installed.version,
    purged: options.purge,
    tables,
    extensionFields: (snapshot?.extensions ?? []).flatMap((x) => x.fields.map((f) => `${x.entity}.${f.name}`)),
    customisations,
  };
}
