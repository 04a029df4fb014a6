import type { ObjectFieldTemplateProps, UiSchema } from '@rjsf/utils';
import type { ComponentType } from 'react';
import { api } from '../../api/client.js';
import type { Labels } from '../../api/types.js';
import type { I18n } from '../../app/i18n.js';

/** One section of an entity's effective layout (`GET /metadata/entities/:entity/layout`). */
export interface LayoutSection {
  readonly label: Labels;
  readonly columns: 1 | 2;
  readonly fields: readonly string[];
  /** The trailing section of the fields no section places. */
  readonly unplaced?: true;
}

/** An entity's effective layout: its sections, the fields nobody placed in a last "Other" one. */
export interface EntityLayout {
  readonly entity: string;
  readonly customised: boolean;
  readonly sections: readonly LayoutSection[];
}

/** A section as the form draws it: a heading in the user's language and the form fields it holds. */
export interface FormSection {
  readonly title: string;
  readonly columns: 1 | 2;
  readonly fields: readonly string[];
}

/** The layout of an entity, as the signed-in user may see it. */
export const loadLayout = (entity: string) => api<EntityLayout>('GET', `/metadata/entities/${encodeURIComponent(entity)}/layout`);

/**
 * The form's sections: the layout's, cut to the fields the form shows, and any form field the
 * layout does not name (the server was changed meanwhile) in a last section, so none is lost.
 */
export function formSections(layout: EntityLayout, formFields: readonly string[], i18n: I18n): FormSection[] {
  const shown = new Set(formFields);
  const placed = new Set<string>();
  const sections: FormSection[] = [];
  for (const s of layout.sections) {
    const fields = s.fields.filter((f) => shown.has(f) && !placed.has(f));
    fields.forEach((f) => placed.add(f));
    if (fields.length > 0) sections.push({ title: i18n.label(s.label), columns: s.columns, fields });
  }
  const rest = formFields.filter((f) => !placed.has(f));
  if (rest.length > 0) {
    const last = sections.at(-1);
    if (last) sections[sections.length - 1] = { ...last, fields: [...last.fields, ...rest] };
    else sections.push({ title: '', columns: 1, fields: rest });
  }
  return sections;
}

/**
 * The uiSchema with the layout applied: fields in layout order and the sectioned template on
 * the root object (it reads the sections from the root's `ui:options`). One section of one
 * column is how a form looked before layouts, so that case keeps RJSF's plain template.
 */
export function withLayout(uiSchema: UiSchema, sections: readonly FormSection[], template: ComponentType<ObjectFieldTemplateProps>): UiSchema {
  if (sections.length === 0 || (sections.length === 1 && sections[0]!.columns === 1 && sections[0]!.title === '')) return uiSchema;
  return {
    ...uiSchema,
    'ui:order': [...sections.flatMap((s) => s.fields), '*'],
    'ui:ObjectFieldTemplate': template,
    'ui:options': { ...((uiSchema['ui:options'] as object | undefined) ?? {}), sections },
  };
}
