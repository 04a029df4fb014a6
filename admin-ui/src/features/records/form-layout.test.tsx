// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Abilities, EntityDetail } from '../../api/types.js';
import { makeI18n } from '../../app/i18n.js';
import { formSchemas } from '../../rjsf/ui-schema.js';
import { formSections, withLayout, type EntityLayout } from './form-layout.js';
import { FormSections } from './FormSections.js';
import { RecordForm } from './RecordForm.js';

const deal: EntityDetail = {
  name: 'deal',
  label: { en: 'Deal' },
  titleField: 'title',
  fields: [
    { name: 'title', type: 'text', label: { en: 'Title' }, required: true },
    { name: 'stage', type: 'text', label: { en: 'Stage' } },
    { name: 'email', type: 'email', label: { en: 'Email' } },
    { name: 'secret', type: 'text', label: { en: 'Secret' } },
  ],
  inverses: [],
  schema: { type: 'object', additionalProperties: false, required: ['title'], properties: { title: { type: 'string' }, stage: { type: 'string' }, email: { type: 'string' } } },
};
const everything: Abilities = { create: true, edit: true, delete: true, readOnlyFields: new Set() };
const layout: EntityLayout = {
  entity: 'deal',
  customised: true,
  sections: [
    { label: { en: 'Contact', es: 'Contacto' }, columns: 2, fields: ['email', 'secret'] },
    { label: { en: 'Other', es: 'Otros' }, columns: 1, fields: ['title'] },
  ],
};

afterEach(cleanup);

describe('layout → uiSchema', () => {
  it('orders the fields by section, drops the ones the form does not show, and keeps any the layout missed', () => {
    const es = makeI18n('es');
    const sections = formSections(layout, ['title', 'stage', 'email'], es);
    expect(sections).toEqual([
      { title: 'Contacto', columns: 2, fields: ['email'] },
      { title: 'Otros', columns: 1, fields: ['title', 'stage'] },
    ]);
    const { uiSchema } = formSchemas(deal, everything, es);
    const laid = withLayout(uiSchema, sections, FormSections);
    expect(laid['ui:order']).toEqual(['email', 'title', 'stage', '*']);
    expect(laid['ui:ObjectFieldTemplate']).toBe(FormSections);
    expect(laid['ui:options']).toEqual({ sections });
    expect(laid.email).toEqual(uiSchema.email);
  });

  it('leaves a form without sections as it was', () => {
    const { uiSchema } = formSchemas(deal, everything, makeI18n('en'));
    expect(withLayout(uiSchema, [{ title: '', columns: 1, fields: ['title'] }], FormSections)).toBe(uiSchema);
  });

  it('draws the form in its sections, with headings and two columns', () => {
    render(<RecordForm entity={deal} abilities={everything} layout={layout} save={async () => ({}) as never} onSaved={() => undefined} onCancel={() => undefined} />);
    const contact = screen.getByRole('region', { name: 'Contact' });
    expect(within(contact).getByLabelText('Email')).toBeTruthy();
    expect(contact.querySelector('.form-section-grid.two')).not.toBeNull();
    const other = screen.getByRole('region', { name: 'Other' });
    expect(within(other).getByLabelText(/Title/)).toBeTruthy();
    expect(within(other).getByLabelText('Stage')).toBeTruthy();
  });
});
