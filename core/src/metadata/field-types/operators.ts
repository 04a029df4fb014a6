import type { FilterOperator } from './field-type.js';

/** Strings: equality, order, lists, patterns. */
export const TEXT_OPERATORS: readonly FilterOperator[] = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$like', '$ilike', '$null'];

/** Numbers, dates and date-times: equality, order and lists. */
export const ORDERED_OPERATORS: readonly FilterOperator[] = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$null'];

/** Booleans: order and patterns mean nothing. */
export const BOOLEAN_OPERATORS: readonly FilterOperator[] = ['$eq', '$ne', '$null'];

/** Choices and references (select, relation, user): an option value or id is compared, never ordered. */
export const CHOICE_OPERATORS: readonly FilterOperator[] = ['$eq', '$ne', '$in', '$nin', '$null'];

/** Sets (multiSelect): `$in` has any of, `$nin` has none of, `$null` is empty. */
export const SET_OPERATORS: readonly FilterOperator[] = ['$in', '$nin', '$null'];

/** Opaque values (json): only whether there is one. */
export const PRESENCE_OPERATORS: readonly FilterOperator[] = ['$null'];
