import { RuleErrors } from './rule-errors.js';

/**
 * Path segments a rule may never read. Own-property walking already keeps a rule out of
 * prototypes; refusing these names too means a rule cannot even name them, so a mistake
 * fails loudly instead of quietly reading `null`.
 */
export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

/** The first forbidden segment of a dotted path, or undefined when the path is readable. */
export function forbiddenSegmentOf(path: string): string | undefined {
  return path.split('.').find((segment) => FORBIDDEN_SEGMENTS.has(segment));
}

/** Returned by `readOwnPath` when nothing is there (distinct from a stored `null`). */
export const NOT_FOUND: unique symbol = Symbol('kith.rules.notFound');

/** A path as `var` and `missing` accept it; null, undefined and '' mean "the whole data". */
type PathKey = string | number | null | undefined;

function asPathKey(operator: string, key: unknown): PathKey {
  if (key === null || key === undefined || typeof key === 'string' || typeof key === 'number') return key;
  throw RuleErrors.evaluationFailed(`"${operator}" takes field paths (text or an array index), but got ${Array.isArray(key) ? 'an array' : typeof key}.`);
}

/**
 * Reads a dotted path (`amount.amount`, `lines.0.total`) through own properties only,
 * with json-logic-js's `var` semantics otherwise: an empty path is the whole data, and
 * only `undefined` counts as absent (a stored `null` is returned as `null`).
 */
export function readOwnPath(data: unknown, key: PathKey): unknown {
  if (key === null || key === undefined || key === '') return data;
  return readOwnSegments(data, String(key).split('.'));
}

/** `readOwnPath` for a path already split into segments (compiled rules split literal paths once). */
export function readOwnSegments(data: unknown, segments: readonly string[]): unknown {
  let current = data;
  for (const segment of segments) {
    if (current === null || current === undefined || !Object.hasOwn(current, segment)) return NOT_FOUND;
    current = (current as Record<string, unknown>)[segment];
    if (current === undefined) return NOT_FOUND;
  }
  return current;
}

/** `{"var": [path, default]}`: own properties only; a forbidden segment is an evaluation error. */
export function safeVar(args: readonly unknown[], data: unknown): unknown {
  const key = asPathKey('var', args[0]);
  if (typeof key === 'string') {
    const segment = forbiddenSegmentOf(key);
    if (segment !== undefined) {
      throw RuleErrors.evaluationFailed(`the variable "${key}" goes through "${segment}", which rules may not read.`);
    }
  }
  const value = readOwnPath(data, key);
  if (value !== NOT_FOUND) return value;
  return args[1] === undefined ? null : args[1];
}

/**
 * `{"missing": [paths…]}` (or one array of paths): the paths with no own value, or whose
 * value is null or ''. A path through a forbidden segment can never be read, so it is
 * reported missing — which is what a rule checking `{"missing": ["constructor"]}` needs.
 */
export function safeMissing(args: readonly unknown[], data: unknown): unknown[] {
  const keys: readonly unknown[] = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  const missing: unknown[] = [];
  for (const raw of keys) {
    const key = asPathKey('missing', raw);
    const blocked = typeof key === 'string' && forbiddenSegmentOf(key) !== undefined;
    const value = blocked ? NOT_FOUND : readOwnPath(data, key);
    if (value === NOT_FOUND || value === null || value === '') missing.push(raw);
  }
  return missing;
}

/** `{"missing_some": [count, [paths…]]}`: [] when at least `count` are present, else the missing ones. */
export function safeMissingSome(args: readonly unknown[], data: unknown): unknown[] {
  const [needed, options] = args;
  if (!Array.isArray(options)) {
    throw RuleErrors.evaluationFailed('"missing_some" takes [how many are needed, [field paths…]].');
  }
  const missing = safeMissing([options], data);
  return options.length - missing.length >= Number(needed) ? [] : missing;
}
