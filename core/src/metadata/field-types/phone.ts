import { Type } from '@sinclair/typebox';
import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { FieldType, ValueCheck } from './field-type.js';
import { isBlankCell } from './nullable.js';
import { TEXT_OPERATORS } from './operators.js';
import { singleColumn } from './single-column.js';
import { accept, quote, refuse } from './value-check.js';

/** `+` and at most 15 digits (ITU-T E.164). */
const E164_LENGTH = 16;
/** Room for a number as people type it: spaces, brackets, a national prefix. */
const INPUT_MAX_LENGTH = 64;
/** What a spreadsheet makes of a phone number it took for a number: `-1199`, `5.1E+10`. */
const SPREADSHEET_NUMBER = /^-\d|^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$/;

/**
 * Reads a phone number into E.164 with libphonenumber's full metadata, so `isValid()` checks
 * real number ranges, not just lengths. A number without `+` is read in `region` (ISO 3166
 * alpha-2); with no region it is refused, since its country cannot be known.
 */
export function normalisePhone(input: string, region?: string): ValueCheck {
  const text = input.trim();
  if (text === '') return refuse('the phone number is empty');
  if (text.length > INPUT_MAX_LENGTH) return refuse(`a phone number may be at most ${INPUT_MAX_LENGTH} characters long`);
  if (region !== undefined && !isSupportedCountry(region)) {
    return refuse(`"${region}" is not a region with a known numbering plan; use an upper-case ISO 3166 code such as DE or US`);
  }
  if (region === undefined && !text.startsWith('+')) {
    return refuse(`${quote(text)} has no country code; write it with + and the country code, e.g. +49 30 901820`);
  }
  const parsed = parsePhoneNumberFromString(text, { ...(region === undefined ? {} : { defaultCountry: region }), extract: false });
  if (!parsed) return refuse(`${quote(text)} is not a phone number`);
  if (parsed.ext) return refuse(`${quote(text)} has an extension (${parsed.ext}), which E.164 cannot hold; store it in another field`);
  if (!parsed.isValid()) {
    const where = parsed.country ? ` in ${parsed.country}` : ` for country code +${parsed.countryCallingCode}`;
    return refuse(`${quote(text)} is not a valid phone number${where}; check the digits and the country code`);
  }
  return accept(parsed.number);
}

/** A phone number, stored in E.164 (`+4930901820`) so equal numbers compare equal. */
export const phoneType: FieldType = {
  name: 'phone',
  checkDefinition: (field) =>
    field.defaultRegion === undefined || isSupportedCountry(field.defaultRegion)
      ? []
      : [`defaultRegion "${field.defaultRegion}" is not a region with a known numbering plan; use an upper-case ISO 3166 code such as DE or US`],
  columns: () => [{ key: '', suffix: '', kind: 'text', length: E164_LENGTH }],
  inputSchema: () => Type.String({ maxLength: INPUT_MAX_LENGTH }),
  outputSchema: () => Type.String({ pattern: '^\\+[1-9]\\d{1,14}$' }),
  normalise: (field, value) =>
    typeof value === 'string' ? normalisePhone(value, field.defaultRegion) : refuse(`expected a phone number, got ${quote(value)}`),
  ...singleColumn,
  operators: TEXT_OPERATORS,
  primaryKey: '',
  parseCsv: (_field, cell) => {
    if (isBlankCell(cell)) return accept(null);
    const text = cell.trim();
    if (SPREADSHEET_NUMBER.test(text)) {
      return refuse(`${quote(text)} looks like a phone number a spreadsheet turned into a number; format the column as text and export again`);
    }
    return accept(text);
  },
  formatCsv: (_field, value) => String(value),
  widget: 'phone',
};
