import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import { runningJob } from './job-context.js';
import { describeFailure, isFinalFailure, JobErrors } from './job-errors.js';
import type { JobQueue } from './job-queue.js';
import { jobStore } from './job-store.js';
import type { EnqueueInput, Job } from './job-types.js';

/** Where a worker reports failures (pino's logger fits). */
export interface WorkerLog {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** How a worker claims and runs jobs. */
export interface WorkerOptions {
  /** Names the worker in `locked_by` (default host:pid:random). */
  readonly id?: string;
  /** Jobs claimed (and run concurrently) per round (default 20). */
  readonly batchSize?: number;
  /** How long a claim holds before another worker may take the job again (default 5 min). */
  readonly leaseMs?: number;
  /** Pause between rounds when the last one found less than a full batch (default 1 s). */
  readonly pollMs?: number;
  readonly backoff?: BackoffOptions;
  readonly log?: WorkerLog;
}

type Outcome =
  | { readonly job: Job; readonly result: 'done'; readonly children: readonly EnqueueInput[] }
  | { readonly job: Job; readonly result: 'failed'; readonly error: string; readonly retryAt: Date | null };

/**
 * Claims due jobs from a JobQueue and runs their handlers. Several workers, in one process or
 * on several nodes, may share a queue: each claim takes disjoint jobs and holds them for a
 * lease; a job whose worker died is claimed again when its lease ends.
 */
export class Worker {
  readonly id: string;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly backoff: BackoffOptions;
  private readonly log: WorkerLog | undefined;
  private timer: NodeJS.Timeout | undefined;
  private active: Promise<void> | undefined;
  private stopping = false;

  constructor(
    private readonly queue: JobQueue,
    options: WorkerOptions = {},
  ) {
    this.id = (options.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`).slice(0, 100);
    this.batchSize = options.batchSize ?? 20;
    this.leaseMs = options.leaseMs ?? 300_000;
    this.pollMs = options.pollMs ?? 1000;
    this.backoff = options.backoff ?? {};
    this.log = options.log;
  }

  /** One round: claims up to a batch of due jobs, runs them, records the outcomes. Resolves to the number claimed. */
  async runOnce(): Promise<number> {
    const jobs = await this.claim();
    if (jobs.length === 0) return 0;
    await this.settle(await Promise.all(jobs.map((job) => this.attempt(job))));
    return jobs.length;
  }

  /** Claims jobs and holds them without running them: a worker that dies right after its claim (tests). */
  async claim(): Promise<Job[]> {
    const kinds = this.queue.kinds();
    if (kinds.length === 0) return [];
    const now = this.queue.clock.now();
    const leaseUntil = new Date(now.getTime() + this.leaseMs);
    return this.queue.db.transaction((tx) => jobStore.claim(tx, { workerId: this.id, now, leaseUntil, kinds, limit: this.batchSize }));
  }

  /** Runs rounds until none finds a due job; resolves to the number of jobs claimed. */
  async drain(): Promise<number> {
    let total = 0;
    for (let claimed = await this.runOnce(); claimed > 0; claimed = await this.runOnce()) total += claimed;
    return total;
  }

  /** Starts polling in the background (a full round is followed at once by the next). */
  start(): void {
    if (this.timer !== undefined || this.active !== undefined) return;
    this.stopping = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the round in progress to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.active;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.active = this.tick().finally(() => {
        this.active = undefined;
      });
    }, ms);
    // The HTTP server keeps a node alive; the worker alone never holds the process open.
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let claimed = 0;
    try {
      claimed = await this.runOnce();
    } catch (err) {
      this.log?.error({ err, worker: this.id }, 'job worker round failed (claimed jobs are retried when their lease ends)');
    }
    if (!this.stopping) this.schedule(claimed >= this.batchSize ? 0 : this.pollMs);
  }

  private async attempt(job: Job): Promise<Outcome> {
    // Claims count attempts, so one past the limit means the previous attempt's worker died.
    if (job.attempts > job.maxAttempts) return { job, result: 'failed', error: describeFailure(JobErrors.leaseExpired(job.attempts)), retryAt: null };
    const running = runningJob(job, this.queue.maxDepth);
    let failure: unknown;
    try {
      const handler = this.queue.handlerFor(job.kind);
      if (!handler) throw JobErrors.noHandler(job.kind);
      await handler(job, running.context);
    } catch (error) {
      failure = error;
    }
    if (running.cascadeError !== undefined) failure = running.cascadeError;
    if (failure === undefined) return { job, result: 'done', children: running.children };
    // A cascade past its bound would hit the bound again: no retry.
    const last = running.cascadeError !== undefined || isFinalFailure(failure) || job.attempts >= job.maxAttempts;
    this.log?.warn({ err: failure, jobId: job.id, kind: job.kind, attempt: job.attempts }, last ? 'job failed and is parked as dead' : 'job attempt failed; it will be retried');
    const retryAt = last ? null : new Date(this.queue.clock.now().getTime() + backoffDelay(job.attempts, this.backoff));
    return { job, result: 'failed', error: describeFailure(failure), retryAt };
  }

  /** Records a round's outcomes in one transaction; a success commits with the jobs its handler enqueued. */
  private async settle(outcomes: readonly Outcome[]): Promise<void> {
    const now = this.queue.clock.now();
    const lost = await this.queue.db.transaction(async (tx) => {
      const succeeded = outcomes.filter((o) => o.result === 'done');
      const held = await jobStore.complete(tx, succeeded.map((o) => o.job.id), this.id, now);
      const lostIds = succeeded.filter((o) => !held.has(o.job.id)).map((o) => o.job.id);
      for (const o of outcomes) {
        if (o.result === 'done') {
          if (held.has(o.job.id)) for (const child of o.children) await this.queue.enqueue(tx, child);
        } else if (!(await jobStore.fail(tx, o.job.id, this.id, now, o.retryAt, o.error))) lostIds.push(o.job.id);
      }
      return lostIds;
    });
    if (lost.length > 0) {
      this.log?.warn({ jobIds: lost, worker: this.id }, 'jobs finished after their lease ended and another worker claimed them; raise leaseMs if handlers run this long');
    }
  }
}
