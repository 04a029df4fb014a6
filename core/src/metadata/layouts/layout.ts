import type { Labels } from '@kith/sdk';

/** How many columns a form section lays its fields out in. */
export type LayoutColumns = 1 | 2;

/** One section of a stored layout: a heading and its fields, by stable field id (so renames are safe). */
export interface LayoutSection {
  readonly label: Labels;
  readonly columns?: LayoutColumns;
  readonly fields: readonly string[];
}

/** The stored layout of one entity's forms and record page: ordered sections. */
export interface LayoutDefinition {
  readonly sections: readonly LayoutSection[];
}

/** A section of the effective layout, as the API and the UI see it: fields by name. */
export interface EffectiveLayoutSection {
  readonly label: Labels;
  readonly columns: LayoutColumns;
  readonly fields: readonly string[];
  /** Set on the trailing section of the fields no section places ("Other", or all of them by default). */
  readonly unplaced?: true;
}

/** The effective layout of an entity: the stored sections, then "Other" with every field not placed. */
export interface EffectiveLayout {
  readonly entity: string;
  /** True when a customisation set it; false for the default (one section of every field). */
  readonly customised: boolean;
  readonly sections: readonly EffectiveLayoutSection[];
}

/** The heading of the trailing section that holds the fields the layout does not place. */
export const OTHER_SECTION_LABEL: Labels = { en: 'Other', es: 'Otros' };
