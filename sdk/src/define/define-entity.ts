import { COMPUTED_RESULT_TYPES, FIELD_TYPES, ROLLUP_OPS, ROLLUP_RESULT_TYPES, type ComputedResultType, type FieldTypeName } from '../constants/field-types.js';
import { DefinitionError, type DefinitionProblem } from '../errors/definition-error.js';
import type {
  DefinitionSource,
  EntityDefinition,
  FieldDefinition,
  IndexDefinition,
  JsonLogicExpression,
  RollupDefinition,
  SelectOption,
} from '../types/metadata.js';
import { toLabels, type LabelInput } from './labels.js';
import { entityNameProblem, fieldNameProblem, labelFromName, pluralLabelFromName } from './names.js';

/** A select option as an author writes it: a value, or a value with a label and colour. */
export type SelectOptionInput = string | { value: string; label?: LabelInput; color?: string };

/** A field as an author writes it; everything but `type` has a default. */
export interface FieldInput {
  type: FieldTypeName;
  id?: string;
  label?: LabelInput;
  description?: string;
  required?: boolean;
  unique?: boolean;
  hidden?: boolean;
  readonly?: boolean;
  searchable?: boolean;
  /** false keeps the field's values out of the audit log (only the fact that it changed is kept). */
  audited?: boolean;
  default?: unknown;
  /** A JsonLogic formula for the value on create when the input leaves the field out (see FieldDefinition). */
  defaultFormula?: JsonLogicExpression;
  maxLength?: number;
  min?: number;
  max?: number;
  scale?: number;
  options?: readonly SelectOptionInput[];
  target?: string;
  inverse?: string;
  formula?: JsonLogicExpression;
  resultType?: ComputedResultType;
  /** rollup: what it aggregates over a one-to-many relation */
  rollup?: RollupDefinition;
  defaultCurrency?: string;
  defaultRegion?: string;
}

/** An entity as an author writes it. Fields are keyed by name, in display order. */
export interface EntityInput {
  name: string;
  id?: string;
  label?: LabelInput;
  labelPlural?: LabelInput;
  description?: string;
  fields: Readonly<Record<string, FieldInput>>;
  indexes?: readonly (readonly string[] | IndexDefinition)[];
  ownerField?: string;
  titleField?: string;
}

/** A readable label for an option value: `cold-call` → `Cold call`, `won` → `Won`. */
function optionLabel(value: string): string {
  const text = value.replace(/[-_]+/g, ' ').trim();
  return /[a-z]/.test(text) ? text.charAt(0).toUpperCase() + text.slice(1) : value;
}

/** Normalises select options; labels default to a readable form of the value. */
export function toSelectOptions(options: readonly SelectOptionInput[]): SelectOption[] {
  return options.map((o) =>
    typeof o === 'string'
      ? { value: o, label: { en: optionLabel(o) } }
      : { value: o.value, label: toLabels(o.label, optionLabel(o.value)), ...(o.color ? { color: o.color } : {}) },
  );
}

/** Normalises one field input; `problems` collects what is wrong with it. */
export function normaliseField(
  entity: string,
  name: string,
  input: FieldInput,
  source: DefinitionSource,
  problems: DefinitionProblem[],
  path = `fields.${name}`,
): FieldDefinition {
  const nameProblem = fieldNameProblem(name);
  if (nameProblem) problems.push({ path, message: nameProblem });
  if (!(FIELD_TYPES as readonly string[]).includes(input.type)) {
    problems.push({ path: `${path}.type`, message: `unknown field type "${String(input.type)}"; use one of: ${FIELD_TYPES.join(', ')}` });
  }
  const { options, label, id, ...rest } = input;
  if ((input.type === 'select' || input.type === 'multiSelect') && (!options || options.length === 0)) {
    problems.push({ path: `${path}.options`, message: 'a select field needs at least one option' });
  }
  if (input.type === 'relation' && !input.target) {
    problems.push({ path: `${path}.target`, message: 'a relation field needs a target entity' });
  }
  if (input.type === 'computed') {
    if (input.formula === undefined) problems.push({ path: `${path}.formula`, message: 'a computed field needs a JsonLogic formula' });
    if (!input.resultType || !(COMPUTED_RESULT_TYPES as readonly string[]).includes(input.resultType)) {
      problems.push({ path: `${path}.resultType`, message: `a computed field needs a resultType: one of ${COMPUTED_RESULT_TYPES.join(', ')}` });
    }
  }
  if (input.type === 'rollup') problems.push(...rollupProblems(input.rollup, `${path}.rollup`));
  if (input.defaultFormula !== undefined && input.defaultFormula !== null) {
    if (input.type === 'computed' || input.type === 'rollup') problems.push({ path: `${path}.defaultFormula`, message: `a ${input.type} field is calculated by Kith and takes no default` });
    else if (input.default !== undefined && input.default !== null) problems.push({ path: `${path}.defaultFormula`, message: 'give either a default or a defaultFormula, not both' });
  }
  const normalised: FieldDefinition = {
    ...rest,
    id: id ?? `${entity}.${name}`,
    name,
    label: toLabels(label, labelFromName(name)),
    ...(options ? { options: toSelectOptions(options) } : {}),
    source,
  };
  if (options) {
    const seen = new Set<string>();
    for (const o of normalised.options ?? []) {
      if (seen.has(o.value)) problems.push({ path: `${path}.options`, message: `option "${o.value}" appears twice` });
      seen.add(o.value);
    }
  }
  return normalised;
}

/** What is wrong with a roll-up's own settings (what it points at is checked with the other entities). */
function rollupProblems(rollup: RollupDefinition | undefined, path: string): DefinitionProblem[] {
  if (typeof rollup !== 'object' || rollup === null || Array.isArray(rollup)) {
    return [{ path, message: 'a rollup field needs { relation, op, field?, where? }: e.g. { "relation": "deals", "op": "sum", "field": "amount" }' }];
  }
  const problems: DefinitionProblem[] = [];
  if (typeof rollup.relation !== 'string' || rollup.relation === '') {
    problems.push({ path: `${path}.relation`, message: 'name the one-to-many list: an inverse such as "deals", or "<child entity>.<relation field>" such as "deal.company"' });
  }
  if (!(ROLLUP_OPS as readonly unknown[]).includes(rollup.op)) problems.push({ path: `${path}.op`, message: `op must be one of ${ROLLUP_OPS.join(', ')} (got ${JSON.stringify(rollup.op)})` });
  else if (rollup.op !== 'count' && (typeof rollup.field !== 'string' || rollup.field === '')) problems.push({ path: `${path}.field`, message: `${rollup.op} needs the child field to aggregate` });
  if (rollup.field !== undefined && typeof rollup.field !== 'string') problems.push({ path: `${path}.field`, message: 'field is the name of a field of the child entity' });
  if (rollup.resultType !== undefined && !(ROLLUP_RESULT_TYPES as readonly unknown[]).includes(rollup.resultType)) {
    problems.push({ path: `${path}.resultType`, message: `resultType must be one of ${ROLLUP_RESULT_TYPES.join(', ')} (got ${JSON.stringify(rollup.resultType)})` });
  }
  return problems;
}

/** Normalises and checks an entity input without throwing. */
export function normaliseEntity(
  input: EntityInput,
  source: DefinitionSource = 'core',
): { entity: EntityDefinition; problems: DefinitionProblem[] } {
  const problems: DefinitionProblem[] = [];
  const nameProblem = entityNameProblem(input.name);
  if (nameProblem) problems.push({ path: 'name', message: nameProblem });
  const fieldEntries = Object.entries(input.fields ?? {});
  const fields = fieldEntries.map(([name, f]) => normaliseField(input.name, name, f, source, problems));
  const names = new Set(fields.map((f) => f.name));
  const indexes: IndexDefinition[] = (input.indexes ?? []).map((ix, i) => {
    const index: IndexDefinition = Array.isArray(ix) ? { fields: [...(ix as readonly string[])] } : (ix as IndexDefinition);
    for (const f of index.fields) {
      if (!names.has(f) && f !== 'createdAt' && f !== 'updatedAt') {
        problems.push({ path: `indexes[${i}]`, message: `index names unknown field "${f}"` });
      }
    }
    if (index.fields.length === 0) problems.push({ path: `indexes[${i}]`, message: 'an index needs at least one field' });
    return index;
  });
  if (input.ownerField) {
    const owner = fields.find((f) => f.name === input.ownerField);
    if (!owner || owner.type !== 'user') {
      problems.push({ path: 'ownerField', message: `ownerField "${input.ownerField}" must name a field of type user` });
    }
  }
  if (input.titleField && !names.has(input.titleField)) {
    problems.push({ path: 'titleField', message: `titleField "${input.titleField}" is not a field of this entity` });
  }
  const entity: EntityDefinition = {
    id: input.id ?? input.name,
    name: input.name,
    label: toLabels(input.label, labelFromName(input.name)),
    labelPlural: toLabels(input.labelPlural, pluralLabelFromName(input.name)),
    ...(input.description ? { description: input.description } : {}),
    fields,
    indexes,
    ...(input.ownerField ? { ownerField: input.ownerField } : {}),
    ...(input.titleField ? { titleField: input.titleField } : {}),
    source,
  };
  return { entity, problems };
}

/** Declares an entity: validated now, frozen, every problem reported at once. */
export function defineEntity(input: EntityInput): EntityDefinition {
  const { entity, problems } = normaliseEntity(input);
  if (problems.length > 0) throw new DefinitionError(`entity "${String(input.name)}"`, problems);
  return deepFreeze(entity);
}

/** Freezes a plain data structure all the way down. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
