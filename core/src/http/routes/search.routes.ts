import type { FastifyInstance } from 'fastify';
import { Errors } from '../../errors/index.js';
import type { MetadataRegistry } from '../../metadata/registry.js';
import { SearchErrors } from '../../search/search-errors.js';
import type { SearchIndex } from '../../search/search-index.js';
import { MAX_QUERY_LENGTH, searchTerms } from '../../search/search-text.js';
import { actorOf } from '../request-context.js';

type RawQuery = Readonly<Record<string, string | string[] | undefined>>;
const ALLOWED = ['q', 'entities', 'limit'];
const MAX_LIMIT = 50;
const DEFAULT_LIMIT = 20;

function single(query: RawQuery, name: string): string | undefined {
  const v = query[name];
  if (Array.isArray(v)) throw Errors.invalidQuery(name, `Send "${name}" once.`);
  return v;
}

/** Global search over the searchable fields of every entity the caller may read. */
export function searchRoutes(server: FastifyInstance, registry: MetadataRegistry, search: SearchIndex): void {
  server.get<{ Querystring: RawQuery }>('/api/v1/search', async (request) => {
    const actor = actorOf(request);
    for (const key of Object.keys(request.query)) {
      if (!ALLOWED.includes(key)) throw Errors.invalidQuery(key, `"${key}" is not a query parameter here; use: ${ALLOWED.join(', ')}.`);
    }
    const q = single(request.query, 'q') ?? '';
    if (q.length > MAX_QUERY_LENGTH) throw SearchErrors.queryTooLong(MAX_QUERY_LENGTH);
    const terms = searchTerms(q);
    if (terms.length === 0) throw SearchErrors.queryRequired();
    const limitText = single(request.query, 'limit');
    const limit = limitText === undefined ? DEFAULT_LIMIT : /^\d{1,3}$/.test(limitText) ? Number(limitText) : Number.NaN;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw Errors.invalidQuery('limit', `limit is a whole number from 1 to ${MAX_LIMIT}.`);
    const entitiesText = single(request.query, 'entities');
    const entities = entitiesText === undefined ? undefined : [...new Set(entitiesText.split(',').map((e) => e.trim()).filter(Boolean))];
    const data = await search.search(registry.model, actor, { terms, limit, ...(entities && entities.length > 0 ? { entities } : {}) });
    return { data, terms };
  });
}
