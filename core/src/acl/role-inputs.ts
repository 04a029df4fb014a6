import { ACCESS_SCOPES } from '@kith/sdk';
import { Type, type Static } from '@sinclair/typebox';

const Scope = Type.Unsafe<(typeof ACCESS_SCOPES)[number]>({ type: 'string', enum: [...ACCESS_SCOPES] });
const Label = Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Object({ en: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: Type.String({ maxLength: 200 }) })]);

/** One entity's grant as posted. */
export const GrantBody = Type.Object(
  {
    create: Scope,
    read: Scope,
    edit: Scope,
    delete: Scope,
    fields: Type.Optional(Type.Record(Type.String(), Type.Object({ read: Type.Boolean(), edit: Type.Boolean() }, { additionalProperties: false }))),
    condition: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);

/** Body of POST /api/v1/metadata/roles. */
export const NewRoleBody = Type.Object(
  { name: Type.String({ maxLength: 64 }), label: Type.Optional(Label), description: Type.Optional(Type.String({ maxLength: 2000 })), grants: Type.Record(Type.String(), GrantBody) },
  { additionalProperties: false },
);

/** Body of PATCH /api/v1/metadata/roles/:role: grants per entity replace that entity's grant (null removes it). */
export const RolePatchBody = Type.Object(
  { label: Type.Optional(Label), description: Type.Optional(Type.String({ maxLength: 2000 })), grants: Type.Optional(Type.Record(Type.String(), Type.Union([GrantBody, Type.Null()]))) },
  { additionalProperties: false, minProperties: 1 },
);

/** A new role as posted. */
export type NewRole = Static<typeof NewRoleBody>;
