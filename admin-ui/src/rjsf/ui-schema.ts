import type { UiSchema } from '@rjsf/utils';
import type { Abilities, EntityDetail, FieldMeta, JsonSchemaObject } from '../api/types.js';
import type { I18n } from '../app/i18n.js';

/** The field types whose value is an object or list edited by one of our fields, not RJSF's generic ones. */
const FIELD_BY_TYPE: Readonly<Record<string, string>> = { currency: 'currency', address: 'address', personName: 'personName', json: 'json' };
const WIDGET_BY_TYPE: Readonly<Record<string, string>> = {
  select: 'kithSelect',
  multiSelect: 'kithMultiSelect',
  relation: 'relation',
  user: 'relation',
  date: 'date',
  datetime: 'datetime',
  longText: 'textarea',
  percent: 'percent',
};
const INPUT_TYPE: Readonly<Record<string, string>> = { email: 'email', phone: 'tel', url: 'url' };

/**
 * The JSON Schema and uiSchema of an entity's form for this user: the server's schema (already
 * cut to the fields they may read), labels in their language, a widget per field type, and
 * fields they may read but not change shown read-only.
 */
export function formSchemas(entity: EntityDetail, abilities: Abilities, i18n: I18n): { schema: JsonSchemaObject; uiSchema: UiSchema; fields: FieldMeta[] } {
  const properties = entity.schema.properties ?? {};
  const fields = entity.fields.filter((f) => f.name in properties && !f.hidden);
  const uiSchema: UiSchema = { 'ui:order': [...fields.map((f) => f.name), '*'], 'ui:submitButtonOptions': { norender: true } };
  const shown: Record<string, JsonSchemaObject> = {};
  for (const field of fields) {
    const label = i18n.label(field.label, field.name);
    shown[field.name] = { ...properties[field.name]!, title: label, ...(field.description ? { description: field.description } : {}) };
    const options: Record<string, unknown> = { kithType: field.type };
    if (field.options) options.choices = field.options.map((o) => ({ value: o.value, label: i18n.label(o.label, o.value), color: o.color }));
    if (field.type === 'relation') options.target = field.target;
    if (field.type === 'user') options.target = null;
    if (field.type === 'currency') options.defaultCurrency = field.defaultCurrency;
    if (INPUT_TYPE[field.type]) options.inputType = INPUT_TYPE[field.type];
    uiSchema[field.name] = {
      ...(FIELD_BY_TYPE[field.type] ? { 'ui:field': FIELD_BY_TYPE[field.type] } : {}),
      ...(WIDGET_BY_TYPE[field.type] ? { 'ui:widget': WIDGET_BY_TYPE[field.type] } : {}),
      ...(abilities.readOnlyFields.has(field.name) || field.readonly ? { 'ui:readonly': true } : {}),
      'ui:options': options,
    };
  }
  const schema: JsonSchemaObject = { ...entity.schema, properties: shown, required: (entity.schema.required ?? []).filter((r) => r in shown) };
  return { schema, uiSchema, fields };
}
