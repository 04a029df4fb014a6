import { checkInput } from '../../data/record-input.js';
import { isKithError } from '../../errors/index.js';
import type { CompiledEntity } from '../../metadata/compile/compiled-types.js';
import { assertRules } from '../../rules/validation-rule-evaluate.js';
import { WorkflowErrors } from '../workflow-errors.js';

/**
 * Checks the values an action would write as the record service will: each field's type, then
 * the entity's validation rules on the record as it would be stored (`base` is the stored record
 * for an update). A refusal is final for the run, and a dry-run shows it as the action's problem
 * instead of promising a write that would fail.
 */
export function checkActionValues(entity: CompiledEntity, values: Readonly<Record<string, unknown>>, mode: 'create' | 'update', base: Readonly<Record<string, unknown>> | null, index: number, type: string): void {
  const checked = checkInput(entity, values, mode);
  const refuse = (messages: readonly { field?: string; message: string }[]) => {
    throw WorkflowErrors.actionFailed(index, type, messages.map((p) => `${p.field ?? entity.name}: ${p.message}`).join('; '), true);
  };
  if (checked.errors.length > 0) refuse(checked.errors);
  try {
    assertRules(entity, [{ ...(base ?? {}), ...Object.fromEntries(checked.values) }], {});
  } catch (error) {
    if (isKithError(error)) refuse(error.errors.length > 0 ? error.errors : [{ message: error.message }]);
    throw error;
  }
}
