import { compareVersions, type EntityDefinition, type PluginDefinition, type PluginLogger, type RoleDefinition, type ValidationRuleDefinition, type WorkflowDefinition } from '@kith/sdk';
import { registerPluginOperation } from '../rules/index.js';
import type { Database } from '../data/database.js';
import type { SchemaManager } from '../data/schema-manager.js';
import { systemTableSchemas } from '../data/system-tables.js';
import { Errors, isKithError, type KithError } from '../errors/index.js';
import type { PluginStatus } from '../http/routes/health.routes.js';
import { MetadataRegistry } from '../metadata/registry.js';
import { failureOf, resolvePlugins, type PluginFailure, type PluginPlan } from './dependency-graph.js';
import type { PluginContexts } from './plugin-context.js';
import { PluginErrors } from './plugin-errors.js';
import { extendEntities } from './plugin-extensions.js';
import { loadPlugins, type PluginEntry, type PluginLoadOutcome } from './plugin-loader.js';
import { metadataCheck, pluginsBlamedBy, problemsWithout } from './plugin-metadata.js';
import { PluginLifecycle } from './plugin-lifecycle.js';
import { pluginReport, type PluginReport } from './plugin-report.js';
import { pluginSettings, type SettingsView } from './plugin-settings.js';
import { pluginStateStore, type PluginSnapshot, type PluginStatePart } from './plugin-state-store.js';
import { pluginStore, type StoredPlugin } from './plugin-store.js';
import { planUpgrade, type UpgradePlan } from './plugin-upgrade-plan.js';
import type { UpgradeReport } from './plugin-upgrade.js';

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
 * Runs the plugin lifecycle, in phases: **setup** — load every entry (a failure is reported,
 * never thrown), resolve requirements and order, refuse downgrades; **compile** — open the
 * registry with the base metadata of the plugins that fit (their extensions applied), leaving
 * out those whose metadata does not; **install or upgrade** — record a first install (its
 * `install` hook in the same transaction) or run the migrations between the installed and the
 * configured version; seed; **start** — each plugin's `start` hook, dependencies first; and, on
 * shutdown, **stop** in reverse. A plugin that fails at any phase is left out with its dependents;
 * the server runs with the rest. Administrators' enable/disable choices live in `kith_plugin`
 * and apply on the next start.
 */
export class PluginHost {
  private slots = new Map<string, PluginSlot>();
  private running: readonly PluginDefinition[] = [];
  private registry: MetadataRegistry | undefined;
  private db: Database | undefined;
  private log: PluginLogger | undefined;
  private lifecycle: PluginLifecycle | undefined;
  private readonly upgrades = new Map<string, UpgradeReport>();

  private constructor(
    private readonly outcomes: readonly PluginLoadOutcome[],
    private stored: Map<string, StoredPlugin>,
    private states: Map<string, Partial<Record<PluginStatePart, unknown>>>,
  ) {}

  /** Loads the entries (relative specifiers from `baseDir`) and reads administrators' choices. */
  static async load(db: Database, schema: SchemaManager, entries: readonly PluginEntry[], baseDir: string): Promise<PluginHost> {
    const outcomes = await loadPlugins(entries, baseDir);
    // kith_plugin must exist before the plan: it says which plugins are disabled.
    await schema.sync(systemTableSchemas(db.dialect));
    return new PluginHost(outcomes, await pluginStore.list(db.reader), await pluginStateStore.load(db.reader));
  }

  /**
   * Resolves the plugins and opens the registry with those that fit. When the registry still
   * refuses the metadata (stored customisations meet a plugin's entities), the plugins its
   * problems name are left out and it opens again; a problem no plugin owns is thrown.
   */
  async openRegistry(db: Database, schema: SchemaManager): Promise<MetadataRegistry> {
    const definitions = this.definitions();
    // Formulas and rules may call the plugins' own operations: they must be known before any
    // metadata is checked or compiled (namespaced by plugin id, so registering a plugin that is
    // then left out harms no one).
    for (const p of definitions) for (const op of p.operations ?? []) registerPluginOperation(p.id, op.name, op.fn);
    const failedEarly = new Set(this.outcomes.flatMap((o) => (!o.ok && o.id ? [o.id] : [])));
    const disabled = new Set([...this.stored.values()].filter((s) => s.state === 'disabled').map((s) => s.id));
    const blamed = new Map<string, PluginFailure>();
    for (;;) {
      const check = metadataCheck(definitions);
      this.settle(resolvePlugins(definitions, { disabled, failed: failedEarly, accept: (p) => blamed.get(p.id) ?? this.downgradeOf(p) ?? check(p) }));
      try {
        this.registry = await MetadataRegistry.open(db, schema, this.baseEntities(), this.baseRoles(), this.baseRules(), this.baseWorkflows());
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

  /** The workflows of the plugins that run. */
  baseWorkflows(): WorkflowDefinition[] {
    return this.running.flatMap((p) => p.workflows ?? []);
  }

  /** The base entities of the plugins that run, with the fields their extensions add. */
  baseEntities(): EntityDefinition[] {
    return extendEntities(this.running).entities;
  }

  /** What health reports. */
  status(): PluginStatus[] {
    return [...this.slots.values()].map((s) => ({ name: s.name, version: s.plugin?.version ?? null, state: s.state, ...(s.failure ? { error: s.failure.message, code: s.failure.code } : {}) }));
  }

  /** Every plugin listed, with its state, installed version, requirements, dependents and last upgrade. */
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

  /** A listed plugin's settings, with its schema (any state: an administrator may prepare them). */
  async settings(db: Database, id: string): Promise<SettingsView> {
    return pluginSettings.view(db.reader, this.definition(id));
  }

  /** Replaces a listed plugin's settings after checking them against its schema. */
  async updateSettings(db: Database, id: string, value: unknown): Promise<SettingsView> {
    const plugin = this.definition(id);
    await db.transaction((tx) => pluginSettings.set(tx, plugin, value));
    return pluginSettings.view(db.reader, plugin);
  }

  /** What starting the configured version does to the installed one (nothing, once it is upgraded). */
  upgradePlan(id: string): UpgradePlan {
    const plugin = this.definition(id);
    const running = this.running.includes(plugin) ? this.running : [...this.running, plugin];
    return planUpgrade({ plugin, installed: this.stored.get(id)?.version ?? null, snapshot: this.snapshot(id), running, customisations: this.registry?.stored ?? [] });
  }

  /**
   * Install or upgrade, then seed (see PluginLifecycle): a plugin failing here is left out with
   * its dependents, and the server runs with the rest.
   */
  async install(db: Database, contexts: PluginContexts, log: PluginLogger, seed: boolean): Promise<void> {
    this.db = db;
    this.log = log;
    this.lifecycle = new PluginLifecycle(this, db, contexts, log);
    await this.lifecycle.install(seed);
  }

  /** Runs each plugin's `start` hook in start order; one that throws is left out with its dependents. */
  async start(): Promise<void> {
    await this.lifecycle?.start();
  }

  /** Runs the `stop` hooks of the started plugins in reverse order. */
  async stop(): Promise<void> {
    await this.lifecycle?.stop();
  }

  /** The failures of listed plugins so far. */
  failures(): PluginFailure[] {
    return [...this.slots.values()].flatMap((s) => (s.failure ? [s.failure] : []));
  }

  /** What `kith_plugin` says about an installed plugin. */
  installed(id: string): StoredPlugin | undefined {
    return this.stored.get(id);
  }

  /** Reads `kith_plugin` again (after installs and upgrades). */
  async reloadInstalled(db: Database): Promise<void> {
    this.stored = await pluginStore.list(db.reader);
  }

  /** Remembers what the lifecycle just stored for a plugin (its definitions, its last upgrade), and an upgrade's report. */
  remember(id: string, parts: Partial<Record<PluginStatePart, unknown>>, upgrade?: UpgradeReport): void {
    this.states.set(id, { ...this.states.get(id), ...parts });
    if (upgrade) this.upgrades.set(id, upgrade);
  }

  /** Reports a plugin failed while it keeps running (its seed failed: its metadata is fine). */
  markFailed(id: string, error: KithError): void {
    const slot = this.slots.get(id)!;
    slot.state = 'failed';
    slot.failure = failureOf(id, error);
  }

  /** The base metadata now: the registry, for the lifecycle's upgrades. */
  metadata(): MetadataRegistry {
    return this.registry!;
  }

  /**
   * Leaves a running plugin out after the registry opened (its install, upgrade or start failed):
   * it and the plugins that require it are reported failed, and the registry swaps to the base
   * of the others. Their tables and data stay.
   */
  async leaveOut(id: string, error: KithError): Promise<void> {
    const out = new Set([id]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const p of this.running) {
        if (!out.has(p.id) && Object.keys(p.requires).some((d) => out.has(d))) {
          out.add(p.id);
          grew = true;
        }
      }
    }
    for (const name of out) {
      const slot = this.slots.get(name)!;
      slot.state = 'failed';
      slot.failure = failureOf(name, name === id ? error : Errors.pluginDependencyFailed(name, id));
      this.log?.error({ plugin: name, code: slot.failure.code }, `plugin left out: ${slot.failure.message}`);
    }
    this.running = this.running.filter((p) => !out.has(p.id));
    await this.registry!.setBase(this.baseEntities(), this.baseRoles(), this.baseRules(), this.baseWorkflows());
    await this.db!.transaction(async (tx) => {
      for (const name of out) await pluginStore.setOutcome(tx, name, 'failed');
    });
  }

  /** A configured version older than the installed one does not start: its data may be migrated past it. */
  private downgradeOf(plugin: PluginDefinition): PluginFailure | undefined {
    const installed = this.stored.get(plugin.id)?.version;
    if (installed === undefined || compareVersions(plugin.version, installed) >= 0) return undefined;
    return failureOf(plugin.id, PluginErrors.downgrade(plugin.id, plugin.version, installed));
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
    const lastUpgrade = this.upgrades.get(slot.name) ?? (this.states.get(slot.name)?.upgrade as UpgradeReport | undefined);
    return pluginReport(slot, this.stored.get(slot.name), this.definitions(), lastUpgrade);
  }

  /** A listed plugin's definition, or 404. */
  private definition(id: string): PluginDefinition {
    const plugin = this.slots.get(id)?.plugin;
    if (!plugin) throw Errors.pluginNotFound(id);
    return plugin;
  }

  /** The definitions of the installed version, as recorded at its install or upgrade. */
  snapshot(id: string): PluginSnapshot | undefined {
    return this.states.get(id)?.definition as PluginSnapshot | undefined;
  }

  private definitions(): PluginDefinition[] {
    return this.outcomes.flatMap((o) => (o.ok ? [o.plugin] : []));
  }
}
