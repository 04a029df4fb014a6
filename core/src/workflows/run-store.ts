import type { SqlExecutor } from '../data/database.js';
import { Params } from '../data/sql.js';

/** One action's record in a run. */
export interface RunStep {
  readonly index: number;
  readonly type: string;
  /** What the action was given, values resolved (secrets left out). */
  readonly input: unknown;
  readonly result?: unknown;
  readonly error?: string;
  readonly durationMs: number;
  readonly at: string;
}

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'retrying' | 'skipped';

/** A workflow run as the API shows it. */
export interface WorkflowRun {
  readonly id: number;
  readonly workflowId: string;
  readonly workflowVersion: number;
  readonly jobId: number;
  readonly trigger: Readonly<Record<string, unknown>>;
  readonly entity: string | null;
  readonly recordId: number | null;
  readonly status: RunStatus;
  readonly attempts: number;
  readonly steps: readonly RunStep[];
  readonly error: string | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

const COLUMNS = '"id", "workflow_id", "workflow_version", "job_id", "trigger", "entity", "record_id", "status", "attempts", "steps", "error", "started_at", "finished_at"';
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)).toISOString());

function toRun(row: unknown[]): WorkflowRun {
  const [id, workflowId, version, jobId, trigger, entity, recordId, status, attempts, steps, error, startedAt, finishedAt] = row;
  return {
    id: Number(id),
    workflowId: String(workflowId),
    workflowVersion: Number(version),
    jobId: Number(jobId),
    trigger: json(trigger) as Record<string, unknown>,
    entity: entity === null ? null : String(entity),
    recordId: recordId === null ? null : Number(recordId),
    status: String(status) as RunStatus,
    attempts: Number(attempts),
    steps: json(steps) as RunStep[],
    error: error === null ? null : String(error),
    startedAt: iso(startedAt)!,
    finishedAt: iso(finishedAt),
  };
}

/** What starts a run row. */
export interface NewRun {
  readonly workflowId: string;
  readonly workflowVersion: number;
  readonly jobId: number;
  readonly trigger: Readonly<Record<string, unknown>>;
  readonly entity: string | null;
  readonly recordId: number | null;
  readonly now: Date;
}

/** Which runs to list: filters, newest first, `before` an id to page on. */
export interface RunQuery {
  readonly workflowId?: string;
  readonly entity?: string;
  readonly recordId?: number;
  readonly status?: RunStatus;
  readonly limit: number;
  readonly before?: number;
}

/** SQL over `kith_workflow_run`: one row per job, its steps appended as they finish. */
export const runStore = {
  /** The run of a job, made on its first attempt and counted up on each retry. */
  async begin(tx: SqlExecutor, run: NewRun): Promise<WorkflowRun> {
    const existing = await this.byJob(tx, run.jobId);
    const p = new Params(tx.dialect);
    if (existing) {
      await tx.run(`UPDATE "kith_workflow_run" SET "attempts" = "attempts" + 1, "status" = 'running' WHERE "id" = ${p.add(existing.id)}`, p.values);
      return { ...existing, attempts: existing.attempts + 1, status: 'running' };
    }
    const values = [run.workflowId, run.workflowVersion, run.jobId, JSON.stringify(run.trigger), run.entity, run.recordId, 'running', 1, '[]', run.now.toISOString()];
    const rows = await tx.all(
      `INSERT INTO "kith_workflow_run" ("workflow_id", "workflow_version", "job_id", "trigger", "entity", "record_id", "status", "attempts", "steps", "started_at") VALUES (${values.map((v) => p.add(v)).join(', ')}) RETURNING ${COLUMNS}`,
      p.values,
    );
    return toRun(rows[0]!);
  },

  async byJob(db: SqlExecutor, jobId: number): Promise<WorkflowRun | undefined> {
    const p = new Params(db.dialect);
    const row = (await db.all(`SELECT ${COLUMNS} FROM "kith_workflow_run" WHERE "job_id" = ${p.add(jobId)}`, p.values))[0];
    return row ? toRun(row) : undefined;
  },

  async byId(db: SqlExecutor, id: number): Promise<WorkflowRun | undefined> {
    const p = new Params(db.dialect);
    const row = (await db.all(`SELECT ${COLUMNS} FROM "kith_workflow_run" WHERE "id" = ${p.add(id)}`, p.values))[0];
    return row ? toRun(row) : undefined;
  },

  /** Newest first; `before` pages on. */
  async list(db: SqlExecutor, q: RunQuery): Promise<WorkflowRun[]> {
    const p = new Params(db.dialect);
    const where = [
      ...(q.workflowId !== undefined ? [`"workflow_id" = ${p.add(q.workflowId)}`] : []),
      ...(q.entity !== undefined ? [`"entity" = ${p.add(q.entity)}`] : []),
      ...(q.recordId !== undefined ? [`"record_id" = ${p.add(q.recordId)}`] : []),
      ...(q.status !== undefined ? [`"status" = ${p.add(q.status)}`] : []),
      ...(q.before !== undefined ? [`"id" < ${p.add(q.before)}`] : []),
    ];
    const rows = await db.all(`SELECT ${COLUMNS} FROM "kith_workflow_run"${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY "id" DESC LIMIT ${p.add(q.limit)}`, p.values);
    return rows.map(toRun);
  },

  /** Replaces the steps (the finished ones so far). */
  async saveSteps(tx: SqlExecutor, id: number, steps: readonly RunStep[]): Promise<void> {
    const p = new Params(tx.dialect);
    await tx.run(`UPDATE "kith_workflow_run" SET "steps" = ${p.add(JSON.stringify(steps))} WHERE "id" = ${p.add(id)}`, p.values);
  },

  async finish(tx: SqlExecutor, id: number, status: RunStatus, error: string | null, now: Date): Promise<void> {
    const p = new Params(tx.dialect);
    const finished = status === 'retrying' || status === 'running' ? null : now.toISOString();
    await tx.run(`UPDATE "kith_workflow_run" SET "status" = ${p.add(status)}, "error" = ${p.add(error)}, "finished_at" = ${p.add(finished)} WHERE "id" = ${p.add(id)}`, p.values);
  },
};
