import { existsSync } from 'node:fs';
import type { Database } from '../data/database.js';
import { parseDatabaseUrl } from '../data/database-url.js';
import { openPostgresDatabase } from '../data/postgres-database.js';
import { openSqliteDatabase } from '../data/sqlite-database.js';
import { customisationStore } from '../metadata/customisation-store.js';
import type { Customisation } from '../metadata/customisation.js';
import { resolvePlugins, type PluginFailure } from './dependency-graph.js';
import { loadPlugins, type PluginEntry } from './plugin-loader.js';
import { pluginStateStore, type PluginSnapshot, type PluginStatePart } from './plugin-state-store.js';
import { pluginStore, type StoredPlugin } from './plugin-store.js';
import { planUpgrade, type UpgradePlan } from './plugin-upgrade-plan.js';

/** Every plan `kith plugin upgrade --plan` shows, and the plugins that would not start at all. */
export interface UpgradePlans {
  readonly plans: readonly UpgradePlan[];
  readonly failures: readonly PluginFailure[];
}

/**
 * What starting the configured plugins would do to the installed ones — versions, migrations,
 * fields added, removed, renamed and retyped, the customisation conflicts — read without touching
 * anything: no schema sync, no write (a SQLite file that does not exist is not created).
 */
export async function readUpgradePlans(databaseUrl: string, entries: readonly PluginEntry[], baseDir: string): Promise<UpgradePlans> {
  const target = parseDatabaseUrl(databaseUrl);
  const outcomes = await loadPlugins(entries, baseDir);
  const definitions = outcomes.flatMap((o) => (o.ok ? [o.plugin] : []));
  const loadFailures = outcomes.flatMap((o) => (o.ok ? [] : [o.failure]));
  let stored = new Map<string, StoredPlugin>();
  let states = new Map<string, Partial<Record<PluginStatePart, unknown>>>();
  let customisations: Customisation[] = [];
  if (target.dialect === 'postgresql' || (target.file !== ':memory:' && existsSync(target.file))) {
    const db: Database = target.dialect === 'sqlite' ? openSqliteDatabase(target.file) : await openPostgresDatabase(target.url, target.schema, 2);
    try {
      // A database Kith never started on has no kith_* tables: then nothing is installed.
      stored = await orEmpty(pluginStore.list(db.reader), stored);
      states = await orEmpty(pluginStateStore.load(db.reader), states);
      customisations = await orEmpty(customisationStore.load(db.reader), customisations);
    } finally {
      await db.close();
    }
  }
  const disabled = new Set([...stored.values()].filter((s) => s.state === 'disabled').map((s) => s.id));
  const resolved = resolvePlugins(definitions, { disabled });
  const plans = resolved.order.map((plugin) =>
    planUpgrade({ plugin, installed: stored.get(plugin.id)?.version ?? null, snapshot: states.get(plugin.id)?.definition as PluginSnapshot | undefined, running: resolved.order, customisations }),
  );
  return { plans, failures: [...loadFailures, ...resolved.failures] };
}

async function orEmpty<T>(read: Promise<T>, empty: T): Promise<T> {
  try {
    return await read;
  } catch {
    return empty;
  }
}
