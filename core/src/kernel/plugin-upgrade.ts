import type { FieldDefinition, PluginDefinition } from '@kith/sdk';
import type { Database, SqlExecutor } from '../data/database.js';
import { Params } from '../data/sql.js';
import { customisationStore, stateStore } from '../metadata/customisation-store.js';
import type { MetadataRegistry } from '../metadata/registry.js';
import type { PluginContexts } from './plugin-context.js';
import { PluginErrors } from './plugin-errors.js';
import { moveFieldValues, storeFollowed, type FieldMove } from './plugin-field-moves.js';
import { followRenames, type ResolvedRename } from './plugin-renames.js';
import { pluginStateStore, snapshotOf, type PluginSnapshot } from './plugin-state-store.js';
import { migrationsBetween, planUpgrade, resolveRenames, type UpgradePlan } from './plugin-upgrade-plan.js';

/** What an upgrade did: its plan, when, and how it ended. */
export interface UpgradeReport extends UpgradePlan {
  readonly at: string;
  readonly outcome: 'upgraded' | 'failed';
  /** Renamed fields whose values moved. */
  readonly moved: readonly FieldMove[];
  readonly error?: { readonly code: string; readonly message: string };
}

/** What an upgrade needs; the registry already holds the new version's base definitions. */
export interface UpgradeInput {
  readonly db: Database;
  readonly registry: MetadataRegistry;
  readonly contexts: PluginContexts;
  readonly plugin: PluginDefinition;
  readonly from: string;
  readonly snapshot: PluginSnapshot | undefined;
  /** The plugins that run, in start order (this one among them). */
  readonly running: readonly PluginDefinition[];
}

/**
 * Upgrades one plugin from its installed version, in one transaction: claim the upgrade (the
 * installed version moves only if it is still `from`, so of several nodes starting at once one
 * upgrades), run each migration between the versions in order — its declared renames move values
 * and make customisations follow, then its `up` — record the new version's definitions, done.
 * A migration that throws rolls everything back (the version stays `from`) and is rethrown as
 * KITH_PLUGIN_MIGRATION_FAILED. `followed` says whether stored customisations changed (the caller
 * reloads the registry).
 */
export async function runUpgrade(input: UpgradeInput): Promise<{ report: UpgradeReport; followed: boolean }> {
  const { db, registry, contexts, plugin, from, snapshot } = input;
  const plan = planUpgrade({ plugin, installed: from, snapshot, running: input.running, customisations: registry.stored });
  const renames = resolveRenames(plugin, migrationsBetween(plugin, from), snapshot);
  const moved: FieldMove[] = [];
  let followed = false;
  const at = new Date().toISOString();
  await db.transaction(async (tx) => {
    if (!(await claimUpgrade(tx, plugin.id, from, plugin.version))) return; // another node did it
    for (const migration of migrationsBetween(plugin, from)) {
      try {
        for (const rename of renames.filter((r) => migration.renameFields.some((x) => x.entity === r.entity && x.from === r.from && x.to === r.to))) {
          moved.push(await moveRenamed(tx, input, rename));
        }
        if (migration.up) await migration.up(contexts.migration(plugin, tx, from, plugin.version));
      } catch (error) {
        throw PluginErrors.migrationFailed(plugin.id, from, plugin.version, migration, error);
      }
    }
    followed = await followStored(tx, registry, plugin, renames, input.running);
    await pluginStateStore.set(tx, plugin.id, 'definition', snapshotOf(plugin));
    await pluginStateStore.set(tx, plugin.id, 'upgrade', { ...plan, at, outcome: 'upgraded', moved });
  });
  return { report: { ...plan, at, outcome: 'upgraded', moved }, followed };
}

/** Moves the installed version to the new one if it is still `from`; false when another node already did. */
async function claimUpgrade(tx: SqlExecutor, id: string, from: string, to: string): Promise<boolean> {
  const p = new Params(tx.dialect);
  return (await tx.run(`UPDATE "kith_plugin" SET "version" = ${p.add(to)} WHERE "id" = ${p.add(id)} AND "version" = ${p.add(from)}`, p.values)) > 0;
}

/** Checks a declared rename against the new model and moves the field's values. */
async function moveRenamed(tx: SqlExecutor, input: UpgradeInput, rename: ResolvedRename): Promise<FieldMove> {
  const { plugin, registry, snapshot } = input;
  const at = `renameFields ${rename.entity}.${rename.from} → ${rename.to}`;
  const entity = registry.model.entities.get(rename.entity);
  const source = `plugin:${plugin.id}`;
  if (!entity) throw PluginErrors.renameInvalid(plugin.id, at, `there is no entity "${rename.entity}"`);
  const to = entity.fieldsByName.get(rename.to);
  if (!to || to.def.source !== source) throw PluginErrors.renameInvalid(plugin.id, at, `${rename.entity}.${rename.to} is not a field this version of "${plugin.id}" defines`);
  if (entity.fieldsByName.get(rename.from)?.def.source === source) throw PluginErrors.renameInvalid(plugin.id, at, `${rename.entity}.${rename.from} is still defined; a renamed field's old name must be gone`);
  const previous = snapshot?.entities.find((e) => e.name === rename.entity)?.fields.find((f) => f.name === rename.from)
    ?? snapshot?.extensions.find((x) => x.entity === rename.entity)?.fields.find((f) => f.name === rename.from);
  const oldDef: FieldDefinition = previous ?? { ...to.def, name: rename.from, id: rename.oldId };
  return moveFieldValues(tx, entity, to, rename.from, oldDef, plugin.version.replace(/[^0-9A-Za-z]/g, '_'));
}

/** Makes stored customisations follow the renames (by id and by name); true when any changed. */
async function followStored(tx: SqlExecutor, registry: MetadataRegistry, plugin: PluginDefinition, renames: readonly ResolvedRename[], running: readonly PluginDefinition[]): Promise<boolean> {
  if (renames.length === 0) return false;
  const stored = await customisationStore.load(tx);
  const ruleEntities = new Map<string, string>();
  for (const p of [...running, plugin]) for (const r of p.rules ?? []) ruleEntities.set(r.id, r.entity);
  for (const c of stored) if (c.kind === 'addRule') ruleEntities.set(c.rule.id, c.rule.entity);
  const changed = followRenames(stored, renames, (id) => ruleEntities.get(id));
  if (changed.length === 0) return false;
  await storeFollowed(tx, changed);
  // Other nodes (and this one's registry) reload customisations when the revision moves.
  await stateStore.set(tx, 'metadata.revision', String(registry.model.revision + 1));
  return true;
}
