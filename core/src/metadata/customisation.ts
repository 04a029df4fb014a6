import type { LayoutDefinition } from './layouts/layout.js';
import type { EntityDefinition, EntityGrant, FieldDefinition, IndexDefinition, JsonLogicExpression, Labels, RoleDefinition, SelectOption, ValidationRuleDefinition, WorkflowAction, WorkflowDefinition, WorkflowTrigger } from '@kith/sdk';

/** What a customisation may change on an existing field. */
export interface FieldChanges {
  readonly label?: Labels;
  readonly description?: string;
  readonly required?: boolean;
  readonly hidden?: boolean;
  readonly readonly?: boolean;
  readonly searchable?: boolean;
  readonly audited?: boolean;
  readonly default?: unknown;
  readonly maxLength?: number;
  readonly min?: number;
  readonly max?: number;
  readonly addOptions?: readonly SelectOption[];
  readonly relabelOptions?: readonly SelectOption[];
  readonly removeOptions?: readonly string[];
}

/** What a customisation may change on an existing entity. */
export interface EntityChanges {
  readonly label?: Labels;
  readonly labelPlural?: Labels;
  readonly description?: string;
  readonly titleField?: string;
}

/** What a customisation may change on a role: labels, and grants per entity (null removes one). */
export interface RoleChanges {
  readonly label?: Labels;
  readonly description?: string;
  readonly grants?: Readonly<Record<string, EntityGrant | null>>;
}

/** What a customisation may change on a validation rule (its name and entity stay). */
export interface RuleChanges {
  readonly message?: Labels;
  readonly condition?: JsonLogicExpression;
  readonly fields?: readonly string[];
  readonly active?: boolean;
}

/** What a customisation may change on a workflow (its id and entity stay); each change is a new version. */
export interface WorkflowChanges {
  readonly label?: Labels;
  readonly description?: string;
  readonly trigger?: WorkflowTrigger;
  readonly condition?: JsonLogicExpression | null;
  readonly actions?: readonly WorkflowAction[];
  readonly enabled?: boolean;
}

/**
 * One typed, ordered change on top of the base definitions. Customisations are stored in
 * their own table and re-applied, by stable id, every time the effective metadata is
 * computed, so a base upgrade never overwrites them.
 */
export type CustomisationChange =
  | { readonly kind: 'addEntity'; readonly entity: EntityDefinition }
  | { readonly kind: 'updateEntity'; readonly entityId: string; readonly changes: EntityChanges }
  | { readonly kind: 'addField'; readonly entityId: string; readonly field: FieldDefinition }
  | { readonly kind: 'updateField'; readonly entityId: string; readonly fieldId: string; readonly changes: FieldChanges }
  | { readonly kind: 'removeField'; readonly entityId: string; readonly fieldId: string }
  | { readonly kind: 'addIndex'; readonly entityId: string; readonly index: IndexDefinition }
  | { readonly kind: 'addRole'; readonly role: RoleDefinition }
  | { readonly kind: 'updateRole'; readonly roleId: string; readonly changes: RoleChanges }
  | { readonly kind: 'addRule'; readonly rule: ValidationRuleDefinition }
  | { readonly kind: 'updateRule'; readonly ruleId: string; readonly changes: RuleChanges }
  | { readonly kind: 'removeRule'; readonly ruleId: string }
  | { readonly kind: 'addWorkflow'; readonly workflow: WorkflowDefinition }
  | { readonly kind: 'updateWorkflow'; readonly workflowId: string; readonly changes: WorkflowChanges }
  | { readonly kind: 'removeWorkflow'; readonly workflowId: string }
  /** Sets an entity's form layout whole (`null`: back to the default). */
  | { readonly kind: 'setLayout'; readonly entityId: string; readonly layout: LayoutDefinition | null };

/** The kind of a customisation. */
export type CustomisationKind = CustomisationChange['kind'];

/** A stored customisation: its position in the sequence and who made it. */
export type Customisation = CustomisationChange & {
  readonly seq: number;
  readonly createdAt: string;
  readonly createdBy: number | null;
};

/** A customisation that no longer applies to the base, with a message a person can act on. */
export interface CustomisationConflict {
  readonly seq: number;
  readonly kind: CustomisationKind;
  /** The entity (or, for role and rule changes, the role or rule) the customisation targets. */
  readonly entityId: string;
  readonly fieldId?: string;
  readonly message: string;
}
