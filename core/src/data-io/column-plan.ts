import { entityAccess } from '../acl/entity-access.js';
import { readScopes } from '../acl/read-scope.js';
import type { Actor } from '../data/actor.js';
import { Errors, KithError, type ErrorDetail } from '../errors/index.js';
import type { CompiledEntity, CompiledField, CompiledModel } from '../metadata/compile/compiled-types.js';
import { parseCsvDate } from '../metadata/field-types/csv-dates.js';
import type { CsvParseOptions } from '../metadata/field-types/field-type.js';
import { ImportErrors } from './import-errors.js';
import type { ImportMapping } from './import-options.js';

/** Field types whose values identify a record: usable as a relation key or a dedupe match. */
const KEY_TYPES = new Set(['text', 'email', 'phone', 'url', 'integer', 'decimal', 'select', 'date', 'relation', 'user']);

/** A file column that feeds a field. */
export interface ColumnPlan {
  readonly index: number;
  readonly header: string;
  readonly field: CompiledField;
  /** Set when the cells name the related record by one of its fields (an account by its name) instead of its id. */
  readonly key?: { readonly target: CompiledEntity; readonly field: CompiledField };
}

/** What a row matching an existing record does, and on which fields it matches (`id` included). */
export interface DedupePlan {
  readonly match: readonly string[];
  readonly onMatch: 'skip' | 'update' | 'create';
}

/** A file's columns resolved against the entity, the mapping and the caller's permissions. */
export interface ImportPlan {
  readonly entity: CompiledEntity;
  readonly columns: readonly ColumnPlan[];
  /** The `id` column, when the file has one and dedupe matches on it. */
  readonly idColumn: number | undefined;
  /** Columns left out, and why (mapped to null, or a calculated field). */
  readonly ignored: readonly { readonly column: string; readonly reason: string }[];
  readonly parse: CsvParseOptions;
  readonly dedupe: DedupePlan | undefined;
  /** Mapped fields whose values must be unique: a second row with the same value is rejected before the database sees it. */
  readonly unique: readonly CompiledField[];
}

/** The caller's view of the entity: visible and writable fields. */
interface View {
  readonly model: CompiledModel;
  readonly entity: CompiledEntity;
  readonly actor: Actor;
  readonly readable: ReadonlySet<string> | undefined;
  readonly editable: ReadonlySet<string> | undefined;
}

/** The caller's view of `entity` for an import; 404 when they cannot reach it, 403 when they may not create there. */
export function importView(model: CompiledModel, entity: CompiledEntity, actor: Actor, onMatch?: DedupePlan['onMatch']): View {
  const access = entityAccess(model, entity, actor);
  if (!access.read.allowed && !access.create.allowed) throw Errors.entityNotFound(entity.name);
  if (!access.create.allowed) throw Errors.forbidden(`import ${entity.name} records (your roles do not let you create them)`);
  if (onMatch === 'update' && !access.edit.allowed) throw Errors.forbidden(`update ${entity.name} records from an import (your roles do not let you edit them); use onMatch "skip"`);
  return { model, entity, actor, readable: access.readable, editable: access.editable };
}

/**
 * Resolves the header row: each column goes to the field the mapping names (null ignores it),
 * or else to the field whose name or label it is. An unknown column, a field the caller may
 * not see or change, a calculated field named explicitly, a date column without a declared
 * format, a relation key or dedupe field that cannot identify a record — every problem is
 * collected and reported at once, before a single row is read.
 */
export function planImport(view: View, header: readonly string[], mapping: ImportMapping): ImportPlan {
  const { entity } = view;
  const errors: ErrorDetail[] = [];
  const forbidden: string[] = [];
  const columns: ColumnPlan[] = [];
  const ignored: { column: string; reason: string }[] = [];
  const explicit = mapping.columns ?? {};
  const seen = new Map<string, number>();
  let idColumn: number | undefined;
  header.forEach((name, index) => {
    if (seen.has(name)) {
      errors.push({ field: `columns.${name}`, code: 'KITH_IMPORT_COLUMN_DUPLICATE', message: `The header has "${name}" twice (columns ${seen.get(name)! + 1} and ${index + 1}); rename one.` });
      return;
    }
    seen.set(name, index);
    const declared = Object.prototype.hasOwnProperty.call(explicit, name);
    const target = declared ? explicit[name] : autoMatch(view, name);
    if (target === null) {
      ignored.push({ column: name, reason: 'mapped to null' });
      return;
    }
    if (target === undefined && name === 'id') {
      idColumn = index;
      return;
    }
    const field = target === undefined ? undefined : entity.fieldsByName.get(target);
    if (!field || (view.readable && !view.readable.has(field.name))) {
      const label = name === '' ? `Column ${index + 1} has no name` : `Column "${name}"`;
      const what = declared ? `is mapped to "${String(target)}", which is not a field of ${entity.name}` : `matches no field of ${entity.name} by name or label`;
      errors.push({ field: `columns.${name}`, code: 'KITH_IMPORT_COLUMN_UNKNOWN', message: `${label} ${what}. Map it to a field, or to null to ignore it: {"columns": {${JSON.stringify(name)}: null}}. Fields: ${knownFields(view).join(', ')}.` });
      return;
    }
    if (field.type.readOnly) {
      if (!declared) ignored.push({ column: name, reason: `${field.name} is calculated by Kith` });
      else errors.push({ field: `columns.${name}`, code: 'KITH_FIELD_READ_ONLY', message: `Column "${name}": ${field.name} is calculated by Kith and cannot be imported; map the column to null.` });
      return;
    }
    if (view.editable && !view.editable.has(field.name)) forbidden.push(field.name);
    const other = columns.find((c) => c.field === field);
    if (other) {
      errors.push({ field: `columns.${name}`, code: 'KITH_IMPORT_MAPPING_INVALID', message: `Columns "${other.header}" and "${name}" both go to ${field.name}; map one of them to null.` });
      return;
    }
    columns.push({ index, header: name, field });
  });
  for (const name of Object.keys(explicit)) {
    if (!seen.has(name)) errors.push({ field: `columns.${name}`, code: 'KITH_IMPORT_COLUMN_MISSING', message: `The mapping names column "${name}", which the file does not have. Its header row has: ${header.map((h) => JSON.stringify(h)).join(', ')}.` });
  }
  if (forbidden.length > 0) throw fieldForbidden(entity, forbidden);
  const keyed = planRelationKeys(view, columns, mapping.relations ?? {}, errors);
  const dedupe = planDedupe(view, keyed, idColumn, mapping.dedupe, errors);
  if (idColumn !== undefined && !dedupe?.match.includes('id')) {
    errors.push({ field: 'columns.id', code: 'KITH_IMPORT_COLUMN_UNKNOWN', message: 'Column "id" names existing records: match on it to update them ({"dedupe": {"match": ["id"], "onMatch": "update"}}), or map it to null to ignore it.' });
  }
  if (errors.length > 0) throw ImportErrors.mappingInvalid(entity.name, errors);
  const parse = parseOptions(keyed, mapping);
  return { entity, columns: keyed, idColumn, ignored, parse, dedupe, unique: keyed.filter((c) => c.field.def.unique && !c.key).map((c) => c.field) };
}

/**
 * Checks a mapping against the entity without a file (a mapping being saved): the fields it
 * names, its relation keys and dedupe fields. Problems come back; nothing is thrown for them.
 */
export function mappingProblems(view: View, mapping: ImportMapping): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const columns: ColumnPlan[] = [];
  const forbidden: string[] = [];
  for (const [header, name] of Object.entries(mapping.columns ?? {})) {
    if (name === null) continue;
    const field = view.entity.fieldsByName.get(name);
    if (!field || (view.readable && !view.readable.has(name))) {
      errors.push({ field: `columns.${header}`, code: 'KITH_IMPORT_COLUMN_UNKNOWN', message: `Column "${header}" is mapped to "${name}", which is not a field of ${view.entity.name}. Fields: ${knownFields(view).join(', ')}.` });
    } else if (field.type.readOnly) {
      errors.push({ field: `columns.${header}`, code: 'KITH_FIELD_READ_ONLY', message: `Column "${header}": ${name} is calculated by Kith and cannot be imported; map the column to null.` });
    } else {
      if (view.editable && !view.editable.has(name)) forbidden.push(name);
      columns.push({ index: columns.length, header, field });
    }
  }
  if (forbidden.length > 0) throw fieldForbidden(view.entity, forbidden);
  // Without a file, any field may still get a column by name or label: relations and dedupe may name it.
  for (const field of view.entity.fields) {
    const free = !field.type.readOnly && (!view.readable || view.readable.has(field.name)) && !columns.some((c) => c.field === field);
    if (free) columns.push({ index: columns.length, header: field.name, field });
  }
  const keyed = planRelationKeys(view, columns, mapping.relations ?? {}, errors);
  planDedupe(view, keyed, undefined, mapping.dedupe, errors, true);
  if (mapping.dateFormat !== undefined) {
    const problem = dateFormatProblem(mapping.dateFormat);
    if (problem) errors.push({ field: 'dateFormat', code: 'KITH_IMPORT_MAPPING_INVALID', message: problem });
  }
  return errors;
}

function autoMatch(view: View, header: string): string | undefined {
  const visible = view.entity.fields.filter((f) => !view.readable || view.readable.has(f.name));
  const exact = visible.find((f) => f.name === header);
  if (exact) return exact.name;
  const wanted = header.trim().toLowerCase();
  if (wanted === '') return undefined;
  const byName = visible.find((f) => f.name.toLowerCase() === wanted);
  if (byName) return byName.name;
  return visible.find((f) => Object.values(f.def.label).some((l) => l.trim().toLowerCase() === wanted))?.name;
}

function knownFields(view: View): string[] {
  return view.entity.fields.filter((f) => !f.type.readOnly && (!view.readable || view.readable.has(f.name))).map((f) => f.name);
}

function fieldForbidden(entity: CompiledEntity, fields: readonly string[]): KithError {
  return new KithError({
    code: 'KITH_FIELD_FORBIDDEN',
    status: 403,
    field: fields[0]!,
    message: `You may read but not change ${fields.join(', ')} on ${entity.name}, so the import cannot fill ${fields.length === 1 ? 'it' : 'them'}. Map ${fields.length === 1 ? 'that column' : 'those columns'} to null, or ask an administrator for access.`,
    errors: fields.map((field) => ({ field, code: 'KITH_FIELD_FORBIDDEN', message: `You may not change ${field}.` })),
  });
}

/** Relation columns whose cells hold a key field of the target instead of its id. */
function planRelationKeys(view: View, columns: ColumnPlan[], relations: Readonly<Record<string, string>>, errors: ErrorDetail[]): ColumnPlan[] {
  const scopes = readScopes(view.model, view.actor);
  const out = columns.map((c) => c);
  for (const [fieldName, keyName] of Object.entries(relations)) {
    const at = out.findIndex((c) => c.field.name === fieldName);
    const field = view.entity.fieldsByName.get(fieldName);
    if (!field || field.def.type !== 'relation') {
      errors.push({ field: `relations.${fieldName}`, code: 'KITH_IMPORT_MAPPING_INVALID', message: `relations: "${fieldName}" is not a relation field of ${view.entity.name}.` });
      continue;
    }
    if (at < 0) {
      errors.push({ field: `relations.${fieldName}`, code: 'KITH_IMPORT_MAPPING_INVALID', message: `relations: no column goes to ${fieldName}; map one to it, or leave ${fieldName} out of relations.` });
      continue;
    }
    const target = view.model.entities.get(field.def.target!)!;
    const scope = scopes(target);
    const key = target.fieldsByName.get(keyName);
    if (!scope || !key || (scope.visible && !scope.visible.has(keyName))) {
      const known = scope ? target.fields.filter((f) => KEY_TYPES.has(f.def.type) && (!scope.visible || scope.visible.has(f.name))).map((f) => f.name) : [];
      errors.push({ field: `relations.${fieldName}`, code: 'KITH_IMPORT_MAPPING_INVALID', message: scope ? `relations.${fieldName}: "${keyName}" is not a field of ${target.name}; key fields: ${known.join(', ')}.` : `relations.${fieldName}: ${target.name} records are not available to you, so they cannot be looked up.` });
      continue;
    }
    if (!KEY_TYPES.has(key.def.type)) {
      errors.push({ field: `relations.${fieldName}`, code: 'KITH_IMPORT_MAPPING_INVALID', message: `relations.${fieldName}: ${target.name}.${keyName} is a ${key.def.type} field, which cannot identify a record; use a text, number, email, code or date field.` });
      continue;
    }
    out[at] = { ...out[at]!, key: { target, field: key } };
  }
  return out;
}

function planDedupe(view: View, columns: readonly ColumnPlan[], idColumn: number | undefined, dedupe: ImportMapping['dedupe'], errors: ErrorDetail[], withoutFile = false): DedupePlan | undefined {
  if (!dedupe) return undefined;
  for (const name of dedupe.match) {
    if (name === 'id') {
      if (idColumn === undefined && !withoutFile) errors.push({ field: 'dedupe.match', code: 'KITH_IMPORT_MAPPING_INVALID', message: 'dedupe matches on "id", but the file has no "id" column.' });
      continue;
    }
    const column = columns.find((c) => c.field.name === name);
    if (!column) {
      errors.push({ field: 'dedupe.match', code: 'KITH_IMPORT_MAPPING_INVALID', message: `dedupe matches on "${name}", but no column goes to that field; matching needs the value from each row.` });
    } else if (!KEY_TYPES.has(column.field.def.type)) {
      errors.push({ field: 'dedupe.match', code: 'KITH_IMPORT_MAPPING_INVALID', message: `dedupe cannot match on ${name}: a ${column.field.def.type} field does not identify a record; use a text, number, email, phone, code or date field.` });
    }
  }
  if (new Set(dedupe.match).size !== dedupe.match.length) errors.push({ field: 'dedupe.match', code: 'KITH_IMPORT_MAPPING_INVALID', message: 'dedupe.match names a field twice.' });
  return { match: dedupe.match, onMatch: dedupe.onMatch };
}

function parseOptions(columns: readonly ColumnPlan[], mapping: ImportMapping): CsvParseOptions {
  const dated = columns.filter((c) => (c.key ? c.key.field : c.field).def.type === 'date').map((c) => c.header);
  if (dated.length > 0 && mapping.dateFormat === undefined) throw ImportErrors.dateFormatRequired(dated);
  if (mapping.dateFormat !== undefined) {
    const problem = dateFormatProblem(mapping.dateFormat);
    if (problem) throw ImportErrors.mappingInvalid('', [{ field: 'dateFormat', code: 'KITH_IMPORT_MAPPING_INVALID', message: problem }]);
  }
  return { ...(mapping.dateFormat !== undefined ? { dateFormat: mapping.dateFormat } : {}), ...(mapping.decimalSeparator ? { decimalSeparator: mapping.decimalSeparator } : {}) };
}

/** Why a declared date format cannot be used, or undefined. A valid format reads an ISO date, so a refusal of one is about the format. */
function dateFormatProblem(format: string): string | undefined {
  const checked = parseCsvDate('2000-01-31', format);
  return checked.ok ? undefined : `dateFormat: ${checked.message}.`;
}
