import type { FieldDefinition } from '@kith/sdk';
import { Type, type TSchema } from '@sinclair/typebox';
import type { ValueCheck } from './field-type.js';
import { accept, quote, refuse } from './value-check.js';

/** Longest option value; the select column is sized for it. */
export const OPTION_MAX_LENGTH = 255;

/** The option values of a select or multiSelect field, in display order. */
export function optionValues(field: FieldDefinition): string[] {
  return (field.options ?? []).map((o) => o.value);
}

/**
 * The schema of one option value: a plain string enum, because react-jsonschema-form cannot
 * render a union of literals (what `Type.Union(Type.Literal…)` would produce).
 */
export function optionSchema(field: FieldDefinition): TSchema {
  return Type.Unsafe<string>({ type: 'string', enum: optionValues(field) });
}

/** Problems with the `options` setting. */
export function optionProblems(field: FieldDefinition): string[] {
  const options = field.options ?? [];
  if (options.length === 0) return [`a ${field.type} field needs options: list at least one value to choose from`];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { value } of options) {
    if (typeof value !== 'string' || value === '') problems.push('every option needs a non-empty value');
    else if (value.length > OPTION_MAX_LENGTH) {
      problems.push(`option ${quote(value)} is longer than ${OPTION_MAX_LENGTH} characters; shorten its value (the label may stay long)`);
    }
    else if (seen.has(value)) problems.push(`option ${quote(value)} appears twice; option values must be unique`);
    seen.add(value);
  }
  return problems;
}

/** Checks one value is an option. */
export function checkOption(field: FieldDefinition, value: unknown): ValueCheck {
  const values = optionValues(field);
  if (typeof value === 'string' && values.includes(value)) return accept(value);
  return refuse(`${quote(value)} is not an option of ${field.name}; choose one of: ${values.join(', ')}`);
}

/**
 * Finds the option a CSV cell means: its exact value, else the one option whose value or a
 * label matches ignoring case (exports often carry labels). Two candidates are refused, not picked.
 */
export function matchOption(field: FieldDefinition, cell: string): ValueCheck {
  const text = cell.trim();
  const options = field.options ?? [];
  if (options.some((o) => o.value === text)) return accept(text);
  const lower = text.toLowerCase();
  const candidates = options.filter(
    (o) => o.value.toLowerCase() === lower || Object.values(o.label).some((l) => l.toLowerCase() === lower),
  );
  if (candidates.length === 1) return accept(candidates[0]!.value);
  if (candidates.length > 1) return refuse(`${quote(text)} could mean ${candidates.map((o) => o.value).join(' or ')}; use the option value`);
  return refuse(`${quote(text)} is not an option of ${field.name}; choose one of: ${optionValues(field).join(', ')}`);
}
