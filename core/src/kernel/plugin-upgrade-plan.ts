import { compareVersions, type EntityDefinition, type FieldDefinition, type FieldRename, type MigrationDefinition, type PluginDefinition } from '@kith/sdk';
import { applyCustomisations } from '../metadata/apply-customisations.js';
import type { Customisation, CustomisationConflict } from '../metadata/customisation.js';
import { extendEntities, extensionsOf } from './plugin-extensions.js';
import { followRenames, type ResolvedRename } from './plugin-renames.js';
import type { PluginSnapshot } from './plugin-state-store.js';

/** What starting the configured version of a plugin does to its installed version. */
export type UpgradeAction = 'install' | 'upgrade' | 'none' | 'downgrade';

/** A field whose type differs between the installed and the configured version. */
export interface RetypedField {
  readonly field: string;
  readonly from: string;
  readonly to: string;
}

/** A renamed field: declared by a migration (values move, customisations follow) or seen by its kept id. */
export interface RenamedField extends FieldRename {
  readonly by: 'migration' | 'id';
}

/** What an upgrade will do, computed before anything is touched. */
export interface UpgradePlan {
  readonly plugin: string;
  /** The installed version; null when it was never installed. */
  readonly from: string | null;
  readonly to: string;
  readonly action: UpgradeAction;
  /** The migrations that run, in order. */
  readonly migrations: readonly { readonly version: string; readonly description?: string; readonly renameFields: readonly FieldRename[]; readonly up: boolean }[];
  readonly entities: { readonly added: readonly string[]; readonly removed: readonly string[] };
  /** Fields as `entity.field`. */
  readonly fields: { readonly added: readonly string[]; readonly removed: readonly string[]; readonly renamed: readonly RenamedField[]; readonly retyped: readonly RetypedField[] };
  /** Customisations that will no longer apply: kept in storage, reported, never dropped. */
  readonly conflicts: readonly CustomisationConflict[];
  /** False when Kith has no record of the installed version's definitions (field changes are then unknown). */
  readonly previousKnown: boolean;
  /** What an operator or the plugin's author should know. */
  readonly notes: readonly string[];
}

/** What a plan is computed from. */
export interface PlanInput {
  readonly plugin: PluginDefinition;
  readonly installed: string | null;
  readonly snapshot: PluginSnapshot | undefined;
  /** Every plugin that runs with it, in start order, `plugin` (its configured version) among them. */
  readonly running: readonly PluginDefinition[];
  readonly customisations: readonly Customisation[];
}

/** The action for a configured version against the installed one. */
export function upgradeAction(configured: string, installed: string | null): UpgradeAction {
  if (installed === null) return 'install';
  const order = compareVersions(configured, installed);
  return order === 0 ? 'none' : order > 0 ? 'upgrade' : 'downgrade';
}

/** The migrations of `plugin` that an upgrade from `from` runs: newer than `from`, up to its version, in order. */
export function migrationsBetween(plugin: Pick<PluginDefinition, 'migrations' | 'version'>, from: string): MigrationDefinition[] {
  return (plugin.migrations ?? []).filter((m) => compareVersions(m.version, from) > 0 && compareVersions(m.version, plugin.version) <= 0);
}

/**
 * The declared renames of `migrations` with the ids customisations follow: the entity's id, the
 * field's id in the installed version (its snapshot, else the default `entity.field`) and now.
 */
export function resolveRenames(plugin: PluginDefinition, migrations: readonly MigrationDefinition[], snapshot: PluginSnapshot | undefined): ResolvedRename[] {
  const now = contributions(plugin);
  const before = snapshot ? contributions(snapshot) : undefined;
  return migrations.flatMap((m) =>
    m.renameFields.map((r) => {
      const entityId = plugin.entities.find((e) => e.name === r.entity)?.id ?? r.entity;
      const oldId = before?.get(r.entity)?.find((f) => f.name === r.from)?.id ?? `${r.entity}.${r.from}`;
      const newId = now.get(r.entity)?.find((f) => f.name === r.to)?.id ?? `${r.entity}.${r.to}`;
      return { ...r, entityId, oldId, newId };
    }),
  );
}

/** Plans the upgrade (or install) of one plugin: pure, from definitions and stored customisations. */
export function planUpgrade(input: PlanInput): UpgradePlan {
  const { plugin, installed, snapshot, running, customisations } = input;
  const action = upgradeAction(plugin.version, installed);
  const migrations = action === 'upgrade' && installed !== null ? migrationsBetween(plugin, installed) : [];
  const renames = resolveRenames(plugin, migrations, snapshot);
  const previous = action === 'install' ? new Map<string, FieldDefinition[]>() : snapshot ? contributions(snapshot) : undefined;
  const diff = previous ? fieldDiff(previous, contributions(plugin), renames) : { added: [], removed: [], renamed: [], retyped: [] };
  const ownBefore = new Set(action === 'install' ? [] : (snapshot?.entities ?? []).map((e) => e.name));
  const ownNow = new Set(plugin.entities.map((e) => e.name));
  const notes: string[] = [];
  if (previous === undefined && action === 'upgrade') notes.push(`Kith has no record of the definitions of ${plugin.id} ${installed}; the fields it adds, removes or renames are not known before the upgrade runs.`);
  for (const r of diff.renamed.filter((x) => x.by === 'id')) {
    notes.push(`${r.entity}.${r.from} is now ${r.entity}.${r.to} (same id): customisations follow it, but no migration moves its values, which stay in its old column. Declare it in a migration's renameFields to move them.`);
  }
  for (const field of diff.removed) notes.push(`${field} is no longer defined: its values stay in its column (nothing is dropped).`);
  for (const t of diff.retyped) notes.push(`${t.field} changes type from ${t.from} to ${t.to}: stored values are not converted unless a migration does it.`);
  if (action === 'downgrade') notes.push(`${plugin.id} ${plugin.version} is older than the installed ${installed}: it will not start (downgrades are not supported).`);
  return {
    plugin: plugin.id,
    from: installed,
    to: plugin.version,
    action,
    migrations: migrations.map((m) => ({ version: m.version, ...(m.description ? { description: m.description } : {}), renameFields: m.renameFields, up: m.up !== undefined })),
    entities: { added: [...ownNow].filter((e) => !ownBefore.has(e)), removed: [...ownBefore].filter((e) => !ownNow.has(e)) },
    fields: diff,
    conflicts: action === 'none' || action === 'downgrade' ? [] : newConflicts(input, renames),
    previousKnown: previous !== undefined,
    notes,
  };
}

/** The conflicts the customisations will have after the upgrade that they did not have before. */
function newConflicts(input: PlanInput, renames: readonly ResolvedRename[]): CustomisationConflict[] {
  const { plugin, snapshot, running, customisations } = input;
  const ruleEntities = new Map<string, string>();
  for (const p of running) for (const r of p.rules ?? []) ruleEntities.set(r.id, r.entity);
  for (const r of snapshot?.rules ?? []) ruleEntities.set(r.id, r.entity);
  for (const c of customisations) if (c.kind === 'addRule') ruleEntities.set(c.rule.id, c.rule.entity);
  const followed = new Map(followRenames(customisations, renames, (id) => ruleEntities.get(id)).map((c) => [c.seq, c]));
  const after = layer(running, customisations.map((c) => followed.get(c.seq) ?? c));
  if (!snapshot) return [...after];
  const old = { ...plugin, ...snapshot, id: plugin.id } as PluginDefinition;
  const key = (c: CustomisationConflict) => `${c.seq}|${c.fieldId ?? ''}`;
  const before = new Set(layer(running.map((p) => (p.id === plugin.id ? old : p)), customisations).map(key));
  return after.filter((c) => !before.has(key(c)));
}

function layer(plugins: readonly PluginDefinition[], customisations: readonly Customisation[]): readonly CustomisationConflict[] {
  return applyCustomisations(extendEntities(plugins).entities, customisations, plugins.flatMap((p) => p.roles), plugins.flatMap((p) => p.rules ?? [])).conflicts;
}

/** The fields a definition contributes, by entity name: its entities' and its extensions'. */
function contributions(def: { readonly entities: readonly EntityDefinition[]; readonly extensions?: PluginDefinition['extensions'] }): Map<string, FieldDefinition[]> {
  const map = new Map<string, FieldDefinition[]>(def.entities.map((e) => [e.name, [...e.fields]]));
  for (const x of extensionsOf(def)) map.set(x.entity, [...(map.get(x.entity) ?? []), ...x.fields]);
  return map;
}

function fieldDiff(before: ReadonlyMap<string, readonly FieldDefinition[]>, after: ReadonlyMap<string, readonly FieldDefinition[]>, renames: readonly FieldRename[]): UpgradePlan['fields'] {
  const added: string[] = [];
  const removed: string[] = [];
  const renamed: RenamedField[] = [];
  const retyped: RetypedField[] = [];
  for (const entity of new Set([...before.keys(), ...after.keys()])) {
    const old = before.get(entity) ?? [];
    const now = after.get(entity) ?? [];
    const matched = new Set<FieldDefinition>();
    for (const f of now) {
      const declared = renames.find((r) => r.entity === entity && r.to === f.name);
      const prior = old.find((o) => (declared ? o.name === declared.from : o.name === f.name)) ?? old.find((o) => o.id === f.id && !now.some((n) => n.name === o.name));
      if (!prior) {
        added.push(`${entity}.${f.name}`);
        continue;
      }
      matched.add(prior);
      if (prior.name !== f.name) renamed.push({ entity, from: prior.name, to: f.name, by: declared ? 'migration' : 'id' });
      if (prior.type !== f.type) retyped.push({ field: `${entity}.${f.name}`, from: prior.type, to: f.type });
    }
    for (const o of old) if (!matched.has(o)) removed.push(`${entity}.${o.name}`);
  }
  return { added, removed, renamed, retyped };
}
