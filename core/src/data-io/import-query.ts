import { Errors } from '../errors/index.js';
import { DELIMITERS, IMPORT_MODES, mappingShapeProblems, ON_MATCH, type Delimiter, type Encoding, type ImportMapping, type ImportMode } from './import-options.js';

/** A raw query string. */
export type RawQuery = Readonly<Record<string, string | string[] | undefined>>;

/** The options of `POST /api/v1/import/:entity` as given (a saved mapping is resolved by the caller). */
export interface ImportQuery {
  readonly mode: ImportMode;
  readonly dryRun: boolean;
  readonly background: boolean;
  readonly mappingId: string | undefined;
  /** The inline mapping with the single options (dateFormat, delimiter, …) laid over it. */
  readonly overrides: ImportMapping;
}

const IMPORT_PARAMS = ['mode', 'dryRun', 'background', 'mappingId', 'mapping', 'dateFormat', 'delimiter', 'decimalSeparator', 'encoding', 'match', 'onMatch'];
const ENCODING_NAMES: Record<string, Encoding> = { 'utf-8': 'utf-8', utf8: 'utf-8', 'windows-1252': 'windows-1252', cp1252: 'windows-1252', 'iso-8859-1': 'windows-1252', latin1: 'windows-1252' };
const DELIMITER_NAMES: Record<string, Delimiter> = { comma: ',', semicolon: ';', tab: '\t', pipe: '|' };

/** One value of a parameter (empty counts as absent); sent twice is a 400. */
export function querySingle(query: RawQuery, name: string): string | undefined {
  const v = query[name];
  if (Array.isArray(v)) throw Errors.invalidQuery(name, `Send "${name}" once.`);
  return v === '' ? undefined : v;
}

/** A true/false parameter (absent is false; `?dryRun` alone is true). */
export function queryFlag(query: RawQuery, name: string): boolean {
  if (query[name] === '') return true;
  const v = querySingle(query, name);
  if (v === undefined || v === 'false' || v === '0') return false;
  if (v === 'true' || v === '1') return true;
  throw Errors.invalidQuery(name, `${name} is true or false.`);
}

/** Only the named parameters; anything else is a 400 listing them. */
export function checkParams(query: RawQuery, allowed: readonly string[]): void {
  for (const key of Object.keys(query)) {
    if (!allowed.includes(key)) throw Errors.invalidQuery(key, `"${key}" is not a query parameter here; use: ${allowed.join(', ')}.`);
  }
}

/** A separator by character (URL-encoded: `%3B` for `;`) or by name (comma, semicolon, tab, pipe). */
export function parseDelimiter(text: string | undefined): Delimiter | undefined {
  if (text === undefined) return undefined;
  const d = DELIMITER_NAMES[text.toLowerCase()] ?? ((DELIMITERS as readonly string[]).includes(text) ? (text as Delimiter) : undefined);
  if (!d) throw Errors.invalidQuery('delimiter', `delimiter is one of , ; | or a tab (URL-encoded, e.g. delimiter=%3B), or its name: comma, semicolon, tab, pipe; got ${JSON.stringify(text)}.`);
  return d;
}

/** An encoding by name (utf-8, windows-1252, and their usual aliases: cp1252, latin1, iso-8859-1). */
export function parseEncoding(text: string | undefined, parameter = 'encoding'): Encoding | undefined {
  if (text === undefined) return undefined;
  const e = ENCODING_NAMES[text.trim().toLowerCase()];
  if (!e) throw Errors.invalidQuery(parameter, `${parameter} is utf-8 or windows-1252 (also written cp1252, latin1, iso-8859-1); got ${JSON.stringify(text)}.`);
  return e;
}

/**
 * Reads the import options: `mode` (allOrNothing, the default, or keepGood), `dryRun`,
 * `background`, a saved `mappingId` or an inline `mapping` (JSON), and single options laid
 * over it: `dateFormat`, `delimiter`, `decimalSeparator`, `match` (comma-separated fields) with
 * `onMatch`.
 */
export function parseImportQuery(query: RawQuery): ImportQuery {
  checkParams(query, IMPORT_PARAMS);
  const mode = querySingle(query, 'mode') ?? 'allOrNothing';
  if (!(IMPORT_MODES as readonly string[]).includes(mode)) throw Errors.invalidQuery('mode', `mode is allOrNothing (any rejected row stores nothing) or keepGood (stores the good rows, returns the rejected ones); got ${JSON.stringify(mode)}.`);
  const mappingId = querySingle(query, 'mappingId');
  const mappingText = querySingle(query, 'mapping');
  if (mappingId !== undefined && mappingText !== undefined) throw Errors.invalidQuery('mapping', 'Send a saved mappingId or an inline mapping, not both.');
  let mapping: Record<string, unknown> = {};
  if (mappingText !== undefined) {
    try {
      mapping = JSON.parse(mappingText) as Record<string, unknown>;
    } catch (error) {
      throw Errors.invalidQuery('mapping', `mapping is not valid JSON (${(error as Error).message}). Example: mapping={"columns":{"E-mail":"email"},"dateFormat":"DD/MM/YYYY"}`);
    }
  }
  const delimiter = parseDelimiter(querySingle(query, 'delimiter'));
  const dateFormat = querySingle(query, 'dateFormat');
  const decimalSeparator = querySingle(query, 'decimalSeparator');
  const encoding = parseEncoding(querySingle(query, 'encoding'));
  const match = querySingle(query, 'match');
  const onMatch = querySingle(query, 'onMatch');
  if ((match === undefined) !== (onMatch === undefined)) throw Errors.invalidQuery(match === undefined ? 'match' : 'onMatch', `Send match (the fields that identify a record) together with onMatch (${ON_MATCH.join(', ')}).`);
  const overrides = {
    ...mapping,
    ...(delimiter !== undefined ? { delimiter } : {}),
    ...(dateFormat !== undefined ? { dateFormat } : {}),
    ...(decimalSeparator !== undefined ? { decimalSeparator } : {}),
    ...(encoding !== undefined ? { encoding } : {}),
    ...(match !== undefined ? { dedupe: { match: match.split(',').map((m) => m.trim()).filter(Boolean), onMatch } } : {}),
  };
  const problems = mappingShapeProblems(overrides);
  if (problems.length > 0) throw Errors.invalidQuery(problems[0]!.field ?? 'mapping', problems.map((p) => p.message).join(' '));
  return { mode: mode as ImportMode, dryRun: queryFlag(query, 'dryRun'), background: queryFlag(query, 'background'), mappingId, overrides: overrides as ImportMapping };
}

/** A saved mapping with the request's single options laid over it. */
export function withOverrides(saved: ImportMapping, overrides: ImportMapping): ImportMapping {
  return { ...saved, ...overrides };
}
