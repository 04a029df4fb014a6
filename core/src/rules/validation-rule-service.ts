import { randomBytes } from 'node:crypto';
import { toLabels, type ValidationRuleDefinition } from '@kith/sdk';
import type { TSchema, Static } from '@sinclair/typebox';
import type { Actor } from '../data/actor.js';
import type { RecordService } from '../data/record-service.js';
import { Errors, isKithError, type ErrorDetail } from '../errors/index.js';
import type { CompiledEntity, CompiledRule } from '../metadata/compile/compiled-types.js';
import type { RuleChanges } from '../metadata/customisation.js';
import { parseBody } from '../metadata/metadata-inputs.js';
import type { MetadataRegistry } from '../metadata/registry.js';
import { ruleProblems } from './validation-rule-check.js';
import { dryRunRules, type DryRunResult } from './validation-rule-dry-run.js';
import { NewRuleBody, RulePatchBody, RuleTestBody } from './validation-rule-inputs.js';

/**
 * Validation rules over the API. Every change is a customisation (`addRule`, `updateRule`,
 * `removeRule`): exportable with the client's other changes and listed in the metadata
 * history. A rule is checked in full before it is stored, every problem reported at once.
 */
export class ValidationRuleService {
  constructor(
    private readonly registry: MetadataRegistry,
    private readonly records: RecordService,
  ) {}

  /** Gives the registry the plugins' base rules (checked: a bad one stops the boot), then serves rules. */

  /** Every rule of the entity, active or not. */
  list(entityName: string): ValidationRuleDefinition[] {
    return this.entity(entityName).rules.map((r) => r.def);
  }

  get(entityName: string, name: string): ValidationRuleDefinition {
    return this.rule(this.entity(entityName), name).def;
  }

  async add(entityName: string, body: unknown, userId: number | null): Promise<ValidationRuleDefinition> {
    const entity = this.entity(entityName);
    const input = parseRuleBody(NewRuleBody, body, 'The new rule');
    const rule: ValidationRuleDefinition = {
      id: `${entity.name}.${input.name}.${randomBytes(3).toString('hex')}`,
      name: input.name,
      entity: entity.name,
      condition: input.condition,
      message: toLabels(input.message, input.name),
      fields: input.fields ?? [],
      active: input.active ?? true,
      source: 'custom',
    };
    const problems: ErrorDetail[] = ruleProblems(entity.def, rule);
    if (entity.rules.some((r) => r.def.name === rule.name)) {
      problems.push({ field: 'name', code: 'KITH_RULE_NAME_TAKEN', message: `${entity.name} already has a rule named "${rule.name}"; choose another name (or PATCH that rule).` });
    }
    if (problems.length > 0) throw Errors.ruleInvalid(`The rule "${String(rule.name)}"`, problems);
    await this.registry.change({ kind: 'addRule', rule }, { userId });
    return this.get(entity.name, rule.name);
  }

  async update(entityName: string, name: string, body: unknown, userId: number | null): Promise<ValidationRuleDefinition> {
    const entity = this.entity(entityName);
    const current = this.rule(entity, name);
    const input = parseRuleBody(RulePatchBody, body, `The change to rule "${name}"`);
    const changes: RuleChanges = {
      ...(input.condition !== undefined ? { condition: input.condition } : {}),
      ...(input.message !== undefined ? { message: toLabels(input.message, name) } : {}),
      ...(input.fields !== undefined ? { fields: input.fields } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    };
    const problems = ruleProblems(entity.def, { ...current.def, ...changes });
    if (problems.length > 0) throw Errors.ruleInvalid(`The change to rule "${name}"`, problems);
    await this.registry.change({ kind: 'updateRule', ruleId: current.def.id, changes }, { userId });
    return this.get(entity.name, name);
  }

  /** Removes a custom rule; a plugin's rule stays, and is switched off with `"active": false`. */
  async remove(entityName: string, name: string, userId: number | null): Promise<void> {
    const current = this.rule(this.entity(entityName), name);
    if (current.def.source !== 'custom') {
      throw Errors.changeNotAllowed(`Cannot remove the rule "${name}"`, `it belongs to ${current.def.source}; deactivate it instead (PATCH with "active": false).`, 'name');
    }
    await this.registry.change({ kind: 'removeRule', ruleId: current.def.id }, { userId });
  }

  /** Dry-run: which rules a record (sample or stored) would break. Writes nothing. */
  async test(entityName: string, body: unknown, actor: Actor): Promise<DryRunResult> {
    const entity = this.entity(entityName);
    return dryRunRules(this.records, entity, parseRuleBody(RuleTestBody, body, 'The dry-run'), actor);
  }

  private entity(name: string): CompiledEntity {
    const entity = this.registry.model.entities.get(name);
    if (!entity) throw Errors.entityNotFound(name);
    return entity;
  }

  private rule(entity: CompiledEntity, name: string): CompiledRule {
    const rule = entity.rules.find((r) => r.def.name === name);
    if (!rule) throw Errors.ruleNotFound(entity.name, name);
    return rule;
  }
}

/** A rule body, its shape checked; problems are KITH_RULE_INVALID like every other refusal of a rule. */
function parseRuleBody<T extends TSchema>(schema: T, body: unknown, what: string): Static<T> {
  try {
    return parseBody(schema, body, what);
  } catch (error) {
    if (isKithError(error) && error.code === 'KITH_METADATA_INVALID') throw Errors.ruleInvalid(what, error.errors);
    throw error;
  }
}
