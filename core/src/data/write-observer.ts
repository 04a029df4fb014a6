import type { CompiledEntity, CompiledModel } from '../metadata/compile/compiled-types.js';
import type { Actor } from './actor.js';
import type { SqlExecutor } from './database.js';
import type { RecordRow } from './row-mapper.js';

/** One stored change to one record, as the writer made it. */
export type RecordChange =
  | { readonly op: 'create'; readonly before: undefined; readonly after: RecordRow }
  | { readonly op: 'update'; readonly before: RecordRow; readonly after: RecordRow }
  | { readonly op: 'delete'; readonly before: RecordRow; readonly after: undefined }
  | { readonly op: 'restore'; readonly before: undefined; readonly after: RecordRow };

/** What an observer is told about a write. */
export interface WriteEvent {
  readonly tx: SqlExecutor;
  readonly model: CompiledModel;
  readonly entity: CompiledEntity;
  readonly actor: Actor;
  /** Every record the write stored (a bulk create reports all of them at once). */
  readonly changes: readonly RecordChange[];
}

/**
 * Something that reacts to record writes inside the writing transaction: roll-up fields kept
 * current on the parent, workflow jobs enqueued in the outbox. It runs after the rows and the
 * audit entries are written; throwing rolls the whole write back.
 */
export interface WriteObserver {
  readonly name: string;
  afterWrite(event: WriteEvent): Promise<void>;
}

/** Tells every observer, in registration order. */
export async function notifyObservers(observers: readonly WriteObserver[], event: WriteEvent): Promise<void> {
  for (const observer of observers) await observer.afterWrite(event);
}
