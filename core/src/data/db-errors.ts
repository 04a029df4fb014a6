import { Errors, type KithError } from '../errors/index.js';
import type { CompiledEntity } from '../metadata/compile/compiled-types.js';

/**
 * Translates a driver error into a KithError where it is something the caller caused or can
 * retry (a unique value taken, the database busy); undefined for anything else.
 */
export function translateDbError(entity: CompiledEntity, error: unknown): KithError | undefined {
  const e = error as { code?: unknown; message?: unknown; constraint?: unknown };
  const message = typeof e.message === 'string' ? e.message : '';
  if (e.code === '23505' || /UNIQUE constraint failed/.test(message)) {
    const columns = typeof e.constraint === 'string' ? [e.constraint] : (/UNIQUE constraint failed: (.*)$/.exec(message)?.[1] ?? '').split(',').map((s) => s.trim().split('.').pop() ?? '');
    const fields = entity.fields.filter((f) => f.columns.some((c) => columns.some((col) => col === c.name || col.includes(`_${c.name}_`)))).map((f) => f.name);
    return Errors.uniqueViolated(entity.name, fields.length > 0 ? fields : columns);
  }
  if (e.code === 'SQLITE_BUSY' || /database is locked/.test(message) || e.code === '40001' || e.code === '55P03') {
    return Errors.databaseBusy(error);
  }
  return undefined;
}
