/** The durable job queue: an outbox in the application's database, workers, backoff, a clock. */
export { JobQueue, MAX_JOB_DEPTH, DEFAULT_MAX_ATTEMPTS } from './job-queue.js';
export type { JobQueueOptions } from './job-queue.js';
export { Worker } from './worker.js';
export type { WorkerLog, WorkerOptions } from './worker.js';
export { ManualClock, systemClock } from './clock.js';
export type { Clock } from './clock.js';
export { backoffDelay } from './backoff.js';
export type { BackoffOptions } from './backoff.js';
export { JobErrors } from './job-errors.js';
export { JOB_STATES } from './job-types.js';
export type { ChildJobOptions, EnqueueInput, Job, JobContext, JobHandler, JobState } from './job-types.js';
export type { JobListQuery } from './job-store.js';
