import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { KithError } from '../errors/index.js';
import { createLogicEvaluator, createOperationRegistry, evaluate } from './index.js';

function errorOf(run: () => unknown): KithError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(KithError);
    return error as KithError;
  }
  throw new Error('expected a KithError, but nothing was thrown');
}

function appWithAcme() {
  const operations = createOperationRegistry();
  const acme = operations.forNamespace('acme');
  acme.registerOperation('double', (value) => Number(value) * 2);
  return { operations, acme, rules: createLogicEvaluator({ operations }) };
}

describe('plugin operations', () => {
  it('acme.double works under its namespace', () => {
    const { rules } = appWithAcme();
    expect(rules.evaluate({ 'acme.double': [{ var: 'n' }] }, { n: 21 })).toBe(42);
    expect(rules.evaluate({ '+': [1, { 'acme.double': 4 }] })).toBe(9);
    expect(rules.compileExpression({ 'acme.double': { var: 'amount.amount' } }).variables).toEqual(['amount.amount']);
  });

  it('cannot replace a built-in operator such as ==', () => {
    const { operations, rules } = appWithAcme();
    for (const [namespace, name] of [['acme', '=='], ['', '=='], ['==', 'x'], ['acme.x', 'y']]) {
      const error = errorOf(() => operations.registerOperation(namespace!, name!, () => true));
      expect(error.code).toBe('KITH_RULE_OPERATION_INVALID');
    }
    expect(rules.evaluate({ '==': [1, 2] })).toBe(false);
    expect(rules.evaluate({ '==': [1, '1'] })).toBe(true);
  });

  it("cannot replace another plugin's operation, and namespaces never collide", () => {
    const { operations, rules } = appWithAcme();
    const error = errorOf(() => operations.forNamespace('acme').registerOperation('double', () => 'evil'));
    expect(error.code).toBe('KITH_RULE_OPERATION_EXISTS');
    expect(error.message).toContain('"acme.double"');
    expect(() => operations.registerOperation('acme', 'double', () => 'evil')).toThrow(KithError);

    expect(operations.forNamespace('acme-extra').registerOperation('double', () => 'other')).toBe('acme-extra.double');
    expect(rules.evaluate({ 'acme.double': 2 })).toBe(4);
    expect(rules.evaluate({ 'acme-extra.double': 2 })).toBe('other');
    expect(() => operations.registerOperation('acme', 'double.x', () => 1)).toThrow(/camelCase/);
  });

  it('gives plugin operations their arguments only, and reports their failures with the cause', () => {
    const operations = createOperationRegistry();
    let receivedThis: unknown = 'unset';
    operations.registerOperation('spy', 'self', function (this: unknown) {
      receivedThis = this;
      return null;
    });
    const boom = new Error('no network in rules');
    operations.registerOperation('spy', 'fail', () => {
      throw boom;
    });
    const rules = createLogicEvaluator({ operations });
    rules.evaluate({ 'spy.self': [] }, { secret: 1 });
    expect(receivedThis).toBeUndefined();
    const error = errorOf(() => rules.evaluate({ 'spy.fail': [] }));
    expect(error.code).toBe('KITH_RULE_EVALUATION_FAILED');
    expect(error.message).toContain('"spy.fail" failed: no network in rules');
    expect(error.cause).toBe(boom);
  });

  it('stays inside its registry: neither json-logic-js nor other evaluators see it', () => {
    const { rules } = appWithAcme();
    expect(rules.checkExpression({ nope: 1 })[0]?.message).toContain('"acme.double"');
    expect(errorOf(() => evaluate({ 'acme.double': 1 })).errors[0]?.code).toBe('KITH_RULE_UNKNOWN_OPERATOR');
    expect(createLogicEvaluator().checkExpression({ 'acme.double': 1 })).toHaveLength(1);
    expect(() => jsonLogic.apply({ 'acme.double': [1] })).toThrow(/Unrecognized operation/);
    // json-logic-js's own table is untouched too: its `missing` still has the inherited-property flaw.
    expect(jsonLogic.apply({ missing: ['constructor'] }, {})).toEqual([]);
  });
});
