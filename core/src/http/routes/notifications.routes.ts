import type { FastifyInstance } from 'fastify';
import { toPage } from '../../audit/history-query.js';
import type { Database } from '../../data/database.js';
import { Errors } from '../../errors/index.js';
import { notificationStore } from '../../workflows/notification-store.js';
import { parseId } from '../query-params.js';
import { actorOf } from '../request-context.js';
import { parsePageQuery } from './page-query.js';

type RawQuery = Readonly<Record<string, string | string[] | undefined>>;

/** The signed-in user's in-app notifications (written by the workflow action "notify"). */
export function notificationRoutes(server: FastifyInstance, db: Database): void {
  server.get<{ Querystring: RawQuery }>('/api/v1/notifications', async (request) => {
    const actor = actorOf(request);
    if (actor.userId === null) return { data: [], nextCursor: null };
    const page = parsePageQuery(request.query, ['unread']);
    const unread = page.extra.unread;
    if (unread !== undefined && unread !== 'true' && unread !== 'false') throw Errors.invalidQuery('unread', 'unread is true or false.');
    const rows = await notificationStore.ofUser(db.reader, actor.userId, { unread: unread === 'true', limit: page.limit + 1, ...(page.before !== undefined ? { before: page.before } : {}) });
    return toPage(rows, page.limit, (n) => n.id);
  });
  server.post<{ Params: { id: string } }>('/api/v1/notifications/:id/read', async (request, reply) => {
    const actor = actorOf(request);
    const id = parseId(request.params.id);
    const marked = actor.userId !== null && (await db.transaction((tx) => notificationStore.markRead(tx, actor.userId!, id, new Date())));
    if (!marked) throw Errors.recordNotFound('notification', id);
    return reply.status(204).send();
  });
}
