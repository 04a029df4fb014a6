import type { FastifyInstance } from 'fastify';
import type { Database } from '../../data/database.js';
import type { MetadataRegistry } from '../../metadata/registry.js';
import { DashboardService } from '../../reports/dashboard-service.js';
import { DashboardStore } from '../../reports/dashboard-store.js';
import { ReportService } from '../../reports/report-service.js';
import { parseId } from '../query-params.js';
import { actorOf } from '../request-context.js';

type IdParams = { id: string };

/** Reports (grouped aggregates over the caller's scope) and dashboards (saved reports as charts): thin handlers. */
export function reportRoutes(server: FastifyInstance, db: Database, registry: MetadataRegistry): void {
  const reports = new ReportService(db.reader, () => registry.model);
  const dashboards = new DashboardService(new DashboardStore(db), reports);

  server.post('/api/v1/reports/query', async (request) => reports.query(request.body, actorOf(request)));

  const base = '/api/v1/dashboards';
  server.get(base, async (request) => ({ data: await dashboards.list(actorOf(request)) }));
  server.get<{ Params: IdParams }>(`${base}/:id`, async (request) => dashboards.get(parseId(request.params.id), actorOf(request)));
  server.get<{ Params: IdParams }>(`${base}/:id/data`, async (request) => dashboards.data(parseId(request.params.id), actorOf(request)));
  server.post(base, async (request, reply) => {
    const created = await dashboards.create(request.body, actorOf(request));
    return reply.status(201).header('location', `${base}/${created.id}`).send(created);
  });
  server.patch<{ Params: IdParams }>(`${base}/:id`, async (request) => dashboards.update(parseId(request.params.id), request.body, actorOf(request)));
  server.delete<{ Params: IdParams }>(`${base}/:id`, async (request, reply) => {
    await dashboards.remove(parseId(request.params.id), actorOf(request));
    return reply.status(204).send();
  });
}
