import { api, query } from '../api/client.js';
import { loadEntities, personNames } from '../api/metadata.js';
import type { EntityMeta, FieldMeta, RecordRow } from '../api/types.js';
import { recordTitle } from './format.js';
import type { I18n } from './i18n.js';

const titles = new Map<string, Promise<string>>();

/** Forgets cached titles (sign-out, or after a record's title changed). */
export function clearTitles(): void {
  titles.clear();
}

/** The filter that finds records of `entity` whose title contains `text`. */
export function titleSearch(entity: EntityMeta, text: string): Record<string, unknown> {
  const field = entity.fields.find((f) => f.name === entity.titleField);
  const like = { $ilike: `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
  if (!field) return /^\d+$/.test(text) ? { id: Number(text) } : { id: -1 };
  if (field.type === 'personName') return { $or: [{ [`${field.name}.first`]: like }, { [`${field.name}.last`]: like }] };
  return { [field.name]: like };
}

/** Titles of records of `target` by id, batched (relation fields hold ids); `#id` for one the caller cannot read. */
export async function recordTitles(target: string, ids: readonly number[], i18n: I18n): Promise<Map<number, string>> {
  const missing = [...new Set(ids)].filter((id) => !titles.has(`${target}:${id}`));
  if (missing.length > 0) {
    const batch = (async () => {
      const entity = (await loadEntities()).find((e) => e.name === target);
      if (!entity) return new Map<number, string>();
      const fields = entity.titleField ? `&fields=${encodeURIComponent(entity.titleField)}` : '';
      const page = await api<{ data: RecordRow[] }>('GET', `/records/${encodeURIComponent(target)}${query({ filter: { id: { $in: missing } }, limit: 500 })}${fields}`);
      return new Map(page.data.map((r) => [r.id, recordTitle(entity, r, i18n)]));
    })();
    for (const id of missing) titles.set(`${target}:${id}`, batch.then((m) => m.get(id) ?? `#${id}`, () => `#${id}`));
  }
  return new Map(await Promise.all(ids.map(async (id) => [id, await titles.get(`${target}:${id}`)!] as const)));
}

/**
 * Display names for the relation and user values in `rows`: keys `<target>:<id>` and
 * `user:<id>`, as `formatValue` reads them.
 */
export async function namesFor(fields: readonly FieldMeta[], rows: readonly Readonly<Record<string, unknown>>[], i18n: I18n, withSystemUsers = false): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const userIds: number[] = [];
  const byTarget = new Map<string, number[]>();
  for (const row of rows) {
    for (const field of fields) {
      const value = row[field.name];
      if (typeof value !== 'number') continue;
      if (field.type === 'user') userIds.push(value);
      else if (field.type === 'relation' && field.target) byTarget.set(field.target, [...(byTarget.get(field.target) ?? []), value]);
    }
    if (withSystemUsers) for (const key of ['createdBy', 'updatedBy']) if (typeof row[key] === 'number') userIds.push(row[key] as number);
  }
  const jobs: Promise<void>[] = [];
  if (userIds.length) jobs.push(personNames(userIds).then((m) => m.forEach((name, id) => names.set(`user:${id}`, name))));
  for (const [target, ids] of byTarget) jobs.push(recordTitles(target, ids, i18n).then((m) => m.forEach((title, id) => names.set(`${target}:${id}`, title))));
  await Promise.all(jobs);
  return names;
}
