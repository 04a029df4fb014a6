import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../../data/database.js';
import type { RecordService } from '../../data/record-service.js';
import { ImportErrors } from '../../data-io/import-errors.js';
import { parseEncoding, parseImportQuery, withOverrides, type RawQuery } from '../../data-io/import-query.js';
import { BACKGROUND_LIMIT, ImportService, REQUEST_LIMIT, type ImportJobView } from '../../data-io/import-service.js';
import { MappingStore } from '../../data-io/mapping-store.js';
import type { JobQueue } from '../../queue/job-queue.js';
import { actorOf } from '../request-context.js';

const CSV_TYPES = /^(text\/csv|application\/csv|text\/comma-separated-values|text\/tab-separated-values)\b/i;

type EntityParams = { entity: string };
type IdParams = { id: string };

/**
 * CSV import: `POST /api/v1/import/:entity` (the file as a `text/csv` body, streamed; up to
 * 10 MB answered in the request, up to 50 MB as a background job), the import's report and
 * rejected rows (`/api/v1/import/jobs/:id[/rejected.csv]`), and saved column mappings. Also
 * registers the queue handler that runs background imports. Handlers stay thin: parse, run
 * the import service, respond.
 */
export function importRoutes(server: FastifyInstance, deps: { readonly db: Database; readonly records: RecordService; readonly jobs: JobQueue }): void {
  const imports = new ImportService(deps);
  imports.register(deps.jobs);

  // The body stays a stream in this scope only: every other route keeps its JSON parser and 1 MB limit.
  void server.register(async (scope) => {
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.post<{ Params: EntityParams; Querystring: RawQuery }>('/api/v1/import/:entity', async (request, reply) => {
      const actor = actorOf(request);
      const query = parseImportQuery(request.query);
      const type = request.headers['content-type'];
      if (!type || !CSV_TYPES.test(type)) throw ImportErrors.mediaType(type);
      const limit = query.background ? BACKGROUND_LIMIT : REQUEST_LIMIT;
      const length = Number(request.headers['content-length'] ?? Number.NaN);
      if (length > limit) throw ImportErrors.tooLarge(limit, query.background ? undefined : BACKGROUND_LIMIT);
      // `Content-Type: text/csv; charset=windows-1252` declares the encoding too.
      const charset = parseEncoding(/;\s*charset="?([\w-]+)"?/i.exec(type)?.[1], 'charset');
      const overrides = charset && !query.overrides.encoding ? { ...query.overrides, encoding: charset } : query.overrides;
      const mapping = query.mappingId ? withOverrides(MappingStore.mappingOf(await imports.mappings.get(query.mappingId, actor)), overrides) : overrides;
      const start = { entity: request.params.entity, mapping, mode: query.mode, dryRun: query.dryRun, actor };
      const body = request.body as Readable;
      const totalBytes = Number.isFinite(length) ? length : null;
      if (query.background) {
        const job = await imports.enqueue(start, body, limit, totalBytes);
        return reply.status(202).header('location', `/api/v1/import/jobs/${job.id}`).send(job);
      }
      const view = await imports.runNow(start, await readBody(body, limit, BACKGROUND_LIMIT), totalBytes);
      if (!view.dryRun && view.mode === 'allOrNothing' && view.committed === false) throw ImportErrors.rowsRejected(view.entity, view.summary.reject, view.summary.rows, withoutState(view));
      return reply.send(view);
    });
  });

  server.get<{ Params: IdParams }>('/api/v1/import/jobs/:id', async (request) => imports.view(request.params.id, actorOf(request)));

  server.get<{ Params: IdParams }>('/api/v1/import/jobs/:id/rejected.csv', async (request, reply) => {
    const { filename, chunks } = await imports.rejected(request.params.id, actorOf(request));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', attachment(filename)).send(Readable.from(chunks));
  });

  server.delete<{ Params: IdParams }>('/api/v1/import/jobs/:id', async (request, reply) => {
    await imports.remove(request.params.id, actorOf(request));
    return reply.status(204).send();
  });

  server.post('/api/v1/import/mappings', async (request, reply) => {
    const saved = await imports.mappings.save(request.body, actorOf(request));
    return reply.status(201).header('location', `/api/v1/import/mappings/${saved.id}`).send(saved);
  });

  server.get<{ Querystring: RawQuery }>('/api/v1/import/mappings', async (request) => {
    const entity = typeof request.query.entity === 'string' && request.query.entity !== '' ? request.query.entity : undefined;
    return { data: await imports.mappings.list(actorOf(request), entity) };
  });

  server.get<{ Params: IdParams }>('/api/v1/import/mappings/:id', async (request) => imports.mappings.get(request.params.id, actorOf(request)));

  server.delete<{ Params: IdParams }>('/api/v1/import/mappings/:id', async (request: FastifyRequest<{ Params: IdParams }>, reply) => {
    await imports.mappings.remove(request.params.id, actorOf(request));
    return reply.status(204).send();
  });
}

/** The body, read whole (up to `limit` bytes) before any row is imported, so an oversized upload stores nothing. */
async function readBody(body: Readable, limit: number, backgroundLimit: number): Promise<AsyncIterable<Buffer>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > limit) {
      body.destroy();
      throw ImportErrors.tooLarge(limit, backgroundLimit);
    }
    chunks.push(buffer);
  }
  return Readable.from(chunks);
}

/** The report as the extra members of a problem document (its own `state` would read as the problem's). */
function withoutState(view: ImportJobView): Record<string, unknown> {
  const { state: _state, ...rest } = view;
  return rest;
}

/** A Content-Disposition header for a download. */
export function attachment(filename: string): string {
  return `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`;
}
