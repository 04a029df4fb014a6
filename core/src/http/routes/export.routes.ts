import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { RecordService } from '../../data/record-service.js';
import { EXPORT_FORMATS, openExport, type ExportFormat } from '../../data-io/export-stream.js';
import { checkParams, parseDelimiter, queryFlag, querySingle, type RawQuery } from '../../data-io/import-query.js';
import { Errors } from '../../errors/index.js';
import { parseListQuery } from '../query-params.js';
import { actorOf } from '../request-context.js';
import { attachment } from './import.routes.js';

const CSV_PARAMS = ['filter', 'sort', 'fields', 'delimiter', 'bom'];
const JSON_PARAMS = ['filter', 'sort', 'fields'];

/**
 * `GET /api/v1/export/:entity.csv` and `.json`: a list view (the list endpoint's `filter`,
 * `sort` and `fields`) as a streamed download, with the caller's permissions — see
 * data-io/export-stream.ts.
 */
export function exportRoutes(server: FastifyInstance, records: RecordService): void {
  server.get<{ Params: { file: string }; Querystring: RawQuery }>('/api/v1/export/:file', async (request, reply) => {
    const match = /^(.+)\.([a-z]+)$/.exec(request.params.file);
    const format = match?.[2] as ExportFormat | undefined;
    if (!match || !format || !EXPORT_FORMATS.includes(format)) {
      throw Errors.invalidQuery('format', `Ask for /api/v1/export/<entity>.csv or /api/v1/export/<entity>.json; got ${JSON.stringify(request.params.file)}.`);
    }
    checkParams(request.query, format === 'csv' ? CSV_PARAMS : JSON_PARAMS);
    const { filter, sort, fields } = parseListQuery({ filter: querySingle(request.query, 'filter'), sort: querySingle(request.query, 'sort'), fields: querySingle(request.query, 'fields') });
    const delimiter = parseDelimiter(querySingle(request.query, 'delimiter'));
    const opened = await openExport(records, {
      entity: match[1]!,
      query: { ...(filter ? { filter } : {}), ...(sort ? { sort } : {}), ...(fields ? { fields } : {}) },
      format,
      actor: actorOf(request),
      ...(delimiter ? { delimiter } : {}),
      bom: queryFlag(request.query, 'bom'),
    });
    const stream = Readable.from(opened.chunks);
    // Headers are sent with the first row; a failure later can only cut the download short, so it is logged.
    stream.on('error', (err) => request.log.error({ err }, 'export stopped part way'));
    return reply.type(opened.contentType).header('content-disposition', attachment(opened.filename)).header('cache-control', 'no-store').send(stream);
  });
}
