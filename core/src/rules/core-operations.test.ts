import { describe, expect, it } from 'vitest';
import { compileExpression } from './index.js';

describe("Kith's own JsonLogic operations", () => {
  const run = (rule: unknown, data?: unknown) => compileExpression(rule).evaluate(data);

  it('kith.round rounds half away from zero on the decimal form', () => {
    expect(run({ 'kith.round': [1.005, 2] })).toBe(1.01);
    expect(run({ 'kith.round': [-2.5] })).toBe(-3);
    expect(run({ 'kith.round': [{ '*': [{ var: 'q' }, { var: 'p' }] }, 2] }, { q: 3, p: 0.1 })).toBe(0.3);
    expect(run({ 'kith.round': [null, 2] })).toBeNull();
  });

  it('kith.roundMoney rounds to the currency minor unit', () => {
    expect(run({ 'kith.roundMoney': [1234.5, 'JPY'] })).toBe(1235);
    expect(run({ 'kith.roundMoney': [10.0045, 'KWD'] })).toBe(10.005);
    expect(run({ 'kith.roundMoney': [10.005, 'eur'] })).toBe(10.01);
  });
});
