import { createHmac, timingSafeEqual } from 'node:crypto';
import { Errors } from '../errors/index.js';
import type { Dialect } from '../metadata/field-types/field-type.js';
import type { SortKey } from './sort.js';
import { quote, type Params } from './sql.js';

/**
 * Keyset cursors: the sort values of the last row of a page, signed so a client cannot forge
 * or edit them (an edited cursor is a 400, never a different page). Stable under concurrent
 * inserts because the next page starts strictly after a position, not at an offset.
 */
export class CursorCodec {
  constructor(private readonly secret: string) {}

  encode(entity: string, signature: string, values: readonly unknown[]): string {
    const body = Buffer.from(JSON.stringify([entity, signature, values])).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  decode(entity: string, signature: string, cursor: string, keyCount: number): unknown[] {
    const [body, mac] = cursor.split('.');
    if (!body || !mac || cursor.length > 4096) throw Errors.invalidCursor();
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw Errors.invalidCursor();
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw Errors.invalidCursor();
    }
    if (!Array.isArray(parsed) || parsed[0] !== entity || parsed[1] !== signature) throw Errors.invalidCursor();
    const values = parsed[2];
    if (!Array.isArray(values) || values.length !== keyCount) throw Errors.invalidCursor();
    return values;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url').slice(0, 22);
  }
}

/** Whether NULLs sort as the largest value (PostgreSQL) or the smallest (SQLite): each database's native order, so indexes serve the sort. */
function nullsLargest(dialect: Dialect): boolean {
  return dialect === 'postgresql';
}

/** ORDER BY for the sort keys. */
export function orderBy(keys: readonly SortKey[], alias: string): string {
  return keys.map((k) => `${alias}.${quote(k.ref.column)} ${k.descending ? 'DESC' : 'ASC'}`).join(', ');
}

/**
 * The condition "row comes after the cursor position" for a lexicographic sort with NULLs,
 * plus a redundant range bound on the first key so the database can seek in its index.
 */
export function afterCursor(keys: readonly SortKey[], values: readonly unknown[], params: Params, alias: string): string {
  const dialect = params.dialect;
  const disjuncts: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const equalPrefix = keys.slice(0, i).map((k, j) => equals(k, values[j], params, alias));
    const after = strictlyAfter(keys[i]!, values[i], params, alias, dialect);
    if (after === null) continue;
    disjuncts.push([...equalPrefix, after].join(' AND '));
  }
  if (disjuncts.length === 0) return '1 = 0';
  const first = keys[0]!;
  const v0 = values[0];
  const c0 = `${alias}.${quote(first.ref.column)}`;
  const nullsLast = !first.descending === nullsLargest(dialect);
  const seek = v0 !== null && !nullsLast ? `${c0} ${first.descending ? '<=' : '>='} ${params.add(v0)} AND ` : '';
  return `${seek}(${disjuncts.map((d) => `(${d})`).join(' OR ')})`;
}

function equals(key: SortKey, value: unknown, params: Params, alias: string): string {
  const c = `${alias}.${quote(key.ref.column)}`;
  return value === null ? `${c} IS NULL` : `${c} = ${params.add(value)}`;
}

function strictlyAfter(key: SortKey, value: unknown, params: Params, alias: string, dialect: Dialect): string | null {
  const c = `${alias}.${quote(key.ref.column)}`;
  const nullsLast = !key.descending === nullsLargest(dialect);
  if (value === null) return nullsLast ? null : `${c} IS NOT NULL`;
  const op = key.descending ? '<' : '>';
  return nullsLast ? `(${c} ${op} ${params.add(value)} OR ${c} IS NULL)` : `${c} ${op} ${params.add(value)}`;
}
