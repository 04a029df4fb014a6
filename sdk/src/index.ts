/** @kith/sdk — the only package a Kith plugin imports. */
export { FIELD_TYPES, COMPUTED_RESULT_TYPES, ROLLUP_OPS, ROLLUP_RESULT_TYPES, SYSTEM_FIELDS } from './constants/field-types.js';
export type { FieldTypeName, ComputedResultType, RollupOp, RollupResultType, SystemFieldName } from './constants/field-types.js';
export type {
  Labels,
  DefinitionSource,
  JsonLogicExpression,
  SelectOption,
  RollupDefinition,
  FieldDefinition,
  IndexDefinition,
  EntityDefinition,
} from './types/metadata.js';
export type { AccessScope, EntityGrant, RoleDefinition } from './types/roles.js';
export { ACCESS_SCOPES } from './types/roles.js';
export type { ValidationRuleDefinition } from './types/rules.js';
export type { RecordInput, StoredRecord, RecordFilter, ListQuery, ListResult, RecordsApi } from './types/records.js';
export type { PluginLogger, SeedContext, UsersReader } from './types/context.js';
export type {
  SettingsValues,
  PluginRecords,
  MetadataReader,
  PluginSettingsApi,
  PluginIdentity,
  PluginContext,
  MigrationContext,
  RouteUser,
  RouteRequest,
} from './types/plugin-context.js';
export { Type } from '@sinclair/typebox';
export type { Static, TSchema, TObject } from '@sinclair/typebox';
export { RouteError } from './errors/route-error.js';
export type { RouteErrorInit } from './errors/route-error.js';
export { defineRoute, ROUTE_METHODS, RESERVED_ROUTE_SEGMENTS } from './define/define-route.js';
export type { RouteInput, RouteDefinition, RouteMethod } from './define/define-route.js';
export type { MigrationInput, MigrationDefinition, FieldRename } from './define/define-migration.js';
export type { ExtensionInput, ExtensionDefinition } from './define/define-extension.js';
export { LIFECYCLE_HOOKS } from './define/define-plugin-parts.js';
export type { LifecycleHook, PluginPartsInput } from './define/define-plugin-parts.js';
export { compareVersions, isVersion, SEMVER_PATTERN } from './define/versions.js';
export { DefinitionError } from './errors/definition-error.js';
export type { DefinitionProblem } from './errors/definition-error.js';
export { defineEntity, normaliseEntity, normaliseField, toSelectOptions, deepFreeze } from './define/define-entity.js';
export type { EntityInput, FieldInput, SelectOptionInput } from './define/define-entity.js';
export { definePlugin, PLUGIN_ID_PATTERN, RULE_NAME_PATTERN } from './define/define-plugin.js';
export type { PluginInput, PluginDefinition, RoleInput, ValidationRuleInput } from './define/define-plugin.js';
export { toLabels } from './define/labels.js';
export type { LabelInput } from './define/labels.js';
export { NAME_PATTERN, fieldNameProblem, entityNameProblem, toSnakeCase, labelFromName, pluralLabelFromName } from './define/names.js';
export type {
  WorkflowTrigger,
  WorkflowTriggerType,
  WorkflowAction,
  WorkflowDefinition,
  ActionValue,
  AssignStrategy,
  ActionContext,
  ActionDefinition,
} from './types/workflows.js';
export { defineAction, ACTION_NAME_PATTERN } from './define/define-action.js';
export { defineOperation, OPERATION_NAME } from './define/define-operation.js';
export type { OperationDefinition } from './define/define-operation.js';
export type { WorkflowInput, PluginLogicInput, PluginLogic } from './define/define-plugin-logic.js';
export type { UiContributionsInput, UiContributions, MenuItemInput, MenuItem, RecordPanelInput, RecordPanel } from './define/define-plugin-ui.js';
export { listAll, errorCode, titleOf, PAGE as LIST_ALL_PAGE } from './records/record-helpers.js';
