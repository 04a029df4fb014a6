import { api, query } from './client.js';
import type { Abilities, EntityDetail, EntityMeta, FilterPath, Me, UiContributions } from './types.js';

/**
 * Metadata the screens share, fetched once per sign-in and kept while the session lasts
 * (`clearCaches` on sign-in and sign-out). Promises are cached, so screens asking at the same
 * time share one request.
 */
const cache = new Map<string, Promise<unknown>>();

function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let hit = cache.get(key) as Promise<T> | undefined;
  if (!hit) {
    hit = load();
    cache.set(key, hit);
    hit.catch(() => cache.delete(key));
  }
  return hit;
}

/** Forgets everything (another user, or changed metadata). */
export function clearCaches(): void {
  cache.clear();
  people.clear();
}

/** The entities the caller may read. */
export const loadEntities = () => cached('entities', async () => (await api<{ data: EntityMeta[] }>('GET', '/metadata/entities')).data);

/** What the running plugins add to the UI for the caller; none when the server cannot say. */
export const loadContributions = () =>
  cached('contributions', () => api<UiContributions>('GET', '/ui/contributions').catch((): UiContributions => ({ menu: [], recordPanels: [] })));

/** One entity with its JSON Schema and inverse lists. */
export const loadEntity = (name: string) => cached(`entity:${name}`, () => api<EntityDetail>('GET', `/metadata/entities/${encodeURIComponent(name)}`));

/** The paths the caller may filter and sort on. */
export const loadFilterPaths = (name: string) =>
  cached(`filters:${name}`, async () => (await api<{ data: FilterPath[] }>('GET', `/metadata/entities/${encodeURIComponent(name)}/filters`)).data);

interface Explain {
  readonly operations: Readonly<Record<string, { readonly allowed: boolean }>>;
  readonly fields: readonly { readonly name: string; readonly read: boolean; readonly edit: boolean }[];
}

/** What the caller may do on an entity, asked of the server's explain endpoint (same filters as the queries). */
export const loadAbilities = (me: Me, name: string): Promise<Abilities> =>
  cached(`abilities:${name}`, async () => {
    const explain = await api<Explain>('GET', `/access/explain${query({ user: me.id, entity: name })}`);
    const allowed = (op: string) => explain.operations[op]?.allowed === true;
    return {
      create: allowed('create'),
      edit: allowed('edit'),
      delete: allowed('delete'),
      readOnlyFields: new Set(explain.fields.filter((f) => f.read && !f.edit).map((f) => f.name)),
    };
  });

const people = new Map<number, Promise<string>>();

/** Names of users by id, batched per call (user fields hold ids). */
export async function personNames(ids: readonly number[]): Promise<Map<number, string>> {
  const missing = [...new Set(ids)].filter((id) => !people.has(id));
  if (missing.length > 0) {
    const batch = api<{ data: { id: number; name: string }[] }>('GET', `/people${query({ ids: missing.join(',') })}`).then((r) => new Map(r.data.map((p) => [p.id, p.name])));
    for (const id of missing) people.set(id, batch.then((m) => m.get(id) ?? `#${id}`, () => `#${id}`));
  }
  const names = await Promise.all(ids.map(async (id) => [id, await people.get(id)!] as const));
  return new Map(names);
}

/** Active users whose name contains `text` (assignee pickers). */
export async function searchPeople(text: string): Promise<{ id: number; name: string }[]> {
  return (await api<{ data: { id: number; name: string }[] }>('GET', `/people${query({ q: text })}`)).data;
}
