import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KithError } from '../errors/index.js';
import type { InitialUser } from './initial-users.js';
import type { PluginEntry } from './plugin-loader.js';

/**
 * What `kith.config.js` exports. Plugins are listed as definitions, module specifiers
 * (resolved from the config's folder) or loader functions — in any order; Kith orders them
 * by their `requires`. A plugin that fails to load is reported in health and left out.
 *
 * ```js
 * export default { plugins: [sales, '@acme/kith-plugin-erp', () => import('./plugins/mine.js')] };
 * ```
 */
export interface KithConfig {
  readonly plugins?: readonly PluginEntry[];
  /** The demo plugin: loaded with its sample data unless KITH_DEMO=false. */
  readonly demo?: PluginEntry;
  /** The demo's people, created with the demo on a first start. */
  readonly demoUsers?: readonly InitialUser[];
}

/** A loaded config and the folder its relative plugin specifiers resolve from. */
export interface LoadedConfig extends KithConfig {
  readonly dir: string;
}

const NAMES = ['kith.config.js', 'kith.config.mjs'];

/** Loads `kith.config.js` from `cwd` (none → no plugins). */
export async function loadConfig(cwd = process.cwd()): Promise<LoadedConfig> {
  const file = NAMES.map((n) => resolve(cwd, n)).find((f) => existsSync(f));
  if (!file) return { dir: resolve(cwd) };
  let config: unknown;
  try {
    config = ((await import(pathToFileURL(file).href)) as { default?: unknown }).default ?? {};
  } catch (error) {
    throw new KithError({ code: 'KITH_CONFIG_INVALID', status: 500, message: `Could not load ${file}: ${(error as Error).message}. Run "pnpm build" if it imports built packages.`, cause: error });
  }
  const plugins = (config as { plugins?: unknown }).plugins;
  if (typeof config !== 'object' || config === null || (plugins !== undefined && !Array.isArray(plugins))) {
    throw new KithError({ code: 'KITH_CONFIG_INVALID', status: 500, field: 'plugins', message: `${file} must export an object whose "plugins" is a list (definitions, module names or () => import(…) functions).` });
  }
  return { ...(config as KithConfig), dir: dirname(file) };
}
