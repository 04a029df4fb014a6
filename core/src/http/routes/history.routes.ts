import type { FastifyInstance } from 'fastify';
import { visibleChanges } from '../../audit/audit-changes.js';
import { parseHistoryQuery, toPage, type HistoryRawQuery } from '../../audit/history-query.js';
import { metadataHistory } from '../../audit/metadata-history.js';
import { recordHistory } from '../../audit/record-history.js';
import type { SqlExecutor } from '../../data/database.js';
import type { RecordService } from '../../data/record-service.js';
import { Errors } from '../../errors/index.js';
import { parseId } from '../query-params.js';
import { actorOf } from '../request-context.js';

type RecordParams = { entity: string; id: string };

/** History: who changed a record (or the metadata), when, through which channel, and what. */
export function historyRoutes(server: FastifyInstance, records: RecordService, reader: SqlExecutor): void {
  server.get<{ Params: RecordParams; Querystring: HistoryRawQuery }>('/api/v1/records/:entity/:id/history', async (request) => {
    const query = parseHistoryQuery(request.query);
    const id = parseId(request.params.id);
    // The record must be within the caller's read scope; fields they may not read are left out.
    const { entity, readable } = await records.readAccess(request.params.entity, id, actorOf(request));
    const page = await recordHistory(reader, entity, id, query);
    return { data: page.data.map((e) => ({ ...e, changes: visibleChanges(e.changes, readable) })), nextCursor: page.nextCursor };
  });

  server.get<{ Querystring: HistoryRawQuery }>('/api/v1/metadata/history', async (request) => {
    // It holds role and grant changes too, which only administrators may read.
    if (!actorOf(request).isAdmin) throw Errors.forbidden('read the metadata history');
    const query = parseHistoryQuery(request.query);
    return toPage(await metadataHistory(reader, query.limit, query.before), query.limit, (e) => e.seq);
  });
}
