import { describe, expect, it } from 'vitest';
import { definePlugin } from './define-plugin.js';

describe('definePlugin rules', () => {
  it('normalises base validation rules: stable id, labels, active by default, the plugin as source', () => {
    const plugin = definePlugin({
      id: 'crm',
      version: '1.0.0',
      rules: [{ name: 'wonNeedsAmount', entity: 'deal', condition: { '!': { var: 'amount.amount' } }, message: 'A won deal needs an amount.', fields: ['amount'] }],
    });
    expect(plugin.rules).toEqual([
      { id: 'crm.deal.wonNeedsAmount', name: 'wonNeedsAmount', entity: 'deal', condition: { '!': { var: 'amount.amount' } }, message: { en: 'A won deal needs an amount.' }, fields: ['amount'], active: true, source: 'plugin:crm' },
    ]);
    expect(Object.isFrozen(plugin.rules[0])).toBe(true);
    expect(definePlugin({ id: 'bare', version: '1.0.0' }).rules).toEqual([]);
  });

  it('reports bad names and a rule declared twice', () => {
    const twice = { name: 'r', entity: 'deal', condition: true, message: 'x' };
    expect(() => definePlugin({ id: 'crm', version: '1.0.0', rules: [twice, twice, { ...twice, name: 'Not valid' }] })).toThrow(/rules\[2\]\.name: "Not valid" is not a valid rule name[\s\S]*rules\[1\]\.name: rule "r" is declared twice for deal/);
  });
});
