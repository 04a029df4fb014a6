import type { ActionDefinition } from '@kith/sdk';
import type { ActionRunner } from '../run-context.js';

type Input = { params: Readonly<Record<string, unknown>> };

/** A plugin's action (`defineAction`), run with the step's idempotency key. */
export function pluginAction(definition: ActionDefinition): ActionRunner<Input> {
  const context = (call: Parameters<ActionRunner['prepare']>[0]) => ({
    idempotencyKey: call.idempotencyKey,
    record: call.data.record ?? undefined,
    workflowId: call.workflow.id,
    workflowVersion: call.workflow.version,
  });
  return {
    inDatabase: false,
    async prepare(call) {
      const action = call.workflow.actions[call.index] as { params?: Readonly<Record<string, unknown>> };
      return { params: action.params ?? {} };
    },
    async perform(call, input) {
      return definition.run(input.params, context(call));
    },
  };
}

/** What a dry-run shows for a plugin action. */
export function previewPluginAction(definition: ActionDefinition, call: Parameters<ActionRunner['prepare']>[0], params: Readonly<Record<string, unknown>>): unknown {
  return definition.preview ? definition.preview(params, { idempotencyKey: call.idempotencyKey, record: call.data.record ?? undefined, workflowId: call.workflow.id, workflowVersion: call.workflow.version }) : params;
}
