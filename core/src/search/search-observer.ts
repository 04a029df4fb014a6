import type { RecordRow } from '../data/row-mapper.js';
import type { WriteObserver } from '../data/write-observer.js';
import type { SearchableEntity } from './search-fields.js';
import { searchableEntities } from './search-fields.js';
import type { IndexDoc, SearchStore } from './search-store.js';
import { fieldText } from './search-text.js';

/** The index rows of one record: one per searchable field with text. */
export function docsOf(searchable: SearchableEntity, record: RecordRow): IndexDoc[] {
  const docs: IndexDoc[] = [];
  for (const field of searchable.fields) {
    const text = fieldText(field, record[field.name]);
    if (text !== '') docs.push({ entity: searchable.entity.name, recordId: record.id as number, field: field.name, text });
  }
  return docs;
}

/**
 * Keeps the search index current inside each write's transaction, so a record is findable
 * exactly when its write committed: created and restored records are added, deleted ones
 * removed, and an update rewrites a record's rows only when a searchable field changed.
 */
export function searchIndexObserver(store: SearchStore): WriteObserver {
  return {
    name: 'search-index',
    async afterWrite({ tx, model, entity, changes }) {
      const searchable = searchableEntities(model).get(entity.name);
      if (!searchable) return;
      const stale: number[] = [];
      const fresh: IndexDoc[] = [];
      for (const change of changes) {
        if (change.op === 'delete') stale.push(change.before.id as number);
        else if (change.op === 'update') {
          const moved = searchable.fields.some((f) => JSON.stringify(change.before[f.name] ?? null) !== JSON.stringify(change.after[f.name] ?? null));
          if (!moved) continue;
          stale.push(change.after.id as number);
          fresh.push(...docsOf(searchable, change.after));
        } else {
          // A restore may follow a delete that an older node did not index away; clear first.
          if (change.op === 'restore') stale.push(change.after.id as number);
          fresh.push(...docsOf(searchable, change.after));
        }
      }
      if (stale.length > 0) await store.removeRecords(tx, entity.name, stale);
      if (fresh.length > 0) await store.insert(tx, fresh);
    },
  };
}
