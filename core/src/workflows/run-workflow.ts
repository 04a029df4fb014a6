import type { WorkflowDefinition } from '@kith/sdk';
import { isKithError } from '../errors/index.js';
import type { MetadataRegistry } from '../metadata/registry.js';
import type { Job, JobContext } from '../queue/job-types.js';
import { describeFailure, markFinal } from '../queue/job-errors.js';
import { runnerFor } from './actions/index.js';
import type { RunData } from './action-values.js';
import { withCascadeDepth } from './cascade.js';
import type { RunPayload } from './job-kinds.js';
import type { WorkflowServices } from './run-context.js';
import { runStore, type RunStep } from './run-store.js';

/** Input recorded for a step: what the action was given, without signing secrets. */
function recordedInput(type: string, input: unknown): unknown {
  if (type !== 'webhook' || typeof input !== 'object' || input === null) return input;
  const { headers, ...rest } = input as { headers: Record<string, string> };
  return { ...rest, headers: { ...headers, 'x-kith-signature': '(recorded by the receiver)' } };
}

/**
 * Runs a workflow's actions in order for one `workflow.run` job, recording each step in the
 * run. A retry (the job failed, or its worker died) skips the steps already recorded as done,
 * so database actions happen exactly once and external ones are not repeated once recorded.
 * The definition is the current one; the run records which version that is.
 */
export async function runWorkflowJob(services: WorkflowServices, registry: MetadataRegistry, job: Job<RunPayload>, ctx: JobContext<RunPayload>): Promise<void> {
  const p = job.payload;
  const { db, clock } = services;
  const wf = registry.model.workflows.get(p.workflowId);
  const run = await db.transaction((tx) =>
    runStore.begin(tx, { workflowId: p.workflowId, workflowVersion: wf?.version ?? p.version, jobId: job.id, trigger: p.trigger, entity: p.entity, recordId: p.recordId, now: clock.now() }),
  );
  if (!wf || !wf.enabled) {
    await db.transaction((tx) => runStore.finish(tx, run.id, 'skipped', wf ? 'the workflow was disabled before this run started' : 'the workflow was removed before this run started', clock.now()));
    return;
  }
  // A retry sees the record as it is now (earlier steps may have changed it).
  const record = p.recordId !== null && p.entity !== null && p.trigger.op !== 'delete' ? await services.records.getIn(db.reader, p.entity, p.recordId).catch(() => p.record) : p.record;
  let data: RunData = { record, before: p.before, trigger: p.trigger, now: clock.now().toISOString() };
  // A retry keeps the steps that succeeded; a failed step's record is replaced by its new attempt.
  const steps: RunStep[] = run.steps.filter((s) => s.error === undefined);
  for (let index = 0; index < wf.actions.length; index++) {
    if (steps.some((s) => s.index === index && s.error === undefined)) continue;
    const step = await runStep(services, wf, index, data, p.recordId, `${ctx.idempotencyKey}:${index}`, run.id, job.depth, steps);
    if (step.error !== undefined) {
      const permanent = isPermanent(step.failure);
      const last = permanent || job.attempts >= job.maxAttempts;
      await db.transaction(async (tx) => {
        await runStore.saveSteps(tx, run.id, [...steps, step.record]);
        await runStore.finish(tx, run.id, last ? 'failed' : 'retrying', step.error!, clock.now());
      });
      throw permanent ? markFinal(step.failure) : step.failure;
    }
    steps.push(step.record);
    // Later steps see the record as the earlier ones left it.
    if (step.updated) data = { ...data, record: step.updated };
  }
  await db.transaction((tx) => runStore.finish(tx, run.id, 'succeeded', null, clock.now()));
}

type StepOutcome = { record: RunStep; error?: string; failure?: unknown; updated?: Record<string, unknown> };

async function runStep(
  services: WorkflowServices,
  wf: WorkflowDefinition,
  index: number,
  data: RunData,
  recordId: number | null,
  idempotencyKey: string,
  runId: number,
  depth: number,
  done: readonly RunStep[],
): Promise<StepOutcome> {
  const { db, clock } = services;
  const type = wf.actions[index]!.type;
  const started = performance.now();
  const call = { services, workflow: wf, index, data, recordId, idempotencyKey, runId };
  const stepOf = (input: unknown, extra: Partial<RunStep>): RunStep => ({
    index,
    type,
    input: recordedInput(type, input),
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    at: clock.now().toISOString(),
    ...extra,
  });
  let input: unknown;
  try {
    const runner = runnerFor(type, index, services.actions);
    // Writes made by the action enqueue their own workflow jobs one level deeper.
    return await withCascadeDepth(depth + 1, async () => {
      if (runner.inDatabase) {
        const result = await db.transaction(async (tx) => {
          input = await runner.prepare(call, tx);
          const result = await runner.perform(call, input, tx);
          await runStore.saveSteps(tx, runId, [...done, stepOf(input, { result })]);
          return result;
        });
        const updated = recordId !== null && wf.entity && (type === 'setFields' || type === 'assign') ? await services.records.getIn(db.reader, wf.entity, recordId) : undefined;
        return { record: stepOf(input, { result }), ...(updated ? { updated } : {}) };
      }
      input = await runner.prepare(call, db.reader);
      const result = await runner.perform(call, input, db.reader);
      const record = stepOf(input, { result });
      await db.transaction((tx) => runStore.saveSteps(tx, runId, [...done, record]));
      return { record };
    });
  } catch (failure) {
    const error = describeFailure(failure);
    return { record: stepOf(input, { error }), error, failure };
  }
}

/** Failures a retry cannot fix: bad action input, the cascade bound. */
export function isPermanent(error: unknown): boolean {
  if (!isKithError(error)) return false;
  return error.code === 'KITH_JOB_CASCADE_LIMIT' || error.code === 'KITH_WORKFLOW_ACTION_INVALID' || error.status === 400 || error.status === 404 || error.status === 403;
}
