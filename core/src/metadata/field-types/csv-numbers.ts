import type { ValueCheck } from './field-type.js';
import { accept, quote, refuse } from './value-check.js';

// Spaces (including the no-break spaces French and Swiss exports use) group thousands unambiguously.
const SPACES = /[\u0020\u00a0\u202f]/g;
const SCIENTIFIC = /^[+-]?[\d.,]*\d[eE][+-]?\d+$/;

/** sign, whole part (plain, or grouped by a space or the other mark, consistently), group mark, fraction. */
function numberPattern(separator: '.' | ','): RegExp {
  const group = separator === '.' ? ',' : '\\.';
  const point = separator === '.' ? '\\.' : ',';
  return new RegExp(`^([+-]?)(\\d{1,3}(?:([ ${group}])\\d{3})(?:\\3\\d{3})*|\\d+)(?:${point}(\\d+))?$`);
}
const PATTERNS = { '.': numberPattern('.'), ',': numberPattern(',') } as const;

/**
 * Reads a number from a CSV cell. Thousands grouped with the other punctuation mark
 * (`1,234.50`, or `1.234,50` with `,` declared) are accepted only when they cannot be
 * misread: with the separator merely defaulted, `1,500` could be 1.5 from a European file,
 * so it is refused instead of guessed. Scientific notation is refused: a spreadsheet that
 * writes `5.1E+10` has already rounded the number.
 */
export function parseCsvNumber(cell: string, declared?: '.' | ','): ValueCheck {
  const text = cell.trim().replace(SPACES, ' ');
  const separator = declared ?? '.';
  const grouping = separator === '.' ? ',' : '.';
  if (SCIENTIFIC.test(text)) {
    return refuse(`${quote(text)} is in scientific notation, so digits are lost; format the column as a plain number and export again`);
  }
  const match = PATTERNS[separator].exec(text);
  if (!match) {
    return refuse(`${quote(text)} is not a number; write it like 1234${separator}56${declared ? '' : ' (or declare the decimal separator)'}`);
  }
  const [, sign = '', whole = '', groupMark, fraction] = match;
  if (groupMark === grouping && declared === undefined && fraction === undefined) {
    return refuse(`${quote(text)} is ambiguous: "${grouping}" may be a decimal or a thousands separator; declare the file's decimal separator`);
  }
  const digits = whole.replace(/[ ,.]/g, '');
  return accept(Number(`${sign}${digits}${fraction === undefined ? '' : `.${fraction}`}`));
}
