import jsonLogic from 'json-logic-js';
import { isKithError } from '../errors/index.js';
import { VALUE_OPERATORS } from './builtin-operators.js';
import { isOperation } from './check-expression.js';
import type { OperationRegistry, RuleOperation } from './operation-registry.js';
import { RuleErrors } from './rule-errors.js';
import type { RuleLimits } from './rule-limits.js';
import { forbiddenSegmentOf, NOT_FOUND, readOwnSegments, safeMissing, safeMissingSome, safeVar } from './safe-data-access.js';

/** The state of one evaluation: the limits and the work done so far. */
export interface Run {
  readonly limits: RuleLimits;
  steps: number;
}

/** A compiled part of a rule: its value on `data`. */
export type CompiledNode = (data: unknown, run: Run) => unknown;

type Implementation = (args: unknown[], data: unknown) => unknown;

// Typed once here: json-logic-js's types want a `RulesLogic`; Kith only hands it `{ <value operator>: operands }`.
const applyJsonLogic = jsonLogic.apply as (logic: unknown, data: unknown) => unknown;
const truthy = (value: unknown): boolean => jsonLogic.truthy(value);
const isContainer = (value: unknown): value is object => typeof value === 'object' && value !== null;

/**
 * Runs a pure json-logic-js operator on arguments Kith has already evaluated. Primitives are
 * passed inline; objects and arrays as `{"var": index}` into the argument list, because
 * json-logic-js evaluates every operand it is given and would otherwise run a one-key object
 * from the data (`{"log": …}`) as an operation. That `var` into an array Kith built is the
 * only use Kith makes of json-logic-js's own `var`.
 */
function delegate(operator: string): Implementation {
  return (args) => applyJsonLogic({ [operator]: args.some(isContainer) ? args.map((arg, i) => (isContainer(arg) ? { var: i } : arg)) : args }, args);
}

/**
 * Kith's table of built-in operators, built once at module load: the one place where
 * json-logic-js's `var`, `missing` and `missing_some` are replaced by own-property versions.
 *
 * Why not `jsonLogic.add_operation('var', …)`: json-logic-js keeps a single operation table
 * per process. Writing to it would change what every other importer of json-logic-js gets,
 * and whatever they add or remove would change Kith's rules in turn. So Kith never writes to
 * that table: it compiles the rule itself (which is also where the array, string and step
 * bounds are enforced), answers the data operators from own properties, takes
 * `<pluginId>.<name>` from Kith's own registry, and gives json-logic-js only the pure value
 * operators, with arguments already evaluated. (Control operators are compiled below.)
 */
const BUILTIN_IMPLEMENTATIONS: ReadonlyMap<string, Implementation> = new Map<string, Implementation>([
  ...VALUE_OPERATORS.map((operator) => [operator, delegate(operator)] as const),
  ['var', safeVar],
  ['missing', safeMissing],
  ['missing_some', safeMissingSome],
]);

function spend(run: Run, steps: number): void {
  run.steps += steps;
  if (run.steps > run.limits.maxSteps) {
    throw RuleErrors.evaluationFailed(`it took more than ${run.limits.maxSteps.toLocaleString('en')} steps; iterate over smaller arrays or simplify the rule.`);
  }
}

/** Refuses arrays and strings past the limits: an array about to be iterated, or what an operator built. */
function bounded<T>(run: Run, operator: string, value: T): T {
  if (Array.isArray(value) && value.length > run.limits.maxArrayLength) {
    throw RuleErrors.evaluationFailed(`"${operator}" met an array of ${value.length.toLocaleString('en')} items; rules handle at most ${run.limits.maxArrayLength.toLocaleString('en')}.`);
  }
  if (typeof value === 'string' && value.length > run.limits.maxStringLength) {
    throw RuleErrors.evaluationFailed(`"${operator}" produced text of ${value.length.toLocaleString('en')} characters; rules handle at most ${run.limits.maxStringLength.toLocaleString('en')}.`);
  }
  return value;
}

/**
 * Charges the run for every value inside `value`, counted as a tree (a part referenced
 * twice is paid for twice), before anything may walk it: native coercions (`cat`, `==`,
 * `+` turning an array into text) and the caller serialising the result walk it that way,
 * and a rule can build arrays whose tree is exponentially larger than the memory they use
 * (`{"map": [xs, [{"var": ""}, {"var": ""}]]}` nested a few times).
 */
export function payForTree(run: Run, value: unknown): void {
  if (!isContainer(value)) return;
  const stack: object[] = [value];
  while (stack.length > 0) {
    const children = Object.values(stack.pop()!);
    spend(run, children.length + 1);
    for (const child of children) if (isContainer(child)) stack.push(child);
  }
}

/** The array an iterating operator walks (bounded and paid for), or undefined when it got no array. */
function elementsOf(run: Run, operator: string, value: unknown): readonly unknown[] | undefined {
  if (!Array.isArray(value)) return undefined;
  bounded(run, operator, value);
  spend(run, value.length);
  return value;
}

/** Calls a built-in or plugin operation on evaluated arguments, turning its failures into rule errors. */
function invoke(run: Run, operator: string, args: unknown[], call: () => unknown): unknown {
  for (const arg of args) payForTree(run, arg);
  try {
    return call();
  } catch (error) {
    if (isKithError(error) && error.code.startsWith('KITH_RULE_')) throw error;
    throw RuleErrors.evaluationFailed(`"${operator}" failed: ${error instanceof Error ? error.message : String(error)}`, error);
  }
}

const evaluateAll = (args: readonly CompiledNode[], data: unknown, run: Run): unknown[] => args.map((arg) => arg(data, run));
const nothing: CompiledNode = () => undefined;

/** `var` with a literal path: split and checked once here rather than on every evaluation. */
function compileLiteralVar(path: string | number, args: readonly CompiledNode[]): CompiledNode {
  const segments = String(path).split('.');
  const segment = forbiddenSegmentOf(String(path));
  if (segment !== undefined) throw RuleErrors.evaluationFailed(`the variable "${path}" goes through "${segment}", which rules may not read.`);
  const fallback = args[1] ?? nothing;
  return (data, run) => {
    const otherwise = fallback(data, run);
    const value = readOwnSegments(data, segments);
    return value !== NOT_FOUND ? value : otherwise === undefined ? null : otherwise;
  };
}

/** The compiled form of one operator over its compiled arguments, with json-logic-js 2.0.5's semantics. */
function compileOperator(operator: string, raw: readonly unknown[], args: readonly CompiledNode[], operations: OperationRegistry): CompiledNode {
  const [first = nothing, second = nothing] = args;
  const path = raw[0];
  if (operator === 'var' && (typeof path === 'number' || (typeof path === 'string' && path !== ''))) return compileLiteralVar(path, args);
  switch (operator) {
    case 'if':
    case '?:':
      return (data, run) => {
        let i = 0;
        for (; i < args.length - 1; i += 2) if (truthy(args[i]!(data, run))) return args[i + 1]!(data, run);
        return i === args.length - 1 ? args[i]!(data, run) : null;
      };
    case 'and':
    case 'or': {
      const stopWhen = operator === 'or';
      return (data, run) => {
        let current: unknown;
        for (const arg of args) {
          current = arg(data, run);
          if (truthy(current) === stopWhen) return current;
        }
        return current;
      };
    }
    case 'map':
      return (data, run) => elementsOf(run, operator, first(data, run))?.map((item) => second(item, run)) ?? [];
    case 'filter':
      return (data, run) => elementsOf(run, operator, first(data, run))?.filter((item) => truthy(second(item, run))) ?? [];
    case 'all':
    case 'some':
    case 'none': {
      const empty = operator === 'none';
      return (data, run) => {
        const items = elementsOf(run, operator, first(data, run));
        if (items === undefined || items.length === 0) return empty;
        if (operator === 'all') return items.every((item) => truthy(second(item, run)));
        return items.some((item) => truthy(second(item, run))) !== empty;
      };
    }
    case 'reduce': {
      const initial = raw[2] !== undefined ? args[2]! : () => null;
      return (data, run) => {
        const items = elementsOf(run, operator, first(data, run));
        const start = initial(data, run);
        if (items === undefined) return start;
        return items.reduce((accumulator: unknown, current: unknown) => bounded(run, operator, second({ current, accumulator }, run)), start);
      };
    }
  }
  const builtin = BUILTIN_IMPLEMENTATIONS.get(operator);
  if (builtin !== undefined) {
    // Data operators return what the data holds; only what operators build is bounded.
    const readsData = operator === 'var' || operator === 'missing' || operator === 'missing_some';
    return (data, run) => {
      const values = evaluateAll(args, data, run);
      const result = invoke(run, operator, values, () => builtin(values, data));
      return readsData ? result : bounded(run, operator, result);
    };
  }
  const plugin: RuleOperation | undefined = operations.get(operator);
  if (plugin === undefined) throw RuleErrors.evaluationFailed(`"${operator}" is not an operator.`);
  return (data, run) => {
    const values = evaluateAll(args, data, run);
    // Plugin operations get their arguments only, never the record they run on.
    return bounded(run, operator, invoke(run, operator, values, () => plugin(...values)));
  };
}

/**
 * Compiles a rule that passed `findExpressionProblems` into closures (recursion is bounded
 * by `maxDepth`). Operators resolve once, here; data is never evaluated as a rule.
 */
export function compileNode(node: unknown, operations: OperationRegistry): CompiledNode {
  if (Array.isArray(node)) {
    const items = node.map((item: unknown) => compileNode(item, operations));
    return (data, run) => evaluateAll(items, data, run);
  }
  if (!isOperation(node)) return () => node;
  const [operator, argument] = Object.entries(node)[0]!;
  const raw: readonly unknown[] = Array.isArray(argument) ? argument : [argument];
  const compiled = compileOperator(operator, raw, raw.map((arg) => compileNode(arg, operations)), operations);
  return (data, run) => {
    spend(run, 1);
    return compiled(data, run);
  };
}
