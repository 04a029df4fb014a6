import jsonLogic from 'json-logic-js';
import { describe, expect, it, vi } from 'vitest';
import { KithError } from '../errors/index.js';
import { checkExpression, compileExpression, evaluate } from './index.js';

/** json-logic-js itself, typed for plain data: the unsafe baseline. */
const stockApply = jsonLogic.apply as (logic: unknown, data?: unknown) => unknown;

/** The KithError `run` throws (fails the test when it throws nothing or something else). */
function errorOf(run: () => unknown): KithError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(KithError);
    return error as KithError;
  }
  throw new Error('expected a KithError, but nothing was thrown');
}

describe('var reads own properties only', () => {
  it.each([
    [{ var: '__proto__' }, '/var', '__proto__'],
    [{ var: 'constructor.constructor' }, '/var', 'constructor'],
    [{ var: 'a.__proto__.x' }, '/var', '__proto__'],
    [{ var: ['prototype', 'fallback'] }, '/var/0', 'prototype'],
    [{ '+': [1, { var: 'amount.constructor' }] }, '/+/1/var', 'constructor'],
  ])('refuses %j before running it', (rule, path, segment) => {
    const error = errorOf(() => evaluate(rule, { a: { x: 1 } }));
    expect(error.code).toBe('KITH_RULE_INVALID');
    expect(error.status).toBe(400);
    expect(error.errors).toEqual([expect.objectContaining({ code: 'KITH_RULE_FORBIDDEN_PATH', path })]);
    expect(error.message).toContain(`"${segment}"`);
  });

  it('refuses a computed path through a forbidden segment as an evaluation error, not undefined', () => {
    const rule = { var: { cat: ['constructor', '.', 'constructor'] } };
    expect(checkExpression(rule)).toEqual([]);
    const error = errorOf(() => evaluate(rule, {}));
    expect(error.code).toBe('KITH_RULE_EVALUATION_FAILED');
    expect(error.message).toContain('"constructor.constructor"');
  });

  it('never walks inherited properties, where json-logic-js does', () => {
    const data = Object.assign(Object.create({ inherited: 'secret' }) as object, { own: 1 });
    expect(jsonLogic.apply({ var: 'inherited' }, data)).toBe('secret');
    expect(evaluate({ var: 'inherited' }, data)).toBeNull();
    expect(evaluate({ var: ['inherited', 'none'] }, data)).toBe('none');
    expect(evaluate({ var: 'toString' }, {})).toBeNull();
    expect(evaluate({ var: 'own' }, data)).toBe(1);
  });

  it('reads dotted paths, array indexes and own lengths', () => {
    const deal = { amount: { amount: 1200, currency: 'EUR' }, lines: [{ qty: 2 }, { qty: 5 }], tags: ['a', 'b'] };
    expect(evaluate({ var: 'amount.amount' }, deal)).toBe(1200);
    expect(evaluate({ var: 'lines.1.qty' }, deal)).toBe(5);
    expect(evaluate({ var: 1 }, ['zero', 'one'])).toBe('one');
    expect(evaluate({ var: 'tags.length' }, deal)).toBe(2);
    expect(evaluate({ var: 'amount.missing.deeper' }, deal)).toBeNull();
    expect(evaluate({ var: '' }, deal)).toBe(deal);
  });
});

describe('missing and missing_some read own properties only', () => {
  it('reports "constructor" missing on {}, which json-logic-js reports present', () => {
    expect(jsonLogic.apply({ missing: ['constructor'] }, {})).toEqual([]);
    expect(evaluate({ missing: ['constructor'] }, {})).toEqual(['constructor']);
    expect(evaluate({ missing: ['toString', 'a', 'b', 'c'] }, { a: 1, b: null, c: '' })).toEqual(['toString', 'b', 'c']);
    expect(evaluate({ missing: [['a.x', 'a.__proto__']] }, { a: { x: 0 } })).toEqual(['a.__proto__']);
  });

  it('missing_some counts own properties only', () => {
    expect(evaluate({ missing_some: [1, ['constructor', 'a']] }, { a: 1 })).toEqual([]);
    expect(evaluate({ missing_some: [2, ['constructor', 'a']] }, { a: 1 })).toEqual(['constructor']);
  });

  it('never runs a one-key object from the data as an operation', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const data = { o: { log: 'boom' }, keys: [{ log: 'boom' }] };
    expect(evaluate({ '==': [{ var: 'o' }, { var: 'o' }] }, data)).toBe(true);
    expect(evaluate({ merge: [[1], { var: 'o' }] }, data)).toEqual([1, { log: 'boom' }]);
    expect(evaluate({ in: [{ var: 'o' }, [{ var: 'o' }]] }, data)).toBe(true);
    expect(errorOf(() => evaluate({ missing_some: [1, { var: 'keys' }] }, data)).code).toBe('KITH_RULE_EVALUATION_FAILED');
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
  });
});

describe('JsonLogic semantics are json-logic-js 2.0.5 for safe rules', () => {
  const data = { a: { b: 7 }, n: 3, s: 'hello', list: [1, 2, 3, 4], stage: 'won', none: null };
  it.each([
    [{ if: [{ '>': [{ var: 'n' }, 2] }, 'big', 'small'] }, 'big'],
    [{ if: [false, 1, { var: 'none' }, 2, 'else'] }, 'else'],
    [{ if: [false, 1] }, null],
    [{ '+': [1, '2', { var: 'a.b' }] }, 10],
    [{ '+': '3.5' }, 3.5],
    [{ '-': [{ var: 'n' }] }, -3],
    [{ '*': [2, 3, 4] }, 24],
    [{ '/': [7, 2] }, 3.5],
    [{ '%': [7, 4] }, 3],
    [{ in: ['won', ['won', 'lost']] }, true],
    [{ in: ['ell', { var: 's' }] }, true],
    [{ in: ['x', null] }, false],
    [{ var: ['a.b', 'default'] }, 7],
    [{ var: ['a.c', 'default'] }, 'default'],
    [{ var: ['none', 'default'] }, null],
    [{ '==': [1, '1'] }, true],
    [{ '===': [1, '1'] }, false],
    [{ '!=': [{ var: 'stage' }, 'lost'] }, true],
    [{ '!==': [1, 1] }, false],
    [{ '<': [1, { var: 'n' }, 5] }, true],
    [{ '<=': [3, { var: 'n' }, 3] }, true],
    [{ '>=': [2, 3] }, false],
    [{ '!': [[]] }, true],
    [{ '!!': ['0'] }, true],
    [{ and: [1, 'x', 0, 'never'] }, 0],
    [{ or: [0, '', 'first'] }, 'first'],
    [{ cat: ['I love', ' pie', 3] }, 'I love pie3'],
    [{ substr: ['jsonlogic', 4] }, 'logic'],
    [{ substr: ['jsonlogic', 1, -5] }, 'son'],
    [{ merge: [1, [2, 3], [[4]]] }, [1, 2, 3, [4]]],
    [{ min: [3, 1, 2] }, 1],
    [{ max: [] }, -Infinity],
    [{ map: [{ var: 'list' }, { '*': [{ var: '' }, 2] }] }, [2, 4, 6, 8]],
    [{ filter: [{ var: 'list' }, { '%': [{ var: '' }, 2] }] }, [1, 3]],
    [{ reduce: [{ var: 'list' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 10] }, 20],
    [{ all: [{ var: 'list' }, { '>': [{ var: '' }, 0] }] }, true],
    [{ all: [[], true] }, false],
    [{ some: [{ var: 'list' }, { '>': [{ var: '' }, 3] }] }, true],
    [{ none: [{ var: 'list' }, { '>': [{ var: '' }, 3] }] }, false],
    [{ map: [{ var: 'nothing' }, 1] }, []],
    [{ missing_some: [1, ['a', 'zz']] }, []],
    [[{ var: 'n' }, { a: 1, b: 2 }], [3, { a: 1, b: 2 }]],
  ])('%j', (rule, expected) => {
    expect(evaluate(rule, data)).toEqual(expected);
    expect(stockApply(rule, data)).toEqual(expected);
  });
});

describe('compileExpression', () => {
  it('lists the top-level variables a formula reads, for knowing when to recompute it', () => {
    const formula = compileExpression({
      if: [
        { '>': [{ var: 'amount.amount' }, 1000] },
        { cat: [{ var: 'name' }, ' (', { var: ['owner.name', 'nobody'] }, ')'] },
        { reduce: [{ var: 'lines' }, { '+': [{ var: 'accumulator' }, { var: 'current.total' }] }, { var: 'base' }] },
      ],
    });
    expect(formula.variables).toEqual(['amount.amount', 'base', 'lines', 'name', 'owner.name']);
    expect(formula.readsAnyField).toBe(false);
    expect(compileExpression({ missing_some: [1, ['phone', 'email']] }).variables).toEqual(['email', 'phone']);
    expect(compileExpression({ map: [{ var: 'lines' }, { var: 'qty' }] }).variables).toEqual(['lines']);
  });

  it('flags formulas that read a computed path or the whole record', () => {
    expect(compileExpression({ var: { cat: ['amount', '.', 'amount'] } }).readsAnyField).toBe(true);
    expect(compileExpression({ '!!': { var: '' } }).readsAnyField).toBe(true);
    expect(compileExpression({ map: [[1], { var: '' }] }).readsAnyField).toBe(false);
  });

  it('returns a frozen handle that the caller can no longer change', () => {
    const rule = { '*': [{ var: 'qty' }, 2] as unknown[] };
    const formula = compileExpression(rule);
    rule['*'][1] = 100;
    expect(formula.evaluate({ qty: 4 })).toBe(8);
    expect(Object.isFrozen(formula)).toBe(true);
    expect(Object.isFrozen(formula.variables)).toBe(true);
    expect(Object.isFrozen((formula.expression as { '*': unknown[] })['*'])).toBe(true);
  });

  it('refuses an invalid rule with every problem, and names an unknown operator', () => {
    const error = errorOf(() => compileExpression({ and: [{ sum: [1] }, { var: '__proto__' }, { '+': [() => 1] }] }));
    expect(error.code).toBe('KITH_RULE_INVALID');
    expect(error.errors.map((e) => e.code)).toEqual(['KITH_RULE_UNKNOWN_OPERATOR', 'KITH_RULE_FORBIDDEN_PATH', 'KITH_RULE_NOT_JSON']);
    expect(error.errors[0]?.message).toMatch(/"sum" at \/and\/0\/sum is not an operator\. Known operators: "if", .*"merge"/);
    expect(errorOf(() => evaluate({ log: 'x' })).errors[0]?.code).toBe('KITH_RULE_UNKNOWN_OPERATOR');
    // Inside a literal object (not one key) everything is data that json-logic-js never runs.
    expect(evaluate({ if: [true, { label: { sum: 1 }, note: { var: 'x' } }] })).toEqual({ label: { sum: 1 }, note: { var: 'x' } });
  });
});
