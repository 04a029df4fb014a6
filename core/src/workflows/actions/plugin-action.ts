import type { ActionContext } from '@kith/sdk';
import type { RegisteredAction } from '../action-registry.js';
import type { ActionCall, ActionRunner } from '../run-context.js';

type Input = { params: Readonly<Record<string, unknown>> };

function contextOf(call: ActionCall, entry: RegisteredAction): ActionContext {
  return {
    idempotencyKey: call.idempotencyKey,
    record: call.data.record ?? undefined,
    workflowId: call.workflow.id,
    workflowVersion: call.workflow.version,
    plugin: entry.context,
  };
}

/** A plugin's action (`defineAction`), run with the step's idempotency key and its plugin's context. */
export function pluginAction(entry: RegisteredAction): ActionRunner<Input> {
  return {
    inDatabase: false,
    async prepare(call) {
      const action = call.workflow.actions[call.index] as { params?: Readonly<Record<string, unknown>> };
      return { params: action.params ?? {} };
    },
    async perform(call, input) {
      return entry.definition.run(input.params, contextOf(call, entry));
    },
  };
}

/** What a dry-run shows for a plugin action: its preview, or the params. */
export function previewPluginAction(entry: RegisteredAction, call: ActionCall, params: Readonly<Record<string, unknown>>): unknown {
  return entry.definition.preview ? entry.definition.preview(params, contextOf(call, entry)) : params;
}
