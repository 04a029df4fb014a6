import { readScopes } from '../acl/read-scope.js';
import type { Actor } from '../data/actor.js';
import type { Database } from '../data/database.js';
import type { WriteObserver } from '../data/write-observer.js';
import type { CompiledModel } from '../metadata/compile/compiled-types.js';
import { searchRecords, type SearchHit, type SearchInput } from './search-query.js';
import { searchIndexObserver } from './search-observer.js';
import { syncIndex, type ReindexedEntity } from './search-reindex.js';
import { searchStore, type SearchStore } from './search-store.js';

/** Where background rebuild problems go (the server's logger). */
export interface SearchLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Global search: the index tables, the write observer that keeps them current, permission-
 * scoped queries, and rebuilds — in full (`kith search reindex`), or of what a metadata change
 * made stale (a field made searchable), which runs in the background after each model swap
 * and at start.
 */
export class SearchIndex {
  private readonly store: SearchStore;
  private background: Promise<unknown> = Promise.resolve();
  private pending: CompiledModel | undefined;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly log?: SearchLog,
  ) {
    this.store = searchStore(db.dialect);
  }

  /** Creates the index tables when missing. */
  async ensure(): Promise<void> {
    await this.db.transaction((tx) => this.store.ensure(tx));
  }

  /** The observer to register on the record service. */
  observer(): WriteObserver {
    return searchIndexObserver(this.store);
  }

  /** Searches as `actor`. */
  search(model: CompiledModel, actor: Actor, input: SearchInput): Promise<SearchHit[]> {
    return searchRecords(this.db.reader, model, readScopes(model, actor), input);
  }

  /** Rebuilds the index of every searchable entity (or only `entities`) from the stored records. */
  reindex(model: CompiledModel, entities?: readonly string[]): Promise<ReindexedEntity[]> {
    return syncIndex(this.db, this.store, model, { all: true, ...(entities ? { only: entities } : {}) });
  }

  /**
   * Catches the index up with `model` in the background (one run at a time; a newer model
   * replaces one still waiting). Searches meanwhile find what is already indexed.
   */
  catchUp(model: CompiledModel): void {
    const idle = this.pending === undefined;
    this.pending = model;
    if (!idle) return;
    this.background = this.background.then(async () => {
      const next = this.pending!;
      this.pending = undefined;
      if (this.stopped) return;
      try {
        const done = await syncIndex(this.db, this.store, next, { stopped: () => this.stopped });
        if (done.length > 0) this.log?.info({ entities: done }, 'search index caught up with the metadata');
      } catch (error) {
        this.log?.error({ err: error }, 'search index catch-up failed; run `kith search reindex`');
      }
    });
  }

  /** Resolves when no background catch-up is running or waiting (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending !== undefined) await this.background;
    await this.background;
  }

  /** Stops background work between batches and waits for it. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.background;
  }
}
