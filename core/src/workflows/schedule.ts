import type { WorkflowDefinition } from '@kith/sdk';
import { CronExpressionParser } from 'cron-parser';
import type { Database } from '../data/database.js';
import type { JobQueue } from '../queue/job-queue.js';
import { WORKFLOW_CRON_JOB, type CronPayload } from './job-kinds.js';

/** The next time a schedule fires after `after`. */
export function nextOccurrence(wf: WorkflowDefinition, after: Date): Date | undefined {
  if (wf.trigger.type !== 'schedule') return undefined;
  return CronExpressionParser.parse(wf.trigger.cron, { tz: wf.trigger.timezone ?? 'UTC', currentDate: after }).next().toDate();
}

/**
 * Makes sure the next occurrence of a scheduled workflow is in the queue. The job's
 * idempotency key names the workflow, its version and the time, so every node may call this
 * at start and after every metadata change without ever enqueuing one occurrence twice; an
 * occurrence of an older version skips itself when it runs.
 */
export async function scheduleNext(db: Database, jobs: JobQueue, wf: WorkflowDefinition, after: Date): Promise<void> {
  const at = nextOccurrence(wf, after);
  if (!at || !wf.enabled) return;
  const payload: CronPayload = { workflowId: wf.id, version: wf.version, at: at.toISOString() };
  await db.transaction((tx) =>
    jobs.enqueue(tx, { kind: WORKFLOW_CRON_JOB, payload, runAt: at, idempotencyKey: `wf-cron:${wf.id}:v${wf.version}:${payload.at}`.slice(0, 200) }),
  );
}
