import type { Field, RuleGroupType } from 'react-querybuilder';
import type { EntityMeta, FieldMeta } from '../../api/types.js';
import { pathLabel } from '../../app/format.js';
import type { I18n } from '../../app/i18n.js';
import type { MessageKey } from '../../app/messages.js';

/** The parts a JsonLogic condition reads of a composite value (`amount.amount`, `address.city`). */
const PARTS: Readonly<Record<string, readonly { readonly key: string; readonly kind: 'text' | 'number' }[]>> = {
  currency: [
    { key: 'amount', kind: 'number' },
    { key: 'currency', kind: 'text' },
  ],
  address: ['street', 'city', 'postalCode', 'region', 'country'].map((key) => ({ key, kind: 'text' as const })),
  personName: ['first', 'last'].map((key) => ({ key, kind: 'text' as const })),
};

const NUMBER_TYPES = new Set(['integer', 'decimal', 'percent', 'relation', 'user', 'rollup']);
const TEXT_OPS = ['=', '!=', 'contains', 'doesNotContain', 'in', 'notIn', 'null', 'notNull'];
const ORDER_OPS = ['=', '!=', '<', '<=', '>', '>=', 'between', 'notBetween', 'null', 'notNull'];
const CHOICE_OPS = ['=', '!=', 'in', 'notIn', 'null', 'notNull'];

/**
 * The operators offered: only those react-querybuilder exports as plain JsonLogic the server
 * evaluates (`==`, `!=`, `<`…, `in`, `!`, `and`, `or`); `beginsWith` and `endsWith` would
 * export custom operations it refuses.
 */
export const CONDITION_OPERATORS = ['=', '!=', '<', '<=', '>', '>=', 'contains', 'doesNotContain', 'in', 'notIn', 'between', 'notBetween', 'null', 'notNull'] as const;

/** Operators with their labels in the UI's language (`cond.op.<name>`). */
function ops(names: readonly string[], i18n: I18n): { name: string; label: string }[] {
  return names.map((name) => ({ name, label: i18n.t(`cond.op.${name}` as MessageKey) }));
}

function fieldFor(entity: EntityMeta, field: FieldMeta, i18n: I18n, prefix: string): Field[] {
  const parts = PARTS[field.type];
  if (parts) {
    return parts.map((p) => ({
      name: `${prefix}${field.name}.${p.key}`,
      label: pathLabel(entity, `${field.name}.${p.key}`, i18n),
      inputType: p.kind === 'number' ? 'number' : 'text',
      operators: ops(p.kind === 'number' ? ORDER_OPS : TEXT_OPS, i18n),
    }));
  }
  const base = { name: `${prefix}${field.name}`, label: i18n.label(field.label, field.name) };
  switch (field.type) {
    case 'select':
    case 'multiSelect':
      return [
        {
          ...base,
          valueEditorType: (op: string) => (op === 'in' || op === 'notIn' ? 'multiselect' : 'select'),
          values: (field.options ?? []).map((o) => ({ name: o.value, label: i18n.label(o.label, o.value) })),
          operators: ops(field.type === 'multiSelect' ? ['contains', 'doesNotContain', 'null', 'notNull'] : CHOICE_OPS, i18n),
        },
      ];
    case 'boolean':
      return [{ ...base, valueEditorType: 'checkbox', defaultValue: true, operators: ops(['=', '!=', 'null', 'notNull'], i18n) }];
    case 'date':
    case 'datetime':
      return [{ ...base, inputType: field.type === 'date' ? 'date' : 'datetime-local', operators: ops(ORDER_OPS, i18n) }];
    case 'json':
      return [];
    default:
      return NUMBER_TYPES.has(field.type)
        ? [{ ...base, inputType: 'number', operators: ops(ORDER_OPS, i18n) }]
        : [{ ...base, inputType: 'text', operators: ops(TEXT_OPS, i18n) }];
  }
}

/**
 * The fields a condition on `entity` may read, for the query builder: every field by its API
 * name, composite values by their parts, system fields last. `prefix` is `record.` for workflow
 * conditions (they read `{ record, before, trigger, now }`).
 */
export function conditionFields(entity: EntityMeta, i18n: I18n, prefix = ''): Field[] {
  const fields = entity.fields.flatMap((f) => fieldFor(entity, f, i18n, prefix));
  const system: Field[] = [
    { name: `${prefix}id`, label: pathLabel(entity, 'id', i18n), inputType: 'number', operators: ops(ORDER_OPS, i18n) },
    { name: `${prefix}createdBy`, label: pathLabel(entity, 'createdBy', i18n), inputType: 'number', operators: ops(ORDER_OPS, i18n) },
  ];
  return [...fields, ...system];
}

/** An empty condition: all of no rules. */
export const emptyQuery = (): RuleGroupType => ({ combinator: 'and', rules: [] });
