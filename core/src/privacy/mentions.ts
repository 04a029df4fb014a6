import type { RecordRow } from '../data/row-mapper.js';
import type { CompiledEntity } from '../metadata/compile/compiled-types.js';
import { PERSONAL_TYPES } from './anonymise.js';
import type { StoredRecord } from './subject-records.js';

/** A record that keeps existing after the request but whose text repeats the subject's personal data. */
export interface Mention {
  readonly entity: string;
  readonly id: number;
  readonly fields: readonly string[];
}

const MIN_LENGTH = 3;

function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(texts);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(texts);
  return [];
}

/** The subject's personal values worth looking for elsewhere: each name part, email, phone… (3 characters or more). */
export function personalValues(entity: CompiledEntity, record: RecordRow): string[] {
  const values = entity.fields.filter((f) => PERSONAL_TYPES.has(f.def.type) && f.def.type !== 'longText' && f.def.type !== 'json').flatMap((f) => texts(record[f.name]));
  return [...new Set(values.map((v) => v.trim().toLowerCase()).filter((v) => v.length >= MIN_LENGTH))];
}

/**
 * The records among `rows` whose text fields contain one of `values` (case-insensitive): a
 * deal titled "Renewal for Ana García", an activity "Call ana@example.com". Kith cannot know
 * whether such text is about the person, so a request never changes it on its own; the plan
 * lists these records, so an administrator can erase them too (`alsoErase`) or edit them.
 */
export function findMentions(values: readonly string[], entity: CompiledEntity, rows: readonly StoredRecord[]): Mention[] {
  if (values.length === 0) return [];
  const out: Mention[] = [];
  for (const { record } of rows) {
    const fields = entity.fields
      .filter((f) => PERSONAL_TYPES.has(f.def.type) || f.def.type === 'computed')
      .filter((f) => texts(record[f.name]).some((t) => values.some((v) => t.toLowerCase().includes(v))))
      .map((f) => f.name);
    if (fields.length > 0) out.push({ entity: entity.name, id: record.id as number, fields });
  }
  return out;
}
