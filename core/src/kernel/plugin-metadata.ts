import type { EntityDefinition, PluginDefinition } from '@kith/sdk';
import { checkRoles } from '../acl/check-roles.js';
import { Errors, type ErrorDetail, type KithError } from '../errors/index.js';
import { applyCustomisations } from '../metadata/apply-customisations.js';
import { checkEntities } from '../metadata/check-entities.js';
import type { Customisation } from '../metadata/customisation.js';
import { failureOf, type PluginFailure } from './dependency-graph.js';
import { extendEntities, extensionsOf } from './plugin-extensions.js';

/**
 * A check for resolvePlugins' `accept`, called in dependency order: a plugin's entities and
 * role presets must compile with what it requires (a relation to an entity of a plugin it does
 * not require is refused: that plugin may be absent), then with every plugin accepted so far
 * (no entity, table or role name taken twice). The first plugin keeps a name; a later one fails.
 */
export function metadataCheck(all: readonly PluginDefinition[]): (plugin: PluginDefinition) => PluginFailure | undefined {
  const accepted = new Map<string, PluginDefinition>();
  const owner = new Map<string, string>();
  for (const p of all) for (const e of p.entities) if (!owner.has(e.name)) owner.set(e.name, p.id);
  return (plugin) => {
    // Its extensions must land on its own entities or those of the plugins it requires.
    const extended = extendEntities([...requiredClosure(plugin, accepted), plugin]);
    const own = extended.entities;
    let problems = [...(extended.problems.get(plugin.id) ?? []), ...checkEntities(own), ...checkRoles(own, plugin.roles)];
    if (problems.length === 0) {
      const others = [...accepted.values()];
      const entities = extendEntities([...others, plugin]).entities;
      problems = [...checkEntities(entities), ...checkRoles(entities, [...others.flatMap((p) => p.roles), ...plugin.roles])];
    }
    if (problems.length > 0) return failureOf(plugin.id, Errors.pluginMetadataInvalid(plugin.id, problems.map((p) => withHint(p, plugin, own, owner))));
    accepted.set(plugin.id, plugin);
    return undefined;
  };
}

/** The accepted plugins `plugin` requires, directly or through others. */
function requiredClosure(plugin: PluginDefinition, accepted: ReadonlyMap<string, PluginDefinition>, into = new Set<PluginDefinition>()): Set<PluginDefinition> {
  for (const id of Object.keys(plugin.requires)) {
    const dep = accepted.get(id);
    if (dep && !into.has(dep)) {
      into.add(dep);
      requiredClosure(dep, accepted, into);
    }
  }
  return into;
}

/** Names the plugin to require when a relation points at an entity another plugin defines. */
function withHint(problem: ErrorDetail, plugin: PluginDefinition, visible: readonly EntityDefinition[], owner: ReadonlyMap<string, string>): ErrorDetail {
  const target = /^relation target "([^"]+)" is not an entity/.exec(problem.message)?.[1] ?? /^"([^"]+)" is not an entity/.exec(problem.message)?.[1];
  const by = target === undefined ? undefined : owner.get(target);
  if (target === undefined || by === undefined || by === plugin.id || visible.some((e) => e.name === target)) return problem;
  return { ...problem, message: `${problem.message.replace(/; known entities:.*$/, '')}; it is defined by plugin "${by}": add "${by}" to requires` };
}

/**
 * The plugins behind a KITH_METADATA_INVALID from opening the registry (base plus stored
 * customisations), by the entity or role each problem names; empty when none is a plugin's.
 */
export function pluginsBlamedBy(error: KithError, plugins: readonly PluginDefinition[]): Map<string, ErrorDetail[]> {
  const byEntity = new Map<string, string>();
  const byRole = new Map<string, string>();
  const byExtension = new Map<string, string>();
  for (const p of plugins) {
    for (const e of p.entities) byEntity.set(e.name, p.id);
    for (const r of p.roles) byRole.set(r.name, p.id);
    for (const x of extensionsOf(p)) for (const f of x.fields) byExtension.set(`${x.entity}.${f.name}`, p.id);
  }
  const blamed = new Map<string, ErrorDetail[]>();
  for (const detail of error.errors) {
    const [head = '', second] = (detail.field ?? '').split('.');
    // A field a plugin added to another's entity is the extending plugin's problem.
    const id = head === 'roles' && second !== undefined ? byRole.get(second) : (byExtension.get(`${head}.${second}`) ?? byEntity.get(head));
    if (id === undefined) continue;
    // A consultant's field on a plugin's entity is the customisation's problem, not the plugin's.
    const entity = plugins.find((p) => p.id === id)!.entities.find((e) => e.name === head);
    if (entity && second !== undefined && !NON_FIELD_KEYS.test(second) && !entity.fields.some((f) => f.name === second) && !byExtension.has(`${head}.${second}`)) continue;
    blamed.set(id, [...(blamed.get(id) ?? []), detail]);
  }
  return blamed;
}

const NON_FIELD_KEYS = /^(indexes\[\d+\]|ownerField|titleField)$/;

/**
 * What disabling plugins would break: the problems of the stored customisations over the
 * entities of the plugins that keep running (a custom relation to an entity that would be
 * gone), minus those the model has already.
 */
export function problemsWithout(running: readonly PluginDefinition[], stopping: ReadonlySet<string>, customisations: readonly Customisation[]): ErrorDetail[] {
  // Both kinds of breakage count: metadata that no longer checks, and customisations that would
  // turn into conflicts (a custom relation to one of the stopping plugin's entities).
  const check = (plugins: readonly PluginDefinition[]): ErrorDetail[] => {
    const layered = applyCustomisations(extendEntities(plugins).entities, customisations);
    const conflicts = layered.conflicts.map((c): ErrorDetail => ({ field: c.fieldId ?? c.entityId, code: 'KITH_CUSTOMISATION_CONFLICT', message: c.message }));
    return [...checkEntities(layered.entities), ...conflicts];
  };
  const key = (d: ErrorDetail) => `${d.field ?? ''}\u0000${d.message}`;
  const before = new Set(check(running).map(key));
  return check(running.filter((p) => !stopping.has(p.id))).filter((d) => !before.has(key(d)));
}
