import type { SqlExecutor } from '../data/database.js';
import type { CustomisationChange, CustomisationKind } from '../metadata/customisation.js';
import { describeChange, fileOf } from './describe-change.js';
import { pluginVersions, type ExportSource } from './export-package.js';
import { NameBook } from './name-book.js';
import { changeKey, withoutLocal, type ConfigPackage } from './package-format.js';
import { pluginScope } from './plugin-scope.js';
import { assessRisks, type ChangeRisk } from './row-risk.js';

/** A change the target lacks, where it comes from in the package, and what it puts at risk. */
export interface PlannedChange extends ChangeRisk {
  readonly file: string;
  readonly index: number;
  readonly kind: CustomisationKind;
  readonly summary: string;
  readonly change: CustomisationChange;
}

/** A customisation the target has and the package does not: reported, never removed. */
export interface TargetOnlyChange {
  readonly file: string;
  readonly kind: CustomisationKind;
  readonly summary: string;
  readonly change: CustomisationChange;
}

/** A plugin whose version differs between the package's source and the target (null: absent). */
export interface PluginDifference {
  readonly plugin: string;
  readonly package: string | null;
  readonly target: string | null;
}

/** What applying a package would do to one instance. */
export interface PackagePlan {
  /** In the order apply runs them. */
  readonly changes: readonly PlannedChange[];
  readonly onlyInTarget: readonly TargetOnlyChange[];
  readonly plugins: readonly PluginDifference[];
}

function counts(keys: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const k of keys) map.set(k, (map.get(k) ?? 0) + 1);
  return map;
}

/** Takes one of `key` from `map`; true when there was one. */
function take(map: Map<string, number>, key: string): boolean {
  const n = map.get(key) ?? 0;
  if (n === 0) return false;
  map.set(key, n - 1);
  return true;
}

function pluginDifferences(pkg: ConfigPackage, target: ExportSource['plugins']): PluginDifference[] {
  const ours = pluginVersions(target);
  const theirs = pkg.manifest.plugins;
  const ids = [...new Set([...Object.keys(theirs), ...Object.keys(ours)])].sort();
  return ids.filter((id) => theirs[id] !== ours[id]).map((id) => ({ plugin: id, package: theirs[id] ?? null, target: ours[id] ?? null }));
}

/**
 * The plan: the package's customisations the target does not have yet, in package order.
 * A customisation is the same in both when kind, target ids and payload are deeply equal
 * (ids travel with the package), counted as a multiset so a change made twice is applied
 * twice. Target customisations the package lacks are listed, not touched. Each planned change
 * says whether it is destructive and how many of the target's rows are at risk.
 */
export async function planPackage(pkg: ConfigPackage, target: ExportSource, db: SqlExecutor): Promise<PackagePlan> {
  const stored = target.stored.map(withoutLocal);
  const have = counts(stored.map(changeKey));
  const missing = pkg.items.filter((item) => !take(have, changeKey(item.change)));
  const names = new NameBook(target.model, [...stored, ...pkg.items.map((i) => i.change)]);
  const risks = await assessRisks(missing.map((i) => i.change), target.model, db);
  const changes = missing.map((item, i) => ({ file: item.file, index: item.index, kind: item.change.kind, summary: describeChange(item.change, names), ...risks[i]!, change: item.change }));
  const wanted = counts(pkg.items.map((i) => changeKey(i.change)));
  const scope = pkg.manifest.plugin !== undefined && target.plugins.some((p) => p.id === pkg.manifest.plugin) ? pluginScope(pkg.manifest.plugin, target.model, names) : () => true;
  const onlyInTarget = stored
    .filter((c) => !take(wanted, changeKey(c)) && scope(c))
    .map((change) => ({ file: fileOf(change, names), kind: change.kind, summary: describeChange(change, names), change }));
  return { changes, onlyInTarget, plugins: pluginDifferences(pkg, target.plugins) };
}

/** A plan's changes that need confirmation. */
export function destructiveChanges(plan: PackagePlan): PlannedChange[] {
  return plan.changes.filter((c) => c.destructive);
}
