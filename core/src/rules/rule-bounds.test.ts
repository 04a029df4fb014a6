import { describe, expect, it } from 'vitest';
import { KithError } from '../errors/index.js';
import { checkExpression, createLogicEvaluator, DEFAULT_RULE_LIMITS, evaluate } from './index.js';

function errorOf(run: () => unknown): KithError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(KithError);
    return error as KithError;
  }
  throw new Error('expected a KithError, but nothing was thrown');
}

/** `levels` operators nested in one another, built without recursion. */
function nested(levels: number, wrap: (inner: unknown) => unknown = (inner) => ({ '!': [inner] }), innermost: unknown = true): unknown {
  let rule = innermost;
  for (let i = 0; i < levels; i += 1) rule = wrap(rule);
  return rule;
}

describe('rule size and shape are checked before running', () => {
  it('refuses 5,000 levels of nesting with one problem and no stack overflow', () => {
    const problems = checkExpression(nested(5_000));
    expect(problems).toEqual([expect.objectContaining({ code: 'KITH_RULE_TOO_DEEP' })]);
    expect(problems[0]?.message.length).toBeLessThan(300);
    expect(checkExpression(nested(5_000, (inner) => [inner]))).toEqual([expect.objectContaining({ code: 'KITH_RULE_TOO_DEEP' })]);
    expect(errorOf(() => evaluate(nested(5_000), {})).code).toBe('KITH_RULE_INVALID');
  });

  it('counts operators, not their argument lists, as levels', () => {
    expect(evaluate(nested(DEFAULT_RULE_LIMITS.maxDepth))).toBe(true);
    expect(evaluate(nested(DEFAULT_RULE_LIMITS.maxDepth / 2, (inner) => [inner]))).toEqual(nested(32, (inner) => [inner]));
    expect(checkExpression(nested(DEFAULT_RULE_LIMITS.maxDepth + 1))[0]?.code).toBe('KITH_RULE_TOO_DEEP');
  });

  it('refuses more values than maxNodes, without walking them all', () => {
    expect(evaluate({ '+': Array<number>(1_999).fill(1) })).toBe(1_999);
    expect(checkExpression({ '+': Array<number>(2_000).fill(1) })).toEqual([expect.objectContaining({ code: 'KITH_RULE_TOO_LARGE' })]);
    expect(checkExpression({ merge: Array<number>(5_000_000).fill(1) })[0]?.code).toBe('KITH_RULE_TOO_LARGE');
  });

  it('refuses values that are not JSON, naming where they are', () => {
    const withGetter = Object.defineProperty({}, 'var', { get: () => 'a', enumerable: true });
    const problems = checkExpression({
      and: [() => true, undefined, Number.NaN, new Date(0), { var: 1n }, withGetter, [1, , 3]], // eslint-disable-line no-sparse-arrays
    });
    expect(problems.map((p) => [p.path, p.message.replace(/.* there is /, '')])).toEqual([
      ['/and/0', 'a function.'],
      ['/and/1', 'undefined.'],
      ['/and/2', 'NaN.'],
      ['/and/3', 'an instance of Date.'],
      ['/and/4/var', 'a bigint.'],
      ['/and/5/var', 'a getter or setter.'],
      ['/and/6/1', 'an empty array slot.'],
    ]);
  });

  it('refuses a var path that is not text or a number', () => {
    expect(checkExpression({ var: [['a']] })).toEqual([expect.objectContaining({ code: 'KITH_RULE_NOT_A_PATH', path: '/var/0' })]);
  });
});

describe('evaluation work is bounded by the data as well', () => {
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);

  it.each(['map', 'filter', 'reduce', 'all', 'some', 'none'])('%s refuses arrays past maxArrayLength', (operator) => {
    const rule = { [operator]: [{ var: 'xs' }, { '>=': [{ var: '' }, 0] }] };
    expect(() => evaluate(rule, { xs: range(DEFAULT_RULE_LIMITS.maxArrayLength) })).not.toThrow();
    const error = errorOf(() => evaluate(rule, { xs: range(DEFAULT_RULE_LIMITS.maxArrayLength + 1) }));
    expect(error.code).toBe('KITH_RULE_EVALUATION_FAILED');
    expect(error.message).toContain(`"${operator}" met an array of 10,001 items`);
  });

  it('refuses arrays and text that operators grow past the limits', () => {
    const half = range(6_000);
    expect(errorOf(() => evaluate({ merge: [{ var: 'a' }, { var: 'a' }] }, { a: half })).message).toContain('"merge" met an array of 12,000');
    const doubling = { reduce: [{ var: 'xs' }, { cat: [{ var: 'accumulator' }, { var: 'accumulator' }] }, 'ab'] };
    expect(errorOf(() => evaluate(doubling, { xs: range(64) })).message).toContain('"cat" produced text of');
  });

  it('refuses results whose tree is exponentially larger than their memory, before anything walks them', () => {
    // Each level maps every element x to [x, x]: 30 levels hold 31 arrays but a tree of 2^30 leaves.
    const rule = nested(30, (inner) => ({ map: [inner, [{ var: '' }, { var: '' }]] }), [1]);
    expect(checkExpression(rule)).toEqual([]);
    expect(errorOf(() => evaluate(rule)).message).toContain('steps');
    expect(errorOf(() => evaluate({ cat: [rule] })).message).toContain('steps');
  });

  it('stops nested iteration at maxSteps', () => {
    const row = range(10_000);
    const rule = { map: [{ var: 'rows' }, { map: [{ var: '' }, { '+': [{ var: '' }, 1] }] }] };
    const error = errorOf(() => evaluate(rule, { rows: Array<number[]>(10_000).fill(row) }));
    expect(error.code).toBe('KITH_RULE_EVALUATION_FAILED');
    expect(error.message).toContain('more than 1,000,000 steps');

    const small = createLogicEvaluator({ limits: { maxSteps: 100 } });
    expect(small.evaluate({ all: [{ var: 'xs' }, 1] }, { xs: range(90) })).toBe(true);
    expect(errorOf(() => small.evaluate({ all: [{ var: 'xs' }, 1] }, { xs: range(100) })).message).toContain('more than 100 steps');
  });

  it('refuses limits that are not positive whole numbers', () => {
    expect(() => createLogicEvaluator({ limits: { maxDepth: 0 } })).toThrow(/maxDepth/);
  });
});
