import type { PluginDefinition } from '@kith/sdk';
import semver from 'semver';
import { Errors, type ErrorDetail, type KithError } from '../errors/index.js';

/** Why one plugin was left out: a stable `KITH_PLUGIN_*` code and a message naming it. */
export interface PluginFailure {
  readonly plugin: string;
  readonly code: string;
  readonly message: string;
  readonly errors?: readonly ErrorDetail[];
}

/** A plugin left out because it, or a plugin it requires, is disabled. */
export interface PluginDisabled {
  readonly plugin: string;
  /** The disabled plugin it requires; absent when it is disabled itself. */
  readonly because?: string;
}

/** What else the resolution must know, and a last check run in dependency order. */
export interface ResolveOptions {
  /** Plugins an administrator disabled: left out, with their dependents. */
  readonly disabled?: ReadonlySet<string>;
  /** Plugins known by id that failed before the graph (a definition that threw): dependents fail. */
  readonly failed?: ReadonlySet<string>;
  /**
   * Called in dependency order for each plugin whose requirements all started, after the
   * plugins it requires; a failure returned here leaves it out, and its dependents fail.
   */
  readonly accept?: (plugin: PluginDefinition) => PluginFailure | undefined;
}

/** The plugins that start, in dependency order, and the ones that do not, with why. */
export interface PluginPlan {
  readonly order: readonly PluginDefinition[];
  readonly failures: readonly PluginFailure[];
  readonly disabled: readonly PluginDisabled[];
}

/** A KithError about `plugin` as a failure entry. */
export function failureOf(plugin: string, error: KithError): PluginFailure {
  return { plugin, code: error.code, message: error.message, ...(error.errors.length > 0 ? { errors: error.errors } : {}) };
}

/**
 * Checks the plugins' requirements together — duplicate ids, missing dependencies, versions
 * outside the required semver range, cycles — and orders the rest so every plugin comes after
 * the plugins it requires (ties keep the listed order). A plugin that fails takes its
 * dependents with it (KITH_PLUGIN_DEPENDENCY_FAILED); nothing here throws.
 */
export function resolvePlugins(plugins: readonly PluginDefinition[], options: ResolveOptions = {}): PluginPlan {
  const disabledIds = options.disabled ?? new Set<string>();
  const failedBefore = options.failed ?? new Set<string>();
  const failures = new Map<string, PluginFailure>();
  const byId = uniqueById(plugins, failures);
  for (const plugin of byId.values()) {
    const problems = requirementProblems(plugin, byId, failures, failedBefore);
    if (problems.length > 0 && !disabledIds.has(plugin.id)) failures.set(plugin.id, merged(plugin.id, problems));
  }
  for (const cycle of findCycles(byId)) {
    for (const id of cycle.slice(0, -1)) {
      if (!failures.has(id) && !disabledIds.has(id)) failures.set(id, failureOf(id, Errors.pluginCycle(id, rotate(cycle, id))));
    }
  }
  const order: PluginDefinition[] = [];
  const disabled = new Map<string, PluginDisabled>();
  for (const plugin of topologicalOrder(byId)) {
    if (disabledIds.has(plugin.id)) {
      disabled.set(plugin.id, { plugin: plugin.id });
      continue;
    }
    if (failures.has(plugin.id)) continue;
    const deps = Object.keys(plugin.requires);
    const failedDep = deps.find((d) => failures.has(d) || failedBefore.has(d));
    if (failedDep !== undefined) {
      failures.set(plugin.id, failureOf(plugin.id, Errors.pluginDependencyFailed(plugin.id, failedDep)));
      continue;
    }
    const disabledDep = deps.find((d) => disabled.has(d));
    if (disabledDep !== undefined) {
      disabled.set(plugin.id, { plugin: plugin.id, because: disabledDep });
      continue;
    }
    const rejected = options.accept?.(plugin);
    if (rejected) failures.set(plugin.id, rejected);
    else order.push(plugin);
  }
  return { order, failures: [...failures.values()], disabled: [...disabled.values()] };
}

/** Plugins by id; an id listed more than once fails as a whole (which copy was meant is unknowable). */
function uniqueById(plugins: readonly PluginDefinition[], failures: Map<string, PluginFailure>): Map<string, PluginDefinition> {
  const versions = new Map<string, string[]>();
  for (const p of plugins) versions.set(p.id, [...(versions.get(p.id) ?? []), p.version]);
  const byId = new Map<string, PluginDefinition>();
  for (const p of plugins) {
    const listed = versions.get(p.id)!;
    if (listed.length > 1) failures.set(p.id, failureOf(p.id, Errors.pluginDuplicate(p.id, listed)));
    else byId.set(p.id, p);
  }
  return byId;
}

/** The plugin's own requirement problems: bad ranges, missing or incompatible dependencies. */
function requirementProblems(plugin: PluginDefinition, byId: ReadonlyMap<string, PluginDefinition>, failures: ReadonlyMap<string, PluginFailure>, failedBefore: ReadonlySet<string>): KithError[] {
  const problems: KithError[] = [];
  for (const [dep, range] of Object.entries(plugin.requires)) {
    const found = byId.get(dep);
    if (semver.validRange(range) === null) problems.push(Errors.pluginInvalidRange(plugin.id, dep, range));
    else if (failures.has(dep) || failedBefore.has(dep)) continue; // cascades as DEPENDENCY_FAILED
    else if (!found) problems.push(Errors.pluginMissingDependency(plugin.id, dep, range));
    else if (!semver.satisfies(found.version, range, { includePrerelease: true })) problems.push(Errors.pluginIncompatibleDependency(plugin.id, dep, range, found.version));
  }
  return problems;
}

/** One failure for several problems: the first one's code, every problem in `errors`. */
function merged(plugin: string, problems: readonly KithError[]): PluginFailure {
  const first = problems[0]!;
  if (problems.length === 1) return failureOf(plugin, first);
  const errors = problems.map((p) => ({ ...(p.field !== undefined ? { field: p.field } : {}), code: p.code, message: p.message }));
  return { plugin, code: first.code, message: `${first.message} (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''}; see "errors")`, errors };
}

/** Every dependency cycle, each as a path that ends where it starts (`a → b → a`). */
function findCycles(byId: ReadonlyMap<string, PluginDefinition>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string) => {
    state.set(id, 'visiting');
    stack.push(id);
    for (const dep of Object.keys(byId.get(id)!.requires)) {
      if (!byId.has(dep)) continue;
      if (state.get(dep) === 'visiting') cycles.push([...stack.slice(stack.indexOf(dep)), dep]);
      else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of byId.keys()) if (!state.has(id)) visit(id);
  return cycles;
}

/** The cycle read from `id` (each member's message starts with itself). */
function rotate(cycle: readonly string[], id: string): string[] {
  const ring = cycle.slice(0, -1);
  const at = ring.indexOf(id);
  const path = [...ring.slice(at), ...ring.slice(0, at)];
  return [...path, id];
}

/** Dependencies first, ties in listed order; edges that close a cycle are skipped. */
function topologicalOrder(byId: ReadonlyMap<string, PluginDefinition>): PluginDefinition[] {
  const order: PluginDefinition[] = [];
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const plugin = byId.get(id)!;
    for (const dep of Object.keys(plugin.requires)) if (byId.has(dep)) visit(dep);
    order.push(plugin);
  };
  for (const id of byId.keys()) visit(id);
  return order;
}
