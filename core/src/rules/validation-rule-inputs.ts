import type { LabelInput } from '@kith/sdk';
import { Type, type Static } from '@sinclair/typebox';

const Label = Type.Unsafe<LabelInput>(
  Type.Union([
    Type.String({ minLength: 1, maxLength: 500 }),
    Type.Object({ en: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: Type.String({ minLength: 1, maxLength: 500 }), maxProperties: 50 }),
  ]),
);
const Fields = Type.Array(Type.String({ maxLength: 48 }), { maxItems: 50 });

/** Body of POST /api/v1/metadata/entities/:entity/rules. */
export const NewRuleBody = Type.Object(
  { name: Type.String({ maxLength: 64 }), condition: Type.Unknown(), message: Label, fields: Type.Optional(Fields), active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

/** Body of PATCH …/rules/:rule: what may change on a rule (its name and entity stay). */
export const RulePatchBody = Type.Object(
  { condition: Type.Optional(Type.Unknown()), message: Type.Optional(Label), fields: Type.Optional(Fields), active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);

/** Body of POST …/rules/test: a sample record and/or a stored one, and optionally one rule or a condition to try. */
export const RuleTestBody = Type.Object(
  {
    record: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    id: Type.Optional(Type.Integer({ minimum: 1 })),
    rule: Type.Optional(Type.String({ maxLength: 64 })),
    condition: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);

/** A dry-run request as posted. */
export type RuleTest = Static<typeof RuleTestBody>;
