import type { PluginDefinition } from '@kith/sdk';
import { Errors, type ErrorDetail } from '../errors/index.js';
import { failureOf, type PluginFailure } from './dependency-graph.js';
import { resolvePluginModule } from './resolve-plugin-module.js';

/** A function that imports a plugin module (or returns a definition): `() => import('./my-plugin.js')`. */
export type PluginLoader = () => unknown;

/**
 * A plugin as kith.config.js (or createApp) lists it: a definition, a module specifier
 * resolved from the config's folder (`'@acme/kith-plugin-x'`, `'./plugins/mine.js'`), or a
 * loader function. A module's default export (or the module itself) must be a definePlugin result.
 */
export type PluginEntry = PluginDefinition | string | PluginLoader;

/** What loading one entry gave: its definition, or a failure naming it as best we can. */
export type PluginLoadOutcome =
  | { readonly ok: true; readonly plugin: PluginDefinition }
  | { readonly ok: false; readonly failure: PluginFailure; /** The plugin id, when the failure revealed it. */ readonly id?: string };

/**
 * Loads every entry at once, each on its own: a module that fails to import, exports something
 * that is not a plugin definition, or whose definePlugin threw is a failure, never a thrown error.
 */
export async function loadPlugins(entries: readonly PluginEntry[], baseDir: string): Promise<PluginLoadOutcome[]> {
  return Promise.all(entries.map((entry, index) => loadOne(entry, index, baseDir)));
}

async function loadOne(entry: PluginEntry, index: number, baseDir: string): Promise<PluginLoadOutcome> {
  const name = typeof entry === 'string' ? entry : typeof entry === 'function' ? loaderName(entry, index) : typeof entry?.id === 'string' ? entry.id : `plugins[${index}]`;
  let loaded: unknown;
  try {
    loaded = typeof entry === 'string' ? await import(resolvePluginModule(entry, baseDir)) : typeof entry === 'function' ? await entry() : entry;
  } catch (error) {
    if (isDefinitionError(error)) return definitionFailure(name, error);
    return { ok: false, failure: failureOf(name, Errors.pluginLoadFailed(`"${name}"`, error)) };
  }
  const plugin = definitionIn(loaded);
  if (plugin) return { ok: true, plugin };
  return { ok: false, failure: failureOf(name, Errors.pluginInvalid(`"${name}"`, `it exports no plugin definition (expected "export default definePlugin({ … })"; found ${describe(loaded)}).`)) };
}

/** A definePlugin result: the value itself, its default export, or a CommonJS build's `default.default`. */
function definitionIn(value: unknown): PluginDefinition | undefined {
  for (let v = value, depth = 0; depth < 3 && typeof v === 'object' && v !== null; v = (v as { default?: unknown }).default, depth++) {
    if (isPluginDefinition(v)) return v;
  }
  return undefined;
}

/** The shape definePlugin returns — frozen, so a hand-made look-alike that skipped its checks is refused. */
function isPluginDefinition(value: unknown): value is PluginDefinition {
  if (typeof value !== 'object' || value === null || !Object.isFrozen(value)) return false;
  const p = value as Record<string, unknown>;
  return typeof p.id === 'string' && typeof p.version === 'string' && typeof p.requires === 'object' && p.requires !== null && Array.isArray(p.entities) && Array.isArray(p.roles);
}

interface DefinitionErrorLike {
  readonly message: string;
  readonly problems: readonly { readonly path: string; readonly message: string }[];
}

/** The SDK's DefinitionError, also from another copy of the SDK. */
function isDefinitionError(error: unknown): error is DefinitionErrorLike {
  return error instanceof Error && error.name === 'DefinitionError' && Array.isArray((error as { problems?: unknown }).problems);
}

/** definePlugin (or a defineEntity inside the module) threw: every problem, under the plugin's id when it says so. */
function definitionFailure(name: string, error: DefinitionErrorLike): PluginLoadOutcome {
  const id = /^plugin "([a-z][a-z0-9-]*)" is invalid/.exec(error.message)?.[1];
  const errors: ErrorDetail[] = error.problems.map((p) => ({ field: p.path, code: 'KITH_DEFINITION_INVALID', message: p.message }));
  // "plugin "x" is invalid" repeats what the message says; "entity "deal" is invalid" tells where.
  const what = id ? '' : `${error.message.split('\n')[0]!.replace(/:$/, '')}: `;
  const failure = failureOf(id ?? name, Errors.pluginInvalid(`"${id ?? name}"`, `${what}${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, errors));
  return { ok: false, failure, ...(id ? { id } : {}) };
}

/** What a loader imports, read from its source (`() => import('./x.js')` → ./x.js), else its position. */
function loaderName(loader: PluginLoader, index: number): string {
  const imported = /import[\w$]*\(\s*(['"`])([^'"`]+)\1/.exec(String(loader))?.[2];
  return imported ?? (loader.name || `plugins[${index}]`);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value !== 'object') return `a ${typeof value}`;
  const keys = Object.keys(value);
  return keys.length > 0 ? `an object with ${keys.slice(0, 8).map((k) => `"${k}"`).join(', ')}` : 'an empty object';
}
