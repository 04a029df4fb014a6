import type { FieldDefinition, SelectOption } from '@kith/sdk';
import type { LayeredMetadata } from '../apply-customisations.js';
import type { Customisation, CustomisationChange, CustomisationKind, EntityChanges, FieldChanges, RoleChanges, RuleChanges, WorkflowChanges } from '../customisation.js';

/** One reason a change cannot be reverted. */
export interface RevertReason {
  readonly code: string;
  readonly message: string;
  /** The key of the change it concerns (`maxLength`), or the later change (`#14`) in the way. */
  readonly field?: string;
}

/** What undoes a change: the customisations to append, or why none can. */
export type Inverse = { readonly changes: readonly CustomisationChange[] } | { readonly refused: readonly RevertReason[] };

/** What a change touches, so a later change touching the same can be found: a target, and its keys (`*`: all of it). */
export interface Touch {
  readonly target: string;
  readonly keys: readonly string[] | '*';
}

type Of<K extends CustomisationKind> = Extract<Customisation, { kind: K }>;

/** How one kind is undone. */
interface KindRevert<C extends Customisation> {
  touches(change: C): Touch;
  /** The changes that restore what `before` (the metadata just before it) had. */
  inverse(change: C, before: LayeredMetadata): Inverse;
}

const refused = (code: string, message: string, field?: string): Inverse => ({ refused: [{ code, message, ...(field !== undefined ? { field } : {}) }] });
const noRemoval = (what: string) =>
  refused('KITH_REVERT_NO_INVERSE', `Kith cannot remove ${what} yet (no customisation does that), so adding it cannot be reverted.`);
const notApplied = (what: string) => refused('KITH_REVERT_NOT_APPLIED', `${what} did not exist just before this change, so the change never took effect and there is nothing to revert.`);

/**
 * The value each changed key had before, as a change of the same kind. A key that had no value
 * cannot be set back to "none" by a customisation: booleans go back to false, descriptions to
 * "", and the rest (`maxLength`, `default`, …) are reasons to refuse.
 */
function restoreKeys<T extends object>(changes: object, before: T, absent: Readonly<Record<string, unknown>>, what: string): { changes: Partial<T> } | { refused: RevertReason[] } {
  const restored: Record<string, unknown> = {};
  const reasons: RevertReason[] = [];
  for (const key of Object.keys(changes)) {
    const value = (before as Record<string, unknown>)[key];
    if (value !== undefined) restored[key] = value;
    else if (key in absent) restored[key] = absent[key];
    else reasons.push({ code: 'KITH_REVERT_CANNOT_UNSET', field: key, message: `${what} had no ${key} before this change, and a customisation cannot take a ${key} away again; change it by hand instead.` });
  }
  return reasons.length > 0 ? { refused: reasons } : { changes: restored as Partial<T> };
}

const FIELD_ABSENT = { description: '', required: false, hidden: false, readonly: false, searchable: false, audited: true };

/** A field change undone: plain keys back to their values, options added removed, removed re-added, relabelled relabelled back. */
function fieldInverse(change: FieldChanges, before: FieldDefinition, what: string): { changes: FieldChanges } | { refused: RevertReason[] } {
  const { addOptions, relabelOptions, removeOptions, ...plain } = change;
  const restored = restoreKeys(plain, before, FIELD_ABSENT, what);
  if ('refused' in restored) return restored;
  const had = new Map((before.options ?? []).map((o) => [o.value, o] as const));
  const removeBack = (addOptions ?? []).filter((o) => !had.has(o.value)).map((o) => o.value);
  const relabelBack = (relabelOptions ?? []).flatMap((o) => (had.has(o.value) ? [had.get(o.value)!] : []));
  const addBack: SelectOption[] = (removeOptions ?? []).flatMap((v) => (had.has(v) ? [had.get(v)!] : []));
  return {
    changes: {
      ...restored.changes,
      ...(removeBack.length > 0 ? { removeOptions: removeBack } : {}),
      ...(relabelBack.length > 0 ? { relabelOptions: relabelBack } : {}),
      ...(addBack.length > 0 ? { addOptions: addBack } : {}),
    },
  };
}

const fieldKeys = (changes: FieldChanges): string[] =>
  Object.entries(changes).flatMap(([key, value]) =>
    key === 'addOptions' || key === 'relabelOptions' ? (value as SelectOption[]).map((o) => `option ${o.value}`) : key === 'removeOptions' ? (value as string[]).map((v) => `option ${v}`) : [key],
  );

const fieldBefore = (before: LayeredMetadata, entityId: string, fieldId: string) => before.entities.find((e) => e.id === entityId)?.fields.find((f) => f.id === fieldId);

/** Every customisation kind and how it is undone. */
export const REVERTS: { readonly [K in CustomisationKind]: KindRevert<Of<K>> } = {
  addEntity: {
    touches: (c) => ({ target: `entity ${c.entity.id}`, keys: '*' }),
    inverse: (c) => noRemoval(`an entity (${c.entity.name})`),
  },
  updateEntity: {
    touches: (c) => ({ target: `entity ${c.entityId}`, keys: Object.keys(c.changes) }),
    inverse: (c, before) => {
      const entity = before.entities.find((e) => e.id === c.entityId);
      if (!entity) return notApplied(`The entity ${c.entityId}`);
      const restored = restoreKeys<EntityChanges>(c.changes, entity, { description: '' }, `The entity ${entity.name}`);
      return 'refused' in restored ? restored : { changes: [{ kind: 'updateEntity', entityId: c.entityId, changes: restored.changes }] };
    },
  },
  addField: {
    touches: (c) => ({ target: `field ${c.field.id}`, keys: '*' }),
    inverse: (c) => ({ changes: [{ kind: 'removeField', entityId: c.entityId, fieldId: c.field.id }] }),
  },
  updateField: {
    touches: (c) => ({ target: `field ${c.fieldId}`, keys: fieldKeys(c.changes) }),
    inverse: (c, before) => {
      const field = fieldBefore(before, c.entityId, c.fieldId);
      if (!field) return notApplied(`The field ${c.fieldId}`);
      const restored = fieldInverse(c.changes, field, `The field ${field.name}`);
      if ('refused' in restored) return restored;
      return { changes: [{ kind: 'updateField', entityId: c.entityId, fieldId: c.fieldId, changes: restored.changes }] };
    },
  },
  removeField: {
    touches: (c) => ({ target: `field ${c.fieldId}`, keys: '*' }),
    inverse: (c, before) => {
      const field = fieldBefore(before, c.entityId, c.fieldId);
      if (!field) return notApplied(`The field ${c.fieldId}`);
      return { changes: [{ kind: 'addField', entityId: c.entityId, field }] };
    },
  },
  addIndex: {
    touches: (c) => ({ target: `entity ${c.entityId}`, keys: [`index ${c.index.fields.join(',')}`] }),
    inverse: (c) => noRemoval(`an index (${c.index.fields.join(', ')})`),
  },
  addRole: {
    touches: (c) => ({ target: `role ${c.role.id}`, keys: '*' }),
    inverse: (c) => noRemoval(`a role (${c.role.name}); take its grants away instead (PATCH /api/v1/metadata/roles/${c.role.name} with "grants": {"<entity>": null})`),
  },
  updateRole: {
    touches: (c) => ({ target: `role ${c.roleId}`, keys: [...Object.keys(c.changes).filter((k) => k !== 'grants'), ...Object.keys(c.changes.grants ?? {}).map((e) => `grant ${e}`)] }),
    inverse: (c, before) => {
      const role = before.roles.find((r) => r.id === c.roleId);
      if (!role) return notApplied(`The role ${c.roleId}`);
      const { grants, ...rest } = c.changes;
      const restored = restoreKeys<RoleChanges>(rest, role, { description: '' }, `The role ${role.name}`);
      if ('refused' in restored) return restored;
      const grantsBack = grants ? { grants: Object.fromEntries(Object.keys(grants).map((entity) => [entity, role.grants[entity] ?? null])) } : {};
      return { changes: [{ kind: 'updateRole', roleId: c.roleId, changes: { ...restored.changes, ...grantsBack } }] };
    },
  },
  addRule: {
    touches: (c) => ({ target: `rule ${c.rule.id}`, keys: '*' }),
    inverse: (c) => ({ changes: [{ kind: 'removeRule', ruleId: c.rule.id }] }),
  },
  updateRule: {
    touches: (c) => ({ target: `rule ${c.ruleId}`, keys: Object.keys(c.changes) }),
    inverse: (c, before) => {
      const rule = before.rules.find((r) => r.id === c.ruleId);
      if (!rule) return notApplied(`The rule ${c.ruleId}`);
      const restored = restoreKeys<RuleChanges>(c.changes, rule, {}, `The rule ${rule.name}`);
      return 'refused' in restored ? restored : { changes: [{ kind: 'updateRule', ruleId: c.ruleId, changes: restored.changes }] };
    },
  },
  removeRule: {
    touches: (c) => ({ target: `rule ${c.ruleId}`, keys: '*' }),
    inverse: (c, before) => {
      const rule = before.rules.find((r) => r.id === c.ruleId);
      return rule ? { changes: [{ kind: 'addRule', rule }] } : notApplied(`The rule ${c.ruleId}`);
    },
  },
  addWorkflow: {
    touches: (c) => ({ target: `workflow ${c.workflow.id}`, keys: '*' }),
    inverse: (c) => ({ changes: [{ kind: 'removeWorkflow', workflowId: c.workflow.id }] }),
  },
  updateWorkflow: {
    touches: (c) => ({ target: `workflow ${c.workflowId}`, keys: Object.keys(c.changes) }),
    inverse: (c, before) => {
      const workflow = before.workflows.find((w) => w.id === c.workflowId);
      if (!workflow) return notApplied(`The workflow ${c.workflowId}`);
      // `"condition": null` is how a workflow change takes a condition away.
      const restored = restoreKeys<WorkflowChanges>(c.changes, workflow, { description: '', condition: null }, `The workflow ${workflow.id}`);
      return 'refused' in restored ? restored : { changes: [{ kind: 'updateWorkflow', workflowId: c.workflowId, changes: restored.changes }] };
    },
  },
  removeWorkflow: {
    touches: (c) => ({ target: `workflow ${c.workflowId}`, keys: '*' }),
    inverse: (c, before) => {
      const workflow = before.workflows.find((w) => w.id === c.workflowId);
      return workflow ? { changes: [{ kind: 'addWorkflow', workflow }] } : notApplied(`The workflow ${c.workflowId}`);
    },
  },
  setLayout: {
    touches: (c) => ({ target: `layout ${c.entityId}`, keys: ['sections'] }),
    // A layout is set whole, so the one before comes back whole (none before: the default, `null`).
    inverse: (c, before) => {
      if (!before.entities.some((e) => e.id === c.entityId)) return notApplied(`The entity ${c.entityId}`);
      return { changes: [{ kind: 'setLayout', entityId: c.entityId, layout: before.layouts.get(c.entityId) ?? null }] };
    },
  },
};

/** The revert mapping of a customisation's kind. */
function revertOf<C extends Customisation>(change: C): KindRevert<C> {
  return REVERTS[change.kind as CustomisationKind] as unknown as KindRevert<C>;
}

/** What a customisation touches. */
export function touchesOf(change: Customisation): Touch {
  return revertOf(change).touches(change);
}

/** The customisations that undo `change`, given the metadata just before it; or why there are none. */
export function inverseOf(change: Customisation, before: LayeredMetadata): Inverse {
  return revertOf(change).inverse(change, before);
}

/**
 * True when `later` changed something `change` did, so undoing `change` would overwrite it or
 * make no sense: the same target and a common key. Undoing an addition removes the target
 * whole, so later changes of its keys are swept away with it and do not count.
 */
export function overlaps(change: Customisation, later: Customisation): boolean {
  const a = touchesOf(change);
  const b = touchesOf(later);
  if (a.target !== b.target) return false;
  if (a.keys === '*' && b.keys !== '*') return !change.kind.startsWith('add');
  if (a.keys === '*' || b.keys === '*') return true;
  const keys = new Set(a.keys);
  return b.keys.some((k) => keys.has(k));
}
