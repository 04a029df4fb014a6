import { defineOperation } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { checkExpression, compileExpression, registerPluginOperation } from './index.js';

describe('plugin operations in rules, formulas and conditions', () => {
  const vat = defineOperation({ name: 'vatRate', fn: (country) => (country === 'PE' ? 18 : 21) });

  it('are unknown until registered, then usable as <pluginId>.<name>', () => {
    expect(checkExpression({ 'ops-test.vatRate': ['PE'] }).map((p) => p.code)).toEqual(['KITH_RULE_UNKNOWN_OPERATOR']);
    expect(registerPluginOperation('ops-test', vat.name, vat.fn)).toBe('ops-test.vatRate');
    expect(compileExpression({ '*': [{ var: 'amount' }, { '/': [{ 'ops-test.vatRate': [{ var: 'country' }] }, 100] }] }).evaluate({ amount: 200, country: 'PE' })).toBe(36);
  });

  it('registering the same function again is a no-op; another function under the name is refused', () => {
    registerPluginOperation('ops-test2', vat.name, vat.fn);
    expect(registerPluginOperation('ops-test2', vat.name, vat.fn)).toBe('ops-test2.vatRate');
    expect(() => registerPluginOperation('ops-test2', vat.name, () => 0)).toThrow(/already/);
  });

  it('defineOperation reports every problem at once', () => {
    expect(() => defineOperation({ name: 'Bad Name', fn: 'nope' as never })).toThrow(/name: must be camelCase[\s\S]*fn: must be a function/);
  });
});
