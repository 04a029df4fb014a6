import type { PluginDefinition } from '@kith/sdk';
import type { Database } from '../data/database.js';
import type { MetadataRegistry } from '../metadata/registry.js';
import { exportPackage, type ExportSource } from './export-package.js';
import { PackageErrors } from './package-errors.js';
import type { PackageFiles } from './package-format.js';
import { destructiveChanges, planPackage, type PackagePlan, type PlannedChange } from './plan-package.js';
import { readPackage } from './read-package.js';

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
  constructor(private readonly host: PackageHost) {}

  /** The package files of this instance's customisations (only plugin `plugin`'s part, when given). */
  export(plugin?: string): PackageFiles {
    return exportPackage(this.source(), plugin);
  }

  /** What applying `files` would change here; checks the package first (`KITH_PACKAGE_INVALID`). */
  async plan(files: PackageFiles): Promise<PackagePlan> {
    return planPackage(readPackage(files), this.source(), this.host.db.reader);
  }

  /**
   * Applies the plan's changes in order, each through `registry.change` (its own
   * transaction). Refuses a plan with destructive changes unless confirmed; stops at the first
   * failing change, reporting which applied. A second apply of the same package changes nothing.
   */
  async apply(files: PackageFiles, options: ApplyOptions): Promise<ApplyResult> {
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
