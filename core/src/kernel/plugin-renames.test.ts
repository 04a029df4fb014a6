import { describe, expect, it } from 'vitest';
import type { Customisation, CustomisationChange } from '../metadata/customisation.js';
import { followRenames, renameVars } from './plugin-renames.js';

let seq = 0;
const c = (change: CustomisationChange): Customisation => ({ ...change, seq: ++seq, createdAt: '2026-11-25T00:00:00.000Z', createdBy: null }) as Customisation;
const rename = { entity: 'deal', entityId: 'deal', from: 'amount', to: 'value', oldId: 'deal.amount', newId: 'deal.value' };
const grant = { create: 'all', read: 'all', edit: 'own', delete: 'none' } as const;

describe('followRenames', () => {
  it('follows a renamed field by id and by name, in every customisation that names it, and leaves the rest alone', () => {
    const stored = [
      c({ kind: 'updateField', entityId: 'deal', fieldId: 'deal.amount', changes: { label: { en: 'Worth' } } }),
      c({ kind: 'updateField', entityId: 'deal', fieldId: 'deal.title', changes: { required: true } }),
      c({ kind: 'addIndex', entityId: 'deal', index: { fields: ['stage', 'amount'] } }),
      c({ kind: 'updateEntity', entityId: 'deal', changes: { titleField: 'amount' } }),
      c({ kind: 'addRule', rule: { id: 'r1', name: 'big', entity: 'deal', condition: { '>': [{ var: 'amount.amount' }, 100] }, message: { en: 'x' }, fields: ['amount'], active: true, source: 'custom' } }),
      c({ kind: 'addRule', rule: { id: 'r2', name: 'other', entity: 'company', condition: { var: 'amount' }, message: { en: 'x' }, fields: ['amount'], active: true, source: 'custom' } }),
      c({ kind: 'updateRule', ruleId: 'crm.deal.rule', changes: { condition: { '!': { var: ['amount', 0] } } } }),
      c({ kind: 'addRole', role: { id: 'closer', name: 'closer', label: { en: 'Closer' }, grants: { deal: { ...grant, fields: { amount: { read: true, edit: false } } } }, source: 'custom' } }),
    ];
    const followed = followRenames(stored, [rename], (id) => (id === 'crm.deal.rule' ? 'deal' : undefined));
    expect(followed.map((x) => x.seq)).toEqual([stored[0]!.seq, stored[2]!.seq, stored[3]!.seq, stored[4]!.seq, stored[6]!.seq, stored[7]!.seq]);
    expect(followed[0]).toMatchObject({ fieldId: 'deal.value' });
    expect(followed[1]).toMatchObject({ index: { fields: ['stage', 'value'] } });
    expect(followed[2]).toMatchObject({ changes: { titleField: 'value' } });
    expect(followed[3]).toMatchObject({ rule: { fields: ['value'], condition: { '>': [{ var: 'value.amount' }, 100] } } });
    expect(followed[4]).toMatchObject({ changes: { condition: { '!': { var: ['value', 0] } } } });
    expect(followed[5]).toMatchObject({ role: { grants: { deal: { fields: { value: { read: true, edit: false } } } } } });
    expect(stored[0]).toMatchObject({ fieldId: 'deal.amount' }); // pure: the input is untouched
  });

  it('renameVars rewrites only the renamed path and its parts', () => {
    expect(renameVars({ and: [{ var: 'amount' }, { var: 'amountDue' }, { var: 'amount.currency' }, 'amount'] }, rename)).toEqual({ and: [{ var: 'value' }, { var: 'amountDue' }, { var: 'value.currency' }, 'amount'] });
  });
});
