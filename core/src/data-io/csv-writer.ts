/** Line end of the CSV Kith writes (RFC 4180). */
export const CSV_EOL = '\r\n';

/** The UTF-8 byte order mark: Excel reads a file as UTF-8 only with it. */
export const UTF8_BOM = '\ufeff';

/** A cell a spreadsheet would run as a formula: `=`, `+`, `-`, `@`, or a tab or carriage return first. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Numbers and amounts such as `-12`, `+3.5`, `-1,234.50 EUR`: they start with a sign but are no formula. */
const SIGNED_NUMBER = /^[+-]?\d[\d.,]*(?: [A-Z]{3})?$/;

/**
 * Neutralises CSV (formula) injection as OWASP advises: a cell a spreadsheet would evaluate
 * gets a leading `'`, so `=HYPERLINK(…)` is shown as text instead of run. Signed numbers
 * (`-12`, `+4930901820`, `-12.50 EUR`) are left alone; an import strips the quote again.
 */
export function neutralise(cell: string): string {
  return FORMULA_START.test(cell) && !SIGNED_NUMBER.test(cell) ? `'${cell}` : cell;
}

/** One CSV cell, quoted when it holds the separator, a quote or a line break. */
export function csvCell(cell: string, delimiter: string): string {
  return cell.includes(delimiter) || cell.includes('"') || cell.includes('\n') || cell.includes('\r') ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** One CSV line, with its line end. */
export function csvLine(cells: readonly string[], delimiter: string): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) out += (i === 0 ? '' : delimiter) + csvCell(cells[i]!, delimiter);
  return out + CSV_EOL;
}
