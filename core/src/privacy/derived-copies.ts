import type { SqlExecutor } from '../data/database.js';
import { Params } from '../data/sql.js';

/**
 * Copies of a record's data that other parts of Kith keep beside the audit log: in-app
 * notifications about it (their text is rendered from the record), workflow runs (each step's
 * input and result), and queued jobs (a workflow job carries the record as it was written).
 * A personal-data export lists them; an erasure or anonymisation removes them.
 */
export interface DerivedCopies {
  readonly notifications: readonly Record<string, unknown>[];
  readonly workflowRuns: readonly Record<string, unknown>[];
  readonly jobs: readonly Record<string, unknown>[];
}

const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);
const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)).toISOString());

/** SQL true when a job's payload names the record (workflow jobs carry `entity` and `recordId`). */
function jobAbout(db: SqlExecutor, params: Params, entity: string, id: number): string {
  return db.dialect === 'postgresql'
    ? `"payload" ->> 'entity' = ${params.add(entity)} AND "payload" ->> 'recordId' = ${params.add(String(id))}`
    : `json_extract("payload", '$.entity') = ${params.add(entity)} AND json_extract("payload", '$.recordId') = ${params.add(id)}`;
}

/** What Kith holds about record `id` outside its table and the audit log. */
export async function readDerivedCopies(db: SqlExecutor, entity: string, id: number): Promise<DerivedCopies> {
  const p1 = new Params(db.dialect);
  const notifications = await db.all(
    `SELECT "id", "user_id", "title", "body", "workflow_id", "created_at", "read_at" FROM "kith_notification" WHERE "entity" = ${p1.add(entity)} AND "record_id" = ${p1.add(id)} ORDER BY "id"`,
    p1.values,
  );
  const p2 = new Params(db.dialect);
  const runs = await db.all(
    `SELECT "id", "workflow_id", "status", "trigger", "steps", "error", "started_at", "finished_at" FROM "kith_workflow_run" WHERE "entity" = ${p2.add(entity)} AND "record_id" = ${p2.add(id)} ORDER BY "id"`,
    p2.values,
  );
  const p3 = new Params(db.dialect);
  const jobs = await db.all(`SELECT "id", "kind", "state", "payload", "created_at" FROM "kith_job" WHERE ${jobAbout(db, p3, entity, id)} ORDER BY "id"`, p3.values);
  return {
    notifications: notifications.map(([nid, userId, title, body, workflowId, createdAt, readAt]) => ({ id: Number(nid), userId: Number(userId), title, body, workflowId, createdAt: iso(createdAt), readAt: iso(readAt) })),
    workflowRuns: runs.map(([rid, workflowId, status, trigger, steps, error, startedAt, finishedAt]) => ({ id: Number(rid), workflowId, status, trigger: json(trigger), steps: json(steps), error, startedAt: iso(startedAt), finishedAt: iso(finishedAt) })),
    jobs: jobs.map(([jid, kind, state, payload, createdAt]) => ({ id: Number(jid), kind, state, payload: json(payload), createdAt: iso(createdAt) })),
  };
}

/** How many of each kind of copy there are (for a plan). */
export async function countDerivedCopies(db: SqlExecutor, entity: string, id: number): Promise<{ notifications: number; workflowRuns: number; jobs: number }> {
  const copies = await readDerivedCopies(db, entity, id);
  return { notifications: copies.notifications.length, workflowRuns: copies.workflowRuns.length, jobs: copies.jobs.filter((j) => j.state !== 'running').length };
}

/**
 * Removes the copies: notifications about the record are deleted; workflow runs keep their
 * status, times and the type of each step, but lose each step's input, result and error
 * text; jobs about the record are deleted unless a worker is running one right now (its
 * lease ends within minutes; the job then finds the record erased or anonymised).
 */
export async function purgeDerivedCopies(tx: SqlExecutor, entity: string, id: number): Promise<{ notifications: number; workflowRuns: number; jobs: number }> {
  const p1 = new Params(tx.dialect);
  const notifications = await tx.run(`DELETE FROM "kith_notification" WHERE "entity" = ${p1.add(entity)} AND "record_id" = ${p1.add(id)}`, p1.values);
  let workflowRuns = 0;
  const p2 = new Params(tx.dialect);
  const runs = await tx.all(`SELECT "id", "steps" FROM "kith_workflow_run" WHERE "entity" = ${p2.add(entity)} AND "record_id" = ${p2.add(id)}`, p2.values);
  for (const [runId, steps] of runs) {
    const bare = ((json(steps) as Record<string, unknown>[] | null) ?? []).map((s) => ({ index: s.index, type: s.type, durationMs: s.durationMs, at: s.at, input: null, redacted: true }));
    const p = new Params(tx.dialect);
    await tx.run(`UPDATE "kith_workflow_run" SET "steps" = ${p.add(JSON.stringify(bare))}, "error" = CASE WHEN "error" IS NULL THEN NULL ELSE 'redacted (personal data request)' END WHERE "id" = ${p.add(runId)}`, p.values);
    workflowRuns++;
  }
  const p3 = new Params(tx.dialect);
  const jobs = await tx.run(`DELETE FROM "kith_job" WHERE ${jobAbout(tx, p3, entity, id)} AND "state" <> ${p3.add('running')}`, p3.values);
  return { notifications, workflowRuns, jobs };
}
