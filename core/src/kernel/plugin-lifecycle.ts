import { compareVersions, type PluginDefinition, type PluginLogger } from '@kith/sdk';
import type { Database } from '../data/database.js';
import { Errors, isKithError } from '../errors/index.js';
import type { PluginContexts } from './plugin-context.js';
import { PluginErrors } from './plugin-errors.js';
import type { PluginHost } from './plugin-host.js';
import { pluginStateStore, snapshotOf } from './plugin-state-store.js';
import { pluginStore } from './plugin-store.js';
import { planUpgrade } from './plugin-upgrade-plan.js';
import { runUpgrade } from './plugin-upgrade.js';

/** What the lifecycle asks of the host: the plugins that run, what was recorded about them, and leaving one out. */
export type LifecycleHost = Pick<
  PluginHost,
  'plugins' | 'failures' | 'installed' | 'snapshot' | 'remember' | 'reloadInstalled' | 'markFailed' | 'leaveOut' | 'metadata' | 'baseEntities' | 'baseRoles' | 'baseRules' | 'baseWorkflows'
>;

/**
 * The phases after the metadata compiled: **install or upgrade** (a first install is recorded,
 * with its `install` hook in the same transaction; a newer version runs its migrations), seed,
 * **start** (dependencies first) and, on shutdown, **stop** in reverse. A plugin that fails in
 * one of them is left out by the host with the plugins that require it.
 */
export class PluginLifecycle {
  private started: PluginDefinition[] = [];

  constructor(
    private readonly host: LifecycleHost,
    private readonly db: Database,
    private readonly contexts: PluginContexts,
    private readonly log: PluginLogger,
  ) {}

  /**
   * Records first installs (with the definitions of the installed version, for later upgrade
   * plans) and each plugin's outcome, runs `install` hooks and upgrades in start order, and
   * writes each plugin's seed data the first time when `seed`.
   */
  async install(seed: boolean): Promise<void> {
    const { db, host, log } = this;
    for (const failure of host.failures()) log.error({ plugin: failure.plugin, code: failure.code, errors: failure.errors }, `plugin left out: ${failure.message}`);
    const now = new Date().toISOString();
    await db.transaction(async (tx) => {
      for (const plugin of host.plugins()) {
        const installed = host.installed(plugin.id);
        if (installed) await pluginStore.setOutcome(tx, plugin.id, 'enabled');
        else if (!plugin.install) await pluginStore.insert(tx, plugin.id, plugin.version, now);
        // An upgrade records its version's definitions itself, an install hook's transaction too.
        const snapshot = snapshotOf(plugin);
        const recordNow = installed ? installed.version === plugin.version : !plugin.install;
        if (recordNow && JSON.stringify(host.snapshot(plugin.id)) !== JSON.stringify(snapshot)) {
          await pluginStateStore.set(tx, plugin.id, 'definition', snapshot);
          host.remember(plugin.id, { definition: snapshot });
        }
      }
      for (const failure of host.failures()) await pluginStore.setOutcome(tx, failure.plugin, 'failed');
    });
    for (const plugin of this.each()) {
      const installed = host.installed(plugin.id);
      if (!installed && plugin.install) await this.installWithHook(plugin, now);
      else if (installed && compareVersions(plugin.version, installed.version) > 0) await this.upgrade(plugin, installed.version);
    }
    await host.reloadInstalled(db);
    if (seed) for (const plugin of this.each()) await this.seed(plugin);
  }

  /** Runs each plugin's `start` hook in start order; one that throws is left out with its dependents. */
  async start(): Promise<void> {
    for (const plugin of this.each()) {
      if (plugin.start) {
        try {
          await plugin.start(this.contexts.system(plugin));
        } catch (error) {
          await this.host.leaveOut(plugin.id, PluginErrors.startFailed(plugin.id, error));
          continue;
        }
      }
      this.started.push(plugin);
    }
  }

  /** Runs the `stop` hooks of the started plugins in reverse order; a failing one is logged, the others still stop. */
  async stop(): Promise<void> {
    const started = this.started.reverse();
    this.started = [];
    for (const plugin of started) {
      try {
        await plugin.stop?.(this.contexts.system(plugin));
      } catch (error) {
        this.log.error({ plugin: plugin.id, err: error }, 'plugin stop failed');
      }
    }
  }

  /** The running plugins in start order, skipping any left out (with a plugin it requires) on the way. */
  private *each(): Generator<PluginDefinition> {
    for (const plugin of [...this.host.plugins()]) if (this.host.plugins().includes(plugin)) yield plugin;
  }

  private async installWithHook(plugin: PluginDefinition, now: string): Promise<void> {
    try {
      await this.db.transaction(async (tx) => {
        await pluginStore.insert(tx, plugin.id, plugin.version, now);
        await pluginStateStore.set(tx, plugin.id, 'definition', snapshotOf(plugin));
        await plugin.install!(this.contexts.inTransaction(plugin, tx));
      });
      this.host.remember(plugin.id, { definition: snapshotOf(plugin) });
    } catch (error) {
      await this.host.leaveOut(plugin.id, PluginErrors.installFailed(plugin.id, error));
    }
  }

  private async upgrade(plugin: PluginDefinition, from: string): Promise<void> {
    const { host, log } = this;
    const registry = host.metadata();
    const snapshot = host.snapshot(plugin.id);
    try {
      const { report, followed } = await runUpgrade({ db: this.db, registry, contexts: this.contexts, plugin, from, snapshot, running: host.plugins() });
      host.remember(plugin.id, { definition: snapshotOf(plugin), upgrade: report }, report);
      if (followed) {
        // Customisations now name the renamed fields: reload them, and let the schema follow (indexes).
        await registry.refresh();
        await registry.setBase(host.baseEntities(), host.baseRoles(), host.baseRules(), host.baseWorkflows());
      }
      log.info({ plugin: plugin.id, from, to: plugin.version, migrations: report.migrations.map((m) => m.version), conflicts: report.conflicts.length }, 'plugin upgraded');
      for (const c of report.conflicts) log.warn({ plugin: plugin.id, seq: c.seq, kind: c.kind }, `customisation conflict after upgrade: ${c.message}`);
    } catch (error) {
      const failure = isKithError(error) ? error : PluginErrors.migrationFailed(plugin.id, from, plugin.version, { version: plugin.version }, error);
      const plan = planUpgrade({ plugin, installed: from, snapshot, running: host.plugins(), customisations: registry.stored });
      host.remember(plugin.id, {}, { ...plan, at: new Date().toISOString(), outcome: 'failed', moved: [], error: { code: failure.code, message: failure.message } });
      await host.leaveOut(plugin.id, failure);
    }
  }

  private async seed(plugin: PluginDefinition): Promise<void> {
    if (!plugin.seed || this.host.installed(plugin.id)?.seededAt) return;
    try {
      const started = performance.now();
      // One transaction: a seed that fails halfway leaves nothing behind and runs again next start.
      await this.db.transaction(async (tx) => {
        await plugin.seed!(this.contexts.seed(plugin, tx));
        await pluginStore.markSeeded(tx, plugin.id, new Date().toISOString());
      });
      this.log.info({ plugin: plugin.id, ms: Math.round(performance.now() - started) }, 'seed data written');
    } catch (error) {
      this.log.error({ plugin: plugin.id, err: error }, 'seed failed');
      this.host.markFailed(plugin.id, Errors.pluginSeedFailed(plugin.id, error));
      await this.db.transaction((tx) => pluginStore.setOutcome(tx, plugin.id, 'failed'));
    }
  }
}
