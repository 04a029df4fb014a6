import type { CustomisationConflict } from '../metadata/customisation.js';
import type { PluginDefinition } from '@kith/sdk';
import type { Database } from '../data/database.js';
import { Mutex } from '../data/mutex.js';
import type { CompiledModel } from '../metadata/compile/compiled-types.js';
import type { MetadataRegistry } from '../metadata/registry.js';
import { exportPackage, type ExportSource } from './export-package.js';
import { PackageErrors } from './package-errors.js';
import type { PackageFiles } from './package-format.js';
import { destructiveChanges, planPackage, type PackagePlan, type PlannedChange } from './plan-package.js';
import { readPackage, type PackageOwners } from './read-package.js';

/** What the package service works on: the database, the metadata registry, the running plugins. */
export interface PackageHost {
  readonly db: Database;
  readonly registry: MetadataRegistry;
  readonly plugins: { plugins(): readonly Pick<PluginDefinition, 'id' | 'version'>[] };
}

/** Options of an apply. */
export interface ApplyOptions {
  readonly userId: number | null;
  /** Go ahead with destructive changes (field removals, narrowing); without it a plan that has any is refused. */
  readonly confirmDestructive?: boolean;
}

/** A planned change after apply. */
export type AppliedChange = PlannedChange & { readonly status: 'applied' | 'failed' | 'notApplied' };

/** What an apply did. */
export interface ApplyResult {
  readonly applied: number;
  readonly changes: readonly AppliedChange[];
}

/**
 * Config as code: exports a client's customisations as a package, plans a package against
 * this instance, and applies it through the metadata registry, one change at a time.
 */
export class ConfigPackageService {
  // Two applies at once on one node would both plan the same missing changes; one waits.
  private readonly applying = new Mutex();

  constructor(private readonly host: PackageHost) {}

  /** The package files of this instance's customisations (only plugin `plugin`'s part, when given). */
  export(plugin?: string): PackageFiles {
    return exportPackage(this.source(), plugin);
  }

  /** The stored customisations that are conflicts now, which an export leaves out. */
  conflicts(): readonly CustomisationConflict[] {
    return this.host.registry.model.conflicts;
  }

  /** What applying `files` would change here; checks the package first (`KITH_PACKAGE_INVALID`). */
  async plan(files: PackageFiles): Promise<PackagePlan> {
    return planPackage(readPackage(files, fileOwners(this.host.registry.model)), this.source(), this.host.db.reader);
  }

  /**
   * Applies the plan's changes in order, each through `registry.change` (its own
   * transaction). Refuses a plan with destructive changes unless confirmed; stops at the first
   * failing change, reporting which applied. A second apply of the same package changes nothing.
   */
  async apply(files: PackageFiles, options: ApplyOptions): Promise<ApplyResult> {
    return this.applying.run(() => this.applyPlan(files, options));
  }

  private async applyPlan(files: PackageFiles, options: ApplyOptions): Promise<ApplyResult> {
    const plan = await this.plan(files);
    const confirm = options.confirmDestructive === true;
    const destructive = destructiveChanges(plan);
    if (destructive.length > 0 && !confirm) throw PackageErrors.confirmationRequired(destructive, plan.changes.length);
    for (const [i, planned] of plan.changes.entries()) {
      try {
        await this.host.registry.change(planned.change, { userId: options.userId, confirm });
      } catch (error) {
        const changes = plan.changes.map((c, j) => ({ ...c, status: j < i ? 'applied' : j === i ? 'failed' : 'notApplied' }));
        throw PackageErrors.applyFailed(planned, i, plan.changes.length, error, changes);
      }
    }
    return { applied: plan.changes.length, changes: plan.changes.map((c) => ({ ...c, status: 'applied' })) };
  }

  private source(): ExportSource {
    return { model: this.host.registry.model, stored: this.host.registry.stored, plugins: this.host.plugins.plugins() };
  }
}

const pluginOf = (source: string | undefined) => (source === undefined ? 'custom' : source.startsWith('plugin:') ? source.slice('plugin:'.length) : source);

/**
 * Whose part each package file is, read from this instance's model: `entities/deal.json` is
 * the part of the plugin that defines deal; a file whose target is not here yet is `custom`
 * (only a customisation can add it).
 */
function fileOwners(model: CompiledModel): PackageOwners {
  return (file) => {
    const [folder, base = ''] = file.split('/');
    const name = base.replace(/\.json$/, '');
    if (folder === 'roles') return pluginOf(model.roles.get(name)?.source);
    if (folder === 'workflows') return pluginOf(model.workflows.get(name)?.source);
    return pluginOf(model.entities.get(name)?.def.source);
  };
}
