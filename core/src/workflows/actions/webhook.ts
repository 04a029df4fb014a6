import { createHmac } from 'node:crypto';
import type { ActionRunner } from '../run-context.js';
import { WorkflowErrors } from '../workflow-errors.js';

const DEFAULT_TIMEOUT_MS = 10_000;

type Input = { url: string; headers: Record<string, string>; body: string; timeoutMs: number };

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`: what a receiver recomputes to trust a call. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** POSTs the run's data as JSON, signed, with a timeout; a non-2xx answer fails the step (and it is retried). */
export const webhookAction: ActionRunner<Input> = {
  inDatabase: false,
  async prepare(call) {
    const action = call.workflow.actions[call.index] as { url: string; secret: string; timeoutMs?: number };
    const timestamp = String(Math.floor(call.services.clock.now().getTime() / 1000));
    const body = JSON.stringify({
      workflow: { id: call.workflow.id, version: call.workflow.version },
      runId: call.runId,
      step: call.index,
      idempotencyKey: call.idempotencyKey,
      trigger: call.data.trigger,
      record: call.data.record,
      before: call.data.before,
    });
    const headers = {
      'content-type': 'application/json',
      'x-kith-timestamp': timestamp,
      'x-kith-signature': webhookSignature(action.secret, timestamp, body),
      'idempotency-key': call.idempotencyKey,
    };
    return { url: action.url, headers, body, timeoutMs: action.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  },
  async perform(call, input) {
    let response: Response;
    try {
      response = await fetch(input.url, { method: 'POST', headers: input.headers, body: input.body, signal: AbortSignal.timeout(input.timeoutMs), redirect: 'error' });
    } catch (error) {
      const why = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${input.timeoutMs} ms` : error instanceof Error ? error.message : String(error);
      throw WorkflowErrors.actionFailed(call.index, 'webhook', `POST ${input.url}: ${why}`);
    }
    const text = (await response.text()).slice(0, 2000);
    if (!response.ok) throw WorkflowErrors.actionFailed(call.index, 'webhook', `POST ${input.url} answered ${response.status}: ${text.slice(0, 300)}`);
    return { status: response.status, body: text };
  },
};
