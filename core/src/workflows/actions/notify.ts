import { resolveValue } from '../action-values.js';
import { notificationStore } from '../notification-store.js';
import type { ActionRunner } from '../run-context.js';
import { renderTemplate } from '../template.js';
import { WorkflowErrors } from '../workflow-errors.js';

type Input = { to: number[]; title: string; body: string | null };

/** In-app notifications to users (ids, or a formula such as the record's owner). */
export const notifyAction: ActionRunner<Input> = {
  inDatabase: true,
  async prepare(call) {
    const action = call.workflow.actions[call.index] as { to: unknown; title: string; body?: string };
    const resolved = resolveValue(action.to, call.data);
    const to = (Array.isArray(resolved) ? resolved : [resolved]).filter((v) => v !== null && v !== undefined).map(Number);
    if (to.some((id) => !Number.isSafeInteger(id) || id < 1)) throw WorkflowErrors.actionFailed(call.index, 'notify', `recipients must be user ids, got ${JSON.stringify(resolved)}`, true);
    return { to: [...new Set(to)], title: renderTemplate(action.title, call.data), body: action.body === undefined ? null : renderTemplate(action.body, call.data) };
  },
  async perform(call, input, tx) {
    const ids: number[] = [];
    const createdAt = call.services.clock.now().toISOString();
    for (const userId of input.to) {
      ids.push(await notificationStore.add(tx, { userId, title: input.title, body: input.body, entity: call.workflow.entity ?? null, recordId: call.recordId, workflowId: call.workflow.id, createdAt }));
    }
    return { notifications: ids };
  },
};
