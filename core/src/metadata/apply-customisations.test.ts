import { defineEntity, type EntityDefinition } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { applyCustomisations } from './apply-customisations.js';
import type { Customisation, CustomisationChange } from './customisation.js';

const v1 = defineEntity({ name: 'deal', fields: { title: { type: 'text' }, stage: { type: 'select', options: ['open', 'won'] }, legacyCode: { type: 'text' } } });
let seq = 0;
const c = (change: CustomisationChange): Customisation => ({ ...change, seq: ++seq, createdAt: '2026-11-25T00:00:00.000Z', createdBy: null }) as Customisation;

const customisations = [
  c({ kind: 'updateField', entityId: 'deal', fieldId: 'deal.title', changes: { label: { en: 'Deal name' }, required: true } }),
  c({ kind: 'updateField', entityId: 'deal', fieldId: 'deal.stage', changes: { addOptions: [{ value: 'lost', label: { en: 'Lost' } }] } }),
  c({ kind: 'updateField', entityId: 'deal', fieldId: 'deal.legacyCode', changes: { hidden: true } }),
  c({ kind: 'addField', entityId: 'deal', field: { id: 'deal.region.abc', name: 'region', type: 'text', label: { en: 'Region' }, source: 'custom' } }),
];

describe('applyCustomisations (effective = apply(customisations, base))', () => {
  it('applies every customisation in order without touching the base', () => {
    const { entities, conflicts } = applyCustomisations([v1], customisations);
    const deal = entities[0]!;
    expect(conflicts).toEqual([]);
    expect(deal.fields.find((f) => f.name === 'title')).toMatchObject({ label: { en: 'Deal name' }, required: true });
    expect(deal.fields.find((f) => f.name === 'stage')!.options!.map((o) => o.value)).toEqual(['open', 'won', 'lost']);
    expect(deal.fields.find((f) => f.name === 'region')!.source).toBe('custom');
    expect(v1.fields[0]!.label.en).toBe('Title');
  });

  it('keeps customisations on top of a changed base, and reports the ones that no longer fit', () => {
    // v2 renames title's label, adds an option, drops legacyCode and adds its own "region".
    const v2 = defineEntity({
      name: 'deal',
      fields: { title: { type: 'text', label: 'Subject', maxLength: 300 }, stage: { type: 'select', options: ['open', 'won', 'onHold'] }, region: { type: 'select', options: ['emea'] } },
    });
    const { entities, conflicts } = applyCustomisations([v2], customisations);
    const deal = entities[0]!;
    expect(deal.fields.find((f) => f.name === 'title')).toMatchObject({ label: { en: 'Deal name' }, required: true, maxLength: 300 });
    expect(deal.fields.find((f) => f.name === 'stage')!.options!.map((o) => o.value)).toEqual(['open', 'won', 'onHold', 'lost']);
    expect(deal.fields.find((f) => f.name === 'region')!.source).toBe('core');
    expect(conflicts.map((x) => [x.seq, x.kind])).toEqual([
      [customisations[2]!.seq, 'updateField'],
      [customisations[3]!.seq, 'addField'],
    ]);
    expect(conflicts[0]!.message).toMatch(/no longer exists/);
    expect(conflicts[1]!.message).toMatch(/clashes with the field "region"/);
  });

  it('reports select options customised on a field whose type an upgrade changed, and keeps the rest of it', () => {
    const v3 = defineEntity({ name: 'deal', fields: { title: { type: 'text' }, stage: { type: 'text' }, legacyCode: { type: 'text' } } });
    const fromPlugin: EntityDefinition = { ...v3, source: 'plugin:crm', fields: v3.fields.map((f) => ({ ...f, source: 'plugin:crm' })) };
    const { entities, conflicts } = applyCustomisations([fromPlugin], customisations);
    expect(conflicts.map((x) => [x.seq, x.kind])).toEqual([[customisations[1]!.seq, 'updateField']]);
    expect(conflicts[0]!.message).toBe('deal.stage is now a text field (plugin:crm changed its type), so this field change (its select options) no longer applies. Remove the customisation, or make the change again for the field as it is now.');
    expect(entities[0]!.fields.find((f) => f.name === 'stage')).not.toHaveProperty('options');
  });
});
