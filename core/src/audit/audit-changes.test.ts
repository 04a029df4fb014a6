import { describe, expect, it } from 'vitest';
import { createChanges, updateChanges, visibleChanges, type AuditedEntity, type FieldChange } from './audit-changes.js';

const deal: AuditedEntity = {
  fields: [
    { name: 'title', def: {} },
    { name: 'amount', def: {} },
    { name: 'probability', def: {} },
    { name: 'weighted', def: {} },
    { name: 'secret', def: { audited: false } },
    { name: 'notes', def: { audited: true } },
  ],
};

const system = { id: 7, version: 1, createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z', createdBy: 1, updatedBy: 1 };

describe('createChanges', () => {
  it('lists every field with a value, from null, and no system fields', () => {
    const changes = createChanges(deal, { ...system, title: 'Pumps', amount: { amount: 10, currency: 'EUR' }, probability: 0, weighted: null, notes: '' });
    expect(changes).toEqual([
      { field: 'title', old: null, new: 'Pumps' },
      { field: 'amount', old: null, new: { amount: 10, currency: 'EUR' } },
      { field: 'probability', old: null, new: 0 },
      { field: 'notes', old: null, new: '' },
    ]);
  });

  it('records that a non-audited field was set, without its value', () => {
    expect(createChanges(deal, { ...system, secret: 'hunter2' })).toEqual([{ field: 'secret', old: null, new: null, redacted: true }]);
  });
});

describe('updateChanges', () => {
  const before = { ...system, title: 'Pumps', amount: { amount: 10, currency: 'EUR' }, probability: 50, weighted: 5, secret: 'a', notes: null };

  it('lists only the fields whose stored value changed, with old and new values, computed fields included', () => {
    const after = { ...before, version: 2, updatedAt: '2024-01-02T00:00:00.000Z', probability: 40, weighted: 4 };
    expect(updateChanges(deal, before, after)).toEqual([
      { field: 'probability', old: 50, new: 40 },
      { field: 'weighted', old: 5, new: 4 },
    ]);
  });

  it('compares composite values by content, and treats a missing value as null', () => {
    const after = { ...before, amount: { amount: 10, currency: 'EUR' }, notes: undefined };
    expect(updateChanges(deal, before, after)).toEqual([]);
    expect(updateChanges(deal, before, { ...before, amount: { amount: 10, currency: 'USD' } })).toEqual([
      { field: 'amount', old: { amount: 10, currency: 'EUR' }, new: { amount: 10, currency: 'USD' } },
    ]);
    expect(updateChanges(deal, before, { ...before, title: null })).toEqual([{ field: 'title', old: 'Pumps', new: null }]);
  });

  it('redacts a non-audited field that changed and ignores one that did not', () => {
    expect(updateChanges(deal, before, { ...before, secret: 'b' })).toEqual([{ field: 'secret', old: null, new: null, redacted: true }]);
    expect(updateChanges(deal, before, { ...before })).toEqual([]);
  });
});

describe('visibleChanges', () => {
  const changes: FieldChange[] = [
    { field: 'title', old: 'a', new: 'b' },
    { field: 'salary', old: 1, new: 2 },
  ];

  it('shows everything when no field restriction applies', () => {
    expect(visibleChanges(changes, undefined)).toEqual(changes);
  });

  it('leaves out the changes of fields the caller may not read', () => {
    expect(visibleChanges(changes, new Set(['title']))).toEqual([{ field: 'title', old: 'a', new: 'b' }]);
    expect(visibleChanges(changes, new Set())).toEqual([]);
  });
});
