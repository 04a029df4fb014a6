import type { KithError } from '../errors/index.js';
import { checkEnqueueInput, serializePayload } from './enqueue-check.js';
import { JobErrors } from './job-errors.js';
import type { ChildJobOptions, EnqueueInput, Job, JobContext } from './job-types.js';

/** A handler's context and what the handler did with it. */
export interface RunningJob {
  readonly context: JobContext;
  /** Follow-up jobs, enqueued when the attempt succeeds. */
  readonly children: EnqueueInput[];
  /** Set when the handler tried to go past the cascade bound (the job is then parked as dead). */
  cascadeError: KithError | undefined;
}

/** The key a job's actions pass on: the job's own idempotency key, else one derived from its id. */
export function jobIdempotencyKey(job: Job): string {
  return job.idempotencyKey ?? `kith-job-${job.id}`;
}

/** Builds the context of one attempt of `job`. */
export function runningJob(job: Job, maxDepth: number): RunningJob {
  const running: RunningJob = {
    children: [],
    cascadeError: undefined,
    context: {
      job,
      idempotencyKey: jobIdempotencyKey(job),
      enqueue: (kind: string, payload: unknown, options: ChildJobOptions = {}) => {
        const depth = job.depth + 1;
        if (depth > maxDepth) {
          // Remembered, not only thrown: a handler that catches it still ends dead, visibly.
          running.cascadeError ??= JobErrors.cascadeLimit(kind, depth, maxDepth);
          throw running.cascadeError;
        }
        const child: EnqueueInput = { ...options, kind, depth, payload: JSON.parse(serializePayload(payload)) as unknown };
        checkEnqueueInput(child, maxDepth);
        running.children.push(child);
      },
    },
  };
  return running;
}
