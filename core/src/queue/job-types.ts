/** Where a job is in its life: waiting (or waiting to retry), claimed by a worker, finished, or given up on. */
export type JobState = 'pending' | 'running' | 'done' | 'dead';

/** Every job state, in life order. */
export const JOB_STATES: readonly JobState[] = ['pending', 'running', 'done', 'dead'];

/** A job as stored in `kith_job`. Times are ISO-8601 UTC strings. */
export interface Job<P = unknown> {
  readonly id: number;
  /** The handler that runs it. */
  readonly kind: string;
  readonly payload: P;
  /** When it is due (its next attempt, after a failure). */
  readonly runAt: string;
  /** Attempts started so far (a claim counts one, so a job that crashes its worker is not retried forever). */
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly state: JobState;
  /** The worker that claimed it last. */
  readonly lockedBy: string | null;
  /** While running: when its lease ends and another worker may claim it again. */
  readonly lockedUntil: string | null;
  /** The latest failure (`CODE: message`), kept after a later success. */
  readonly lastError: string | null;
  readonly idempotencyKey: string | null;
  /** 0 for a job a change enqueued; a job a handler enqueued is one deeper than its parent. */
  readonly depth: number;
  readonly createdAt: string;
  readonly finishedAt: string | null;
}

/** What `JobQueue.enqueue` takes. */
export interface EnqueueInput<P = unknown> {
  readonly kind: string;
  /** JSON-serialisable. */
  readonly payload: P;
  /** When it is due (default now): a delayed or scheduled job. */
  readonly runAt?: Date;
  /** A job with this key already exists → no new job (its id is returned). */
  readonly idempotencyKey?: string;
  /** Attempts before it is parked as dead (default: the queue's, 5). */
  readonly maxAttempts?: number;
  /** Cascade depth (default 0); beyond the queue's bound it is refused with KITH_JOB_CASCADE_LIMIT. */
  readonly depth?: number;
}

/** Options of a job a handler enqueues (its depth is the parent's plus one). */
export type ChildJobOptions = Pick<EnqueueInput, 'runAt' | 'idempotencyKey' | 'maxAttempts'>;

/** What a handler gets besides its job. */
export interface JobContext<P = unknown> {
  readonly job: Job<P>;
  /** Stable across the job's retries: pass it to remote services so a retry does not act twice. */
  readonly idempotencyKey: string;
  /**
   * Enqueues a follow-up job, committed together with this job's success (nothing is
   * enqueued by an attempt that fails). Past the cascade bound it throws KITH_JOB_CASCADE_LIMIT
   * and this job is parked as dead, whether or not the handler catches the error.
   */
  enqueue(kind: string, payload: unknown, options?: ChildJobOptions): void;
}

/** Runs one job; resolving is success, throwing is a failed attempt. */
export type JobHandler<P = unknown> = (job: Job<P>, ctx: JobContext<P>) => Promise<void>;
