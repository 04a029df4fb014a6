import { Type, type TSchema } from '@sinclair/typebox';
import type { ColumnSpec, FieldType, ValueCheck } from './field-type.js';
import { allNull, isBlankCell, isNothing } from './nullable.js';
import { checkText } from './text-value.js';
import { accept, quote, refuse } from './value-check.js';

/** One text part of a composite field (a street, a first name). */
export interface TextPart {
  readonly key: string;
  readonly suffix: string;
  readonly length: number;
  /** Part-specific check and normalisation after the text checks (a country code upper-cased). */
  readonly normalise?: (text: string) => ValueCheck;
}

/** The FieldType members a composite of text parts shares; the type adds name, operators, primaryKey and widget. */
export type TextCompositeMembers = Pick<
  FieldType,
  'columns' | 'inputSchema' | 'outputSchema' | 'normalise' | 'toColumns' | 'fromColumns' | 'parseCsv' | 'formatCsv'
>;

/**
 * Builds a composite of optional text parts, one column each. An empty string is no part,
 * and a value with no parts is stored as null, so `{}` and null cannot mean different things.
 */
export function textComposite(what: string, example: string, parts: readonly TextPart[]): TextCompositeMembers {
  const columns: readonly ColumnSpec[] = parts.map((p) => ({ key: p.key, suffix: p.suffix, kind: 'text', length: p.length }));
  const schema = (): TSchema =>
    Type.Object(Object.fromEntries(parts.map((p) => [p.key, Type.Optional(Type.String({ maxLength: p.length }))])), {
      additionalProperties: false,
    });
  const normalise = (value: unknown): ValueCheck => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return refuse(`expected ${what} such as ${example}, got ${quote(value)}`);
    }
    const record = value as Record<string, unknown>;
    const unknown = Object.keys(record).filter((k) => !parts.some((p) => p.key === k));
    if (unknown.length > 0) return refuse(`${quote(unknown[0])} is not a part of ${what}; use ${parts.map((p) => p.key).join(', ')}`);
    const out: Record<string, string> = {};
    for (const part of parts) {
      const raw = record[part.key];
      if (isNothing(raw) || raw === '') continue;
      const text = checkText(raw, part.length);
      const checked = text.ok && part.normalise ? part.normalise(text.value as string) : text;
      if (!checked.ok) return refuse(`${part.key}: ${checked.message}`);
      out[part.key] = checked.value as string;
    }
    return accept(Object.keys(out).length === 0 ? null : out);
  };
  return {
    columns: () => columns,
    inputSchema: schema,
    outputSchema: schema,
    normalise: (_field, value) => normalise(value),
    toColumns: (_field, value) => parts.map((p) => (value as Record<string, unknown> | null)?.[p.key] ?? null),
    fromColumns: (_field, values) =>
      allNull(values) ? null : Object.fromEntries(parts.flatMap((p, i) => (isNothing(values[i]) ? [] : [[p.key, values[i]]]))),
    parseCsv: (_field, cell) => {
      if (isBlankCell(cell)) return accept(null);
      try {
        const parsed = JSON.parse(cell) as unknown;
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return accept(parsed);
      } catch {
        // Falls through to the message below, which shows what a cell should look like.
      }
      return refuse(`write ${what} in a cell as a JSON object such as ${example}`);
    },
    formatCsv: (_field, value) => JSON.stringify(value),
  };
}
