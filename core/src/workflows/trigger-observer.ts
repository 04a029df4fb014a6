import type { WorkflowDefinition } from '@kith/sdk';
import type { WriteEvent, WriteObserver } from '../data/write-observer.js';
import type { JobQueue } from '../queue/job-queue.js';
import { cascadeDepth } from './cascade.js';
import { WORKFLOW_DUE_JOB, WORKFLOW_RUN_JOB, type DuePayload, type RunPayload } from './job-kinds.js';
import { conditionHolds, dueAt, triggerFires } from './trigger-match.js';

/**
 * Enqueues workflow jobs in the writing transaction (the outbox): a record trigger whose
 * condition holds gets a `workflow.run` job; a relative-time trigger gets a `workflow.due` job
 * at its time, keyed by the date value so a changed date schedules anew and the stale one
 * skips itself. Jobs inherit the cascade depth, so a workflow that keeps triggering itself is
 * stopped by the queue's bound.
 */
export function workflowTriggerObserver(jobs: JobQueue): WriteObserver {
  return {
    name: 'workflows',
    async afterWrite(event: WriteEvent) {
      const workflows = [...event.model.workflows.values()].filter((w) => w.enabled && w.entity === event.entity.name);
      if (workflows.length === 0) return;
      const depth = cascadeDepth();
      const now = jobs.clock.now();
      for (const change of event.changes) {
        const record = change.after ?? change.before;
        const recordId = Number(record.id);
        for (const wf of workflows) {
          if (wf.trigger.type === 'relativeTime') {
            await scheduleDue(jobs, event, wf, change.after, change.op === 'update' ? change.before : undefined, depth);
            continue;
          }
          if (!triggerFires(wf, change)) continue;
          const trigger = { type: wf.trigger.type, op: change.op, ...(wf.trigger.type === 'fieldChanged' ? { field: wf.trigger.field } : {}), at: now.toISOString() };
          const data = { record, before: change.before ?? null, trigger, now: now.toISOString() };
          if (!conditionHolds(wf, data)) continue;
          const payload: RunPayload = { workflowId: wf.id, version: wf.version, trigger, entity: event.entity.name, recordId, record, before: change.before ?? null };
          await jobs.enqueue(event.tx, { kind: WORKFLOW_RUN_JOB, payload, depth });
        }
      }
    },
  };
}

async function scheduleDue(
  jobs: JobQueue,
  event: WriteEvent,
  wf: WorkflowDefinition,
  after: Readonly<Record<string, unknown>> | undefined,
  before: Readonly<Record<string, unknown>> | undefined,
  depth: number,
): Promise<void> {
  if (!after || wf.trigger.type !== 'relativeTime') return;
  const field = wf.trigger.field;
  if (before && before[field] === after[field]) return;
  const runAt = dueAt(wf, after);
  if (!runAt) return;
  const payload: DuePayload = { workflowId: wf.id, entity: event.entity.name, recordId: Number(after.id), dateValue: String(after[field]) };
  await jobs.enqueue(event.tx, {
    kind: WORKFLOW_DUE_JOB,
    payload,
    runAt,
    depth,
    idempotencyKey: `wf-due:${wf.id}:${event.entity.name}:${payload.recordId}:${payload.dateValue}:${wf.trigger.offsetMinutes}`.slice(0, 200),
  });
}
