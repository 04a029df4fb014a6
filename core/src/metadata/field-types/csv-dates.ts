import { isCalendarDate, isoDate } from './calendar.js';
import type { ValueCheck } from './field-type.js';
import { accept, quote, refuse } from './value-check.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TOKENS = ['YYYY', 'MM', 'DD', 'M', 'D'] as const;
const TOKEN_PATTERN: Record<(typeof TOKENS)[number], string> = {
  YYYY: '(\\d{4})',
  MM: '(\\d{2})',
  DD: '(\\d{2})',
  M: '(\\d{1,2})',
  D: '(\\d{1,2})',
};

/** A declared date format compiled to a matcher: where year, month and day sit. */
interface CompiledFormat {
  readonly pattern: RegExp;
  readonly order: readonly ('Y' | 'M' | 'D')[];
}

const compiled = new Map<string, CompiledFormat | string>();

/** Compiles a format such as `DD/MM/YYYY` or `D.M.YYYY`; a string is the problem with it. */
function compileFormat(format: string): CompiledFormat | string {
  const cached = compiled.get(format);
  if (cached !== undefined) return cached;
  let source = '';
  const order: ('Y' | 'M' | 'D')[] = [];
  let problem: string | undefined;
  for (let i = 0; i < format.length && !problem; ) {
    const token = TOKENS.find((t) => format.startsWith(t, i));
    if (token) {
      source += TOKEN_PATTERN[token];
      order.push(token[0] as 'Y' | 'M' | 'D');
      i += token.length;
    } else if (/[A-Za-z]/.test(format[i]!)) {
      problem = `date format ${quote(format)} uses "${format[i]}"; use YYYY, MM, DD, M and D (two-digit years are not supported)`;
    } else {
      source += format[i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i += 1;
    }
  }
  if (!problem && (order.length !== 3 || new Set(order).size !== 3)) {
    problem = `date format ${quote(format)} must contain the year (YYYY), month (MM or M) and day (DD or D) once each`;
  }
  const result = problem ?? { pattern: new RegExp(`^${source}$`), order };
  compiled.set(format, result);
  return result;
}

/**
 * Reads a date cell. ISO `YYYY-MM-DD` needs no declaration; anything else is read only by
 * the format the importer declared, never guessed, because `2/6/20` is 2 June or 6 February
 * depending on who typed it.
 */
export function parseCsvDate(cell: string, format?: string): ValueCheck {
  const text = cell.trim();
  const declared = format && format !== 'YYYY-MM-DD' ? compileFormat(format) : undefined;
  if (typeof declared === 'string') return refuse(declared);
  const match = declared?.pattern.exec(text);
  let parts: { Y: number; M: number; D: number } | undefined;
  if (match && declared) {
    const at = (p: 'Y' | 'M' | 'D') => Number(match[declared.order.indexOf(p) + 1]);
    parts = { Y: at('Y'), M: at('M'), D: at('D') };
  } else {
    // An ISO cell is unambiguous, so it is read even in a file that declared another format.
    const iso = ISO_DATE.exec(text);
    if (iso) parts = { Y: Number(iso[1]), M: Number(iso[2]), D: Number(iso[3]) };
  }
  if (!parts) {
    return refuse(
      format
        ? `${quote(text)} does not match the declared date format ${format}`
        : `${quote(text)} is not a YYYY-MM-DD date; declare the file's date format (e.g. DD/MM/YYYY or MM/DD/YYYY), ` +
          'as day-first and month-first dates are never guessed',
    );
  }
  if (!isCalendarDate(parts.Y, parts.M, parts.D)) return refuse(`${quote(text)} is not a day in the calendar`);
  return accept(isoDate(parts.Y, parts.M, parts.D));
}
