import { KithError, type ErrorDetail } from '../errors/index.js';

/** One problem found in a rule before it runs, with where it sits (a JSON Pointer into the rule). */
export interface ExpressionProblem extends ErrorDetail {
  /** JSON Pointer (RFC 6901) to the offending part of the rule; '' is the whole rule. */
  readonly path: string;
}

const list = (names: Iterable<string>) => [...names].map((n) => `"${n}"`).join(', ');
/** Where in the rule, for a message; a long pointer keeps its start and end (the full one is in `path`). */
const at = (path: string) => {
  if (path === '') return 'at the top of the rule';
  return path.length <= 80 ? `at ${path}` : `at ${path.slice(0, 40)}…${path.slice(-30)}`;
};

/** Named builders for the problems `checkExpression` reports; codes are stable API. */
export const RuleProblems = {
  unknownOperator: (path: string, operator: string, known: Iterable<string>): ExpressionProblem => ({
    code: 'KITH_RULE_UNKNOWN_OPERATOR',
    path,
    message: `"${operator}" ${at(path)} is not an operator. Known operators: ${list(known)}.`,
  }),

  forbiddenPath: (path: string, variable: string, segment: string): ExpressionProblem => ({
    code: 'KITH_RULE_FORBIDDEN_PATH',
    path,
    message: `The variable "${variable}" ${at(path)} goes through "${segment}", which rules may not read: use the record's own field names.`,
  }),

  notAPath: (path: string, operator: string, got: string): ExpressionProblem => ({
    code: 'KITH_RULE_NOT_A_PATH',
    path,
    message: `"${operator}" ${at(path)} takes a field path (text such as "amount.amount", or an array index), not ${got}.`,
  }),

  tooDeep: (path: string, maxDepth: number): ExpressionProblem => ({
    code: 'KITH_RULE_TOO_DEEP',
    path,
    message: `The rule nests more than ${maxDepth} levels (${at(path)}); flatten it (e.g. "if" takes several condition/value pairs).`,
  }),

  tooLarge: (maxNodes: number): ExpressionProblem => ({
    code: 'KITH_RULE_TOO_LARGE',
    path: '',
    message: `The rule has more than ${maxNodes.toLocaleString('en')} values; split it into smaller rules.`,
  }),

  notJson: (path: string, got: string): ExpressionProblem => ({
    code: 'KITH_RULE_NOT_JSON',
    path,
    message: `A rule is plain JSON, but ${at(path)} there is ${got}.`,
  }),
} as const;

/** Named factories for the errors rules raise; every code is `KITH_RULE_*` and stable API. */
export const RuleErrors = {
  /** The rule was refused before running; `errors` lists every problem. */
  invalid: (problems: readonly ExpressionProblem[], field?: string) =>
    new KithError({
      code: 'KITH_RULE_INVALID',
      status: 400,
      ...(field !== undefined ? { field } : {}),
      message:
        problems.length === 1
          ? `The rule cannot be used: ${problems[0]!.message}`
          : `The rule cannot be used: it has ${problems.length} problems; see "errors".`,
      errors: problems,
    }),

  /** The rule was valid but failed on this data (a computed path, a bound, an operator's own failure). */
  evaluationFailed: (reason: string, cause?: unknown, field?: string) =>
    new KithError({
      code: 'KITH_RULE_EVALUATION_FAILED',
      status: 400,
      ...(field !== undefined ? { field } : {}),
      message: `The rule could not be evaluated: ${reason}`,
      ...(cause !== undefined ? { cause } : {}),
    }),

  /** A plugin tried to register an operation under a malformed namespace or name. */
  operationNameInvalid: (namespace: string, name: string, why: string) =>
    new KithError({
      code: 'KITH_RULE_OPERATION_INVALID',
      status: 400,
      message: `Cannot register the rule operation "${namespace}.${name}": ${why}`,
    }),

  /** A plugin tried to register an operation that is already there (built-in or registered). */
  operationExists: (operator: string) =>
    new KithError({
      code: 'KITH_RULE_OPERATION_EXISTS',
      status: 400,
      message: `The rule operation "${operator}" is already registered; operations are never replaced. Choose another name.`,
    }),
} as const;
