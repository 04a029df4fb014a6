import type { LabelInput } from '@kith/sdk';
import { Type, type Static } from '@sinclair/typebox';

const Label = Type.Unsafe<LabelInput>(
  Type.Union([
    Type.String({ minLength: 1, maxLength: 200 }),
    Type.Object({ en: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: Type.String({ minLength: 1, maxLength: 200 }), maxProperties: 50 }),
  ]),
);
/** Shapes are checked here; what a trigger or action means is checked against the model (check-workflow.ts). */
const Trigger = Type.Object({ type: Type.String({ maxLength: 32 }) }, { additionalProperties: true });
const Action = Type.Object({ type: Type.String({ maxLength: 130 }) }, { additionalProperties: true });
const Actions = Type.Array(Action, { minItems: 1, maxItems: 20 });

/** A workflow id: lower-case letters, digits and dashes (it is in URLs). */
export const WORKFLOW_ID_PATTERN = '^[a-z][a-z0-9-]{1,62}$';

/** Body of POST /api/v1/workflows. */
export const NewWorkflowBody = Type.Object(
  {
    id: Type.String({ pattern: WORKFLOW_ID_PATTERN }),
    label: Label,
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    entity: Type.Optional(Type.String({ maxLength: 48 })),
    trigger: Trigger,
    condition: Type.Optional(Type.Unknown()),
    actions: Actions,
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** Body of PATCH /api/v1/workflows/:id (the id and entity stay; `"condition": null` removes it). */
export const WorkflowPatchBody = Type.Object(
  {
    label: Type.Optional(Label),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    trigger: Type.Optional(Trigger),
    condition: Type.Optional(Type.Unknown()),
    actions: Type.Optional(Actions),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** Body of POST /api/v1/workflows/:id/test: a sample record or a stored one, the change to simulate. */
export const WorkflowTestBody = Type.Object(
  {
    recordId: Type.Optional(Type.Integer({ minimum: 1 })),
    record: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    before: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    op: Type.Optional(Type.Union([Type.Literal('create'), Type.Literal('update'), Type.Literal('delete')])),
    body: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);
export type WorkflowTest = Static<typeof WorkflowTestBody>;

/** Body of POST /api/v1/workflows/:id/run (a manual button). */
export const WorkflowRunBody = Type.Object({ recordId: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });
