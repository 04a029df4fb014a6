import { RuleProblems, type ExpressionProblem } from './rule-errors.js';
import type { RuleLimits } from './rule-limits.js';
import { forbiddenSegmentOf } from './safe-data-access.js';

/** What checking needs: which operators exist, and the limits. */
export interface CheckContext {
  readonly limits: RuleLimits;
  readonly isKnown: (operator: string) => boolean;
  readonly knownOperators: () => readonly string[];
}

interface Pending {
  readonly value: unknown;
  readonly path: string;
  /** How many operators and literal arrays enclose this value, itself included if it is one. */
  readonly depth: number;
  /** True inside a literal object (not one key), which json-logic-js returns as data, never running it. */
  readonly data: boolean;
}

/** One JSON Pointer reference token (RFC 6901). */
const token = (key: string | number) => String(key).replaceAll('~', '~0').replaceAll('/', '~1');

/** True for a JsonLogic operation: a plain object with exactly one key (json-logic-js's `is_logic`). */
export function isOperation(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1;
}

/** Why `value` is not JSON (as a phrase), or undefined when it is a JSON primitive or container. */
function nonJson(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : String(value);
    case 'object': {
      if (value === null || Array.isArray(value)) return undefined;
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto === Object.prototype || proto === null) return undefined;
      const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
      return `an instance of ${typeof name === 'string' && name !== '' ? name : 'a class'}`;
    }
    case 'undefined':
      return 'undefined';
    default:
      return `a ${typeof value}`;
  }
}

/** The children of a container as [key, value] pairs; holes and accessors are reported, not read. */
function childrenOf(container: object, path: string, problems: ExpressionProblem[]): [string | number, unknown][] {
  const keys: (string | number)[] = Array.isArray(container) ? Array.from(container.keys()) : Object.keys(container);
  const children: [string | number, unknown][] = [];
  for (const key of keys) {
    const descriptor = Object.getOwnPropertyDescriptor(container, key);
    if (descriptor === undefined) problems.push(RuleProblems.notJson(`${path}/${token(key)}`, 'an empty array slot'));
    else if (!('value' in descriptor)) problems.push(RuleProblems.notJson(`${path}/${token(key)}`, 'a getter or setter'));
    else children.push([key, descriptor.value]);
  }
  return children;
}

/** Problems with the path a literal `var` reads (computed paths are checked when they run). */
function checkVarPath(path: unknown, at: string, problems: ExpressionProblem[]): void {
  if (path === null || typeof path === 'number' || isOperation(path) || nonJson(path) !== undefined) return;
  if (typeof path !== 'string') {
    problems.push(RuleProblems.notAPath(at, 'var', Array.isArray(path) ? 'an array' : typeof path));
    return;
  }
  const segment = forbiddenSegmentOf(path);
  if (segment !== undefined) problems.push(RuleProblems.forbiddenPath(at, path, segment));
}

/**
 * Every problem that keeps `expression` from running: values that are not JSON, unknown
 * operators (listing the known ones), literal `var` paths through `__proto__`, `prototype`
 * or `constructor`, nesting deeper than `maxDepth`, more than `maxNodes` values.
 * Walks with an explicit stack, so any nesting is refused without overflowing the call
 * stack; stops descending at `maxDepth` and stops altogether once `maxNodes` is exceeded.
 */
export function findExpressionProblems(expression: unknown, context: CheckContext): ExpressionProblem[] {
  const { maxDepth, maxNodes } = context.limits;
  const problems: ExpressionProblem[] = [];
  const stack: Pending[] = [{ value: expression, path: '', depth: 1, data: false }];
  let visited = 0;
  let depthReported = false;

  /** False (and reports it) when `count` more values would exceed maxNodes: checked before reading them. */
  const fits = (count: number): boolean => {
    if (visited + stack.length + count <= maxNodes) return true;
    problems.push(RuleProblems.tooLarge(maxNodes));
    return false;
  };
  const pushAll = (children: readonly Pending[]) => {
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]!);
  };

  while (stack.length > 0) {
    const { value, path, depth, data } = stack.pop()!;
    visited += 1;
    const notJson = nonJson(value);
    if (notJson !== undefined) {
      problems.push(RuleProblems.notJson(path, notJson));
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth > maxDepth) {
      if (!depthReported) problems.push(RuleProblems.tooDeep(path, maxDepth));
      depthReported = true;
      continue;
    }

    if (data || !isOperation(value)) {
      // An array, or an object that is a literal: json-logic-js returns it, and all it holds, as data.
      const holdsData = data || !Array.isArray(value);
      if (!fits(Array.isArray(value) ? value.length : Object.keys(value).length)) break;
      pushAll(childrenOf(value, path, problems).map(([key, child]) => ({ value: child, path: `${path}/${token(key)}`, depth: depth + 1, data: holdsData })));
      continue;
    }
    const [entry] = childrenOf(value, path, problems);
    if (entry === undefined) continue;
    const [operator, argument] = entry as [string, unknown];
    const opPath = `${path}/${token(operator)}`;
    if (!context.isKnown(operator)) problems.push(RuleProblems.unknownOperator(opPath, operator, context.knownOperators()));
    if (!fits(Array.isArray(argument) ? argument.length : 1)) break;
    // An operator's argument list is syntax, not a nesting level: its items sit one level down.
    const args: [string | number, unknown][] = Array.isArray(argument) ? childrenOf(argument, opPath, problems) : [['', argument]];
    const next = args.map(([key, child]) => ({ value: child, path: key === '' ? opPath : `${opPath}/${token(key)}`, depth: depth + 1, data: false }));
    if (operator === 'var') checkVarPath(next[0]?.value, next[0]?.path ?? opPath, problems);
    pushAll(next);
  }
  return problems;
}
