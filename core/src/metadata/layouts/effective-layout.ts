import type { EntityDefinition } from '@kith/sdk';
import { OTHER_SECTION_LABEL, type EffectiveLayout, type EffectiveLayoutSection, type LayoutDefinition } from './layout.js';

/**
 * The layout a reader sees: the stored sections with the fields that still exist (and that the
 * reader may see), then an "Other" section with every remaining field, so a field added later
 * never disappears from a form. Sections left empty are left out. Without a stored layout,
 * every field is in one section.
 */
export function effectiveLayout(entity: EntityDefinition, stored: LayoutDefinition | undefined, visible?: ReadonlySet<string>): EffectiveLayout {
  const shown = entity.fields.filter((f) => !f.hidden && (visible === undefined || visible.has(f.name)));
  const nameById = new Map(shown.map((f) => [f.id, f.name]));
  const placed = new Set<string>();
  const sections: EffectiveLayoutSection[] = [];
  for (const section of stored?.sections ?? []) {
    const fields = section.fields.flatMap((id) => {
      const name = nameById.get(id);
      if (name === undefined || placed.has(name)) return [];
      placed.add(name);
      return [name];
    });
    if (fields.length > 0) sections.push({ label: section.label, columns: section.columns ?? 1, fields });
  }
  const rest = shown.filter((f) => !placed.has(f.name)).map((f) => f.name);
  if (rest.length > 0) sections.push({ label: stored ? OTHER_SECTION_LABEL : entity.label, columns: 1, fields: rest, unplaced: true });
  return { entity: entity.name, customised: stored !== undefined, sections };
}
