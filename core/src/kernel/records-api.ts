import type { RecordsApi, StoredRecord } from '@kith/sdk';
import type { Actor } from '../data/actor.js';
import type { SqlExecutor } from '../data/database.js';
import type { RecordService } from '../data/record-service.js';

/** The SDK's RecordsApi over the record service, acting as `actor`, optionally inside `tx`. */
export function recordsApi(service: RecordService, actor: Actor, tx?: SqlExecutor): RecordsApi {
  const asStored = (r: Record<string, unknown>) => r as StoredRecord;
  return {
    create: async (entity, data) => asStored(await service.create(entity, data, actor, tx)),
    bulkCreate: async (entity, rows) => (await service.bulkCreate(entity, rows, actor, tx)).map(asStored),
    get: async (entity, id) => asStored(await service.get(entity, id, actor)),
    list: async (entity, query) => {
      const page = await service.list(entity, query ?? {}, actor);
      return { ...page, data: page.data.map(asStored) };
    },
    update: async (entity, id, patch, version) => asStored(await service.update(entity, id, patch, version, actor, tx)),
    delete: (entity, id) => service.delete(entity, id, actor, undefined, tx),
    restore: async (entity, id) => asStored(await service.restore(entity, id, actor, tx)),
  };
}
