import type { PluginDefinition } from '@kith/sdk';
import { Errors } from '../errors/index.js';
import type { CompiledModel } from '../metadata/compile/compiled-types.js';
import type { Customisation, CustomisationChange } from '../metadata/customisation.js';
import { fileOf } from './describe-change.js';
import { NameBook } from './name-book.js';
import { MANIFEST, PACKAGE_FORMAT, stableJson, withoutLocal, type PackageFiles, type PackageManifest } from './package-format.js';
import { pluginScope } from './plugin-scope.js';

/** What an export reads: the effective model, the stored customisations, the running plugins. */
export interface ExportSource {
  readonly model: CompiledModel;
  readonly stored: readonly Customisation[];
  readonly plugins: readonly Pick<PluginDefinition, 'id' | 'version'>[];
}

/** The plugins of an instance as the manifest records them: id → version, sorted by id. */
export function pluginVersions(plugins: readonly Pick<PluginDefinition, 'id' | 'version'>[]): Record<string, string> {
  return Object.fromEntries(plugins.map((p) => [p.id, p.version] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * A client's customisations in effect as package files: one file per target (entity, role, rules of an
 * entity) holding its customisations in order, and a manifest with the plugins and the order
 * across files. Nothing local to the instance (sequence numbers, dates, users) is written, so
 * exporting the same customisations twice gives the same bytes.
 */
export function exportPackage(source: ExportSource, plugin?: string): PackageFiles {
  if (plugin !== undefined && !source.plugins.some((p) => p.id === plugin)) throw Errors.pluginNotFound(plugin);
  // A customisation that is a conflict now (its field was removed, a plugin field took its name)
  // has no effect here: promoting it would fail or do something else elsewhere. It stays stored
  // and listed in the conflicts; the package carries what is in effect.
  const conflicting = new Set(source.model.conflicts.map((c) => c.seq));
  const changes = source.stored.filter((c) => !conflicting.has(c.seq)).map(withoutLocal);
  const names = new NameBook(source.model, changes);
  const inScope = plugin === undefined ? () => true : pluginScope(plugin, source.model, names);
  const byFile = new Map<string, CustomisationChange[]>();
  const order: string[] = [];
  for (const change of changes) {
    if (!inScope(change)) continue;
    const file = fileOf(change, names);
    byFile.set(file, [...(byFile.get(file) ?? []), change]);
    order.push(file);
  }
  const manifest: PackageManifest = { format: PACKAGE_FORMAT, plugins: pluginVersions(source.plugins), ...(plugin !== undefined ? { plugin } : {}), order };
  const files: Record<string, string> = { [MANIFEST]: stableJson(manifest) };
  for (const file of [...byFile.keys()].sort()) files[file] = stableJson(byFile.get(file));
  return files;
}
