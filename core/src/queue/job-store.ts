import type { SqlExecutor } from '../data/database.js';
import { Params } from '../data/sql.js';
import type { Dialect } from '../metadata/field-types/field-type.js';
import type { Job, JobState } from './job-types.js';

const COLUMNS =
  '"id", "kind", "payload", "run_at", "attempts", "max_attempts", "state", "locked_by", "locked_until", "last_error", "idempotency_key", "depth", "created_at", "finished_at"';

const iso = (v: unknown) => new Date(String(v)).toISOString();
const isoOrNull = (v: unknown) => (v === null || v === undefined ? null : iso(v));
const textOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));

function toJob(row: unknown[], dialect: Dialect): Job {
  const [id, kind, payload, runAt, attempts, maxAttempts, state, lockedBy, lockedUntil, lastError, key, depth, createdAt, finishedAt] = row;
  return {
    id: Number(id),
    kind: String(kind),
    // jsonb comes back parsed; SQLite keeps the JSON text.
    payload: dialect === 'postgresql' ? payload : JSON.parse(String(payload)),
    runAt: iso(runAt),
    attempts: Number(attempts),
    maxAttempts: Number(maxAttempts),
    state: String(state) as JobState,
    lockedBy: textOrNull(lockedBy),
    lockedUntil: isoOrNull(lockedUntil),
    lastError: textOrNull(lastError),
    idempotencyKey: textOrNull(key),
    depth: Number(depth),
    createdAt: iso(createdAt),
    finishedAt: isoOrNull(finishedAt),
  };
}

/** A new row of `kith_job`. */
export interface NewJobRow {
  readonly kind: string;
  readonly payload: string;
  readonly runAt: Date;
  readonly maxAttempts: number;
  readonly idempotencyKey: string | null;
  readonly depth: number;
  readonly createdAt: Date;
}

/** What one claim asks for. */
export interface ClaimRequest {
  readonly workerId: string;
  readonly now: Date;
  readonly leaseUntil: Date;
  /** Only kinds this worker has handlers for. */
  readonly kinds: readonly string[];
  readonly limit: number;
}

/** Filters of a job listing (newest first). */
export interface JobListQuery {
  readonly state?: JobState;
  readonly kind?: string;
  readonly limit: number;
  /** Only jobs with a smaller id (the previous page's last). */
  readonly before?: number;
}

function kindIn(p: Params, kinds: readonly string[]): string {
  return p.dialect === 'postgresql' ? `"kind" = ANY(${p.add(kinds)})` : `"kind" IN (SELECT "value" FROM json_each(${p.add(JSON.stringify(kinds))}))`;
}

/**
 * Claims up to `limit` jobs among those `where` selects, oldest first. On PostgreSQL the rows are
 * locked with SKIP LOCKED, so concurrent workers on any node take disjoint jobs without waiting;
 * SQLite has one writer (the claim runs in a BEGIN IMMEDIATE transaction), so no lock is needed.
 */
async function claimWhere(tx: SqlExecutor, c: ClaimRequest, limit: number, where: (now: string) => string, order: string): Promise<Job[]> {
  if (limit <= 0) return [];
  const p = new Params(tx.dialect);
  const now = p.add(c.now.toISOString());
  const lock = tx.dialect === 'postgresql' ? ' FOR UPDATE SKIP LOCKED' : '';
  const due = `SELECT "id" FROM "kith_job" WHERE ${where(now)} AND ${kindIn(p, c.kinds)} ORDER BY ${order} LIMIT ${p.add(limit)}${lock}`;
  const rows = await tx.all(
    `UPDATE "kith_job" SET "state" = 'running', "locked_by" = ${p.add(c.workerId)}, "locked_until" = ${p.add(c.leaseUntil.toISOString())}, "attempts" = "attempts" + 1 WHERE "id" IN (${due}) RETURNING ${COLUMNS}`,
    p.values,
  );
  return rows.map((r) => toJob(r, tx.dialect));
}

/** SQL over `kith_job`; callers pass the executor (a transaction for writes). */
export const jobStore = {
  /** Inserts a job; undefined when its idempotency key is taken. */
  async insert(tx: SqlExecutor, job: NewJobRow): Promise<number | undefined> {
    const p = new Params(tx.dialect);
    const values = [job.kind, job.payload, job.runAt.toISOString(), 0, job.maxAttempts, 'pending', job.idempotencyKey, job.depth, job.createdAt.toISOString()];
    const rows = await tx.all(
      `INSERT INTO "kith_job" ("kind", "payload", "run_at", "attempts", "max_attempts", "state", "idempotency_key", "depth", "created_at") VALUES (${values.map((v) => p.add(v)).join(', ')}) ON CONFLICT ("idempotency_key") DO NOTHING RETURNING "id"`,
      p.values,
    );
    return rows[0] ? Number(rows[0][0]) : undefined;
  },

  async idByKey(db: SqlExecutor, key: string): Promise<number | undefined> {
    const p = new Params(db.dialect);
    const rows = await db.all(`SELECT "id" FROM "kith_job" WHERE "idempotency_key" = ${p.add(key)}`, p.values);
    return rows[0] ? Number(rows[0][0]) : undefined;
  },

  async byId(db: SqlExecutor, id: number): Promise<Job | undefined> {
    const p = new Params(db.dialect);
    const row = (await db.all(`SELECT ${COLUMNS} FROM "kith_job" WHERE "id" = ${p.add(id)}`, p.values))[0];
    return row ? toJob(row, db.dialect) : undefined;
  },

  async list(db: SqlExecutor, q: JobListQuery): Promise<Job[]> {
    const p = new Params(db.dialect);
    const where = [
      ...(q.state !== undefined ? [`"state" = ${p.add(q.state)}`] : []),
      ...(q.kind !== undefined ? [`"kind" = ${p.add(q.kind)}`] : []),
      ...(q.before !== undefined ? [`"id" < ${p.add(q.before)}`] : []),
    ];
    const rows = await db.all(`SELECT ${COLUMNS} FROM "kith_job"${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY "id" DESC LIMIT ${p.add(q.limit)}`, p.values);
    return rows.map((r) => toJob(r, db.dialect));
  },

  async counts(db: SqlExecutor): Promise<Map<string, number>> {
    const rows = await db.all('SELECT "state", COUNT(*) FROM "kith_job" GROUP BY "state"', []);
    return new Map(rows.map(([state, n]) => [String(state), Number(n)]));
  },

  /**
   * Claims due jobs for one worker: first running jobs whose lease ended (their worker died),
   * then pending jobs whose time has come. Each claim counts one attempt.
   */
  async claim(tx: SqlExecutor, c: ClaimRequest): Promise<Job[]> {
    const reclaimed = await claimWhere(tx, c, c.limit, (now) => `"state" = 'running' AND "locked_until" <= ${now}`, '"locked_until", "id"');
    const due = await claimWhere(tx, c, c.limit - reclaimed.length, (now) => `"state" = 'pending' AND "run_at" <= ${now}`, '"run_at", "id"');
    return [...reclaimed, ...due].sort((a, b) => a.runAt.localeCompare(b.runAt) || a.id - b.id);
  },

  /** Marks claimed jobs done in one statement; returns those `workerId` still held (the others' lease ended and another worker took them). */
  async complete(tx: SqlExecutor, ids: readonly number[], workerId: string, now: Date): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const p = new Params(tx.dialect);
    const idIn = tx.dialect === 'postgresql' ? `"id" = ANY(${p.add(ids)})` : `"id" IN (SELECT "value" FROM json_each(${p.add(JSON.stringify(ids))}))`;
    const rows = await tx.all(
      `UPDATE "kith_job" SET "state" = 'done', "finished_at" = ${p.add(now.toISOString())}, "locked_until" = NULL WHERE ${idIn} AND "state" = 'running' AND "locked_by" = ${p.add(workerId)} RETURNING "id"`,
      p.values,
    );
    return new Set(rows.map((r) => Number(r[0])));
  },

  /** A failed attempt: back to pending at `runAt`, or dead when `runAt` is null. */
  async fail(tx: SqlExecutor, id: number, workerId: string, now: Date, runAt: Date | null, error: string): Promise<boolean> {
    const p = new Params(tx.dialect);
    const next = runAt === null ? `"state" = 'dead', "finished_at" = ${p.add(now.toISOString())}` : `"state" = 'pending', "run_at" = ${p.add(runAt.toISOString())}`;
    return (
      (await tx.run(
        `UPDATE "kith_job" SET ${next}, "locked_until" = NULL, "last_error" = ${p.add(error)} WHERE "id" = ${p.add(id)} AND "state" = 'running' AND "locked_by" = ${p.add(workerId)}`,
        p.values,
      )) > 0
    );
  },

  /** A dead job back to pending, due now, with its attempts reset; false unless it was dead. */
  async revive(tx: SqlExecutor, id: number, now: Date): Promise<boolean> {
    const p = new Params(tx.dialect);
    return (
      (await tx.run(
        `UPDATE "kith_job" SET "state" = 'pending', "attempts" = 0, "run_at" = ${p.add(now.toISOString())}, "finished_at" = NULL, "locked_by" = NULL, "locked_until" = NULL WHERE "id" = ${p.add(id)} AND "state" = 'dead'`,
        p.values,
      )) > 0
    );
  },
};
