import type { PluginRecords, RecordsApi, StoredRecord } from '@kith/sdk';
import { readScopes } from '../acl/read-scope.js';
import type { Actor } from '../data/actor.js';
import type { Database, SqlExecutor } from '../data/database.js';
import type { RecordReader } from '../data/record-reader.js';
import type { RecordService } from '../data/record-service.js';
import { Errors } from '../errors/index.js';
import { recordsApi } from './records-api.js';

/** What plugin records are built from: the record service, a reader for reads inside a transaction, the database. */
export interface RecordsSource {
  readonly db: Database;
  readonly service: RecordService;
  readonly reader: RecordReader;
}

/**
 * Records for plugin code, acting as `actor` (the caller of a route, or the system), through the
 * record service like the REST API. Outside a transaction `transaction(fn)` opens one; inside
 * (`tx`), every call joins it — reads too, so they see the transaction's own writes — and a
 * nested `transaction` runs in the same one (SQLite has one writer, so it could not open another).
 */
export function pluginRecords(source: RecordsSource, actor: Actor, tx?: SqlExecutor): PluginRecords {
  if (!tx) {
    return { ...recordsApi(source.service, actor), transaction: (fn) => source.db.transaction((t) => fn(pluginRecords(source, actor, t))) };
  }
  const self: PluginRecords = { ...inTransaction(source, actor, tx), transaction: (fn) => fn(self) };
  return self;
}

function inTransaction(source: RecordsSource, actor: Actor, tx: SqlExecutor): RecordsApi {
  const { service, reader } = source;
  const writes = recordsApi(service, actor, tx);
  return {
    ...writes,
    get: async (entity, id) => {
      const model = service.currentModel();
      if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) throw Errors.invalidId(id);
      const record = await reader.get(tx, model, service.entity(entity, model), id, {}, readScopes(model, actor));
      if (!record) throw Errors.recordNotFound(entity, id);
      return record as StoredRecord;
    },
    list: async (entity, query) => {
      const model = service.currentModel();
      const page = await reader.list(tx, model, service.entity(entity, model), query ?? {}, 'live', readScopes(model, actor));
      return { ...page, data: page.data.map((r) => r as StoredRecord) };
    },
  };
}
