import { COMPUTED_RESULT_TYPES, FIELD_TYPES, ROLLUP_OPS, ROLLUP_RESULT_TYPES, type ComputedResultType, type FieldTypeName, type LabelInput } from '@kith/sdk';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Errors, type ErrorDetail } from '../errors/index.js';

const Label = Type.Unsafe<LabelInput>(
  Type.Union([
    Type.String({ minLength: 1, maxLength: 200 }),
    Type.Object({ en: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: Type.String({ minLength: 1, maxLength: 200 }), maxProperties: 50 }),
  ]),
);
const Option = Type.Union([
  Type.String({ minLength: 1, maxLength: 100 }),
  Type.Object({ value: Type.String({ minLength: 1, maxLength: 100 }), label: Type.Optional(Label), color: Type.Optional(Type.String({ maxLength: 30 })) }, { additionalProperties: false }),
]);
const enumOf = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const Rollup = Type.Object(
  {
    relation: Type.String({ minLength: 1, maxLength: 100 }),
    op: enumOf(ROLLUP_OPS),
    field: Type.Optional(Type.String({ maxLength: 48 })),
    where: Type.Optional(Type.Unknown()),
    resultType: Type.Optional(enumOf(ROLLUP_RESULT_TYPES)),
  },
  { additionalProperties: false },
);

const fieldSettings = {
  label: Type.Optional(Label),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  required: Type.Optional(Type.Boolean()),
  unique: Type.Optional(Type.Boolean()),
  hidden: Type.Optional(Type.Boolean()),
  readonly: Type.Optional(Type.Boolean()),
  searchable: Type.Optional(Type.Boolean()),
  audited: Type.Optional(Type.Boolean()),
  default: Type.Optional(Type.Unknown()),
  defaultFormula: Type.Optional(Type.Unknown()),
  maxLength: Type.Optional(Type.Integer({ minimum: 1 })),
  min: Type.Optional(Type.Number()),
  max: Type.Optional(Type.Number()),
  scale: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
  options: Type.Optional(Type.Array(Option, { maxItems: 500 })),
  target: Type.Optional(Type.String({ maxLength: 48 })),
  inverse: Type.Optional(Type.String({ maxLength: 48 })),
  formula: Type.Optional(Type.Unknown()),
  resultType: Type.Optional(enumOf(COMPUTED_RESULT_TYPES)),
  rollup: Type.Optional(Rollup),
  defaultCurrency: Type.Optional(Type.String({ maxLength: 3 })),
  defaultRegion: Type.Optional(Type.String({ maxLength: 2 })),
};

/** Body of POST …/entities/:entity/fields. */
export const NewFieldBody = Type.Object({ name: Type.String({ maxLength: 48 }), type: enumOf(FIELD_TYPES), ...fieldSettings }, { additionalProperties: false });
/** A new field as posted. */
export type NewField = Static<typeof NewFieldBody>;

/** Body of POST …/entities. */
export const NewEntityBody = Type.Object(
  {
    name: Type.String({ maxLength: 48 }),
    label: Type.Optional(Label),
    labelPlural: Type.Optional(Label),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    fields: Type.Array(NewFieldBody, { maxItems: 300 }),
    indexes: Type.Optional(Type.Array(Type.Object({ fields: Type.Array(Type.String(), { minItems: 1, maxItems: 8 }), unique: Type.Optional(Type.Boolean()) }, { additionalProperties: false }), { maxItems: 50 })),
    titleField: Type.Optional(Type.String()),
    ownerField: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
/** A new entity as posted. */
export type NewEntity = Static<typeof NewEntityBody>;

/** The named settings of `settings` (one source for a new field's and a field change's schemas). */
function pick<T extends Record<string, unknown>, K extends keyof T>(settings: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, settings[k]])) as Pick<T, K>;
}

/** Body of PATCH …/fields/:field: what a customisation may change, plus `confirm`. */
export const FieldPatchBody = Type.Object(
  {
    ...pick(fieldSettings, ['label', 'description', 'required', 'hidden', 'readonly', 'searchable', 'audited', 'default', 'maxLength', 'min', 'max', 'options']),
    confirm: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
/** A field change as posted. */
export type FieldPatch = Static<typeof FieldPatchBody>;

/** Body of PATCH …/entities/:entity. */
export const EntityPatchBody = Type.Object(
  { label: Type.Optional(Label), labelPlural: Type.Optional(Label), description: Type.Optional(Type.String({ maxLength: 2000 })), titleField: Type.Optional(Type.String()) },
  { additionalProperties: false, minProperties: 1 },
);
/** An entity change as posted. */
export type EntityPatch = Static<typeof EntityPatchBody>;

/** Body of POST …/entities/:entity/indexes. */
export const IndexBody = Type.Object({ fields: Type.Array(Type.String(), { minItems: 1, maxItems: 8 }), unique: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

const compiled = new WeakMap<TSchema, ReturnType<typeof TypeCompiler.Compile>>();

/** Checks a metadata request body; every problem named by its path. */
export function parseBody<T extends TSchema>(schema: T, body: unknown, what: string): Static<T> {
  let check = compiled.get(schema);
  if (!check) {
    check = TypeCompiler.Compile(schema);
    compiled.set(schema, check);
  }
  if (check.Check(body)) return body as Static<T>;
  const errors: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const e of check.Errors(body)) {
    const path = e.path.split('/').filter(Boolean).join('.') || '(body)';
    if (seen.has(path)) continue;
    seen.add(path);
    const message = e.message === 'Unexpected property' ? `"${path}" is not a setting here` : `${path}: ${e.message}`;
    errors.push({ field: path, code: 'KITH_METADATA_INVALID', message });
  }
  throw Errors.definitionInvalid(what, errors);
}
