import type { Database } from '../data/database.js';
import { rowShape } from '../data/row-mapper.js';
import { quote } from '../data/sql.js';
import type { CompiledModel } from '../metadata/compile/compiled-types.js';
import { DELETED_AT_COLUMN } from '../metadata/compile/system-columns.js';
import { stateStore } from '../metadata/customisation-store.js';
import { searchableEntities, type SearchableEntity } from './search-fields.js';
import { docsOf } from './search-observer.js';
import type { IndexDoc, SearchStore } from './search-store.js';

/** kith_state key: the signature of each entity's index rows as last built (see search-fields.ts). */
export const INDEXED_KEY = 'search.indexed';
const BATCH = 2000;

/** What a rebuild did for one entity. */
export interface ReindexedEntity {
  readonly entity: string;
  /** Records indexed (0 for an entity whose rows were only removed). */
  readonly records: number;
  readonly ms: number;
}

/** Reads which signature each entity was last indexed with. */
export async function indexedSignatures(db: Database): Promise<Record<string, string>> {
  return JSON.parse((await stateStore.get(db.reader, INDEXED_KEY)) ?? '{}') as Record<string, string>;
}

async function remember(db: Database, entity: string, signature: string | undefined): Promise<void> {
  await db.transaction(async (tx) => {
    // Read inside the write transaction, so two entities finishing at once never drop each other.
    const current = JSON.parse((await stateStore.get(tx, INDEXED_KEY)) ?? '{}') as Record<string, string>;
    if (signature === undefined) delete current[entity];
    else current[entity] = signature;
    await stateStore.set(tx, INDEXED_KEY, JSON.stringify(current));
  });
}

/**
 * Rebuilds one entity's index rows from its table, in batches of 2,000 records by id, each
 * batch in its own short transaction (writers wait for one batch, never for the whole
 * rebuild). A batch replaces the rows of its id range, so records deleted since the last build
 * lose theirs and the rest of the index stays searchable meanwhile. Writes during the rebuild
 * keep the index current through the write observer; a batch that reads a record later than
 * such a write reads it inside its own transaction (and, on PostgreSQL, holds the rows with FOR
 * SHARE until it has written), so it never puts back older text.
 */
export async function reindexEntity(db: Database, store: SearchStore, searchable: SearchableEntity, stopped: () => boolean = () => false): Promise<ReindexedEntity> {
  const started = performance.now();
  const { entity } = searchable;
  const shape = rowShape(entity, searchable.fields, 't');
  const lock = db.dialect === 'postgresql' ? ' FOR SHARE' : '';
  let after = 0;
  let records = 0;
  for (;;) {
    if (stopped()) return { entity: entity.name, records, ms: performance.now() - started };
    const done = await db.transaction(async (tx) => {
      // Two nodes catching up with the same change take turns per batch instead of colliding on the index's key.
      if (tx.dialect === 'postgresql') await tx.all('SELECT pg_advisory_xact_lock(hashtext($1))', [`kith_search:${entity.name}`]);
      const rows = await tx.all(
        `SELECT ${shape.selectList}, t.${quote(DELETED_AT_COLUMN)} FROM ${quote(entity.table)} t WHERE t."id" > ${db.dialect === 'postgresql' ? '$1' : '?1'} ORDER BY t."id" LIMIT ${BATCH}${lock}`,
        [after],
      );
      const last = rows.length === BATCH ? Number(rows[rows.length - 1]![0]) : null;
      await store.removeRange(tx, entity.name, after, last);
      const docs: IndexDoc[] = [];
      for (const row of rows) {
        if (row[shape.width] !== null && row[shape.width] !== undefined) continue; // deleted
        docs.push(...docsOf(searchable, shape.map(row)));
        records++;
      }
      await store.insert(tx, docs);
      if (last !== null) after = last;
      return last === null;
    });
    if (done) break;
  }
  await remember(db, entity.name, searchable.signature);
  return { entity: entity.name, records, ms: performance.now() - started };
}

/** Removes every index row of an entity that is no longer searchable (or no longer exists). */
export async function dropEntity(db: Database, store: SearchStore, entity: string): Promise<ReindexedEntity> {
  const started = performance.now();
  await db.transaction((tx) => store.removeRange(tx, entity, 0, null));
  await remember(db, entity, undefined);
  return { entity, records: 0, ms: performance.now() - started };
}

/**
 * Brings the index to `model`: rebuilds the entities whose searchable fields changed since the
 * database last indexed them (a field made searchable, an upgrade that added one), and drops
 * the rows of entities that have none any more. `only` limits a full rebuild to some entities.
 */
export async function syncIndex(db: Database, store: SearchStore, model: CompiledModel, options: { all?: boolean; only?: readonly string[]; stopped?: () => boolean } = {}): Promise<ReindexedEntity[]> {
  const indexed = await indexedSignatures(db);
  const current = searchableEntities(model);
  const done: ReindexedEntity[] = [];
  for (const [name, searchable] of current) {
    if (options.only && !options.only.includes(name)) continue;
    if (!options.all && indexed[name] === searchable.signature) continue;
    done.push(await reindexEntity(db, store, searchable, options.stopped));
  }
  for (const name of Object.keys(indexed)) {
    if (current.has(name) || (options.only && !options.only.includes(name))) continue;
    done.push(await dropEntity(db, store, name));
  }
  return done;
}
