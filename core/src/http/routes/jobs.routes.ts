import type { FastifyInstance, FastifyRequest } from 'fastify';
import { toPage } from '../../audit/history-query.js';
import { Errors } from '../../errors/index.js';
import type { JobQueue } from '../../queue/job-queue.js';
import { JobErrors } from '../../queue/job-errors.js';
import type { JobListQuery } from '../../queue/job-store.js';
import { JOB_STATES, type JobState } from '../../queue/job-types.js';
import { parseId } from '../query-params.js';
import { actorOf } from '../request-context.js';

type RawQuery = Readonly<Record<string, string | string[] | undefined>>;

const MAX_PAGE = 200;
const ALLOWED = ['state', 'kind', 'limit', 'cursor'];

function single(query: RawQuery, name: string): string | undefined {
  const v = query[name];
  if (Array.isArray(v)) throw Errors.invalidQuery(name, `Send "${name}" once.`);
  return v === '' ? undefined : v;
}

/** `state`, `kind`, `limit` (1–200, default 50) and `cursor` (the previous page's `nextCursor`). */
function parseJobQuery(query: RawQuery): JobListQuery {
  for (const key of Object.keys(query)) {
    if (!ALLOWED.includes(key)) throw Errors.invalidQuery(key, `"${key}" is not a query parameter here; use: ${ALLOWED.join(', ')}.`);
  }
  const state = single(query, 'state');
  if (state !== undefined && !JOB_STATES.includes(state as JobState)) throw Errors.invalidQuery('state', `state is one of ${JOB_STATES.join(', ')}.`);
  const kind = single(query, 'kind');
  if (kind !== undefined && kind.length > 100) throw Errors.invalidQuery('kind', 'kind is at most 100 characters.');
  const limitText = single(query, 'limit');
  const limit = limitText === undefined ? 50 : /^\d{1,4}$/.test(limitText) ? Number(limitText) : Number.NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw Errors.invalidQuery('limit', `limit is a whole number from 1 to ${MAX_PAGE}.`);
  const cursor = single(query, 'cursor');
  const before = cursor === undefined ? undefined : /^[1-9]\d{0,15}$/.test(cursor) ? Number(cursor) : Number.NaN;
  if (before !== undefined && !Number.isSafeInteger(before)) throw Errors.invalidQuery('cursor', 'cursor is the "nextCursor" of the previous page.');
  return { limit, ...(state !== undefined ? { state: state as JobState } : {}), ...(kind !== undefined ? { kind } : {}), ...(before !== undefined ? { before } : {}) };
}

function requireAdmin(request: FastifyRequest): void {
  if (actorOf(request).isAdmin !== true) throw Errors.forbidden('see or retry background jobs (administrators only)');
}

function jobId(raw: string): number {
  try {
    return parseId(raw);
  } catch {
    throw JobErrors.notFound(raw);
  }
}

/** The job queue for operators: list and inspect jobs, and retry dead ones. Administrators only. */
export function jobRoutes(server: FastifyInstance, jobs: JobQueue): void {
  server.get<{ Querystring: RawQuery }>('/api/v1/jobs', async (request) => {
    requireAdmin(request);
    const query = parseJobQuery(request.query);
    return toPage(await jobs.list({ ...query, limit: query.limit + 1 }), query.limit, (job) => job.id);
  });

  server.get<{ Params: { id: string } }>('/api/v1/jobs/:id', async (request) => {
    requireAdmin(request);
    const id = jobId(request.params.id);
    const job = await jobs.get(id);
    if (!job) throw JobErrors.notFound(id);
    return job;
  });

  server.post<{ Params: { id: string } }>('/api/v1/jobs/:id/retry', async (request) => {
    requireAdmin(request);
    return jobs.retry(jobId(request.params.id));
  });
}
