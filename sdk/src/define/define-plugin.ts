import { DefinitionError, type DefinitionProblem } from '../errors/definition-error.js';
import type { SeedContext } from '../types/context.js';
import type { DefinitionSource, EntityDefinition, JsonLogicExpression } from '../types/metadata.js';
import type { EntityGrant, RoleDefinition } from '../types/roles.js';
import type { ValidationRuleDefinition } from '../types/rules.js';
import { toLabels, type LabelInput } from './labels.js';
import { deepFreeze } from './define-entity.js';
import { pluginParts, type LifecycleHook, type PluginParts, type PluginPartsInput } from './define-plugin-parts.js';
import { pluginLogic, type PluginLogic, type PluginLogicInput } from './define-plugin-logic.js';
import { pluginUi, type UiContributions, type UiContributionsInput } from './define-plugin-ui.js';

/** A validation rule name: camelCase letters, digits and dashes, starting with a lower-case letter. */
export const RULE_NAME_PATTERN = /^[a-z][a-zA-Z0-9-]{0,63}$/;

/** A plugin id: lower-case words joined by dashes. */
export const PLUGIN_ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** A plugin as its author writes it (routes, migrations, settings, extensions and hooks: see PluginPartsInput). */
export interface PluginInput extends PluginPartsInput, PluginLogicInput {
  id: string;
  version: string;
  description?: string;
  /** Plugins this one needs, with semver ranges: `{ crm: '^1.0.0' }`. */
  requires?: Readonly<Record<string, string>>;
  entities?: readonly EntityDefinition[];
  /** Permission presets: roles a consultant assigns (and may customise). */
  roles?: readonly RoleInput[];
  /** Base validation rules (consultants may change or deactivate them, never remove them). */
  rules?: readonly ValidationRuleInput[];
  /** Sample data, written once through the record service on first start. */
  seed?: (ctx: SeedContext) => Promise<void>;
  /** What the plugin adds to the admin UI: menu entries and record-page panels fed by its routes. */
  ui?: UiContributionsInput;
}

/** A role preset as a plugin author writes it. */
export interface RoleInput {
  name: string;
  label?: LabelInput;
  description?: string;
  grants: Readonly<Record<string, EntityGrant>>;
}

/** A validation rule as a plugin author writes it. */
export interface ValidationRuleInput {
  name: string;
  /** The entity's name (this plugin's or another's). */
  entity: string;
  /** JsonLogic over the record; a truthy result refuses the write. */
  condition: JsonLogicExpression;
  message: LabelInput;
  /** The fields the error points at (default: none, a record-level message). */
  fields?: readonly string[];
  /** Default true. */
  active?: boolean;
}

/** A validated, frozen plugin definition. */
export interface PluginDefinition extends PluginParts, PluginLogic {
  readonly id: string;
  readonly version: string;
  readonly description?: string;
  readonly requires: Readonly<Record<string, string>>;
  readonly entities: readonly EntityDefinition[];
  readonly roles: readonly RoleDefinition[];
  readonly rules: readonly ValidationRuleDefinition[];
  readonly seed?: (ctx: SeedContext) => Promise<void>;
  readonly ui: UiContributions;
  readonly install?: LifecycleHook;
  readonly start?: LifecycleHook;
  readonly stop?: LifecycleHook;
}

/** Declares a plugin: checked now, frozen, with every problem reported at once. */
export function definePlugin(input: PluginInput): PluginDefinition {
  const problems: DefinitionProblem[] = [];
  if (typeof input.id !== 'string' || !PLUGIN_ID_PATTERN.test(input.id)) {
    problems.push({ path: 'id', message: `"${String(input.id)}" is not a valid plugin id: use lower-case words joined by dashes` });
  }
  if (input.id === 'kith') problems.push({ path: 'id', message: '"kith" is reserved for the core (its own operations are kith.*); choose another id' });
  if (typeof input.version !== 'string' || !SEMVER.test(input.version)) {
    problems.push({ path: 'version', message: `"${String(input.version)}" is not a semantic version (major.minor.patch)` });
  }
  const source: DefinitionSource = `plugin:${input.id}`;
  const seen = new Set<string>();
  const entities = (input.entities ?? []).map((e, i) => {
    if (seen.has(e.name)) problems.push({ path: `entities[${i}]`, message: `entity "${e.name}" is declared twice` });
    seen.add(e.name);
    return { ...e, source, fields: e.fields.map((f) => ({ ...f, source })) };
  });
  const roles: RoleDefinition[] = (input.roles ?? []).map((r, i) => {
    if (typeof r.name !== 'string' || !/^[a-z][a-zA-Z0-9-]{0,63}$/.test(r.name)) problems.push({ path: `roles[${i}].name`, message: `"${String(r.name)}" is not a valid role name` });
    return { id: `${input.id}.${r.name}`, name: r.name, label: toLabels(r.label, r.name), ...(r.description ? { description: r.description } : {}), grants: r.grants, source };
  });
  const rules = (input.rules ?? []).map((r, i) => pluginRule(input.id, source, r, `rules[${i}]`, problems));
  const ruleKeys = new Set<string>();
  rules.forEach((r, i) => {
    if (ruleKeys.has(r.id)) problems.push({ path: `rules[${i}].name`, message: `rule "${r.name}" is declared twice for ${r.entity}` });
    ruleKeys.add(r.id);
  });
  if (input.seed !== undefined && typeof input.seed !== 'function') {
    problems.push({ path: 'seed', message: 'seed must be a function' });
  }
  const parts = pluginParts(input, source, problems);
  const logic = pluginLogic(input, String(input.id), source, problems);
  const ui = pluginUi(input.ui, parts.routes, problems);
  if (problems.length > 0) throw new DefinitionError(`plugin "${String(input.id)}"`, problems);
  const { seed, actions, operations, ...data } = input;
  return Object.freeze({
    ...deepFreeze({ ...data, requires: { ...(input.requires ?? {}) }, entities, roles, rules, ...parts, workflows: logic.workflows, ui }),
    // Listed in frozen arrays; the action and operation objects are already frozen by their define* helpers.
    actions: Object.freeze([...logic.actions]),
    operations: Object.freeze([...logic.operations]),
    ...(seed ? { seed } : {}),
  });
}

/** A plugin's rule, normalised; its condition is checked by the core at boot (it knows the entities). */
function pluginRule(pluginId: string, source: DefinitionSource, r: ValidationRuleInput, at: string, problems: DefinitionProblem[]): ValidationRuleDefinition {
  if (typeof r.name !== 'string' || !RULE_NAME_PATTERN.test(r.name)) problems.push({ path: `${at}.name`, message: `"${String(r.name)}" is not a valid rule name: letters, digits and dashes, starting with a lower-case letter` });
  if (typeof r.entity !== 'string' || r.entity === '') problems.push({ path: `${at}.entity`, message: 'name the entity the rule applies to' });
  if (r.fields !== undefined && !Array.isArray(r.fields)) problems.push({ path: `${at}.fields`, message: 'fields is a list of field names' });
  return {
    id: `${pluginId}.${String(r.entity)}.${String(r.name)}`,
    name: r.name,
    entity: r.entity,
    condition: r.condition,
    message: toLabels(r.message, String(r.name)),
    fields: [...(r.fields ?? [])],
    active: r.active ?? true,
    source,
  };
}
