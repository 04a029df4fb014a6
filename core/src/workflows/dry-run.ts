import type { WorkflowDefinition } from '@kith/sdk';
import type { RecordChange } from '../data/write-observer.js';
import type { RecordRow } from '../data/row-mapper.js';
import { isBuiltinAction } from './action-registry.js';
import { runnerFor } from './actions/index.js';
import { previewPluginAction } from './actions/plugin-action.js';
import type { RunData } from './action-values.js';
import type { WorkflowServices } from './run-context.js';
import { conditionOf, triggerFires } from './trigger-match.js';

/** What a dry-run reports for one action. */
export interface ActionPreview {
  readonly index: number;
  readonly type: string;
  readonly wouldRun: boolean;
  /** What the action would send or write. */
  readonly payload?: unknown;
  readonly problem?: string;
}

/** What `POST /api/v1/workflows/:id/test` answers. */
export interface WorkflowDryRun {
  readonly workflow: { readonly id: string; readonly version: number };
  readonly triggerMatched: boolean;
  readonly conditionMatched: boolean;
  readonly conditionError?: string;
  readonly actions: readonly ActionPreview[];
  readonly sideEffects: 'none';
}

const OP_OF: Readonly<Record<string, RecordChange['op']>> = { created: 'create', updated: 'update', fieldChanged: 'update', deleted: 'delete' };

/**
 * Which conditions match and what each action would do, with which payloads, for a sample or
 * stored record: every action is prepared (values resolved, templates filled, the assignee
 * picked, the webhook body signed) and none is performed. Nothing is written or sent.
 */
export async function dryRunWorkflow(
  services: WorkflowServices,
  wf: WorkflowDefinition,
  record: RecordRow | null,
  before: RecordRow | null,
  opIn: RecordChange['op'] | undefined,
  body: unknown,
): Promise<WorkflowDryRun> {
  const now = services.clock.now().toISOString();
  const op = opIn ?? OP_OF[wf.trigger.type];
  let triggerMatched = true;
  if (op && record && ['created', 'updated', 'deleted', 'fieldChanged'].includes(wf.trigger.type)) {
    const change = (op === 'create' ? { op, before: undefined, after: record } : op === 'delete' ? { op, before: record, after: undefined } : { op, before: before ?? record, after: record }) as RecordChange;
    triggerMatched = triggerFires(wf, change);
  }
  const trigger = { type: wf.trigger.type, ...(op ? { op } : {}), at: now, ...(wf.trigger.type === 'webhook' ? { body } : {}) };
  const data: RunData = { record, before, trigger, now };
  let conditionMatched = true;
  let conditionError: string | undefined;
  try {
    const condition = conditionOf(wf);
    conditionMatched = condition === undefined || Boolean(condition.evaluate(data));
  } catch (error) {
    conditionMatched = false;
    conditionError = error instanceof Error ? error.message : String(error);
  }
  const actions: ActionPreview[] = [];
  let blocked = !triggerMatched || !conditionMatched;
  for (let index = 0; index < wf.actions.length; index++) {
    const type = wf.actions[index]!.type;
    const call = { services, workflow: wf, index, data, recordId: record?.id === undefined ? null : Number(record.id), idempotencyKey: `dry-run:${wf.id}:${index}`, runId: null };
    try {
      const runner = runnerFor(type, index, services.actions);
      const prepared = await runner.prepare(call, services.db.reader);
      const plugin = isBuiltinAction(type) ? undefined : services.actions.entry(type);
      const payload = plugin ? previewPluginAction(plugin, call, (prepared as { params: Readonly<Record<string, unknown>> }).params) : prepared;
      actions.push({ index, type, wouldRun: !blocked, payload });
    } catch (error) {
      actions.push({ index, type, wouldRun: false, problem: error instanceof Error ? error.message : String(error) });
      blocked = true;
    }
  }
  return { workflow: { id: wf.id, version: wf.version }, triggerMatched, conditionMatched, ...(conditionError ? { conditionError } : {}), actions, sideEffects: 'none' };
}
