import type { FastifyInstance, FastifyRequest } from 'fastify';
import { toPage } from '../../audit/history-query.js';
import type { Actor } from '../../data/actor.js';
import { Errors } from '../../errors/index.js';
import type { RunStatus } from '../../workflows/run-store.js';
import type { WorkflowService } from '../../workflows/workflow-service.js';
import { WorkflowErrors } from '../../workflows/workflow-errors.js';
import { parseId } from '../query-params.js';
import { actorOf } from '../request-context.js';
import { parsePageQuery } from './page-query.js';

type IdParams = { id: string };
type RawQuery = Readonly<Record<string, string | string[] | undefined>>;
const RUN_STATUSES: readonly RunStatus[] = ['running', 'succeeded', 'failed', 'retrying', 'skipped'];
/** Largest inbound webhook body. */
const HOOK_BODY_LIMIT = 256 * 1024;

function admin(request: FastifyRequest, what: string): Actor {
  const actor = actorOf(request);
  if (actor.isAdmin !== true) throw Errors.forbidden(`${what} (administrators only)`);
  return actor;
}

function runQuery(query: RawQuery, extras: readonly string[] = []) {
  const page = parsePageQuery(query, ['status', ...extras]);
  const status = page.extra.status;
  if (status !== undefined && !RUN_STATUSES.includes(status as RunStatus)) throw Errors.invalidQuery('status', `status is one of ${RUN_STATUSES.join(', ')}.`);
  return { limit: page.limit, extra: page.extra, ...(page.before !== undefined ? { before: page.before } : {}), ...(status !== undefined ? { status: status as RunStatus } : {}) };
}

/** `entity` and `recordId` of GET /workflow-runs: both or neither. */
function recordFilter(extra: Readonly<Record<string, string>>): { entity: string; recordId: number } | undefined {
  const { entity, recordId } = extra;
  if (entity === undefined && recordId === undefined) return undefined;
  if (entity === undefined) throw Errors.invalidQuery('entity', 'Send entity with recordId.');
  if (recordId === undefined) throw Errors.invalidQuery('recordId', 'Send recordId with entity.');
  if (!/^[1-9]\d{0,15}$/.test(recordId)) throw Errors.invalidQuery('recordId', 'recordId is a record id.');
  return { entity, recordId: Number(recordId) };
}

/** Workflows: definitions (customisations), dry-run, the manual button, run history, and the inbound webhook door. */
export function workflowRoutes(server: FastifyInstance, workflows: WorkflowService): void {
  const base = '/api/v1/workflows';
  server.get(base, async (request) => {
    admin(request, 'read workflows');
    return { data: workflows.list() };
  });
  server.post(base, async (request, reply) => {
    const wf = await workflows.add(request.body, admin(request, 'add workflows').userId);
    return reply.status(201).header('location', `${base}/${wf.id}`).send(wf);
  });
  server.get<{ Params: IdParams }>(`${base}/:id`, async (request) => {
    admin(request, 'read workflows');
    return workflows.get(request.params.id);
  });
  server.patch<{ Params: IdParams }>(`${base}/:id`, async (request) => workflows.update(request.params.id, request.body, admin(request, 'change workflows').userId));
  server.delete<{ Params: IdParams }>(`${base}/:id`, async (request, reply) => {
    await workflows.remove(request.params.id, admin(request, 'remove workflows').userId);
    return reply.status(204).send();
  });
  server.post<{ Params: IdParams }>(`${base}/:id/test`, async (request) => workflows.test(request.params.id, request.body, admin(request, 'test workflows')));
  // The manual button: any signed-in user who can read the record.
  server.post<{ Params: IdParams }>(`${base}/:id/run`, async (request, reply) => {
    const started = await workflows.run(request.params.id, request.body, actorOf(request));
    return reply.status(202).send({ ...started, runs: `${base}/${request.params.id}/runs` });
  });
  server.get<{ Params: IdParams; Querystring: RawQuery }>(`${base}/:id/runs`, async (request) => {
    admin(request, 'read workflow runs');
    const { extra: _extra, ...q } = runQuery(request.query);
    return toPage(await workflows.runs(request.params.id, { ...q, limit: q.limit + 1 }), q.limit, (r) => r.id);
  });
  // With entity and recordId, anyone who may read the record sees its runs (a summary unless an administrator).
  server.get<{ Querystring: RawQuery }>('/api/v1/workflow-runs', async (request) => {
    const { extra, ...q } = runQuery(request.query, ['entity', 'recordId']);
    const record = recordFilter(extra);
    if (record) return toPage(await workflows.recordRuns(record.entity, record.recordId, actorOf(request), { ...q, limit: q.limit + 1 }), q.limit, (r) => r.id);
    admin(request, 'read workflow runs');
    return toPage(await workflows.runs(undefined, { ...q, limit: q.limit + 1 }), q.limit, (r) => r.id);
  });
  server.get<{ Params: IdParams }>('/api/v1/workflow-runs/:id', async (request) => {
    admin(request, 'read workflow runs');
    let id: number;
    try {
      id = parseId(request.params.id);
    } catch {
      throw WorkflowErrors.runNotFound(request.params.id);
    }
    return workflows.runById(id);
  });

  // Inbound webhooks: no session or token; the body's HMAC signature is the credential. Raw
  // body, so the signature is checked over exactly the bytes that were sent.
  void server.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: HOOK_BODY_LIMIT }, (_request, body, done) => done(null, body));
    scope.post<{ Params: IdParams }>('/api/v1/hooks/workflows/:id', async (request, reply) => {
      const header = (name: string) => {
        const v = request.headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      const started = await workflows.inbound(request.params.id, typeof request.body === 'string' ? request.body : '', header('x-kith-signature'), header('x-kith-timestamp'));
      return reply.status(202).send(started);
    });
  });
}
