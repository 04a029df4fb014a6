import type { ErrorDetail } from '../errors/index.js';
import { Errors } from '../errors/index.js';
import type { CompiledEntity, CompiledRule } from '../metadata/compile/compiled-types.js';

/** One entry of a rule failure: the field it points at (if any), the rule, the message. */
export interface RuleFailure extends ErrorDetail {
  readonly rule: string;
}

/** What one rule says about one record. */
export interface RuleOutcome {
  /** The rule's name; null for a condition tried on its own (dry-run). */
  readonly rule: string | null;
  /** True when the condition is truthy (the write would be refused), or could not be evaluated. */
  readonly failed: boolean;
  readonly message: string;
  readonly fields: readonly string[];
  readonly active: boolean;
  /** Why the condition could not be evaluated on this record, when it could not. */
  readonly error?: string;
}

/** JsonLogic truthiness (json-logic-js): an empty array is false, like 0, '' and null. */
const truthy = (value: unknown): boolean => (Array.isArray(value) ? value.length > 0 : Boolean(value));

/**
 * Evaluates one rule on a record. A condition that throws on this data (a bound, an
 * operator's own failure) counts as failing, with the reason: a guard that cannot decide
 * must not let the write through, and must not turn into a 500.
 */
export function evaluateRule(rule: CompiledRule, record: Readonly<Record<string, unknown>>): RuleOutcome {
  const outcome = { rule: rule.def.name, message: rule.def.message.en, fields: rule.def.fields, active: rule.def.active };
  if (!rule.condition) return { ...outcome, failed: true, error: `its condition cannot be used: ${rule.problem ?? 'unknown problem'}` };
  try {
    return { ...outcome, failed: truthy(rule.condition.evaluate(record)) };
  } catch (error) {
    return { ...outcome, failed: true, error: error instanceof Error ? error.message : String(error) };
  }
}

/** One error entry per field pointer of a failed rule (or one record-level entry), with the row index in bulk writes. */
export function failureEntries(outcome: RuleOutcome, index?: number): RuleFailure[] {
  const message = outcome.error === undefined ? outcome.message : `${outcome.message} (the rule "${outcome.rule ?? 'condition'}" could not be checked on this record: ${outcome.error})`;
  const base = { code: 'KITH_RULE_FAILED', rule: outcome.rule ?? '', message, ...(index !== undefined ? { index } : {}) };
  return outcome.fields.length === 0 ? [base] : outcome.fields.map((field) => ({ ...base, field }));
}

/**
 * Refuses a write when any active rule of the entity fails on any of `records` (each the
 * record as it would be stored, minus the system values in `system`): one 400
 * KITH_VALIDATION_RULE_FAILED listing every failing rule of every row.
 */
export function assertRules(entity: CompiledEntity, records: readonly Readonly<Record<string, unknown>>[], system: Readonly<Record<string, unknown>>): void {
  const active = entity.rules.filter((r) => r.def.active);
  if (active.length === 0) return;
  const blank = Object.fromEntries(entity.fields.map((f) => [f.name, null]));
  const bulk = records.length > 1;
  const errors: RuleFailure[] = [];
  records.forEach((record, index) => {
    const stored = { ...blank, ...record, ...system };
    for (const rule of active) {
      const outcome = evaluateRule(rule, stored);
      if (outcome.failed) errors.push(...failureEntries(outcome, bulk ? index : undefined));
    }
  });
  if (errors.length > 0) throw Errors.validationRuleFailed(entity.name, errors, bulk);
}
