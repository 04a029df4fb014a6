import { defineEntity } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { effectiveLayout } from './effective-layout.js';

const deal = defineEntity({ name: 'deal', fields: { title: { type: 'text' }, stage: { type: 'text' }, secret: { type: 'text', hidden: true }, amount: { type: 'decimal' } } });

describe('effectiveLayout', () => {
  it('without a stored layout, puts every shown field in one section under the entity label', () => {
    expect(effectiveLayout(deal, undefined)).toEqual({ entity: 'deal', customised: false, sections: [{ label: deal.label, columns: 1, fields: ['title', 'stage', 'amount'], unplaced: true }] });
  });

  it('keeps the stored order, skips fields that are gone, unreadable or placed twice, and ends with "Other"', () => {
    const stored = { sections: [{ label: { en: 'Main' }, columns: 2 as const, fields: ['deal.amount', 'deal.gone', 'deal.title'] }, { label: { en: 'Empty now' }, fields: ['deal.gone', 'deal.amount'] }] };
    expect(effectiveLayout(deal, stored, new Set(['title', 'stage', 'amount'])).sections).toEqual([
      { label: { en: 'Main' }, columns: 2, fields: ['amount', 'title'] },
      { label: { en: 'Other', es: 'Otros' }, columns: 1, fields: ['stage'], unplaced: true },
    ]);
    expect(effectiveLayout(deal, stored, new Set(['stage'])).sections).toEqual([{ label: { en: 'Other', es: 'Otros' }, columns: 1, fields: ['stage'], unplaced: true }]);
  });
});
