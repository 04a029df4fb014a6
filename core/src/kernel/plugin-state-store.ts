import type { EntityDefinition, ExtensionDefinition, PluginDefinition, RoleDefinition, ValidationRuleDefinition } from '@kith/sdk';
import type { SqlExecutor } from '../data/database.js';
import { Params } from '../data/sql.js';
import { stateStore } from '../metadata/customisation-store.js';

/** What Kith keeps per installed plugin in `kith_state` (`plugin:<id>:<part>`). */
export type PluginStatePart = 'settings' | 'definition' | 'upgrade';

/**
 * The metadata of an installed version, as data: an upgrade diffs the new version against it
 * (fields added, removed, renamed, retyped) and an uninstall knows which tables to purge after
 * the plugin left kith.config.js.
 */
export interface PluginSnapshot {
  readonly version: string;
  readonly entities: readonly EntityDefinition[];
  readonly roles: readonly RoleDefinition[];
  readonly rules: readonly ValidationRuleDefinition[];
  readonly extensions: readonly ExtensionDefinition[];
}

/** The snapshot of a definition (plain JSON: no functions, no schemas). */
export function snapshotOf(plugin: PluginDefinition): PluginSnapshot {
  return JSON.parse(
    JSON.stringify({ version: plugin.version, entities: plugin.entities, roles: plugin.roles, rules: plugin.rules ?? [], extensions: plugin.extensions ?? [] }),
  ) as PluginSnapshot;
}

const key = (id: string, part: PluginStatePart) => `plugin:${id}:${part}`;

/** Per-plugin JSON values in `kith_state`: settings, the installed definition, the last upgrade. */
export const pluginStateStore = {
  /** Every plugin's stored parts, by plugin id (one query at start). */
  async load(db: SqlExecutor): Promise<Map<string, Partial<Record<PluginStatePart, unknown>>>> {
    const rows = await db.all(`SELECT "key", "value" FROM "kith_state" WHERE "key" LIKE 'plugin:%'`, []);
    const byPlugin = new Map<string, Partial<Record<PluginStatePart, unknown>>>();
    for (const [k, v] of rows) {
      const match = /^plugin:(.+):(settings|definition|upgrade)$/.exec(String(k));
      if (!match) continue;
      const parts = byPlugin.get(match[1]!) ?? {};
      parts[match[2] as PluginStatePart] = parse(v);
      byPlugin.set(match[1]!, parts);
    }
    return byPlugin;
  },

  async get(db: SqlExecutor, id: string, part: PluginStatePart): Promise<unknown> {
    const value = await stateStore.get(db, key(id, part));
    return value === undefined ? undefined : parse(value);
  },

  async set(tx: SqlExecutor, id: string, part: PluginStatePart, value: unknown): Promise<void> {
    await stateStore.set(tx, key(id, part), JSON.stringify(value));
  },

  /** Forgets every part of a plugin (uninstall). */
  async forget(tx: SqlExecutor, id: string): Promise<void> {
    const p = new Params(tx.dialect);
    await tx.run(`DELETE FROM "kith_state" WHERE "key" IN (${(['settings', 'definition', 'upgrade'] as const).map((part) => p.add(key(id, part))).join(', ')})`, p.values);
  },
};

function parse(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
