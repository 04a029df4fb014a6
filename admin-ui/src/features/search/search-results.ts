/** One hit of `GET /api/v1/search`. */
export interface SearchHit {
  readonly entity: string;
  readonly id: number;
  readonly title?: string | null;
  readonly score: number;
  readonly fields: readonly string[];
}

/** Hits of one entity, in the order of its best hit. */
export interface SearchGroup {
  readonly entity: string;
  readonly hits: readonly SearchHit[];
}

/** Groups ranked hits by entity: the entity of the best hit first, each group keeping the server's ranking. */
export function groupHits(hits: readonly SearchHit[]): SearchGroup[] {
  const groups = new Map<string, SearchHit[]>();
  for (const hit of hits) groups.set(hit.entity, [...(groups.get(hit.entity) ?? []), hit]);
  return [...groups.entries()].map(([entity, list]) => ({ entity, hits: list }));
}
