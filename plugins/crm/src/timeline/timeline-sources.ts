import type { MetadataReader } from '@kith/sdk';

/** One entity that contributes to the timeline of a root record, and how. */
export interface TimelineSource {
  readonly entity: string;
  /** Its relation fields pointing at the root entity (a record joins when any of them does). */
  readonly relations: readonly string[];
  /** The date-time field the timeline orders it by. */
  readonly timeField: string;
  readonly titleField: string | undefined;
}

/** What an administrator may tune (crm settings `timeline`). */
export interface TimelineTuning {
  /** `"quote"` leaves an entity out; `"lead.convertedAccount"` one relation. */
  readonly exclude: readonly string[];
  /** Entity → the date-time field that places it (default `occurredAt` when it has one, else `createdAt`). */
  readonly timeFields: Readonly<Record<string, string>>;
}

/**
 * The timeline's extension point, discovered from the effective metadata rather than
 * registered: **every entity with a relation to the root entity contributes** — crm's own
 * (contacts, activities), other plugins' (sales' opportunities, quotes, converted leads) and a
 * consultant's custom entities alike, with no code. An entity is placed in time by a date-time
 * field named `occurredAt` when it has one, otherwise by `createdAt`. Relations of the root
 * entity to itself (an account's parent) are not part of its story and are left out.
 */
export function timelineSources(metadata: MetadataReader, root: string, tuning: TimelineTuning): TimelineSource[] {
  const excluded = new Set(tuning.exclude);
  const sources: TimelineSource[] = [];
  for (const entity of metadata.entities()) {
    if (entity.name === root || excluded.has(entity.name)) continue;
    const relations = entity.fields
      .filter((f) => f.type === 'relation' && f.target === root && !f.hidden && !excluded.has(`${entity.name}.${f.name}`))
      .map((f) => f.name);
    if (relations.length === 0) continue;
    const configured = tuning.timeFields[entity.name];
    const configuredField = configured ? entity.fields.find((f) => f.name === configured && f.type === 'datetime') : undefined;
    const occurredAt = entity.fields.find((f) => f.name === 'occurredAt' && f.type === 'datetime');
    const timeField = configured === 'createdAt' || configured === 'updatedAt' ? configured : (configuredField ?? occurredAt)?.name ?? 'createdAt';
    sources.push({ entity: entity.name, relations, timeField, titleField: entity.titleField });
  }
  return sources.sort((a, b) => (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : 0));
}
