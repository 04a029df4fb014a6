import { defineEntity, type ValidationRuleDefinition } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { applyCustomisations } from './apply-customisations.js';
import type { Customisation, CustomisationChange } from './customisation.js';

const deal = defineEntity({ name: 'deal', fields: { title: { type: 'text' }, stage: { type: 'select', options: ['open', 'won'] } } });
const base: ValidationRuleDefinition = {
  id: 'crm.deal.titled',
  name: 'titled',
  entity: 'deal',
  condition: { '!': { var: 'title' } },
  message: { en: 'A deal needs a title.' },
  fields: ['title'],
  active: true,
  source: 'plugin:crm',
};
const custom: ValidationRuleDefinition = { ...base, id: 'deal.wonTitle.abc123', name: 'wonTitle', source: 'custom' };
let seq = 0;
const c = (change: CustomisationChange): Customisation => ({ ...change, seq: ++seq, createdAt: '2026-11-25T00:00:00.000Z', createdBy: null }) as Customisation;

describe('applyCustomisations with validation rules', () => {
  it('adds, changes and removes rules on top of the base rules, without touching them', () => {
    const { rules, conflicts } = applyCustomisations([deal], [
      c({ kind: 'addRule', rule: custom }),
      c({ kind: 'updateRule', ruleId: base.id, changes: { active: false, message: { en: 'Title, please.' } } }),
      c({ kind: 'updateRule', ruleId: custom.id, changes: { fields: [] } }),
    ], [], [base]);
    expect(conflicts).toEqual([]);
    expect(rules).toEqual([
      { ...base, active: false, message: { en: 'Title, please.' } },
      { ...custom, fields: [] },
    ]);
    expect(base.active).toBe(true);
    const removed = applyCustomisations([deal], [c({ kind: 'addRule', rule: custom }), c({ kind: 'removeRule', ruleId: custom.id })], [], [base]);
    expect(removed.rules.map((r) => r.name)).toEqual(['titled']);
  });

  it('reports rule customisations that no longer fit the base as conflicts, and keeps the base rule', () => {
    const clashing = { ...custom, id: 'deal.titled.def456', name: 'titled' };
    const { rules, conflicts } = applyCustomisations([deal], [
      c({ kind: 'addRule', rule: clashing }),
      c({ kind: 'addRule', rule: { ...custom, entity: 'invoice' } }),
      c({ kind: 'updateRule', ruleId: 'gone.rule', changes: { active: false } }),
      c({ kind: 'removeRule', ruleId: base.id }),
    ], [], [base]);
    expect(rules).toEqual([base]);
    expect(conflicts.map((x) => [x.kind, x.entityId])).toEqual([
      ['addRule', clashing.id],
      ['addRule', custom.id],
      ['updateRule', 'gone.rule'],
      ['removeRule', base.id],
    ]);
    expect(conflicts[0]!.message).toMatch(/clashes with a rule of the same name from plugin:crm/);
    expect(conflicts[1]!.message).toMatch(/Entity "invoice" no longer exists/);
    expect(conflicts[3]!.message).toMatch(/cannot be removed; deactivate it instead/);
  });
});
