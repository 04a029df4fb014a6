import type { EntityDefinition } from '@kith/sdk';
import type { Customisation } from '../customisation.js';
import type { LayoutDefinition } from './layout.js';

/** A customisation of a layout. */
export type LayoutCustomisation = Extract<Customisation, { kind: 'setLayout' }>;

export function isLayoutChange(c: Customisation): c is LayoutCustomisation {
  return c.kind === 'setLayout';
}

/**
 * Applies one layout customisation to `layouts` (by entity id); returns why it cannot be applied,
 * when it cannot. `layout: null` takes the entity back to its default layout. Whether the
 * layout's fields still exist is judged on the final entity (`layoutMisfit`), since a later
 * customisation may remove them.
 */
export function applyLayoutChange(layouts: Map<string, LayoutCustomisation>, c: LayoutCustomisation, entity: EntityDefinition | undefined): string | undefined {
  if (!entity) return `Entity "${c.entityId}" no longer exists, so this layout cannot be applied. Remove the customisation or restore the entity.`;
  if (c.layout === null) layouts.delete(entity.id);
  else layouts.set(entity.id, c);
  return undefined;
}

/**
 * Why a layout no longer fits its entity as it finally is, if it does not. A layout naming
 * fields that are gone still applies without them (the form shows what exists); only a layout
 * none of whose fields exist any more is a conflict.
 */
export function layoutMisfit(layout: LayoutDefinition, entity: EntityDefinition | undefined): string | undefined {
  if (!entity) return 'Its entity no longer exists, so this layout cannot be applied. Remove the customisation or restore the entity.';
  const ids = new Set(entity.fields.map((f) => f.id));
  const placed = layout.sections.flatMap((s) => s.fields);
  if (placed.length === 0 || placed.some((id) => ids.has(id))) return undefined;
  return `None of the fields this layout of ${entity.name} places exists any more (${placed.join(', ')}), so it cannot be applied and ${entity.name} shows its default layout. Set the layout again for the fields ${entity.name} has now.`;
}
