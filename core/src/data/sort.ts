import { Errors } from '../errors/index.js';
import type { CompiledEntity } from '../metadata/compile/compiled-types.js';
import { resolveColumn, type ColumnRef } from './field-paths.js';

/** One key of a sort. */
export interface SortKey {
  readonly ref: ColumnRef;
  readonly descending: boolean;
}

const MAX_SORT_KEYS = 5;

/**
 * Parses `-amount,name` into sort keys. `id` is always the last key (added when absent, in the
 * direction of the key before it) so the order is total and keyset cursors are stable.
 * Default: newest first.
 */
export function parseSort(entity: CompiledEntity, sort: string | undefined, visible?: ReadonlySet<string>): SortKey[] {
  const text = sort?.trim() ? sort : '-id';
  const keys: SortKey[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (item === '') throw Errors.invalidSort(`The sort "${text}" has an empty key; write e.g. sort=-amount,name.`);
    const descending = item.startsWith('-');
    const path = descending || item.startsWith('+') ? item.slice(1) : item;
    if (seen.has(path)) throw Errors.invalidSort(`"${path}" appears twice in the sort.`, path);
    seen.add(path);
    const ref = resolveColumn(entity, path, 'sort', visible);
    if (ref.kind === 'json') throw Errors.invalidSort(`${entity.name}.${path} holds JSON and cannot be sorted.`, path);
    keys.push({ ref, descending });
  }
  if (keys.length > MAX_SORT_KEYS) throw Errors.invalidSort(`Sort by at most ${MAX_SORT_KEYS} keys.`);
  // The id tie-break follows the last key's direction, so an index on (…, key, id) serves the
  // whole ORDER BY in one scan (forwards or backwards) instead of a sort of the ties.
  if (!seen.has('id')) keys.push({ ref: resolveColumn(entity, 'id', 'sort'), descending: keys[keys.length - 1]!.descending });
  return keys;
}

/** The canonical text of a sort (bound into cursors). */
export function sortSignature(keys: readonly SortKey[]): string {
  return keys.map((k) => `${k.descending ? '-' : ''}${k.ref.path}`).join(',');
}
