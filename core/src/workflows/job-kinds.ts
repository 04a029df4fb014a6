import type { RecordRow } from '../data/row-mapper.js';

/** Runs a workflow's actions once (record triggers, manual, webhook, each record of a schedule). */
export const WORKFLOW_RUN_JOB = 'workflow.run';
/** A relative-time trigger coming due for one record. */
export const WORKFLOW_DUE_JOB = 'workflow.due';
/** One occurrence of a schedule. */
export const WORKFLOW_CRON_JOB = 'workflow.cron';

/** What a `workflow.run` job carries. */
export interface RunPayload {
  readonly workflowId: string;
  /** The version whose trigger and condition matched. */
  readonly version: number;
  readonly trigger: Readonly<Record<string, unknown>>;
  readonly entity: string | null;
  readonly recordId: number | null;
  readonly record: RecordRow | null;
  readonly before: RecordRow | null;
}

/** What a `workflow.due` job carries: the date value it was scheduled from (a changed date reschedules). */
export interface DuePayload {
  readonly workflowId: string;
  readonly entity: string;
  readonly recordId: number;
  readonly dateValue: string;
}

/** What a `workflow.cron` job carries. */
export interface CronPayload {
  readonly workflowId: string;
  readonly version: number;
  readonly at: string;
}
