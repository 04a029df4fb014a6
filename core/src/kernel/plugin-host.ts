import type { EntityDefinition, PluginDefinition, PluginLogger, RecordsApi, RoleDefinition, UsersReader, ValidationRuleDefinition } from '@kith/sdk';
import { userStore } from '../auth/user-store.js';
import type { Database, SqlExecutor } from '../data/database.js';
import type { SchemaManager } from '../data/schema-manager.js';
import { systemTableSchemas } from '../data/system-tables.js';
import { Errors, isKithError } from '../errors/index.js';
import type { PluginStatus } from '../http/routes/health.routes.js';
import { MetadataRegistry } from '../metadata/registry.js';
import { failureOf, resolvePlugins, type PluginFailure, type PluginPlan } from './dependency-graph.js';
import { loadPlugins, type PluginEntry, type PluginLoadOutcome } from './plugin-loader.js';
import { metadataCheck, pluginsBlamedBy, problemsWithout } from './plugin-metadata.js';
import { pluginReport, type PluginReport } from './plugin-report.js';
import { pluginStore, type StoredPlugin } from './plugin-store.js';

export type { PluginReport } from './plugin-report.js';

/** Where a plugin stands in this process. */
export type PluginState = 'enabled' | 'disabled' | 'failed';

/** One listed plugin and where it stands. */
export interface PluginSlot {
  readonly name: string;
  readonly plugin?: PluginDefinition;
  state: PluginState;
  failure?: PluginFailure;
  readonly disabledWith?: string;
}

/**
 * Runs the plugin lifecycle at start: load every entry (a failure is reported, never thrown)
 * → resolve requirements and order → compile the base metadata, leaving out plugins whose
 * metadata does not fit → install (record the version) and seed. A plugin left out takes its
 * dependents with it; the server runs with the rest. Administrators' enable/disable choices
 * live in `kith_plugin` and apply on the next start.
 */
export class PluginHost {
  private slots = new Map<string, PluginSlot>();
  private running: readonly PluginDefinition[] = [];
  private registry: MetadataRegistry | undefined;

  private constructor(
    private readonly outcomes: readonly PluginLoadOutcome[],
    private stored: Map<string, StoredPlugin>,
  ) {}

  /** Loads the entries (relative specifiers from `baseDir`) and reads administrators' choices. */
  static async load(db: Database, schema: SchemaManager, entries: readonly PluginEntry[], baseDir: string): Promise<PluginHost> {
    const outcomes = await loadPlugins(entries, baseDir);
    // kith_plugin must exist before the plan: it says which plugins are disabled.
    await schema.sync(systemTableSchemas(db.dialect));
    return new PluginHost(outcomes, await pluginStore.list(db.reader));
  }

  /**
   * Resolves the plugins and opens the registry with those that fit. When the registry still
   * refuses the metadata (stored customisations meet a plugin's entities), the plugins its
   * problems name are left out and it opens again; a problem no plugin owns is thrown.
   */
  async openRegistry(db: Database, schema: SchemaManager): Promise<MetadataRegistry> {
    const definitions = this.definitions();
    const failedEarly = new Set(this.outcomes.flatMap((o) => (!o.ok && o.id ? [o.id] : [])));
    const disabled = new Set([...this.stored.values()].filter((s) => s.state === 'disabled').map((s) => s.id));
    const blamed = new Map<string, PluginFailure>();
    for (;;) {
      const check = metadataCheck(definitions);
      this.settle(resolvePlugins(definitions, { disabled, failed: failedEarly, accept: (p) => blamed.get(p.id) ?? check(p) }));
      try {
        this.registry = await MetadataRegistry.open(db, schema, this.baseEntities(), this.baseRoles(), this.baseRules());
        return this.registry;
      } catch (error) {
        const culprits = isKithError(error) && error.code === 'KITH_METADATA_INVALID' ? [...pluginsBlamedBy(error, this.running)] : [];
        const fresh = culprits.filter(([id]) => !blamed.has(id));
        if (fresh.length === 0) throw error;
        for (const [id, errors] of fresh) blamed.set(id, failureOf(id, Errors.pluginMetadataInvalid(id, errors)));
      }
    }
  }

  /** The definitions of the plugins that run, in dependency order (not the failed or disabled). */
  plugins(): readonly PluginDefinition[] {
    return this.running;
  }

  /** The role presets of the plugins that run. */
  baseRoles(): RoleDefinition[] {
    return this.running.flatMap((p) => p.roles);
  }

  /** The validation rules of the plugins that run (`?? []`: a plugin built with an older SDK has none). */
  baseRules(): ValidationRuleDefinition[] {
    return this.running.flatMap((p) => p.rules ?? []);
  }

  /** The base entities of the plugins that run. */
  baseEntities(): EntityDefinition[] {
    return this.running.flatMap((p) => p.entities);
  }

  /** What health reports. */
  status(): PluginStatus[] {
    return [...this.slots.values()].map((s) => ({ name: s.name, version: s.plugin?.version ?? null, state: s.state, ...(s.failure ? { error: s.failure.message, code: s.failure.code } : {}) }));
  }

  /** Every plugin listed, with its state, installed version, requirements and dependents. */
  report(): PluginReport[] {
    return [...this.slots.values()].map((s) => this.reportOf(s));
  }

  /** Records an administrator's choice; it applies on the next start (`restartRequired` when that changes anything). */
  async setState(db: Database, id: string, wanted: 'enabled' | 'disabled'): Promise<PluginReport & { readonly restartRequired: boolean }> {
    const slot = this.slots.get(id);
    if (!slot?.plugin) throw Errors.pluginNotFound(id);
    if (wanted === 'disabled' && this.registry) {
      const broken = problemsWithout(this.running, new Set([id, ...this.reportOf(slot).dependents]), this.registry.stored);
      if (broken.length > 0) throw Errors.pluginInUse(id, broken);
    }
    const changed = await db.transaction((tx) => pluginStore.setState(tx, id, wanted));
    if (!changed && wanted === 'disabled') throw Errors.pluginNotInstalled(id);
    this.stored = await pluginStore.list(db.reader);
    return { ...this.reportOf(slot), restartRequired: slot.state !== wanted };
  }

  /** Records installed versions and outcomes, and runs each plugin's seed the first time. */
  async install(db: Database, records: (tx: SqlExecutor) => RecordsApi, log: PluginLogger, seed: boolean): Promise<void> {
    for (const slot of this.slots.values()) {
      if (slot.failure) log.error({ plugin: slot.name, code: slot.failure.code, errors: slot.failure.errors }, `plugin left out: ${slot.failure.message}`);
    }
    const now = new Date().toISOString();
    await db.transaction(async (tx) => {
      for (const plugin of this.running) {
        if (this.stored.has(plugin.id)) await pluginStore.setOutcome(tx, plugin.id, 'enabled');
        else await pluginStore.insert(tx, plugin.id, plugin.version, now);
      }
      for (const slot of this.slots.values()) if (slot.state === 'failed' && slot.plugin) await pluginStore.setOutcome(tx, slot.plugin.id, 'failed');
    });
    this.stored = await pluginStore.list(db.reader);
    if (seed) for (const plugin of this.running) await this.seed(db, plugin, records, log);
  }

  private async seed(db: Database, plugin: PluginDefinition, records: (tx: SqlExecutor) => RecordsApi, log: PluginLogger): Promise<void> {
    if (!plugin.seed || this.stored.get(plugin.id)?.seededAt) return;
    try {
      const started = performance.now();
      // One transaction: a seed that fails halfway leaves nothing behind and runs again next start.
      await db.transaction(async (tx) => {
        await plugin.seed!({ records: records(tx), users: usersReader(tx), log });
        await pluginStore.markSeeded(tx, plugin.id, new Date().toISOString());
      });
      log.info({ plugin: plugin.id, ms: Math.round(performance.now() - started) }, 'seed data written');
    } catch (error) {
      log.error({ plugin: plugin.id, err: error }, 'seed failed');
      const slot = this.slots.get(plugin.id)!;
      slot.state = 'failed';
      slot.failure = failureOf(plugin.id, Errors.pluginSeedFailed(plugin.id, error));
      await db.transaction((tx) => pluginStore.setOutcome(tx, plugin.id, 'failed'));
    }
  }

  /** One slot per listed plugin, in listed order, from the plan. */
  private settle(plan: PluginPlan): void {
    const failures = new Map(plan.failures.map((f) => [f.plugin, f]));
    const disabled = new Map(plan.disabled.map((d) => [d.plugin, d]));
    this.running = plan.order;
    this.slots = new Map();
    for (const outcome of this.outcomes) {
      const name = outcome.ok ? outcome.plugin.id : outcome.failure.plugin;
      if (this.slots.has(name)) continue;
      if (!outcome.ok) {
        this.slots.set(name, { name, state: 'failed', failure: outcome.failure });
        continue;
      }
      const failure = failures.get(name);
      const because = disabled.get(name)?.because;
      const state: PluginState = failure ? 'failed' : disabled.has(name) ? 'disabled' : 'enabled';
      this.slots.set(name, { name, plugin: outcome.plugin, state, ...(failure ? { failure } : {}), ...(because ? { disabledWith: because } : {}) });
    }
  }

  private reportOf(slot: PluginSlot): PluginReport {
    return pluginReport(slot, this.stored.get(slot.name), this.definitions());
  }

  private definitions(): PluginDefinition[] {
    return this.outcomes.flatMap((o) => (o.ok ? [o.plugin] : []));
  }
}

/** Users by email for seed data (never the password hash). */
function usersReader(db: SqlExecutor): UsersReader {
  return {
    byEmail: async (email) => {
      const user = await userStore.byEmail(db, email);
      return user ? { id: user.id, email: user.email, name: user.name } : undefined;
    },
  };
}
