import { createHmac, timingSafeEqual } from 'node:crypto';
import { toLabels, type Labels, type WorkflowDefinition } from '@kith/sdk';
import type { Static, TSchema } from '@sinclair/typebox';
import type { Actor } from '../data/actor.js';
import type { RecordService } from '../data/record-service.js';
import { isKithError } from '../errors/index.js';
import type { WorkflowChanges } from '../metadata/customisation.js';
import { parseBody } from '../metadata/metadata-inputs.js';
import type { MetadataRegistry } from '../metadata/registry.js';
import { withChanges } from './apply-workflow-change.js';
import { workflowProblems } from './check-workflow.js';
import { dryRunWorkflow, type WorkflowDryRun } from './dry-run.js';
import { runStore, type RunQuery, type RunStatus, type WorkflowRun } from './run-store.js';
import { NewWorkflowBody, WorkflowPatchBody, WorkflowRunBody, WorkflowTestBody } from './workflow-inputs.js';
import type { WorkflowEngine } from './workflow-engine.js';
import { WorkflowErrors } from './workflow-errors.js';

/** How far an inbound webhook's timestamp may be from now (replays older than this are refused). */
export const WEBHOOK_TOLERANCE_S = 300;

/** How much of a run's error a non-administrator sees. */
const ERROR_SUMMARY_CHARS = 200;

/** A run on a record as a non-administrator sees it: no trigger, inputs or results. */
export interface RecordRunSummary {
  readonly id: number;
  readonly workflowId: string;
  /** Null when the workflow has since been removed. */
  readonly workflowLabel: Labels | null;
  readonly entity: string;
  readonly recordId: number;
  readonly status: RunStatus;
  readonly error: string | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

/** A workflow as the API shows it: secrets masked. */
export function shown(wf: WorkflowDefinition): WorkflowDefinition {
  const mask = (s: unknown) => (typeof s === 'string' ? `…${s.slice(-4)}` : s);
  return {
    ...wf,
    trigger: wf.trigger.type === 'webhook' ? { ...wf.trigger, secret: mask(wf.trigger.secret) as string } : wf.trigger,
    actions: wf.actions.map((a) => (a.type === 'webhook' ? { ...a, secret: mask((a as { secret?: string }).secret) as string } : a)),
  };
}

/**
 * Workflows over the API. Every change is a customisation (`addWorkflow`, `updateWorkflow`,
 * `removeWorkflow`): a new version, exportable, in the metadata history. A workflow is checked
 * in full against the model before it is stored, every problem reported at once.
 */
export class WorkflowService {
  constructor(
    private readonly registry: MetadataRegistry,
    private readonly records: RecordService,
    private readonly engine: WorkflowEngine,
  ) {}

  list(): WorkflowDefinition[] {
    return [...this.registry.model.workflows.values()].map(shown);
  }

  get(id: string): WorkflowDefinition {
    return shown(this.workflow(id));
  }

  async add(body: unknown, userId: number | null): Promise<WorkflowDefinition> {
    const input = parse(NewWorkflowBody, body, 'The new workflow');
    const wf: WorkflowDefinition = {
      id: input.id,
      label: toLabels(input.label, input.id),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.entity !== undefined ? { entity: input.entity } : {}),
      trigger: input.trigger as unknown as WorkflowDefinition['trigger'],
      ...(input.condition !== undefined ? { condition: input.condition as WorkflowDefinition['condition'] } : {}),
      actions: input.actions as unknown as WorkflowDefinition['actions'],
      enabled: input.enabled ?? true,
      version: 1,
      source: 'custom',
    };
    if (this.registry.model.workflows.has(wf.id)) throw WorkflowErrors.exists(wf.id);
    this.check(wf, `The workflow "${wf.id}"`);
    await this.registry.change({ kind: 'addWorkflow', workflow: wf }, { userId });
    return this.get(wf.id);
  }

  async update(id: string, body: unknown, userId: number | null): Promise<WorkflowDefinition> {
    const current = this.workflow(id);
    const input = parse(WorkflowPatchBody, body, `The change to workflow "${id}"`);
    const changes: WorkflowChanges = {
      ...(input.label !== undefined ? { label: toLabels(input.label, id) } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.trigger !== undefined ? { trigger: input.trigger as unknown as WorkflowDefinition['trigger'] } : {}),
      ...(input.condition !== undefined ? { condition: input.condition as WorkflowChanges['condition'] } : {}),
      ...(input.actions !== undefined ? { actions: input.actions as unknown as WorkflowDefinition['actions'] } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
    };
    // Checked as it will be stored: the same function the layering applies.
    this.check(withChanges(current, changes), `The change to workflow "${id}"`);
    await this.registry.change({ kind: 'updateWorkflow', workflowId: id, changes }, { userId });
    return this.get(id);
  }

  async remove(id: string, userId: number | null): Promise<void> {
    const current = this.workflow(id);
    if (current.source !== 'custom') throw WorkflowErrors.notRemovable(id, current.source);
    await this.registry.change({ kind: 'removeWorkflow', workflowId: id }, { userId });
  }

  /** Dry-run: no side effects. */
  async test(id: string, body: unknown, actor: Actor): Promise<WorkflowDryRun> {
    const wf = this.workflow(id);
    const input = parse(WorkflowTestBody, body ?? {}, 'The dry-run');
    const stored = input.recordId !== undefined && wf.entity ? await this.records.get(wf.entity, input.recordId, actor) : undefined;
    const record = input.record ? { ...(stored ?? {}), ...input.record } : (stored ?? null);
    return dryRunWorkflow(this.engine.services, wf, record, input.before ?? null, input.op, input.body);
  }

  /** The manual button: the caller must be able to read the record; the run is queued. */
  async run(id: string, body: unknown, actor: Actor): Promise<{ jobId: number }> {
    const wf = this.workflow(id);
    if (wf.trigger.type !== 'manual') throw WorkflowErrors.wrongTrigger(id, 'manual', wf.trigger.type);
    if (!wf.enabled) throw WorkflowErrors.disabled(id);
    const input = parse(WorkflowRunBody, body ?? {}, 'The run');
    if (wf.entity && input.recordId === undefined) throw WorkflowErrors.invalid('The run', [{ field: 'recordId', code: 'KITH_WORKFLOW_INVALID', message: `give the id of the ${wf.entity} to run it on` }]);
    const record = wf.entity && input.recordId !== undefined ? await this.records.get(wf.entity, input.recordId, actor) : null;
    const jobId = await this.engine.start(wf, { type: 'manual', by: actor.userId, at: this.engine.services.clock.now().toISOString() }, record);
    return { jobId };
  }

  /** An inbound webhook: checks the signature and timestamp, then queues a run with the body as `trigger.body`. */
  async inbound(id: string, rawBody: string, signature: string | undefined, timestamp: string | undefined): Promise<{ jobId: number }> {
    const wf = this.registry.model.workflows.get(id);
    // An unknown id and a bad signature look the same from outside.
    if (!wf || wf.trigger.type !== 'webhook') throw WorkflowErrors.badSignature();
    const now = Math.floor(this.engine.services.clock.now().getTime() / 1000);
    if (!timestamp || !/^\d{1,12}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > WEBHOOK_TOLERANCE_S || !signature) throw WorkflowErrors.badSignature();
    const expected = Buffer.from(`sha256=${createHmac('sha256', wf.trigger.secret).update(`${timestamp}.${rawBody}`).digest('hex')}`);
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw WorkflowErrors.badSignature();
    if (!wf.enabled) throw WorkflowErrors.disabled(id);
    let body: unknown;
    try {
      body = rawBody === '' ? null : JSON.parse(rawBody);
    } catch {
      throw WorkflowErrors.invalid('The webhook body', [{ field: '(body)', code: 'KITH_WORKFLOW_INVALID', message: 'the body is not JSON' }]);
    }
    return { jobId: await this.engine.start(wf, { type: 'webhook', body, at: new Date(now * 1000).toISOString() }, null) };
  }

  async runs(id: string | undefined, q: { status?: RunStatus; limit: number; before?: number }): Promise<WorkflowRun[]> {
    if (id !== undefined) this.workflow(id);
    return runStore.list(this.engine.services.db.reader, { ...q, ...(id !== undefined ? { workflowId: id } : {}) });
  }

  /**
   * The runs on one record, for anyone who may read it (404 otherwise, as for the record). An
   * administrator gets the whole run; anyone else a summary — which workflow, its status, when,
   * and the first line of its error — never the actions' inputs and results.
   */
  async recordRuns(entity: string, recordId: number, actor: Actor, q: Omit<RunQuery, 'entity' | 'recordId' | 'workflowId'>): Promise<(RecordRunSummary | (WorkflowRun & { workflowLabel: Labels | null }))[]> {
    await this.records.readAccess(entity, recordId, actor);
    const runs = await runStore.list(this.engine.services.db.reader, { ...q, entity, recordId });
    return runs.map((run) => {
      const workflowLabel = this.registry.model.workflows.get(run.workflowId)?.label ?? null;
      if (actor.isAdmin === true) return { ...run, workflowLabel };
      const error = run.error === null ? null : (run.error.split('\n')[0] ?? '').slice(0, ERROR_SUMMARY_CHARS);
      return { id: run.id, workflowId: run.workflowId, workflowLabel, entity, recordId, status: run.status, error, startedAt: run.startedAt, finishedAt: run.finishedAt };
    });
  }

  async runById(runId: number): Promise<WorkflowRun> {
    const run = await runStore.byId(this.engine.services.db.reader, runId);
    if (!run) throw WorkflowErrors.runNotFound(runId);
    return run;
  }

  private check(wf: WorkflowDefinition, what: string): void {
    const problems = workflowProblems(this.registry.model, wf, this.engine.actions);
    if (problems.length > 0) throw WorkflowErrors.invalid(what, problems);
  }

  private workflow(id: string): WorkflowDefinition {
    const wf = this.registry.model.workflows.get(id);
    if (!wf) throw WorkflowErrors.notFound(id);
    return wf;
  }
}

function parse<T extends TSchema>(schema: T, body: unknown, what: string): Static<T> {
  try {
    return parseBody(schema, body, what);
  } catch (error) {
    if (isKithError(error) && error.code === 'KITH_METADATA_INVALID') throw WorkflowErrors.invalid(what, error.errors.map((e) => ({ ...e, code: 'KITH_WORKFLOW_INVALID' })));
    throw error;
  }
}
