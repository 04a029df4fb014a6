/**
 * The timeline's keyset cursor: the position of the last item handed out, in the timeline's
 * order — time descending, then entity name ascending, then id descending. Opaque to clients.
 */
export interface TimelinePosition {
  readonly at: string;
  readonly entity: string;
  readonly id: number;
}

/** Encodes a position as an opaque cursor. */
export function encodeCursor(position: TimelinePosition): string {
  return Buffer.from(JSON.stringify([position.at, position.entity, position.id])).toString('base64url');
}

/** Decodes a cursor, or undefined when it is not one of ours. */
export function decodeCursor(cursor: string): TimelinePosition | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return undefined;
    const [at, entity, id] = value as unknown[];
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof entity !== 'string' || !Number.isSafeInteger(id)) return undefined;
    return { at, entity, id: id as number };
  } catch {
    return undefined;
  }
}

/**
 * The filter that keeps a source's records strictly after `position` in timeline order: older
 * records; at the same instant, entities after the cursor's, and in the cursor's own entity,
 * lower ids.
 */
export function afterPosition(entity: string, timeField: string, position: TimelinePosition | undefined): Record<string, unknown> | undefined {
  if (!position) return undefined;
  if (entity < position.entity) return { [timeField]: { $lt: position.at } };
  if (entity > position.entity) return { [timeField]: { $lte: position.at } };
  return { $or: [{ [timeField]: { $lt: position.at } }, { [timeField]: position.at, id: { $lt: position.id } }] };
}

/** Compares two items in timeline order (newest first, then entity, then newest id). */
export function timelineOrder(a: TimelinePosition, b: TimelinePosition): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  if (a.entity !== b.entity) return a.entity < b.entity ? -1 : 1;
  return b.id - a.id;
}
