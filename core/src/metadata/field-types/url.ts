import { Type } from '@sinclair/typebox';
import type { FieldType, ValueCheck } from './field-type.js';
import { isBlankCell } from './nullable.js';
import { TEXT_OPERATORS } from './operators.js';
import { singleColumn } from './single-column.js';
import { maxLengthProblems } from './text-value.js';
import { accept, quote, refuse } from './value-check.js';

/** The longest URL browsers and search engines reliably handle. */
const URL_MAX_LENGTH = 2048;

/** Parses an absolute http(s) URL with the WHATWG parser and returns its canonical `href`. */
export function normaliseUrl(value: unknown, maxLength = URL_MAX_LENGTH): ValueCheck {
  if (typeof value !== 'string') return refuse(`expected a URL, got ${quote(value)}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return refuse(`${quote(value)} is not an absolute URL; write it with its scheme, e.g. https://example.com`);
  }
  // javascript:, data: and file: links would run or open something in the viewer's browser.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return refuse(`only http and https links can be stored; ${quote(value)} uses ${url.protocol.slice(0, -1)}`);
  }
  // Credentials in a link would be shown to everyone who can read the record.
  if (url.username || url.password) return refuse('remove the user name and password from the link');
  if (url.href.length > maxLength) return refuse(`the link is ${url.href.length} characters long; the limit is ${maxLength}`);
  return accept(url.href);
}

/** A web link (http or https), stored in its canonical WHATWG form. */
export const urlType: FieldType = {
  name: 'url',
  checkDefinition: (field) => maxLengthProblems(field, URL_MAX_LENGTH),
  columns: (field) => [{ key: '', suffix: '', kind: 'text', length: field.maxLength ?? URL_MAX_LENGTH }],
  inputSchema: (field) => Type.String({ maxLength: field.maxLength ?? URL_MAX_LENGTH }),
  outputSchema: () => Type.String({ format: 'uri' }),
  normalise: (field, value) => normaliseUrl(value, field.maxLength),
  ...singleColumn,
  operators: TEXT_OPERATORS,
  primaryKey: '',
  parseCsv: (_field, cell) => accept(isBlankCell(cell) ? null : cell.trim()),
  formatCsv: (_field, value) => String(value),
  widget: 'url',
};
