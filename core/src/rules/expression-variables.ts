import { ITERATING_OPERATORS } from './builtin-operators.js';
import { isOperation } from './check-expression.js';

/** What a rule reads from the data it is evaluated on. */
export interface ExpressionVariables {
  /** Dotted paths read from the top-level data (`amount.amount`), unique and sorted; the first segment is the field. */
  readonly variables: readonly string[];
  /**
   * True when the rule also reads something only known when it runs — a computed path
   * (`{"var": {"cat": …}}`) or the whole data (`{"var": ""}`) — so any change may alter it.
   */
  readonly readsAnyField: boolean;
}

interface Pending {
  readonly node: unknown;
  /** True inside the per-element argument of map/filter/reduce/all/some/none, where `var` reads the element. */
  readonly scoped: boolean;
}

/**
 * Collects the top-level variables of a checked rule — what decides when a formula must be
 * recomputed. Paths read inside an iterating operator's per-element argument belong to the
 * element, not the record, so they are left out. Walks with an explicit stack like the checker.
 */
export function collectVariables(expression: unknown): ExpressionVariables {
  const variables = new Set<string>();
  let readsAnyField = false;
  const note = (key: unknown) => {
    if (typeof key === 'number' || (typeof key === 'string' && key !== '')) variables.add(String(key));
    else readsAnyField = true;
  };

  const stack: Pending[] = [{ node: expression, scoped: false }];
  while (stack.length > 0) {
    const { node, scoped } = stack.pop()!;
    if (Array.isArray(node)) {
      for (const item of node) stack.push({ node: item, scoped });
      continue;
    }
    // Objects that are not operations are literals: json-logic-js returns them unevaluated.
    if (!isOperation(node)) continue;
    const [operator, argument] = Object.entries(node)[0]!;
    const args: readonly unknown[] = Array.isArray(argument) ? argument : [argument];

    if (ITERATING_OPERATORS.has(operator)) {
      stack.push({ node: args[0], scoped }, { node: args[1], scoped: true });
      if (operator === 'reduce') stack.push({ node: args[2], scoped });
      continue;
    }
    if (!scoped) {
      if (operator === 'var') note(args[0]);
      else if (operator === 'missing') (Array.isArray(args[0]) ? (args[0] as unknown[]) : args).forEach(note);
      else if (operator === 'missing_some') (Array.isArray(args[1]) ? (args[1] as unknown[]) : [args[1]]).forEach(note);
    }
    for (const arg of args) stack.push({ node: arg, scoped });
  }
  return Object.freeze({ variables: Object.freeze([...variables].sort()), readsAnyField });
}
