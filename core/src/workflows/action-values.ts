import { compileExpression } from '../rules/index.js';

/** A value written by an action: `{ "formula": <JsonLogic> }` is computed, anything else is a literal. */
export function isFormula(value: unknown): value is { formula: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && 'formula' in value;
}

/** The data formulas, conditions and templates of a run see. */
export interface RunData {
  readonly record: Readonly<Record<string, unknown>> | null;
  readonly before: Readonly<Record<string, unknown>> | null;
  readonly trigger: Readonly<Record<string, unknown>>;
  readonly now: string;
}

/** Resolves one action value against the run's data. */
export function resolveValue(value: unknown, data: RunData): unknown {
  return isFormula(value) ? compileExpression(value.formula).evaluate(data) : value;
}

/** Resolves every value of a map (field → value). */
export function resolveValues(values: Readonly<Record<string, unknown>>, data: RunData): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, resolveValue(v, data)]));
}
