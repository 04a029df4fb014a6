import type { FastifyInstance } from 'fastify';
import type { Database } from '../../data/database.js';
import type { RecordService } from '../../data/record-service.js';
import { Errors } from '../../errors/index.js';
import { ViewService } from '../../views/view-service.js';
import { ViewStore } from '../../views/view-store.js';
import { parseId } from '../query-params.js';
import { actorOf } from '../request-context.js';

type ViewParams = { id: string };
type RawQuery = Readonly<Record<string, string | string[] | undefined>>;

/** Saved list views (personal and shared): thin handlers over the view service. */
export function viewRoutes(server: FastifyInstance, db: Database, records: RecordService): void {
  const views = new ViewService(new ViewStore(db), records);

  server.get<{ Querystring: RawQuery }>('/api/v1/views', async (request) => {
    const { entity, ...rest } = request.query;
    const unknown = Object.keys(rest)[0];
    if (unknown !== undefined) throw Errors.invalidQuery(unknown, `"${unknown}" is not a query parameter here; use: entity.`);
    if (Array.isArray(entity)) throw Errors.invalidQuery('entity', 'Send "entity" once.');
    return { data: await views.list(actorOf(request), entity || undefined) };
  });

  server.get<{ Params: ViewParams }>('/api/v1/views/:id', async (request) => {
    return views.get(parseId(request.params.id), actorOf(request));
  });

  server.post('/api/v1/views', async (request, reply) => {
    const view = await views.create(request.body, actorOf(request));
    return reply.status(201).header('location', `/api/v1/views/${view.id}`).send(view);
  });

  server.patch<{ Params: ViewParams }>('/api/v1/views/:id', async (request) => {
    return views.update(parseId(request.params.id), request.body, actorOf(request));
  });

  server.delete<{ Params: ViewParams }>('/api/v1/views/:id', async (request, reply) => {
    await views.remove(parseId(request.params.id), actorOf(request));
    return reply.status(204).send();
  });
}
