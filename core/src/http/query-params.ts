import type { ListQuery } from '@kith/sdk';
import { Errors } from '../errors/index.js';

/** The raw query string of a list request. */
export type RawQuery = Readonly<Record<string, string | string[] | undefined>>;

const LIST_PARAMS = new Set(['filter', 'sort', 'limit', 'cursor', 'fields', 'expand', 'count', 'deleted']);
const GET_PARAMS = new Set(['fields', 'expand']);

function single(query: RawQuery, name: string): string | undefined {
  const v = query[name];
  if (Array.isArray(v)) throw Errors.invalidQuery(name, `Send "${name}" once.`);
  return v;
}

function list(query: RawQuery, name: string): string[] | undefined {
  const v = single(query, name);
  return v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean);
}

function checkKnown(query: RawQuery, allowed: Set<string>): void {
  for (const key of Object.keys(query)) {
    if (!allowed.has(key)) throw Errors.invalidQuery(key, `"${key}" is not a query parameter here; use: ${[...allowed].join(', ')}.`);
  }
}

/** Parses `filter` (JSON), `sort`, `limit`, `cursor`, `fields`, `expand`, `count`. */
export function parseListQuery(query: RawQuery): ListQuery & { deleted: boolean } {
  checkKnown(query, LIST_PARAMS);
  const filterText = single(query, 'filter');
  let filter: Record<string, unknown> | undefined;
  if (filterText !== undefined && filterText !== '') {
    if (filterText.length > 20_000) throw Errors.invalidFilter('The filter is longer than 20,000 characters.');
    try {
      filter = JSON.parse(filterText) as Record<string, unknown>;
    } catch (error) {
      throw Errors.invalidFilter(`filter is not valid JSON (${(error as Error).message}). Example: filter={"stage":"won","amount":{"$gt":5000}}`);
    }
  }
  const limitText = single(query, 'limit');
  const limit = limitText === undefined ? undefined : /^\d{1,6}$/.test(limitText) ? Number(limitText) : Number.NaN;
  const cursor = single(query, 'cursor');
  const sort = single(query, 'sort');
  const fields = list(query, 'fields');
  const expand = list(query, 'expand');
  return {
    ...(filter !== undefined ? { filter } : {}),
    ...(sort !== undefined ? { sort } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(cursor ? { cursor } : {}),
    ...(fields ? { fields } : {}),
    ...(expand ? { expand } : {}),
    count: flag(query, 'count'),
    deleted: flag(query, 'deleted'),
  };
}

/** Parses `fields` and `expand` of a single-record read. */
export function parseGetQuery(query: RawQuery): { fields?: string[]; expand?: string[] } {
  checkKnown(query, GET_PARAMS);
  const fields = list(query, 'fields');
  const expand = list(query, 'expand');
  return { ...(fields ? { fields } : {}), ...(expand ? { expand } : {}) };
}

function flag(query: RawQuery, name: string): boolean {
  const v = single(query, name);
  if (v === undefined || v === 'false' || v === '0') return false;
  if (v === 'true' || v === '1' || v === '') return true;
  throw Errors.invalidQuery(name, `${name} is true or false.`);
}

/** Parses a record id path segment. */
export function parseId(text: string): number {
  if (!/^[1-9]\d{0,15}$/.test(text)) throw Errors.invalidId(text);
  const id = Number(text);
  if (!Number.isSafeInteger(id)) throw Errors.invalidId(text);
  return id;
}

/** The version a write carries: body `version`, else an `If-Match` header. */
export function versionFrom(body: unknown, ifMatch: string | undefined): number | undefined {
  if (body && typeof body === 'object' && 'version' in body) {
    const v = (body as { version: unknown }).version;
    if (typeof v !== 'number') throw Errors.invalidBody('"version" must be the whole number you read from the record.');
    return v;
  }
  if (ifMatch) {
    const m = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
    if (!m) throw Errors.invalidBody('If-Match must be the record\'s version, e.g. If-Match: "3".');
    return Number(m[1]);
  }
  return undefined;
}
