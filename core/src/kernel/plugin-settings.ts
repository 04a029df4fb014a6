import type { PluginDefinition, TObject } from '@kith/sdk';
import { Value } from '@sinclair/typebox/value';
import type { SqlExecutor } from '../data/database.js';
import type { ErrorDetail } from '../errors/index.js';
import { PluginErrors } from './plugin-errors.js';
import './typebox-formats.js';
import { pluginStateStore } from './plugin-state-store.js';

/** A plugin's settings as the API shows them: the values (defaults filled in) and the schema. */
export interface SettingsView {
  readonly plugin: string;
  readonly data: Record<string, unknown>;
  /** The JSON Schema of the settings; null when the plugin has none. */
  readonly schema: unknown;
  /** What no longer fits the schema (after an upgrade changed it); absent when they fit. */
  readonly problems?: readonly ErrorDetail[];
}

type Plugin = Pick<PluginDefinition, 'id' | 'settings'>;

/**
 * Each plugin's settings, one JSON object in `kith_state`, validated against the plugin's
 * TypeBox schema on every write (a 400 names each field that does not fit); reads fill in the
 * schema's defaults, so a setting added in an upgrade has its default at once.
 */
export const pluginSettings = {
  /** The settings and schema, with the problems of stored values that no longer fit. */
  async view(db: SqlExecutor, plugin: Plugin): Promise<SettingsView> {
    const data = withDefaults(plugin.settings, await stored(db, plugin.id));
    const problems = plugin.settings ? problemsOf(plugin.settings, data) : [];
    return { plugin: plugin.id, data, schema: plugin.settings ? JSON.parse(JSON.stringify(plugin.settings)) : null, ...(problems.length > 0 ? { problems } : {}) };
  },

  /** The settings for plugin code: refused (409) while the stored values do not fit the schema. */
  async get(db: SqlExecutor, plugin: Plugin): Promise<Record<string, unknown>> {
    const view = await this.view(db, plugin);
    if (view.problems) throw PluginErrors.storedSettingsInvalid(plugin.id, view.problems);
    return view.data;
  },

  /** Replaces the settings after checking them; returns them with defaults filled in. */
  async set(tx: SqlExecutor, plugin: Plugin, value: unknown): Promise<Record<string, unknown>> {
    const checked = check(plugin, value);
    await pluginStateStore.set(tx, plugin.id, 'settings', checked);
    return checked;
  },
};

/** The settings `value` would be, or a 400 naming every field that does not fit. */
function check(plugin: Plugin, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw PluginErrors.settingsInvalid(plugin.id, [{ code: 'KITH_PLUGIN_SETTINGS_INVALID', message: 'settings are a JSON object' }]);
  }
  const known = new Set(Object.keys(plugin.settings?.properties ?? {}));
  const unknown: ErrorDetail[] = Object.keys(value)
    .filter((k) => !known.has(k))
    .map((k) => ({ field: k, code: 'KITH_PLUGIN_SETTINGS_INVALID', message: `"${k}" is not a setting of plugin "${plugin.id}"${known.size > 0 ? `; its settings are ${[...known].map((n) => `"${n}"`).join(', ')}` : ' (it has none)'}` }));
  const data = withDefaults(plugin.settings, value as Record<string, unknown>);
  const problems = [...unknown, ...(plugin.settings ? problemsOf(plugin.settings, data) : [])];
  if (problems.length > 0) throw PluginErrors.settingsInvalid(plugin.id, problems);
  return data;
}

async function stored(db: SqlExecutor, id: string): Promise<Record<string, unknown>> {
  const value = await pluginStateStore.get(db, id, 'settings');
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function withDefaults(schema: TObject | undefined, value: Record<string, unknown>): Record<string, unknown> {
  return schema ? (Value.Default(schema, Value.Clone(value)) as Record<string, unknown>) : { ...value };
}

/** Every field of `value` that does not fit `schema`, once per field, named by its dotted path. */
function problemsOf(schema: TObject, value: unknown): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const error of Value.Errors(schema, value)) {
    const field = error.path.split('/').filter(Boolean).join('.') || '(settings)';
    if (seen.has(field)) continue;
    seen.add(field);
    problems.push({ field, code: 'KITH_PLUGIN_SETTINGS_INVALID', message: `${field}: ${error.message}` });
  }
  return problems;
}
