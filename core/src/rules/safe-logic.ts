import { deepFreeze, type JsonLogicExpression } from '@kith/sdk';
import { isKithError } from '../errors/index.js';
import { findExpressionProblems } from './check-expression.js';
import { collectVariables } from './expression-variables.js';
import { compileNode, payForTree, type CompiledNode } from './logic-compiler.js';
import { CORE_OPERATION_NAMESPACE, CORE_OPERATIONS } from './core-operations.js';
import { createOperationRegistry, type OperationRegistry } from './operation-registry.js';
import { RuleErrors, type ExpressionProblem } from './rule-errors.js';
import { resolveRuleLimits, type RuleLimits } from './rule-limits.js';

/*
 * Kith's JsonLogic evaluator. json-logic-js 2.0.5 keeps one operation table per process, its
 * `var` walks prototypes, and deep rules overflow the stack; so Kith checks every rule first
 * (check-expression.ts), compiles it itself (logic-compiler.ts: the one place
 * where `var`, `missing` and `missing_some` are replaced, and where the work is bounded), and
 * never writes to json-logic-js's table. Plugin operations live in a Kith registry, one per app.
 */

/** A rule checked once and frozen: evaluate it as often as needed. */
export interface CompiledExpression {
  /** A frozen deep copy of the rule as checked. */
  readonly expression: JsonLogicExpression;
  /** Dotted paths it reads from the top-level data, unique and sorted (see `readsAnyField`). */
  readonly variables: readonly string[];
  /** True when it also reads a computed path or the whole data, so any change may alter the result. */
  readonly readsAnyField: boolean;
  /** The result on `data`; throws KITH_RULE_EVALUATION_FAILED when it fails on this data. */
  evaluate(data?: unknown): unknown;
}

/** Evaluates JsonLogic rules safely and within bounds. */
export interface LogicEvaluator {
  readonly limits: RuleLimits;
  /** Where plugins add their `<pluginId>.<name>` operations. */
  readonly operations: OperationRegistry;
  /** Every problem that keeps `expression` from running; empty when it can run. */
  checkExpression(expression: unknown): readonly ExpressionProblem[];
  /** Checks and freezes `expression`; throws KITH_RULE_INVALID listing every problem. */
  compileExpression(expression: unknown): CompiledExpression;
  /** Checks then evaluates once: KITH_RULE_INVALID or KITH_RULE_EVALUATION_FAILED on failure. Compile rules you reuse. */
  evaluate(expression: unknown, data?: unknown): unknown;
}

/** Options for `createLogicEvaluator`. */
export interface LogicEvaluatorOptions {
  /** The registry to resolve plugin operations from (one per app); a fresh one by default. */
  readonly operations?: OperationRegistry;
  readonly limits?: Partial<RuleLimits>;
}

/** Creates an evaluator. Creating one changes nothing global: json-logic-js's own table is left as it is. */
export function createLogicEvaluator(options: LogicEvaluatorOptions = {}): LogicEvaluator {
  const limits = resolveRuleLimits(options.limits);
  const operations = options.operations ?? createOperationRegistry();
  const context = { limits, isKnown: operations.isKnown, knownOperators: operations.knownOperators };

  const run = (compiled: CompiledNode, data: unknown): unknown => {
    const state = { limits, steps: 0 };
    try {
      const result = compiled(data, state);
      payForTree(state, result);
      return result;
    } catch (error) {
      if (isKithError(error)) throw error;
      throw RuleErrors.evaluationFailed(error instanceof Error ? error.message : String(error), error);
    }
  };

  const check = (expression: unknown): readonly ExpressionProblem[] => findExpressionProblems(expression, context);
  const assertValid = (expression: unknown): void => {
    const problems = check(expression);
    if (problems.length > 0) throw RuleErrors.invalid(problems);
  };

  return Object.freeze({
    limits,
    operations,
    checkExpression: check,
    compileExpression(expression: unknown): CompiledExpression {
      assertValid(expression);
      // Checked, so plain JSON at most maxDepth deep: this copy cannot run away. Compiling the
      // frozen copy means later changes to the caller's object change nothing.
      const frozen = deepFreeze(structuredClone(expression));
      const compiled = compileNode(frozen, operations);
      const { variables, readsAnyField } = collectVariables(frozen);
      return Object.freeze({ expression: frozen, variables, readsAnyField, evaluate: (data?: unknown) => run(compiled, data) });
    },
    evaluate(expression: unknown, data?: unknown): unknown {
      assertValid(expression);
      return run(compileNode(expression, operations), data);
    },
  });
}

/**
 * Plugin operations known to the functions below: `<pluginId>.<name>`, so two plugins never
 * collide. They are process-wide, like the plugins' code itself: one plugin loaded by two apps
 * in one process (tests) registers the same functions twice, which is allowed; a different
 * function under a taken name is refused. The registry is never handed out.
 */
const pluginOperations = createOperationRegistry();

for (const [name, operation] of Object.entries(CORE_OPERATIONS)) pluginOperations.registerOperation(CORE_OPERATION_NAMESPACE, name, operation);

/** The evaluator behind the functions below: built-in operators, Kith's `kith.*` and the plugins' operations. */
const builtinEvaluator = createLogicEvaluator({ operations: pluginOperations });

/**
 * Adds a plugin's operation (what the plugin host does for `definePlugin({ operations })`).
 * Registering the same function again under the same name is a no-op.
 */
export function registerPluginOperation(pluginId: string, name: string, operation: (...args: unknown[]) => unknown): string {
  const existing = pluginOperations.get(`${pluginId}.${name}`);
  if (existing === operation) return `${pluginId}.${name}`;
  return pluginOperations.registerOperation(pluginId, name, operation);
}

/** Every problem that keeps `expression` from running with the built-in operators; empty when it can run. */
export function checkExpression(expression: unknown): readonly ExpressionProblem[] {
  return builtinEvaluator.checkExpression(expression);
}

/** Checks and freezes `expression` (built-in operators only); throws KITH_RULE_INVALID listing every problem. */
export function compileExpression(expression: unknown): CompiledExpression {
  return builtinEvaluator.compileExpression(expression);
}

/** Checks then evaluates `expression` once (built-in operators only); compile rules you reuse. */
export function evaluate(expression: unknown, data?: unknown): unknown {
  return builtinEvaluator.evaluate(expression, data);
}
