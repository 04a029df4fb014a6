/**
 * Operators Kith compiles itself, because they decide what to evaluate and with
 * which data: `if`/`and`/`or` short-circuit, and the iterating ones evaluate their second
 * argument once per element with the element as data.
 */
export const CONTROL_OPERATORS = ['if', '?:', 'and', 'or', 'map', 'filter', 'reduce', 'all', 'some', 'none'] as const;

/** The control operators that loop over an array (their second argument runs per element). */
export const ITERATING_OPERATORS: ReadonlySet<string> = new Set(['map', 'filter', 'reduce', 'all', 'some', 'none']);

/** Operators that read the data; Kith answers them from own properties only (see safe-data-access.ts). */
export const DATA_OPERATORS = ['var', 'missing', 'missing_some'] as const;

/** Pure operators over already-evaluated arguments; json-logic-js computes them. */
export const VALUE_OPERATORS = [
  '==', '===', '!=', '!==', '>', '>=', '<', '<=', '!', '!!',
  '+', '-', '*', '/', '%', 'min', 'max',
  'in', 'cat', 'substr', 'merge',
] as const;

/**
 * Every operator a rule may use without a plugin: json-logic-js 2.0.5's, except `log`,
 * which writes to the server's console (a side effect a stored rule must not have).
 */
export const BUILTIN_OPERATORS: readonly string[] = Object.freeze([...CONTROL_OPERATORS, ...DATA_OPERATORS, ...VALUE_OPERATORS]);
