import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { ErrorDetail } from '../errors/index.js';

/** The cell separators an import reads (and an export writes). */
export const DELIMITERS = [',', ';', '\t', '|'] as const;
/** One cell separator. */
export type Delimiter = (typeof DELIMITERS)[number];

/** The character encodings an import reads: UTF-8, and Windows-1252 (what Excel's plain "CSV" saves on Windows; Latin-1 reads the same). */
export const ENCODINGS = ['utf-8', 'windows-1252'] as const;
/** One character encoding. */
export type Encoding = (typeof ENCODINGS)[number];

/** allOrNothing: any rejected row stores nothing. keepGood: good rows are stored, rejected ones come back as a CSV. */
export const IMPORT_MODES = ['allOrNothing', 'keepGood'] as const;
/** How an import treats rejected rows. */
export type ImportMode = (typeof IMPORT_MODES)[number];

/** What a row that matches an existing record does. */
export const ON_MATCH = ['skip', 'update', 'create'] as const;

const FieldName = Type.String({ minLength: 1, maxLength: 100 });

/** How a file's columns become field values: one schema for saved mappings, query options and the CLI's mapping file. */
export const ImportMappingSchema = Type.Object(
  {
    /** CSV header → field name; null ignores the column. Headers not listed match a field by name or label. */
    columns: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 200 }), Type.Union([FieldName, Type.Null()]))),
    /** How date cells are written: YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY, D.M.YYYY… Required when a date column is mapped. */
    dateFormat: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    /** The decimal separator of number and money cells (default '.'; '1,500' is then refused as ambiguous). */
    decimalSeparator: Type.Optional(Type.Union([Type.Literal('.'), Type.Literal(',')])),
    /** The file's character encoding (default utf-8). */
    encoding: Type.Optional(Type.Union(ENCODINGS.map((e) => Type.Literal(e)))),
    /** The cell separator; detected from the header row when left out. */
    delimiter: Type.Optional(Type.Union(DELIMITERS.map((d) => Type.Literal(d)))),
    /** Relation field → the target's field its cells hold (an account by its name); without it a cell is the target's id. */
    relations: Type.Optional(Type.Record(FieldName, FieldName)),
    /** Which fields identify an existing record, and what a row matching one does. */
    dedupe: Type.Optional(
      Type.Object(
        { match: Type.Array(FieldName, { minItems: 1, maxItems: 5 }), onMatch: Type.Union(ON_MATCH.map((m) => Type.Literal(m))) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** How a file's columns become field values. */
export type ImportMapping = Static<typeof ImportMappingSchema>;

/** A mapping saved for reuse: a name and the entity it is for. */
export const SavedMappingInputSchema = Type.Composite([
  Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), entity: Type.String({ minLength: 1, maxLength: 100 }) }),
  ImportMappingSchema,
], { additionalProperties: false });

/** The body of `POST /api/v1/import/mappings`. */
export type SavedMappingInput = Static<typeof SavedMappingInputSchema>;

const mappingCheck = TypeCompiler.Compile(ImportMappingSchema);
const savedCheck = TypeCompiler.Compile(SavedMappingInputSchema);

/** The problems with a mapping's shape (empty when fine); `at` prefixes each field path. */
export function mappingShapeProblems(value: unknown, saved = false, at = ''): ErrorDetail[] {
  const check = saved ? savedCheck : mappingCheck;
  if (check.Check(value)) return [];
  const out: ErrorDetail[] = [];
  for (const error of check.Errors(value)) {
    const path = error.path.split('/').filter(Boolean).join('.');
    const field = `${at}${path}`;
    const message =
      error.schema && (error.schema as { const?: unknown }).const !== undefined
        ? `${field || 'mapping'} must be one of the allowed values; got ${JSON.stringify(error.value)}.`
        : `${field || 'mapping'}: ${error.message.replace(/^Expected/, 'must be')}${path === '' ? ` (known keys: columns, dateFormat, decimalSeparator, encoding, delimiter, relations, dedupe${saved ? ', name, entity' : ''})` : ''}.`;
    if (!out.some((o) => o.field === field)) out.push({ field: field || 'mapping', code: 'KITH_IMPORT_MAPPING_INVALID', message });
  }
  return out;
}
