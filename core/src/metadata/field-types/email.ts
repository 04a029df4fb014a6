import { analyzeEmail } from '@hapi/address';
import { Type } from '@sinclair/typebox';
import type { FieldType, ValueCheck } from './field-type.js';
import { isBlankCell } from './nullable.js';
import { TEXT_OPERATORS } from './operators.js';
import { singleColumn } from './single-column.js';
import { maxLengthProblems } from './text-value.js';
import { accept, quote, refuse } from './value-check.js';

/** RFC 5321's limit on a forward path, and so on any address mail can be sent to. */
const EMAIL_MAX_LENGTH = 254;

/*
 * Policy: accept what mail can be sent to, checked by @hapi/address (RFC 5321 dot-atom local
 * part, RFC 1035 host name, RFC 6531 UTF-8). Against the isemail corpus that accepts every
 * ISEMAIL_VALID and refuses every ISEMAIL_ERR. The grey categories:
 * - DNSWARN (no MX/A record): accepted. Syntax cannot know DNS, and a write must not hang on
 *   a lookup; bounces are the mail system's business.
 * - RFC5321 quoted strings (`"a b"@x.org`), address literals (`a@[1.2.3.4]`) and numeric TLDs:
 *   refused. Few senders or CRM integrations handle them, and they are how junk gets in.
 * - RFC5321_TLD (`test@org`): accepted, the one grey case let through. The corpus holds the
 *   equally dotless `test@io` as VALID (it had MX records), and only DNS tells them apart, so
 *   `minDomainSegments: 1` takes both.
 * - CFWS (comments, folding white space), DEPREC (obsolete syntax) and RFC5322-only forms
 *   (domain literals, over-long parts): refused; they are message-header syntax, not mailboxes.
 */
const ANALYZE_OPTIONS = { minDomainSegments: 1 } as const;

/** Checks an address and lower-cases its domain; the local part is left alone, as RFC 5321 says it may be case-sensitive. */
export function normaliseEmail(value: unknown, maxLength = EMAIL_MAX_LENGTH): ValueCheck {
  if (typeof value !== 'string') return refuse(`expected an email address, got ${quote(value)}`);
  if (value.length > maxLength) return refuse(`an email address may be at most ${maxLength} characters long`);
  const problem = analyzeEmail(value, ANALYZE_OPTIONS);
  if (problem) {
    const reason = problem.error.charAt(0).toLowerCase() + problem.error.slice(1);
    return refuse(`${quote(value)} is not an email address mail can be sent to (${reason}); write it as name@example.com`);
  }
  const at = value.lastIndexOf('@');
  return accept(`${value.slice(0, at)}@${value.slice(at + 1).toLowerCase()}`);
}

/** An email address, stored with its domain lower-cased. */
export const emailType: FieldType = {
  name: 'email',
  checkDefinition: (field) => maxLengthProblems(field, EMAIL_MAX_LENGTH),
  columns: (field) => [{ key: '', suffix: '', kind: 'text', length: field.maxLength ?? EMAIL_MAX_LENGTH }],
  inputSchema: (field) => Type.String({ maxLength: field.maxLength ?? EMAIL_MAX_LENGTH }),
  outputSchema: () => Type.String({ format: 'email' }),
  normalise: (field, value) => normaliseEmail(value, field.maxLength),
  ...singleColumn,
  operators: TEXT_OPERATORS,
  primaryKey: '',
  // Cells are trimmed: spreadsheets pad them, and no address starts or ends with a space.
  parseCsv: (_field, cell) => accept(isBlankCell(cell) ? null : cell.trim()),
  formatCsv: (_field, value) => String(value),
  widget: 'email',
};
