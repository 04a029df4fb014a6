import type { Database, SqlExecutor } from '../data/database.js';
import { systemClock, type Clock } from './clock.js';
import { checkEnqueueInput, serializePayload } from './enqueue-check.js';
import { JobErrors } from './job-errors.js';
import { jobStore, type JobListQuery } from './job-store.js';
import { JOB_STATES, type EnqueueInput, type Job, type JobHandler, type JobState } from './job-types.js';

/** How deep a cascade of jobs may go by default (a job enqueued by a handler is one deeper). */
export const MAX_JOB_DEPTH = 8;
/** Attempts before a job is parked as dead, by default. */
export const DEFAULT_MAX_ATTEMPTS = 5;

/** How to build a queue. */
export interface JobQueueOptions {
  /** Default: the system clock. Tests pass a ManualClock. */
  readonly clock?: Clock;
  /** Default MAX_JOB_DEPTH (8). */
  readonly maxDepth?: number;
  /** Default DEFAULT_MAX_ATTEMPTS (5). */
  readonly maxAttempts?: number;
}

/**
 * The durable job queue: an outbox table (`kith_job`) in the application's own database.
 * A job is enqueued inside the caller's transaction, so it exists exactly when the change that
 * caused it commits; Workers claim and run due jobs through the handlers registered here.
 */
export class JobQueue {
  readonly clock: Clock;
  readonly maxDepth: number;
  readonly maxAttempts: number;
  private readonly handlers = new Map<string, JobHandler>();

  constructor(
    readonly db: Database,
    options: JobQueueOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.maxDepth = options.maxDepth ?? MAX_JOB_DEPTH;
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  }

  /**
   * Adds a job inside `tx` (it commits or rolls back with the caller's change) and returns its
   * id; when a job with the same idempotency key exists, adds nothing and returns that job's id.
   */
  async enqueue<P>(tx: SqlExecutor, input: EnqueueInput<P>): Promise<number> {
    checkEnqueueInput(input, this.maxDepth);
    const payload = serializePayload(input.payload);
    const now = this.clock.now();
    const id = await jobStore.insert(tx, {
      kind: input.kind,
      payload,
      runAt: input.runAt ?? now,
      maxAttempts: input.maxAttempts ?? this.maxAttempts,
      idempotencyKey: input.idempotencyKey ?? null,
      depth: input.depth ?? 0,
      createdAt: now,
    });
    if (id !== undefined) return id;
    const existing = await jobStore.idByKey(tx, input.idempotencyKey!);
    if (existing === undefined) throw JobErrors.invalid('idempotencyKey', `The job with idempotency key "${input.idempotencyKey}" could not be stored or found.`);
    return existing;
  }

  /** Registers the handler of one kind of job (once per kind). Workers claim only kinds with a handler. */
  registerHandler<P = unknown>(kind: string, handler: JobHandler<P>): void {
    if (this.handlers.has(kind)) throw JobErrors.handlerExists(kind);
    this.handlers.set(kind, handler as JobHandler);
  }

  /** The handler of `kind`, if registered. */
  handlerFor(kind: string): JobHandler | undefined {
    return this.handlers.get(kind);
  }

  /** The kinds with a handler. */
  kinds(): string[] {
    return [...this.handlers.keys()];
  }

  async get(id: number): Promise<Job | undefined> {
    return jobStore.byId(this.db.reader, id);
  }

  /** Jobs newest first, optionally of one state and kind. */
  async list(query: JobListQuery): Promise<Job[]> {
    return jobStore.list(this.db.reader, query);
  }

  /** How many jobs are in each state (for health, dashboards and the bench). */
  async counts(): Promise<Record<JobState, number>> {
    const found = await jobStore.counts(this.db.reader);
    return Object.fromEntries(JOB_STATES.map((s) => [s, found.get(s) ?? 0])) as Record<JobState, number>;
  }

  /** A dead job back to pending, due now, with its attempts reset. 404 when missing, 409 unless dead. */
  async retry(id: number): Promise<Job> {
    const revived = await this.db.transaction((tx) => jobStore.revive(tx, id, this.clock.now()));
    const job = await jobStore.byId(this.db.reader, id);
    if (!job) throw JobErrors.notFound(id);
    if (!revived) throw JobErrors.notDead(id, job.state);
    return job;
  }
}
