import type { TObject } from '@sinclair/typebox';
import type { DefinitionProblem } from '../errors/definition-error.js';
import type { DefinitionSource } from '../types/metadata.js';
import type { PluginContext } from '../types/plugin-context.js';
import { normaliseExtensions, type ExtensionDefinition, type ExtensionInput } from './define-extension.js';
import { normaliseMigrations, type MigrationDefinition, type MigrationInput } from './define-migration.js';
import { normaliseRoute, routeKey, type RouteDefinition } from './define-route.js';
import { checkSettingsSchema } from './define-settings.js';

/** The lifecycle hooks a plugin may declare, in the order the core calls them. */
export const LIFECYCLE_HOOKS = ['install', 'start', 'stop'] as const;

/** A lifecycle hook: `install` once on first install (in its transaction), `start` on every start, `stop` on shutdown. */
export type LifecycleHook = (ctx: PluginContext) => Promise<void>;

/** The parts of a plugin definition beyond its metadata, as the author writes them. */
export interface PluginPartsInput {
  /** Fields added to entities of plugins this one requires. */
  extensions?: readonly ExtensionInput[];
  /** HTTP routes under `/api/v1/plugins/<id>`, each in the plugin's own scope (see defineRoute). */
  routes?: readonly RouteDefinition[];
  /** Versioned migrations, run on upgrade between the installed and this version. */
  migrations?: readonly MigrationInput[];
  /** A TypeBox object schema of the plugin's settings (administrators read and change them over the API). */
  settings?: TObject;
  /** Runs once, when the plugin is first installed, in the install transaction. */
  install?: LifecycleHook;
  /** Runs on every start, after every plugin is installed or upgraded (dependencies first). */
  start?: LifecycleHook;
  /** Runs on shutdown, in reverse start order. */
  stop?: LifecycleHook;
}

/** The normalised parts, frozen by definePlugin. */
export interface PluginParts {
  readonly extensions: readonly ExtensionDefinition[];
  readonly routes: readonly RouteDefinition[];
  readonly migrations: readonly MigrationDefinition[];
  readonly settings?: TObject;
}

/** Checks and normalises the parts; `problems` collects every problem, each with its path. */
export function pluginParts(input: PluginPartsInput & { id: unknown; version: unknown }, source: DefinitionSource, problems: DefinitionProblem[]): PluginParts {
  if (typeof input.id === 'string' && input.id.length > 64) problems.push({ path: 'id', message: `"${input.id}" is longer than 64 characters` });
  const extensions = normaliseExtensions(input.extensions, source, problems);
  const routes: RouteDefinition[] = [];
  if (input.routes !== undefined && !Array.isArray(input.routes)) problems.push({ path: 'routes', message: 'routes is a list of defineRoute(…) results' });
  const keys = new Map<string, number>();
  (Array.isArray(input.routes) ? input.routes : []).forEach((r, i) => {
    const route = normaliseRoute(r, `routes[${i}]`, problems);
    const key = routeKey(route);
    if (keys.has(key)) problems.push({ path: `routes[${i}]`, message: `${route.method} ${route.path} is declared twice (routes[${keys.get(key)}])` });
    keys.set(key, i);
    routes.push(route);
  });
  const migrations = normaliseMigrations(input.migrations, String(input.version), problems);
  const settings = checkSettingsSchema(input.settings, problems) ? input.settings : undefined;
  for (const hook of LIFECYCLE_HOOKS) {
    if (input[hook] !== undefined && typeof input[hook] !== 'function') problems.push({ path: hook, message: `${hook} must be an async function (ctx) => { … }` });
  }
  return { extensions, routes, migrations, ...(settings ? { settings } : {}) };
}
