import type { EntityLayout, LayoutSection } from '../records/form-layout.js';

/** A section being edited. */
export interface DraftSection {
  readonly label: { readonly en: string; readonly es?: string };
  readonly columns: 1 | 2;
  readonly fields: readonly string[];
}

/** The layout being edited: its sections, and the fields no section places (shown under "Other"). */
export interface LayoutDraft {
  readonly sections: readonly DraftSection[];
  readonly unplaced: readonly string[];
}

/** Where a field can go: a section by index, or out of every section. */
export type FieldPlace = number | 'unplaced';

/** The draft of a stored layout; an entity without one starts with every field in one section. */
export function draftOf(layout: EntityLayout): LayoutDraft {
  const sections = layout.sections.filter((s) => !s.unplaced).map((s) => ({ label: { en: s.label.en, ...(s.label.es ? { es: s.label.es } : {}) }, columns: s.columns, fields: [...s.fields] }));
  const unplaced = layout.sections.filter((s) => s.unplaced).flatMap((s) => s.fields);
  if (!layout.customised) {
    const all = layout.sections.flatMap((s) => s.fields);
    const label = layout.sections[0]?.label ?? { en: 'Main' };
    return { sections: [{ label: { en: label.en, ...(label.es ? { es: label.es } : {}) }, columns: 1, fields: all }], unplaced: [] };
  }
  return { sections, unplaced };
}

const without = (list: readonly string[], field: string) => list.filter((f) => f !== field);

/** Moves `field` to the end of `to` (or to position `at` in it). */
export function moveField(draft: LayoutDraft, field: string, to: FieldPlace, at?: number): LayoutDraft {
  const insert = (list: readonly string[]) => {
    const next = without(list, field);
    next.splice(at ?? next.length, 0, field);
    return next;
  };
  return {
    sections: draft.sections.map((s, i) => ({ ...s, fields: i === to ? insert(s.fields) : without(s.fields, field) })),
    unplaced: to === 'unplaced' ? insert(draft.unplaced) : without(draft.unplaced, field),
  };
}

/** Moves `field` one place up (-1) or down (1) within its section. */
export function shiftField(draft: LayoutDraft, section: number, field: string, delta: -1 | 1): LayoutDraft {
  const fields = draft.sections[section]?.fields ?? [];
  const from = fields.indexOf(field);
  if (from < 0 || from + delta < 0 || from + delta >= fields.length) return draft;
  return moveField(draft, field, section, from + delta);
}

/** A new, empty section at the end. */
export function addSection(draft: LayoutDraft, label: string): LayoutDraft {
  return { ...draft, sections: [...draft.sections, { label: { en: label }, columns: 1, fields: [] }] };
}

/** Removes a section; its fields go back to the unplaced ones. */
export function removeSection(draft: LayoutDraft, index: number): LayoutDraft {
  return { sections: draft.sections.filter((_, i) => i !== index), unplaced: [...draft.unplaced, ...(draft.sections[index]?.fields ?? [])] };
}

/** Moves a section one place up (-1) or down (1). */
export function shiftSection(draft: LayoutDraft, index: number, delta: -1 | 1): LayoutDraft {
  const to = index + delta;
  if (to < 0 || to >= draft.sections.length) return draft;
  const sections = [...draft.sections];
  [sections[index], sections[to]] = [sections[to]!, sections[index]!];
  return { ...draft, sections };
}

/** Changes a section's label or columns. */
export function updateSection(draft: LayoutDraft, index: number, patch: Partial<DraftSection>): LayoutDraft {
  return { ...draft, sections: draft.sections.map((s, i) => (i === index ? { ...s, ...patch } : s)) };
}

/** The body of `PUT …/layout` (unplaced fields are not sent: the server puts them under "Other"). */
export function layoutBody(draft: LayoutDraft): { sections: DraftSection[] } {
  return { sections: draft.sections.map((s) => ({ label: s.label.es ? s.label : { en: s.label.en }, columns: s.columns, fields: [...s.fields] })) };
}

/** The layout the draft would give, for the preview: its sections, then "Other". */
export function previewOf(draft: LayoutDraft): LayoutSection[] {
  const sections: LayoutSection[] = draft.sections.filter((s) => s.fields.length > 0).map((s) => ({ label: s.label, columns: s.columns, fields: s.fields }));
  return draft.unplaced.length > 0 ? [...sections, { label: { en: 'Other', es: 'Otros' }, columns: 1, fields: draft.unplaced, unplaced: true }] : sections;
}
