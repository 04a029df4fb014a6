import { resolveValue } from '../action-values.js';
import { requireMailer } from '../mailer.js';
import type { ActionRunner } from '../run-context.js';
import { renderTemplate } from '../template.js';
import { WorkflowErrors } from '../workflow-errors.js';

type Input = { from: string | null; to: string[]; subject: string; text: string };

/** An email over SMTP; its Message-ID is the step's idempotency key, the same on every retry. */
export const emailAction: ActionRunner<Input> = {
  inDatabase: false,
  async prepare(call) {
    const action = call.workflow.actions[call.index] as { to: unknown; subject: string; text: string };
    const resolved = resolveValue(action.to, call.data);
    const to = (Array.isArray(resolved) ? resolved : [resolved]).filter((v) => v !== null && v !== undefined && v !== '');
    if (to.length === 0 || to.some((a) => typeof a !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(a))) {
      throw WorkflowErrors.actionFailed(call.index, 'email', `no valid recipient: "to" gave ${JSON.stringify(resolved)}`, true);
    }
    return { from: call.services.mailer?.from ?? null, to: to as string[], subject: renderTemplate(action.subject, call.data), text: renderTemplate(action.text, call.data) };
  },
  async perform(call, input) {
    return requireMailer(call.services.mailer).send({ to: input.to, subject: input.subject, text: input.text, idempotencyKey: call.idempotencyKey });
  },
};
