/**
 * How far one rule may go. `maxDepth` and `maxNodes` are checked before a rule runs;
 * the others bound the work of one evaluation, because the data (not the rule) decides
 * how long `map`, `filter`, `reduce`, `all`, `some` and `none` loop, and a `reduce`
 * that doubles its accumulator grows exponentially.
 */
export interface RuleLimits {
  /** Deepest nesting of operators and literal arrays (an operator's argument list is not a level). */
  readonly maxDepth: number;
  /** Most values (operators, arguments, literals) in one rule. */
  readonly maxNodes: number;
  /** Longest array an iterating operator may walk, or any operator may return. */
  readonly maxArrayLength: number;
  /** Longest string any operator may return (`cat`, plugin operations). */
  readonly maxStringLength: number;
  /** Most operator applications and iterated elements in one evaluation. */
  readonly maxSteps: number;
}

/**
 * The defaults: json-logic-js itself overflows the stack near 4,960 levels, so 64 is far
 * from that and far above any hand-written formula; 2,000 values is a page of JSON;
 * 1,000,000 steps is well under a second of work on these machines.
 */
export const DEFAULT_RULE_LIMITS: RuleLimits = Object.freeze({
  maxDepth: 64,
  maxNodes: 2_000,
  maxArrayLength: 10_000,
  maxStringLength: 1_000_000,
  maxSteps: 1_000_000,
});

/** The defaults with `overrides` applied; every limit must be a positive whole number. */
export function resolveRuleLimits(overrides: Partial<RuleLimits> = {}): RuleLimits {
  const limits: RuleLimits = { ...DEFAULT_RULE_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`Rule limit ${name} must be a positive whole number (got ${String(value)}).`);
    }
  }
  return Object.freeze(limits);
}
