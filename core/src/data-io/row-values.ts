import type { ImportPlan } from './column-plan.js';
import type { CsvRow } from './csv-reader.js';

/** One problem with one row: the column and field it concerns, a stable code and what to do. */
export interface RowProblem {
  readonly column?: string;
  readonly field?: string;
  readonly code: string;
  readonly message: string;
}

/** A row read through the plan: the values to write, relation keys still to look up, and its problems. */
export interface ParsedRow {
  readonly source: CsvRow;
  /** Field → value as API input. Blank cells are left out: a new record takes the field's default, an updated one keeps its value. */
  readonly values: Record<string, unknown>;
  /** Relation field → the key value its cell names (resolved to an id before writing). */
  readonly keys: Map<string, unknown>;
  /** The `id` cell, when the file has one. */
  readonly id: number | undefined;
  readonly problems: RowProblem[];
}

/** `'=1+2` as an export neutralised it (see csv-writer.ts): the quote goes, the text stays. */
const NEUTRALISED = /^'[=+\-@\t\r]/;

/** Reads one record's cells into field values with each field type's own CSV reader. */
export function parseRow(plan: ImportPlan, width: number, source: CsvRow): ParsedRow {
  const values: Record<string, unknown> = {};
  const keys = new Map<string, unknown>();
  const problems: RowProblem[] = [];
  const parsed = { source, values, keys, id: undefined as number | undefined, problems };
  if (source.problem) {
    problems.push({ code: 'KITH_IMPORT_ROW_UNREADABLE', message: source.problem });
    return parsed;
  }
  const { cells } = source;
  if (cells.length < width || !blankFrom(cells, width)) {
    problems.push({ code: 'KITH_IMPORT_ROW_WIDTH', message: `this row has ${cells.length} cells but the header has ${width}; check for a separator inside an unquoted cell, or a missing one` });
    return parsed;
  }
  for (const column of plan.columns) {
    let cell = cells[column.index]!;
    if (NEUTRALISED.test(cell)) cell = cell.slice(1);
    const reader = column.key ? column.key.field : column.field;
    const read = reader.type.parseCsv(reader.def, cell, plan.parse);
    if (!read.ok) {
      problems.push({ column: column.header, field: column.field.name, code: 'KITH_FIELD_INVALID', message: `${column.header}: ${read.message}` });
    } else if (read.value !== null) {
      if (column.key) keys.set(column.field.name, read.value);
      else values[column.field.name] = read.value;
    }
  }
  if (plan.idColumn !== undefined) {
    const text = cells[plan.idColumn]!.trim();
    if (/^[1-9]\d{0,15}$/.test(text)) parsed.id = Number(text);
    else if (text !== '') problems.push({ column: 'id', code: 'KITH_FIELD_INVALID', message: `id: ${JSON.stringify(text)} is not a record id (a positive whole number); leave it empty for a new record` });
  }
  return parsed;
}

/** True when every cell from `start` on is blank (spreadsheets pad rows with empty cells). */
function blankFrom(cells: readonly string[], start: number): boolean {
  for (let i = start; i < cells.length; i++) if (cells[i]!.trim() !== '') return false;
  return true;
}
