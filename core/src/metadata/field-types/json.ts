import { Type } from '@sinclair/typebox';
import type { FieldType, ValueCheck } from './field-type.js';
import { isBlankCell } from './nullable.js';
import { PRESENCE_OPERATORS } from './operators.js';
import { singleColumn } from './single-column.js';
import { accept, refuse } from './value-check.js';

/** Largest JSON text a json field stores, in UTF-8 bytes; bigger documents belong in files. */
const JSON_MAX_BYTES = 64 * 1024;

/** True when some string (key or value) holds NUL, which PostgreSQL's jsonb cannot store. */
function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v));
  }
  return false;
}

function normaliseJson(value: unknown): ValueCheck {
  const text = JSON.stringify(value);
  if (text === undefined) return refuse('expected a JSON value');
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > JSON_MAX_BYTES) return refuse(`the JSON is ${Math.ceil(bytes / 1024)} KB; a json field holds at most 64 KB`);
  if (containsNul(value)) return refuse('JSON strings may not contain the NUL character (\\u0000); remove it');
  return accept(value);
}

/** Any JSON document up to 64 KB; opaque to filters, which can only ask whether it is there. */
export const jsonType: FieldType = {
  name: 'json',
  checkDefinition: () => [],
  columns: () => [{ key: '', suffix: '', kind: 'json' }],
  inputSchema: () => Type.Unknown(),
  outputSchema: () => Type.Unknown(),
  normalise: (_field, value) => normaliseJson(value),
  ...singleColumn,
  operators: PRESENCE_OPERATORS,
  primaryKey: '',
  parseCsv: (_field, cell) => {
    if (isBlankCell(cell)) return accept(null);
    try {
      return accept(JSON.parse(cell) as unknown);
    } catch {
      return refuse('the cell is not valid JSON; write a JSON value such as {"key": "value"} or [1, 2]');
    }
  },
  formatCsv: (_field, value) => JSON.stringify(value),
  widget: 'json',
};
