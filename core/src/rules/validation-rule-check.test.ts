import { defineEntity, type ValidationRuleDefinition } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../metadata/compile/compile-model.js';
import { checkRules, ruleProblems } from './validation-rule-check.js';
import { assertRules, evaluateRule } from './validation-rule-evaluate.js';

const deal = defineEntity({ name: 'deal', fields: { title: { type: 'text' }, stage: { type: 'select', options: ['open', 'won'] }, amount: { type: 'currency', defaultCurrency: 'EUR' } } });
const rule = (over: Partial<ValidationRuleDefinition>): ValidationRuleDefinition => ({
  id: 'deal.r',
  name: 'r',
  entity: 'deal',
  condition: { and: [{ '==': [{ var: 'stage' }, 'won'] }, { '!': { var: 'amount.amount' } }] },
  message: { en: 'A won deal needs an amount.' },
  fields: ['amount'],
  active: true,
  source: 'custom',
  ...over,
});

describe('validation rule checks', () => {
  it('accepts field paths into composites and system fields', () => {
    expect(ruleProblems(deal, rule({}))).toEqual([]);
    expect(ruleProblems(deal, rule({ condition: { '>': [{ var: 'version' }, 3] } }))).toEqual([]);
  });

  it('refuses prototype paths, unknown operators, unknown fields and names, each named by the part it concerns', () => {
    const codes = (r: ValidationRuleDefinition) => ruleProblems(deal, r).map((p) => [p.field, p.code]);
    expect(codes(rule({ condition: { var: '__proto__' } }))).toEqual([['condition', 'KITH_RULE_FORBIDDEN_PATH']]);
    expect(codes(rule({ condition: { var: 'constructor.name' } }))).toEqual([['condition', 'KITH_RULE_FORBIDDEN_PATH']]);
    expect(codes(rule({ condition: { exec: [] } }))).toEqual([['condition', 'KITH_RULE_UNKNOWN_OPERATOR']]);
    expect(codes(rule({ condition: { var: 'colour.hue' }, fields: ['colour'], name: 'No!' }))).toEqual([
      ['name', 'KITH_RULE_NAME_INVALID'],
      ['condition', 'KITH_RULE_UNKNOWN_FIELD'],
      ['fields', 'KITH_RULE_UNKNOWN_FIELD'],
    ]);
  });

  it('checks rules against the entities: unknown entity, a name used twice on one entity', () => {
    const problems = checkRules([deal], [rule({}), rule({ id: 'x' }), rule({ entity: 'invoice' })]);
    expect(problems.map((p) => p.message)).toEqual([
      'Rule "r" is defined twice on deal.',
      'Rule "r": "invoice" is not an entity; known entities: deal.',
    ]);
  });
});

describe('validation rule evaluation', () => {
  const entity = compileModel([deal], 'sqlite', 1, [], [], [rule({}), rule({ id: 'deal.off', name: 'off', condition: true, active: false })]).entities.get('deal')!;

  it('refuses with one entry per field pointer, and ignores inactive rules', () => {
    expect(() => assertRules(entity, [{ stage: 'won', amount: { amount: 12, currency: 'EUR' } }], {})).not.toThrow();
    expect(() => assertRules(entity, [{ stage: 'won' }], {})).toThrowError(expect.objectContaining({ code: 'KITH_VALIDATION_RULE_FAILED', errors: [{ field: 'amount', code: 'KITH_RULE_FAILED', rule: 'r', message: 'A won deal needs an amount.' }] }));
  });

  it('uses JsonLogic truthiness (an empty list is false) and fails closed when a condition throws', () => {
    const compiled = compileModel([deal], 'sqlite', 1, [], [], [rule({ condition: { filter: [[], true] } }), rule({ id: 'y', name: 'y', condition: { var: { cat: ['__proto__'] } } })]).entities.get('deal')!;
    expect(evaluateRule(compiled.rules[0]!, {}).failed).toBe(false);
    const thrown = evaluateRule(compiled.rules[1]!, {});
    expect(thrown).toMatchObject({ failed: true, error: expect.stringMatching(/__proto__/) });
  });
});
