import type { SqlExecutor } from '../../data/database.js';
import { resolveValues } from '../action-values.js';
import { WORKFLOW_ACTOR, type ActionCall, type ActionRunner } from '../run-context.js';
import { WorkflowErrors } from '../workflow-errors.js';
import { checkActionValues } from './check-values.js';

type Input = { values: Record<string, unknown> };

/** Sets fields on the triggering record (through the record service: validated, audited, rules applied). */
export const setFieldsAction: ActionRunner<Input> = {
  inDatabase: true,
  async prepare(call) {
    const action = call.workflow.actions[call.index] as { values: Record<string, unknown> };
    const values = resolveValues(action.values, call.data);
    const entity = call.services.records.entity(call.workflow.entity!);
    checkActionValues(entity, values, 'update', call.data.record, call.index, 'setFields');
    return { values };
  },
  async perform(call, input, tx: SqlExecutor) {
    if (call.recordId === null) throw WorkflowErrors.actionFailed(call.index, 'setFields', 'the run has no record', true);
    const records = call.services.records;
    const current = await records.getIn(tx, call.workflow.entity!, call.recordId);
    const after = await records.update(call.workflow.entity!, call.recordId, input.values, current.version as number, WORKFLOW_ACTOR, tx);
    return { id: after.id, version: after.version };
  },
};
