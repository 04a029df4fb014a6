import type { EntityDefinition, ExtensionDefinition, PluginDefinition } from '@kith/sdk';
import type { ErrorDetail } from '../errors/index.js';

/** The extensions of a definition (`?? []`: a plugin built with an older SDK has none). */
export function extensionsOf(plugin: { readonly extensions?: readonly ExtensionDefinition[] | undefined }): readonly ExtensionDefinition[] {
  return plugin.extensions ?? [];
}

/**
 * The entities of `plugins` with the fields their extensions add, appended in plugin order
 * (the base entity objects are never edited). An extension whose entity is not among them is
 * a problem of its plugin, with the path of the extension.
 */
export function extendEntities(plugins: readonly (Pick<PluginDefinition, 'id' | 'entities'> & { readonly extensions?: readonly ExtensionDefinition[] | undefined })[]): { entities: EntityDefinition[]; problems: Map<string, ErrorDetail[]> } {
  const entities = plugins.flatMap((p) => p.entities);
  const index = new Map(entities.map((e, i) => [e.name, i]));
  const problems = new Map<string, ErrorDetail[]>();
  for (const plugin of plugins) {
    extensionsOf(plugin).forEach((x, i) => {
      const at = index.get(x.entity);
      if (at === undefined) {
        problems.set(plugin.id, [...(problems.get(plugin.id) ?? []), { field: `extensions[${i}].entity`, code: 'KITH_METADATA_INVALID', message: `"${x.entity}" is not an entity of this plugin or the plugins it requires` }]);
        return;
      }
      const target = entities[at]!;
      entities[at] = { ...target, fields: [...target.fields, ...x.fields] };
    });
  }
  return { entities, problems };
}
