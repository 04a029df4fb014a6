import { KithError } from '../errors/index.js';

/** Named factories for search errors; codes are stable API. */
export const SearchErrors = {
  queryRequired: () =>
    new KithError({ code: 'KITH_SEARCH_QUERY_INVALID', status: 400, field: 'q', message: 'Give the words to search for in "q", e.g. ?q=acme (letters and digits count; other characters only separate words).' }),

  queryTooLong: (max: number) =>
    new KithError({ code: 'KITH_SEARCH_QUERY_INVALID', status: 400, field: 'q', message: `"q" is longer than ${max} characters; search for fewer words.` }),

  entityNotSearchable: (entity: string, searchable: readonly string[]) =>
    new KithError({
      code: 'KITH_SEARCH_ENTITY_INVALID',
      status: 400,
      field: 'entities',
      message: `"${entity}" is not an entity you can search. ${searchable.length > 0 ? `Searchable: ${searchable.join(', ')}.` : 'No entity you can read has searchable fields.'}`,
    }),
};
