/** Safe, bounded JsonLogic: computed fields now, validation rules and workflows later. */
export { checkExpression, compileExpression, createLogicEvaluator, evaluate, registerPluginOperation } from './safe-logic.js';
export type { CompiledExpression, LogicEvaluator, LogicEvaluatorOptions } from './safe-logic.js';
export { createOperationRegistry, OPERATION_NAME_PATTERN } from './operation-registry.js';
export type { NamespacedOperations, OperationRegistry, RuleOperation } from './operation-registry.js';
export { BUILTIN_OPERATORS } from './builtin-operators.js';
export { DEFAULT_RULE_LIMITS } from './rule-limits.js';
export type { RuleLimits } from './rule-limits.js';
export { FORBIDDEN_SEGMENTS } from './safe-data-access.js';
export { RuleErrors, RuleProblems } from './rule-errors.js';
export type { ExpressionProblem } from './rule-errors.js';
export type { ExpressionVariables } from './expression-variables.js';
