import { Type, type TSchema } from '@sinclair/typebox';
import type { WorkflowAction } from '@kith/sdk';
import type { CustomisationChange, CustomisationKind, FieldChanges } from '../metadata/customisation.js';
import type { NameBook, Named } from './name-book.js';
import * as S from './package-schemas.js';

/** A customisation of one kind. */
export type ChangeOf<K extends CustomisationKind> = Extract<CustomisationChange, { kind: K }>;

/**
 * How one kind of customisation travels in a package. Everything the package code knows
 * about a kind is here: a new kind is one entry in PACKAGE_KINDS (the compiler asks for it).
 */
export interface KindMapping<C extends CustomisationChange> {
  /** The package folder its file lives in (`entities`, `roles`, `rules`, `workflows`, `layouts`). */
  readonly folder: string;
  /** The file's name in that folder, without `.json`: the entity, role or workflow it concerns. */
  file(change: C, names: NameBook): string;
  /** The keys of an item besides `kind`; the item is checked closed, so a misspelt key is refused. */
  readonly shape: Readonly<Record<string, TSchema>>;
  /** One line a person reads in a plan: `add field deal.region (select)`. */
  summary(change: C, names: NameBook): string;
  /**
   * The entities it concerns, by name. `--plugin X` takes the change when there is at least
   * one and all belong to X's part (a role spanning plugins belongs to the whole package).
   */
  entities(change: C, names: NameBook): readonly string[];
  /** What it brings into existence, so later changes can be named: an entity, field, role, rule, workflow. */
  introduces?(change: C): readonly Named[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What a field change does, in a few words: `required, add options north, south`. */
function fieldChanges(changes: FieldChanges): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (key === 'addOptions' || key === 'relabelOptions') {
      parts.push(`${key === 'addOptions' ? 'add' : 'relabel'} options ${(value as { value: string }[]).map((o) => o.value).join(', ')}`);
    } else if (key === 'removeOptions') {
      parts.push(`remove options ${(value as string[]).join(', ')}`);
    } else if (typeof value === 'boolean') {
      parts.push(value ? key : `not ${key}`);
    } else if (typeof value === 'number') {
      parts.push(`${key} ${value}`);
    } else {
      parts.push(key);
    }
  }
  return parts.join(', ');
}

const keys = (changes: object) => Object.keys(changes).join(', ');

/** A workflow's entity and the entities its actions create records in. */
function workflowEntities(entity: string | undefined, actions: readonly WorkflowAction[] = []): string[] {
  const created = actions.flatMap((a) => (a.type === 'createRecord' && 'entity' in a && typeof a.entity === 'string' ? [a.entity] : []));
  return [...new Set([...(entity === undefined ? [] : [entity]), ...created])];
}

/** Every customisation kind as it travels in a package. */
export const PACKAGE_KINDS: { readonly [K in CustomisationKind]: KindMapping<ChangeOf<K>> } = {
  addEntity: {
    folder: 'entities',
    file: (c) => c.entity.name,
    shape: { entity: S.Entity },
    summary: (c) => `add entity ${c.entity.name} (${plural(c.entity.fields.length, 'field')})`,
    entities: (c) => [c.entity.name],
    introduces: (c) => [{ kind: 'entity', id: c.entity.id, name: c.entity.name }, ...c.entity.fields.map((f) => ({ kind: 'field' as const, id: f.id, name: f.name }))],
  },
  updateEntity: {
    folder: 'entities',
    file: (c, n) => n.entity(c.entityId),
    shape: { entityId: S.Id, changes: S.EntityChanges },
    summary: (c, n) => `change entity ${n.entity(c.entityId)}: ${keys(c.changes)}`,
    entities: (c, n) => [n.entity(c.entityId)],
  },
  addField: {
    folder: 'entities',
    file: (c, n) => n.entity(c.entityId),
    shape: { entityId: S.Id, field: S.Field },
    summary: (c, n) => `add field ${n.entity(c.entityId)}.${c.field.name} (${c.field.type}${c.field.target ? ` → ${c.field.target}` : ''})`,
    entities: (c, n) => [n.entity(c.entityId)],
    introduces: (c) => [{ kind: 'field', id: c.field.id, name: c.field.name }],
  },
  updateField: {
    folder: 'entities',
    file: (c, n) => n.entity(c.entityId),
    shape: { entityId: S.Id, fieldId: S.Id, changes: S.FieldChanges },
    summary: (c, n) => `change field ${n.field(c.entityId, c.fieldId)}: ${fieldChanges(c.changes)}`,
    entities: (c, n) => [n.entity(c.entityId)],
  },
  removeField: {
    folder: 'entities',
    file: (c, n) => n.entity(c.entityId),
    shape: { entityId: S.Id, fieldId: S.Id },
    summary: (c, n) => `remove field ${n.field(c.entityId, c.fieldId)}`,
    entities: (c, n) => [n.entity(c.entityId)],
  },
  addIndex: {
    folder: 'entities',
    file: (c, n) => n.entity(c.entityId),
    shape: { entityId: S.Id, index: S.Index },
    summary: (c, n) => `add ${c.index.unique ? 'unique ' : ''}index on ${n.entity(c.entityId)} (${c.index.fields.join(', ')})`,
    entities: (c, n) => [n.entity(c.entityId)],
  },
  addRole: {
    folder: 'roles',
    file: (c) => c.role.name,
    shape: { role: S.Role },
    summary: (c) => `add role ${c.role.name} (grants on ${Object.keys(c.role.grants).join(', ') || 'nothing'})`,
    entities: (c) => Object.keys(c.role.grants),
    introduces: (c) => [{ kind: 'role', id: c.role.id, name: c.role.name }],
  },
  updateRole: {
    folder: 'roles',
    file: (c, n) => n.role(c.roleId),
    shape: { roleId: S.Id, changes: S.RoleChanges },
    summary: (c, n) => {
      const { grants, ...rest } = c.changes;
      const parts = [...Object.keys(rest), ...Object.entries(grants ?? {}).map(([entity, g]) => (g === null ? `revoke ${entity}` : `grant ${entity}`))];
      return `change role ${n.role(c.roleId)}: ${parts.join(', ')}`;
    },
    entities: (c) => Object.keys(c.changes.grants ?? {}),
  },
  addRule: {
    folder: 'rules',
    file: (c) => c.rule.entity,
    shape: { rule: S.Rule },
    summary: (c) => `add rule ${c.rule.entity}.${c.rule.name}${c.rule.active ? '' : ' (inactive)'}`,
    entities: (c) => [c.rule.entity],
    introduces: (c) => [{ kind: 'rule', id: c.rule.id, name: c.rule.name, entity: c.rule.entity }],
  },
  updateRule: {
    folder: 'rules',
    file: (c, n) => n.ruleEntity(c.ruleId),
    shape: { ruleId: S.Id, changes: S.RuleChanges },
    summary: (c, n) => `change rule ${n.rule(c.ruleId)}: ${keys(c.changes)}`,
    entities: (c, n) => [n.ruleEntity(c.ruleId)],
  },
  removeRule: {
    folder: 'rules',
    file: (c, n) => n.ruleEntity(c.ruleId),
    shape: { ruleId: S.Id },
    summary: (c, n) => `remove rule ${n.rule(c.ruleId)}`,
    entities: (c, n) => [n.ruleEntity(c.ruleId)],
  },
  addWorkflow: {
    folder: 'workflows',
    file: (c) => c.workflow.id,
    shape: { workflow: S.Workflow },
    summary: (c) => `add workflow ${c.workflow.id} (${c.workflow.trigger.type}${c.workflow.entity ? ` on ${c.workflow.entity}` : ''}, ${plural(c.workflow.actions.length, 'action')})`,
    entities: (c) => workflowEntities(c.workflow.entity, c.workflow.actions),
    introduces: (c) => [{ kind: 'workflow', id: c.workflow.id, name: c.workflow.id, ...(c.workflow.entity !== undefined ? { entity: c.workflow.entity } : {}) }],
  },
  updateWorkflow: {
    folder: 'workflows',
    file: (c) => c.workflowId,
    shape: { workflowId: S.Id, changes: S.WorkflowChanges },
    summary: (c) => `change workflow ${c.workflowId}: ${keys(c.changes)}`,
    entities: (c, n) => workflowEntities(n.workflowEntity(c.workflowId), c.changes.actions),
  },
  removeWorkflow: {
    folder: 'workflows',
    file: (c) => c.workflowId,
    shape: { workflowId: S.Id },
    summary: (c) => `remove workflow ${c.workflowId}`,
    entities: (c, n) => workflowEntities(n.workflowEntity(c.workflowId)),
  },
  setLayout: {
    folder: 'layouts',
    file: (c, n) => n.entity(c.entityId),
    shape: { entityId: S.Id, layout: Type.Union([S.Layout, Type.Null()]) },
    summary: (c, n) =>
      c.layout === null
        ? `reset layout of ${n.entity(c.entityId)}`
        : `set layout of ${n.entity(c.entityId)} (${plural(c.layout.sections.length, 'section')}: ${c.layout.sections.map((s) => s.label.en).join(', ')})`,
    entities: (c, n) => [n.entity(c.entityId)],
  },
};

/** The mapping of a customisation's kind. */
export function mappingOf<C extends CustomisationChange>(change: C): KindMapping<C> {
  return PACKAGE_KINDS[change.kind as CustomisationKind] as unknown as KindMapping<C>;
}

/** True for a kind this version of Kith knows. */
export function isKind(kind: unknown): kind is CustomisationKind {
  return typeof kind === 'string' && Object.hasOwn(PACKAGE_KINDS, kind);
}

/** The package folders and the kinds each holds: `entities` → addEntity, updateEntity, … */
export const PACKAGE_FOLDERS: ReadonlyMap<string, readonly CustomisationKind[]> = (() => {
  const folders = new Map<string, CustomisationKind[]>();
  for (const [kind, mapping] of Object.entries(PACKAGE_KINDS) as [CustomisationKind, KindMapping<CustomisationChange>][]) {
    folders.set(mapping.folder, [...(folders.get(mapping.folder) ?? []), kind]);
  }
  return folders;
})();

/** `entities/deal.json`: a package folder, a name of letters, digits, dots, dashes or underscores, `.json`. */
export const PACKAGE_FILE = new RegExp(`^(${[...PACKAGE_FOLDERS.keys()].join('|')})/[A-Za-z0-9._-]+\\.json$`);

/** The schema of one item of a package file, by kind: `kind` and the kind's shape, closed. */
export const ITEM_SCHEMAS = Object.fromEntries(
  Object.entries(PACKAGE_KINDS).map(([kind, mapping]) => [kind, Type.Object({ kind: Type.Literal(kind), ...mapping.shape }, { additionalProperties: false }) as TSchema]),
) as Readonly<Record<CustomisationKind, TSchema>>;
