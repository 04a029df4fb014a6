import type { SqlExecutor } from '../data/database.js';
import { Errors } from '../errors/index.js';
import type { CompiledEntity } from '../metadata/compile/compiled-types.js';
import { auditStore, type AuditEntry } from './audit-store.js';
import { toPage, type HistoryQuery } from './history-query.js';

/** A page of a record's history, newest first. */
export interface HistoryPage {
  readonly data: AuditEntry[];
  readonly nextCursor: string | null;
}

/**
 * A record's audit entries, newest first. A deleted record's history stays readable (it is
 * history); an id that never existed is a 404, so an empty page always means "no entries yet".
 */
export async function recordHistory(db: SqlExecutor, entity: CompiledEntity, id: number, query: HistoryQuery): Promise<HistoryPage> {
  if (!(await auditStore.recordKnown(db, entity.table, entity.name, id))) throw Errors.recordNotFound(entity.name, id);
  const rows = await auditStore.page(db, entity.name, id, query.limit, query.before);
  return toPage(rows, query.limit, (e) => e.id);
}
