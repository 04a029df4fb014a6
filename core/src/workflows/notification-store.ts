import type { SqlExecutor } from '../data/database.js';
import { Params } from '../data/sql.js';

/** An in-app notification. */
export interface Notification {
  readonly id: number;
  readonly userId: number;
  readonly title: string;
  readonly body: string | null;
  readonly entity: string | null;
  readonly recordId: number | null;
  readonly workflowId: string | null;
  readonly createdAt: string;
  readonly readAt: string | null;
}

const COLUMNS = '"id", "user_id", "title", "body", "entity", "record_id", "workflow_id", "created_at", "read_at"';

function toNotification(r: unknown[]): Notification {
  const [id, userId, title, body, entity, recordId, workflowId, createdAt, readAt] = r;
  return {
    id: Number(id),
    userId: Number(userId),
    title: String(title),
    body: body === null ? null : String(body),
    entity: entity === null ? null : String(entity),
    recordId: recordId === null ? null : Number(recordId),
    workflowId: workflowId === null ? null : String(workflowId),
    createdAt: new Date(String(createdAt)).toISOString(),
    readAt: readAt === null ? null : new Date(String(readAt)).toISOString(),
  };
}

/** SQL over `kith_notification`. */
export const notificationStore = {
  async add(tx: SqlExecutor, n: Omit<Notification, 'id' | 'readAt'>): Promise<number> {
    const p = new Params(tx.dialect);
    const values = [n.userId, n.title.slice(0, 300), n.body, n.entity, n.recordId, n.workflowId, n.createdAt];
    const rows = await tx.all(
      `INSERT INTO "kith_notification" ("user_id", "title", "body", "entity", "record_id", "workflow_id", "created_at") VALUES (${values.map((v) => p.add(v)).join(', ')}) RETURNING "id"`,
      p.values,
    );
    return Number(rows[0]![0]);
  },

  /** A user's notifications, newest first. */
  async ofUser(db: SqlExecutor, userId: number, q: { unread: boolean; limit: number; before?: number }): Promise<Notification[]> {
    const p = new Params(db.dialect);
    const where = [`"user_id" = ${p.add(userId)}`, ...(q.unread ? ['"read_at" IS NULL'] : []), ...(q.before !== undefined ? [`"id" < ${p.add(q.before)}`] : [])];
    const rows = await db.all(`SELECT ${COLUMNS} FROM "kith_notification" WHERE ${where.join(' AND ')} ORDER BY "id" DESC LIMIT ${p.add(q.limit)}`, p.values);
    return rows.map(toNotification);
  },

  /** Marks one of the user's notifications read; false when it is not theirs (or does not exist). */
  async markRead(tx: SqlExecutor, userId: number, id: number, now: Date): Promise<boolean> {
    const p = new Params(tx.dialect);
    return (await tx.run(`UPDATE "kith_notification" SET "read_at" = COALESCE("read_at", ${p.add(now.toISOString())}) WHERE "id" = ${p.add(id)} AND "user_id" = ${p.add(userId)}`, p.values)) > 0;
  },
};
