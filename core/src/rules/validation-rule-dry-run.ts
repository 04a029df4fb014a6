import type { ValidationRuleDefinition } from '@kith/sdk';
import type { Actor } from '../data/actor.js';
import { applyComputedFields } from '../data/computed-fields.js';
import { checkInput } from '../data/record-input.js';
import type { RecordService } from '../data/record-service.js';
import type { RecordRow } from '../data/row-mapper.js';
import { Errors } from '../errors/index.js';
import type { CompiledEntity, CompiledRule } from '../metadata/compile/compiled-types.js';
import { compileExpression } from './safe-logic.js';
import { conditionProblems } from './validation-rule-check.js';
import { evaluateRule, type RuleOutcome } from './validation-rule-evaluate.js';
import type { RuleTest } from './validation-rule-inputs.js';

/** What a dry-run answers: the record the rules saw, and what each rule says about it. */
export interface DryRunResult {
  readonly record: RecordRow;
  readonly results: readonly RuleOutcome[];
}

/**
 * Evaluates rules on a sample record, or on a stored one (`id`) with `record` applied as a
 * patch, exactly as a write would see it (normalised, computed fields filled in) — and
 * writes nothing: no row, no version, no audit entry. Inactive rules are evaluated too
 * (`active` says whether they would refuse a write today), so a rule can be tried before
 * it is switched on. `rule` narrows to one rule; `condition` tries a condition, in place of
 * that rule's when both are given.
 */
export async function dryRunRules(records: RecordService, entity: CompiledEntity, test: RuleTest, actor: Actor): Promise<DryRunResult> {
  const rules = rulesToTry(entity, test);
  const record = await recordToTry(records, entity, test, actor);
  const results = rules.map(({ rule, named }) => {
    const outcome = evaluateRule(rule, record);
    return named ? outcome : { ...outcome, rule: null };
  });
  return { record, results };
}

function rulesToTry(entity: CompiledEntity, test: RuleTest): { rule: CompiledRule; named: boolean }[] {
  const named = test.rule === undefined ? undefined : entity.rules.find((r) => r.def.name === test.rule);
  if (test.rule !== undefined && !named) throw Errors.ruleNotFound(entity.name, test.rule);
  if (test.condition === undefined) return (named ? [named] : entity.rules).map((rule) => ({ rule, named: true }));
  const problems = conditionProblems(entity.def, test.condition);
  if (problems.length > 0) throw Errors.ruleInvalid('The condition to test', problems);
  const def: ValidationRuleDefinition = named
    ? { ...named.def, condition: test.condition }
    : { id: '', name: '', entity: entity.name, condition: test.condition, message: { en: 'The condition is true for this record.' }, fields: [], active: true, source: 'custom' };
  return [{ rule: { def, condition: compileExpression(test.condition) }, named: named !== undefined }];
}

/** The record as a write would store it: stored ⊕ patch, or a new record with defaults; computed fields filled in. */
async function recordToTry(records: RecordService, entity: CompiledEntity, test: RuleTest, actor: Actor): Promise<RecordRow> {
  const stored = test.id === undefined ? undefined : await records.get(entity.name, test.id, actor);
  const { values, errors } = checkInput(entity, test.record ?? {}, stored ? 'update' : 'create');
  // A sample may leave required fields out: the rules decide on what it holds.
  const real = errors.filter((e) => e.code !== 'KITH_FIELD_REQUIRED');
  if (real.length > 0) throw Errors.validationFailed(entity.name, real);
  const blank = Object.fromEntries(entity.fields.map((f) => [f.name, null]));
  const system = stored ? {} : { id: null, version: 1, createdBy: actor.userId, updatedBy: actor.userId };
  const record: RecordRow = { ...blank, ...system, ...stored, ...Object.fromEntries(values) };
  applyComputedFields(entity, record);
  return record;
}
