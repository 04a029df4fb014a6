import { isBuiltinAction, type ActionRegistry } from '../action-registry.js';
import type { ActionRunner } from '../run-context.js';
import { WorkflowErrors } from '../workflow-errors.js';
import { assignAction } from './assign.js';
import { createRecordAction } from './create-record.js';
import { emailAction } from './email.js';
import { notifyAction } from './notify.js';
import { pluginAction } from './plugin-action.js';
import { setFieldsAction } from './set-fields.js';
import { webhookAction } from './webhook.js';

const BUILTIN: Readonly<Record<string, ActionRunner>> = {
  setFields: setFieldsAction as ActionRunner,
  createRecord: createRecordAction as ActionRunner,
  assign: assignAction as ActionRunner,
  notify: notifyAction as ActionRunner,
  email: emailAction as ActionRunner,
  webhook: webhookAction as ActionRunner,
};

/** The runner of an action type (built in, or a plugin's). */
export function runnerFor(type: string, index: number, registry: ActionRegistry): ActionRunner {
  if (isBuiltinAction(type)) return BUILTIN[type]!;
  const entry = registry.entry(type);
  if (!entry) throw WorkflowErrors.actionFailed(index, type, `no action "${type}" is registered (is its plugin loaded?)`, true);
  return pluginAction(entry) as ActionRunner;
}
