import { resolveValues } from '../action-values.js';
import { WORKFLOW_ACTOR, type ActionRunner } from '../run-context.js';
import { checkActionValues } from './check-values.js';

type Input = { entity: string; values: Record<string, unknown> };

/** Creates a record, its values mapped from the trigger (literals or formulas over `record`, `trigger`). */
export const createRecordAction: ActionRunner<Input> = {
  inDatabase: true,
  async prepare(call) {
    const action = call.workflow.actions[call.index] as { entity: string; values: Record<string, unknown> };
    const values = resolveValues(action.values, call.data);
    checkActionValues(call.services.records.entity(action.entity), values, 'create', null, call.index, 'createRecord');
    return { entity: action.entity, values };
  },
  async perform(_call, input, tx) {
    const created = await _call.services.records.create(input.entity, input.values, WORKFLOW_ACTOR, tx);
    return { entity: input.entity, id: created.id };
  },
};
