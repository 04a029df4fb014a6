import type { Grant } from './setup-api.js';

/** A role's grants as edited: entity → grant. */
export type Matrix = Readonly<Record<string, Grant>>;

const NONE = (g: Grant) => g.create === 'none' && g.read === 'none' && g.edit === 'none' && g.delete === 'none' && Object.keys(g.fields ?? {}).length === 0 && g.condition === undefined;
const same = (a: Grant | undefined, b: Grant | undefined) => JSON.stringify(normal(a)) === JSON.stringify(normal(b));
const normal = (g: Grant | undefined) =>
  g && !NONE(g) ? { create: g.create, read: g.read, edit: g.edit, delete: g.delete, fields: Object.fromEntries(Object.entries(g.fields ?? {}).sort(([a], [b]) => a.localeCompare(b))), condition: g.condition } : null;

/**
 * The `grants` of a role PATCH: only the entities whose grant changed — the new grant, or null
 * to take away a grant that is now "none" everywhere (an entity a role does not mention is out
 * of its reach, which is the same).
 */
export function changedGrants(before: Matrix, after: Matrix): Record<string, Grant | null> {
  const changes: Record<string, Grant | null> = {};
  for (const entity of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = before[entity];
    const now = after[entity];
    if (same(was, now)) continue;
    if (!now || NONE(now)) {
      if (was) changes[entity] = null;
      continue;
    }
    const { fields, condition, ...scopes } = now;
    changes[entity] = { ...scopes, ...(fields && Object.keys(fields).length > 0 ? { fields } : {}), ...(condition !== undefined ? { condition } : {}) };
  }
  return changes;
}
