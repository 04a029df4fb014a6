import { RULE_NAME_PATTERN, SYSTEM_FIELDS, type EntityDefinition, type ValidationRuleDefinition } from '@kith/sdk';
import type { ErrorDetail } from '../errors/index.js';
import type { CompiledModel } from '../metadata/compile/compiled-types.js';
import { collectVariables } from './expression-variables.js';
import { checkExpression } from './safe-logic.js';

const SYSTEM = new Set<string>(SYSTEM_FIELDS);
const knownFields = (entity: EntityDefinition) => entity.fields.map((f) => f.name).join(', ');

/**
 * Every problem with a condition over `entity`: what the safe evaluator refuses (prototype
 * paths, unknown operators, too deep or too large), then every variable whose first segment
 * is neither a field nor a system field of the entity.
 */
export function conditionProblems(entity: EntityDefinition, condition: unknown): ErrorDetail[] {
  const found = checkExpression(condition);
  // A condition the evaluator refuses is not walked further: its variables cannot be trusted.
  if (found.length > 0) return found.map((p) => ({ field: 'condition', code: p.code, message: p.message }));
  const problems: ErrorDetail[] = [];
  for (const variable of collectVariables(condition).variables) {
    const head = variable.split('.')[0]!;
    if (entity.fields.some((f) => f.name === head) || SYSTEM.has(head)) continue;
    problems.push({
      field: 'condition',
      code: 'KITH_RULE_UNKNOWN_FIELD',
      message: `The condition reads "${variable}", but "${head}" is not a field of ${entity.name}. Known fields: ${knownFields(entity)}.`,
    });
  }
  return problems;
}

/** Every problem with one rule of `entity` (name, message, condition, field pointers), named by the part it concerns. */
export function ruleProblems(entity: EntityDefinition, rule: ValidationRuleDefinition): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (typeof rule.name !== 'string' || !RULE_NAME_PATTERN.test(rule.name)) {
    problems.push({ field: 'name', code: 'KITH_RULE_NAME_INVALID', message: `"${String(rule.name)}" is not a valid rule name: letters, digits and dashes, starting with a lower-case letter (at most 64).` });
  }
  if (typeof rule.message?.en !== 'string' || rule.message.en.trim() === '') {
    problems.push({ field: 'message', code: 'KITH_RULE_MESSAGE_MISSING', message: 'Give the message people see when the rule refuses a write (at least in English, "en").' });
  }
  problems.push(...conditionProblems(entity, rule.condition));
  for (const field of rule.fields) {
    if (entity.fields.some((f) => f.name === field)) continue;
    problems.push({ field: 'fields', code: 'KITH_RULE_UNKNOWN_FIELD', message: `"${field}" in "fields" is not a field of ${entity.name}. Known fields: ${knownFields(entity)}.` });
  }
  return problems;
}

/** Checks every rule against the entities: known entity, a valid rule, one name per entity. */
export function checkRules(entities: readonly EntityDefinition[], rules: readonly ValidationRuleDefinition[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const byName = new Map(entities.map((e) => [e.name, e]));
  const seen = new Set<string>();
  for (const rule of rules) {
    const at = `rules.${rule.entity}.${rule.name}`;
    const entity = byName.get(rule.entity);
    if (!entity) {
      problems.push({ field: at, code: 'KITH_RULE_INVALID', message: `Rule "${rule.name}": "${rule.entity}" is not an entity; known entities: ${[...byName.keys()].join(', ')}.` });
      continue;
    }
    const key = `${rule.entity}\u0000${rule.name}`;
    if (seen.has(key)) problems.push({ field: at, code: 'KITH_RULE_NAME_TAKEN', message: `Rule "${rule.name}" is defined twice on ${rule.entity}.` });
    seen.add(key);
    for (const p of ruleProblems(entity, rule)) problems.push({ ...p, field: `${at}.${p.field ?? ''}`, message: `Rule "${rule.name}" on ${rule.entity}: ${p.message}` });
  }
  return problems;
}

/** The rule problems `after` has that `before` did not: what a change would break (old, known breakage never blocks). */
export function newRuleProblems(
  before: CompiledModel,
  after: { readonly entities: readonly EntityDefinition[]; readonly rules: readonly ValidationRuleDefinition[] },
): ErrorDetail[] {
  const entities = [...before.entities.values()];
  const known = checkRules(
    entities.map((e) => e.def),
    entities.flatMap((e) => e.rules.map((r) => r.def)),
  );
  const seen = new Set(known.map((p) => `${p.field}|${p.message}`));
  return checkRules(after.entities, after.rules).filter((p) => !seen.has(`${p.field}|${p.message}`));
}
