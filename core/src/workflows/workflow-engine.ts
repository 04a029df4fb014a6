import type { ActionDefinition, PluginContext, WorkflowDefinition } from '@kith/sdk';
import type { Database } from '../data/database.js';
import type { RecordService } from '../data/record-service.js';
import type { CompiledModel } from '../metadata/compile/compiled-types.js';
import type { MetadataRegistry } from '../metadata/registry.js';
import type { Job, JobContext } from '../queue/job-types.js';
import type { JobQueue } from '../queue/job-queue.js';
import { ActionRegistry } from './action-registry.js';
import { WORKFLOW_CRON_JOB, WORKFLOW_DUE_JOB, WORKFLOW_RUN_JOB, type CronPayload, type DuePayload, type RunPayload } from './job-kinds.js';
import { createMailer, type MailSettings } from './mailer.js';
import { WORKFLOW_ACTOR, type WorkflowServices } from './run-context.js';
import { runStore } from './run-store.js';
import { runWorkflowJob } from './run-workflow.js';
import { scheduleNext } from './schedule.js';
import { conditionHolds } from './trigger-match.js';
import { workflowTriggerObserver } from './trigger-observer.js';

/** Most records one scheduled occurrence starts runs for (the rest are reported in its log). */
export const MAX_SCHEDULED_RECORDS = 10_000;

/** How the engine is built. */
export interface WorkflowEngineOptions {
  readonly db: Database;
  readonly registry: MetadataRegistry;
  readonly records: RecordService;
  readonly jobs: JobQueue;
  readonly mail?: MailSettings;
  readonly log?: { warn(details: object, message: string): void; error(details: object, message: string): void };
}

/**
 * Workflows at run time: enqueues jobs on record writes (in the writing transaction), runs
 * them through the job queue's workers, fires relative-time triggers when due and keeps the
 * next occurrence of every schedule queued.
 */
export class WorkflowEngine {
  readonly actions = new ActionRegistry();
  readonly services: WorkflowServices;
  private scheduled = new Map<string, number>();

  constructor(private readonly options: WorkflowEngineOptions) {
    const { db, records, jobs } = options;
    this.services = { db, records, actions: this.actions, mailer: options.mail ? createMailer(options.mail) : undefined, clock: jobs.clock };
    records.observe(workflowTriggerObserver(jobs));
    jobs.registerHandler<RunPayload>(WORKFLOW_RUN_JOB, (job, ctx) => runWorkflowJob(this.services, options.registry, job, ctx));
    jobs.registerHandler<DuePayload>(WORKFLOW_DUE_JOB, (job, ctx) => this.fireDue(job, ctx));
    jobs.registerHandler<CronPayload>(WORKFLOW_CRON_JOB, (job, ctx) => this.fireSchedule(job, ctx));
    options.registry.onChange((model) => void this.scheduleAll(model).catch((err: unknown) => options.log?.error({ err }, 'scheduling workflows failed')));
  }

  /** Registers a plugin's actions as `<pluginId>.<name>`, run in that plugin's context. */
  registerActions(pluginId: string, actions: readonly ActionDefinition[], context: PluginContext): void {
    for (const action of actions) this.actions.register(pluginId, action, context);
  }

  /** Queues the next occurrence of every enabled schedule not yet queued for its current version. */
  async scheduleAll(model: CompiledModel = this.options.registry.model): Promise<void> {
    for (const wf of model.workflows.values()) {
      if (wf.trigger.type !== 'schedule' || !wf.enabled || this.scheduled.get(wf.id) === wf.version) continue;
      await scheduleNext(this.options.db, this.options.jobs, wf, this.options.jobs.clock.now());
      this.scheduled.set(wf.id, wf.version);
    }
  }

  /** Starts one run of `wf` (manual button, inbound webhook): enqueued, returns the job id. */
  async start(wf: WorkflowDefinition, trigger: Record<string, unknown>, record: Record<string, unknown> | null): Promise<number> {
    const payload: RunPayload = { workflowId: wf.id, version: wf.version, trigger, entity: wf.entity ?? null, recordId: record ? Number(record.id) : null, record, before: null };
    return this.options.db.transaction((tx) => this.options.jobs.enqueue(tx, { kind: WORKFLOW_RUN_JOB, payload }));
  }

  close(): void {
    this.services.mailer?.close();
  }

  /** A relative time came: runs the workflow unless the date moved, the record is gone, or the condition no longer holds. */
  private async fireDue(job: Job<DuePayload>, ctx: JobContext<DuePayload>): Promise<void> {
    const p = job.payload;
    const wf = this.options.registry.model.workflows.get(p.workflowId);
    if (!wf || !wf.enabled || wf.trigger.type !== 'relativeTime') return;
    const record = await this.options.records.getIn(this.options.db.reader, p.entity, p.recordId).catch(() => undefined);
    if (!record || String(record[wf.trigger.field]) !== p.dateValue) return;
    const now = this.options.jobs.clock.now().toISOString();
    const trigger = { type: 'relativeTime', field: wf.trigger.field, offsetMinutes: wf.trigger.offsetMinutes, at: now };
    if (!conditionHolds(wf, { record, before: null, trigger, now })) {
      // Recorded, so "why did it not escalate?" has an answer in the run history.
      await this.options.db.transaction(async (tx) => {
        const run = await runStore.begin(tx, { workflowId: wf.id, workflowVersion: wf.version, jobId: job.id, trigger, entity: p.entity, recordId: p.recordId, now: new Date(now) });
        await runStore.finish(tx, run.id, 'skipped', 'the condition did not hold when the time came', new Date(now));
      });
      return;
    }
    const payload: RunPayload = { workflowId: wf.id, version: wf.version, trigger, entity: p.entity, recordId: p.recordId, record, before: null };
    ctx.enqueue(WORKFLOW_RUN_JOB, payload);
  }

  /** A schedule's occurrence: queues the next one, then a run (per matching record when the workflow has an entity). */
  private async fireSchedule(job: Job<CronPayload>, ctx: JobContext<CronPayload>): Promise<void> {
    const p = job.payload;
    const wf = this.options.registry.model.workflows.get(p.workflowId);
    if (!wf || !wf.enabled || wf.trigger.type !== 'schedule' || wf.version !== p.version) return;
    await scheduleNext(this.options.db, this.options.jobs, wf, new Date(p.at));
    const trigger = { type: 'schedule', cron: wf.trigger.cron, at: p.at };
    const now = this.options.jobs.clock.now().toISOString();
    if (wf.entity === undefined) {
      if (conditionHolds(wf, { record: null, before: null, trigger, now })) ctx.enqueue(WORKFLOW_RUN_JOB, { workflowId: wf.id, version: wf.version, trigger, entity: null, recordId: null, record: null, before: null } satisfies RunPayload);
      return;
    }
    let cursor: string | undefined;
    let started = 0;
    do {
      const page = await this.options.records.list(wf.entity, { limit: 200, ...(cursor ? { cursor } : {}) }, WORKFLOW_ACTOR);
      for (const record of page.data) {
        if (started >= MAX_SCHEDULED_RECORDS) {
          this.options.log?.warn({ workflow: wf.id, limit: MAX_SCHEDULED_RECORDS }, 'a scheduled workflow matched more records than one occurrence runs for; narrow its condition');
          return;
        }
        if (!conditionHolds(wf, { record, before: null, trigger, now })) continue;
        ctx.enqueue(WORKFLOW_RUN_JOB, { workflowId: wf.id, version: wf.version, trigger, entity: wf.entity, recordId: Number(record.id), record, before: null } satisfies RunPayload);
        started++;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
}
