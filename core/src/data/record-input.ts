import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import type { TSchema } from '@sinclair/typebox';
import type { ErrorDetail } from '../errors/index.js';
import type { CompiledEntity, CompiledField } from '../metadata/compile/compiled-types.js';
import '../metadata/compile/typebox-kinds.js';
import { inputSchema } from '../metadata/compile/to-typebox.js';
import { applyDefaultFormulas, type DefaultContext } from './default-formulas.js';

/** Normalised field values of one write, or the problems with it. */
export interface CheckedInput {
  /** Field name → normalised value (null clears it). Only fields the caller sent, plus defaults on create. */
  readonly values: Map<string, unknown>;
  readonly errors: ErrorDetail[];
}

const checkers = new WeakMap<CompiledEntity, TypeCheck<TSchema>>();

function checker(entity: CompiledEntity): TypeCheck<TSchema> {
  let check = checkers.get(entity);
  if (!check) {
    check = TypeCompiler.Compile(inputSchema(entity));
    checkers.set(entity, check);
  }
  return check;
}

/**
 * Validates a create or update body against the entity's compiled TypeBox schema, then
 * each value against its field type (normalising phones, emails, amounts), then required
 * fields. On create, fields left out take their default, or their default formula's value
 * (evaluated over the rest of the input and `context`). Every problem is collected, named by
 * field, so one response says all of it.
 */
export function checkInput(entity: CompiledEntity, body: unknown, mode: 'create' | 'update', context?: DefaultContext): CheckedInput {
  const errors: ErrorDetail[] = [];
  const values = new Map<string, unknown>();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    errors.push({ code: 'KITH_BODY_INVALID', message: `Send a JSON object with the ${entity.name}'s fields.` });
    return { values, errors };
  }
  const input = body as Record<string, unknown>;
  const check = checker(entity);
  if (!check.Check(input)) {
    const seen = new Set<string>();
    for (const error of check.Errors(input)) {
      const detail = describe(entity, error);
      if (detail.field !== undefined && seen.has(detail.field)) continue;
      if (detail.field !== undefined) seen.add(detail.field);
      errors.push(detail);
    }
    return { values, errors };
  }
  const leftOut = new Set<string>();
  for (const field of entity.fields) {
    if (field.type.readOnly) continue;
    const has = Object.prototype.hasOwnProperty.call(input, field.name) && input[field.name] !== undefined;
    // A default formula decides once the rest of the input is known (it may read it).
    if (!has && mode === 'create' && hasDefaultFormula(field)) {
      leftOut.add(field.name);
      continue;
    }
    let value = has ? input[field.name] : undefined;
    if (!has && mode === 'create' && field.def.default !== undefined) value = field.def.default;
    if (value === undefined) {
      if (mode === 'create' && field.def.required) errors.push(requiredError(entity, field));
      continue;
    }
    if (value === null) {
      if (field.def.required) errors.push(requiredError(entity, field));
      else values.set(field.name, null);
      continue;
    }
    const checked = field.type.normalise(field.def, value);
    if (!checked.ok) errors.push({ field: field.name, code: 'KITH_FIELD_INVALID', message: `${field.def.label.en}: ${checked.message}` });
    else if (checked.value === null && field.def.required) errors.push(requiredError(entity, field)); // an empty list or address counts as missing
    else values.set(field.name, checked.value);
  }
  if (leftOut.size > 0 && errors.length === 0) errors.push(...applyDefaultFormulas(entity, values, leftOut, context ?? { now: new Date().toISOString(), userId: null }));
  return { values, errors };
}

function hasDefaultFormula(field: CompiledField): boolean {
  return field.def.defaultFormula !== undefined && field.def.defaultFormula !== null;
}

function requiredError(entity: CompiledEntity, field: CompiledField): ErrorDetail {
  return { field: field.name, code: 'KITH_FIELD_REQUIRED', message: `${field.def.label.en} (${field.name}) is required on ${entity.name}.` };
}

function describe(entity: CompiledEntity, error: ValueError): ErrorDetail {
  const segments = error.path.split('/').filter(Boolean);
  const name = segments[0];
  if (error.type === ValueErrorType.ObjectAdditionalProperties && segments.length <= 1) {
    const unknown = name ?? '?';
    const known = entity.fields.filter((f) => !f.type.readOnly).map((f) => f.name);
    const computed = entity.fieldsByName.get(unknown)?.type.readOnly;
    return {
      field: unknown,
      code: computed ? 'KITH_FIELD_READ_ONLY' : 'KITH_FIELD_UNKNOWN',
      message: computed
        ? `${unknown} is calculated by Kith and cannot be written; leave it out.`
        : `"${unknown}" is not a field of ${entity.name}. Known fields: ${known.join(', ')}.`,
    };
  }
  const field = name ? entity.fieldsByName.get(name) : undefined;
  const label = field ? field.def.label.en : 'The body';
  const part = segments.length > 1 ? ` (${segments.slice(1).join('.')})` : '';
  return { ...(name ? { field: name } : {}), code: 'KITH_FIELD_INVALID', message: `${label}${part}: ${humanise(error, field)}` };
}

/**
 * A nullable field's schema is `T | null`, and TypeBox reports a bad value as "Expected union
 * value". The useful error is the one the value gets against `T` (too long, not an option…).
 */
function unwrapNullable(error: ValueError): ValueError {
  if (error.type !== ValueErrorType.Union) return error;
  const variants = ((error.schema as { anyOf?: TSchema[] }).anyOf ?? []).filter((v) => (v as { type?: unknown }).type !== 'null');
  if (variants.length !== 1) return error;
  const inner = Value.Errors(variants[0]!, error.value).First();
  return inner ? { ...inner, path: `${error.path}${inner.path}` } : error;
}

function humanise(original: ValueError, field: CompiledField | undefined): string {
  const error = unwrapNullable(original);
  const s = error.schema as Record<string, unknown>;
  switch (error.type) {
    case ValueErrorType.StringMaxLength:
      return `is longer than ${String(s.maxLength)} characters.`;
    case ValueErrorType.StringMinLength:
      return `must not be empty.`;
    case ValueErrorType.ObjectAdditionalProperties:
      return `has an unknown part; allowed: ${Object.keys((s.properties as object) ?? {}).join(', ')}.`;
    default:
      if (Array.isArray(s.enum)) return `"${String(error.value)}" is not one of: ${(s.enum as unknown[]).join(', ')}.`;
      return `${error.message.replace(/^Expected/, 'must be')}${field ? ` (a ${field.def.type} field)` : ''}; got ${JSON.stringify(error.value)?.slice(0, 60)}.`;
  }
}
