import { ACCESS_SCOPES, COMPUTED_RESULT_TYPES, FIELD_TYPES, type EntityDefinition, type FieldDefinition, type RoleDefinition, type ValidationRuleDefinition, type WorkflowDefinition } from '@kith/sdk';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { EntityChanges as EntityChangesType, FieldChanges as FieldChangesType, RoleChanges as RoleChangesType, RuleChanges as RuleChangesType, WorkflowChanges as WorkflowChangesType } from '../metadata/customisation.js';
import type { LayoutDefinition, LayoutSection } from '../metadata/layouts/layout.js';
import { PACKAGE_FORMAT } from './package-format.js';

// The shapes inside a package's files, used by the kinds in package-kinds.ts. They mirror
// the stored customisation types (metadata/customisation.ts and the SDK's definitions)
// closely, with every object closed (`additionalProperties: false`) so a misspelt key is an
// error, not silently ignored. Unions of literals rather than `Type.Unsafe` enums: the
// compiler checks them itself. Unions of objects are told apart by their `type`
// (read-package.ts reports the errors of the variant a `type` picks).

const closed = { additionalProperties: false } as const;
const oneOf = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
/** A stable id (`deal.region.3fa2c1`). */
export const Id = Type.String({ minLength: 1, maxLength: 200 });
/** An API name (`region`, `siteVisit`). */
export const Name = Type.String({ minLength: 1, maxLength: 64 });
/** Labels per locale; `en` is required. */
export const Labels = Type.Object({ en: Type.String({ minLength: 1 }) }, { additionalProperties: Type.String() });
const Custom = Type.Literal('custom');
const Option = Type.Object({ value: Type.String({ minLength: 1 }), label: Labels, color: Type.Optional(Type.String()) }, closed);

/** A custom field as added. */
export const Field = Type.Object(
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
    defaultFormula: Type.Optional(Type.Unknown()),
    maxLength: Type.Optional(Type.Integer({ minimum: 1 })),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    scale: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
    options: Type.Optional(Type.Array(Option)),
    target: Type.Optional(Name),
    inverse: Type.Optional(Name),
    formula: Type.Optional(Type.Unknown()),
    resultType: Type.Optional(oneOf(COMPUTED_RESULT_TYPES)),
    // What the registry checks on apply (op names, result types) is left to it.
    rollup: Type.Optional(
      Type.Object({ relation: Type.String({ minLength: 1 }), op: Type.String({ minLength: 1 }), field: Type.Optional(Name), where: Type.Optional(Type.Unknown()), resultType: Type.Optional(Type.String()) }, closed),
    ),
    defaultCurrency: Type.Optional(Type.String({ maxLength: 3 })),
    defaultRegion: Type.Optional(Type.String({ maxLength: 2 })),
    source: Custom,
  },
  closed,
);

/** An index. */
export const Index = Type.Object({ fields: Type.Array(Name, { minItems: 1, maxItems: 8 }), unique: Type.Optional(Type.Boolean()) }, closed);

/** A custom entity as added. */
export const Entity = Type.Object(
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

/** What a field change may set. */
export const FieldChanges = Type.Object(
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

/** What an entity change may set. */
export const EntityChanges = Type.Object(
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

/** A custom role as added. */
export const Role = Type.Object({ id: Id, name: Name, label: Labels, description: Type.Optional(Type.String()), grants: Type.Record(Type.String(), Grant), source: Custom }, closed);

/** What a role change may set (`null` revokes an entity's grant). */
export const RoleChanges = Type.Object(
  { label: Type.Optional(Labels), description: Type.Optional(Type.String()), grants: Type.Optional(Type.Record(Type.String(), Type.Union([Grant, Type.Null()]))) },
  closed,
);

/** A custom validation rule as added. */
export const Rule = Type.Object(
  { id: Id, name: Name, entity: Name, condition: Type.Unknown(), message: Labels, fields: Type.Array(Name), active: Type.Boolean(), source: Custom },
  closed,
);

/** What a rule change may set. */
export const RuleChanges = Type.Object(
  { message: Type.Optional(Labels), condition: Type.Optional(Type.Unknown()), fields: Type.Optional(Type.Array(Name)), active: Type.Optional(Type.Boolean()) },
  closed,
);

const plain = (type: string, shape: Record<string, TSchema> = {}) => Type.Object({ type: Type.Literal(type), ...shape }, closed);
const Values = Type.Record(Type.String(), Type.Unknown());

/** What starts a workflow: one closed object per trigger `type`. */
export const Trigger = Type.Union([
  plain('created'),
  plain('updated'),
  plain('deleted'),
  plain('fieldChanged', { field: Name, from: Type.Optional(Type.Unknown()), to: Type.Optional(Type.Unknown()) }),
  plain('schedule', { cron: Type.String({ minLength: 1 }), timezone: Type.Optional(Type.String({ minLength: 1 })) }),
  plain('relativeTime', { field: Name, offsetMinutes: Type.Integer() }),
  plain('manual'),
  plain('webhook', { secret: Type.String({ minLength: 1 }) }),
]);

/** One step of a workflow: one closed object per built-in `type`, or a plugin's `<pluginId>.<name>`. */
export const Action = Type.Union([
  plain('setFields', { values: Values }),
  plain('createRecord', { entity: Name, values: Values }),
  plain('assign', { field: Type.Optional(Name), userId: Type.Optional(Type.Integer()), teamId: Type.Optional(Type.Integer()), strategy: Type.Optional(oneOf(['roundRobin', 'leastLoaded'])) }),
  plain('notify', { to: Type.Unknown(), title: Type.String({ minLength: 1 }), body: Type.Optional(Type.String()) }),
  plain('email', { to: Type.Unknown(), subject: Type.String({ minLength: 1 }), text: Type.String() }),
  plain('webhook', { url: Type.String({ minLength: 1 }), secret: Type.Optional(Type.String()), timeoutMs: Type.Optional(Type.Integer({ minimum: 1 })) }),
  Type.Object({ type: Type.String({ pattern: '^[a-z][a-z0-9-]*\\.[A-Za-z][A-Za-z0-9]*$' }), params: Type.Optional(Values) }, closed),
]);

/** A custom workflow as added. */
export const Workflow = Type.Object(
  {
    id: Id,
    label: Labels,
    description: Type.Optional(Type.String()),
    entity: Type.Optional(Name),
    trigger: Trigger,
    condition: Type.Optional(Type.Unknown()),
    actions: Type.Array(Action),
    enabled: Type.Boolean(),
    version: Type.Integer({ minimum: 1 }),
    source: Custom,
  },
  closed,
);

/** What a workflow change may set (`"condition": null` removes the condition). */
export const WorkflowChanges = Type.Object(
  {
    label: Type.Optional(Labels),
    description: Type.Optional(Type.String()),
    trigger: Type.Optional(Trigger),
    condition: Type.Optional(Type.Unknown()),
    actions: Type.Optional(Type.Array(Action)),
    enabled: Type.Optional(Type.Boolean()),
  },
  closed,
);

/** An entity's layout as stored: sections of field ids (`null` in a change: back to the default). */
export const Layout = Type.Object(
  {
    sections: Type.Array(
      Type.Object({ label: Labels, columns: Type.Optional(Type.Union([Type.Literal(1), Type.Literal(2)])), fields: Type.Array(Id) }, closed),
      { minItems: 1 },
    ),
  },
  closed,
);

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

// Every key of the SDK's definitions and of the customisation changes has a place above: a
// key added there and not here fails to compile (naming the missing keys) instead of making
// every exported package that uses it unreadable.
type Covers<Shape extends TSchema, Def> = [Exclude<keyof Def, keyof Static<Shape>>] extends [never] ? true : { readonly missingKeys: Exclude<keyof Def, keyof Static<Shape>> };
const covered: [
  Covers<typeof Field, FieldDefinition>,
  Covers<typeof Entity, EntityDefinition>,
  Covers<typeof Role, RoleDefinition>,
  Covers<typeof Rule, ValidationRuleDefinition>,
  Covers<typeof Workflow, WorkflowDefinition>,
  Covers<typeof FieldChanges, FieldChangesType>,
  Covers<typeof EntityChanges, EntityChangesType>,
  Covers<typeof RoleChanges, RoleChangesType>,
  Covers<typeof RuleChanges, RuleChangesType>,
  Covers<typeof WorkflowChanges, WorkflowChangesType>,
  Covers<typeof Layout, LayoutDefinition>,
  Covers<(typeof Layout)['properties']['sections']['items'], LayoutSection>,
] = [true, true, true, true, true, true, true, true, true, true, true, true];
void covered;
