import { ACCESS_SCOPES, COMPUTED_RESULT_TYPES, FIELD_TYPES } from '@kith/sdk';
import { Type, type TSchema } from '@sinclair/typebox';
import type { CustomisationKind } from '../metadata/customisation.js';
import { PACKAGE_FORMAT } from './package-format.js';

// The shapes of a package's files. They mirror the stored customisation types
// (metadata/customisation.ts and the SDK's definitions) closely, with every object closed
// (`additionalProperties: false`) so a misspelt key is an error, not silently ignored.
// Unions of literals rather than `Type.Unsafe` enums: the compiler checks them itself.

const closed = { additionalProperties: false } as const;
const oneOf = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Id = Type.String({ minLength: 1, maxLength: 200 });
const Name = Type.String({ minLength: 1, maxLength: 64 });
const Labels = Type.Object({ en: Type.String({ minLength: 1 }) }, { additionalProperties: Type.String() });
const Custom = Type.Literal('custom');
const Option = Type.Object({ value: Type.String({ minLength: 1 }), label: Labels, color: Type.Optional(Type.String()) }, closed);

const Field = Type.Object(
  {
    id: Id,
    name: Name,
    type: oneOf(FIELD_TYPES),
    label: Labels,
    description: Type.Optional(Type.String()),
    required: Type.Optional(Type.Boolean()),
    unique: Type.Optional(Type.Boolean()),
    hidden: Type.Optional(Type.Boolean()),
    readonly: Type.Optional(Type.Boolean()),
    searchable: Type.Optional(Type.Boolean()),
    audited: Type.Optional(Type.Boolean()),
    default: Type.Optional(Type.Unknown()),
    maxLength: Type.Optional(Type.Integer({ minimum: 1 })),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    scale: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
    options: Type.Optional(Type.Array(Option)),
    target: Type.Optional(Name),
    inverse: Type.Optional(Name),
    formula: Type.Optional(Type.Unknown()),
    resultType: Type.Optional(oneOf(COMPUTED_RESULT_TYPES)),
    defaultCurrency: Type.Optional(Type.String({ maxLength: 3 })),
    defaultRegion: Type.Optional(Type.String({ maxLength: 2 })),
    source: Custom,
  },
  closed,
);

const Index = Type.Object({ fields: Type.Array(Name, { minItems: 1, maxItems: 8 }), unique: Type.Optional(Type.Boolean()) }, closed);

const Entity = Type.Object(
  {
    id: Id,
    name: Name,
    label: Labels,
    labelPlural: Labels,
    description: Type.Optional(Type.String()),
    fields: Type.Array(Field),
    indexes: Type.Array(Index),
    ownerField: Type.Optional(Name),
    titleField: Type.Optional(Name),
    source: Custom,
  },
  closed,
);

const FieldChanges = Type.Object(
  {
    label: Type.Optional(Labels),
    description: Type.Optional(Type.String()),
    required: Type.Optional(Type.Boolean()),
    hidden: Type.Optional(Type.Boolean()),
    readonly: Type.Optional(Type.Boolean()),
    searchable: Type.Optional(Type.Boolean()),
    audited: Type.Optional(Type.Boolean()),
    default: Type.Optional(Type.Unknown()),
    maxLength: Type.Optional(Type.Integer({ minimum: 1 })),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    addOptions: Type.Optional(Type.Array(Option)),
    relabelOptions: Type.Optional(Type.Array(Option)),
    removeOptions: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  },
  closed,
);

const EntityChanges = Type.Object(
  { label: Type.Optional(Labels), labelPlural: Type.Optional(Labels), description: Type.Optional(Type.String()), titleField: Type.Optional(Name) },
  closed,
);

const Scope = oneOf(ACCESS_SCOPES);
const Grant = Type.Object(
  {
    create: Scope,
    read: Scope,
    edit: Scope,
    delete: Scope,
    fields: Type.Optional(Type.Record(Type.String(), Type.Object({ read: Type.Boolean(), edit: Type.Boolean() }, closed))),
    condition: Type.Optional(Type.Unknown()),
  },
  closed,
);

const Role = Type.Object({ id: Id, name: Name, label: Labels, description: Type.Optional(Type.String()), grants: Type.Record(Type.String(), Grant), source: Custom }, closed);

const RoleChanges = Type.Object(
  { label: Type.Optional(Labels), description: Type.Optional(Type.String()), grants: Type.Optional(Type.Record(Type.String(), Type.Union([Grant, Type.Null()]))) },
  closed,
);

const Rule = Type.Object(
  { id: Id, name: Name, entity: Name, condition: Type.Unknown(), message: Labels, fields: Type.Array(Name), active: Type.Boolean(), source: Custom },
  closed,
);

const RuleChanges = Type.Object(
  { message: Type.Optional(Labels), condition: Type.Optional(Type.Unknown()), fields: Type.Optional(Type.Array(Name)), active: Type.Optional(Type.Boolean()) },
  closed,
);

const item = <K extends CustomisationKind>(kind: K, shape: Record<string, TSchema>) => Type.Object({ kind: Type.Literal(kind), ...shape }, closed);

/** The schema of one customisation in a package file, by kind. */
export const ITEM_SCHEMAS: Readonly<Record<CustomisationKind, TSchema>> = {
  addEntity: item('addEntity', { entity: Entity }),
  updateEntity: item('updateEntity', { entityId: Id, changes: EntityChanges }),
  addField: item('addField', { entityId: Id, field: Field }),
  updateField: item('updateField', { entityId: Id, fieldId: Id, changes: FieldChanges }),
  removeField: item('removeField', { entityId: Id, fieldId: Id }),
  addIndex: item('addIndex', { entityId: Id, index: Index }),
  addRole: item('addRole', { role: Role }),
  updateRole: item('updateRole', { roleId: Id, changes: RoleChanges }),
  addRule: item('addRule', { rule: Rule }),
  updateRule: item('updateRule', { ruleId: Id, changes: RuleChanges }),
  addWorkflow: item('addWorkflow', { workflow: Type.Record(Type.String(), Type.Unknown()) }),
  updateWorkflow: item('updateWorkflow', { workflowId: Id, changes: Type.Record(Type.String(), Type.Unknown()) }),
  removeWorkflow: item('removeWorkflow', { workflowId: Id }),
  removeRule: item('removeRule', { ruleId: Id }),
};

/** The schema of `kith-package.json`. */
export const ManifestSchema = Type.Object(
  {
    format: Type.Literal(PACKAGE_FORMAT),
    plugins: Type.Record(Type.String(), Type.String()),
    plugin: Type.Optional(Type.String({ minLength: 1 })),
    order: Type.Array(Type.String()),
  },
  closed,
);
