import { FIELD_TYPES, type FieldTypeName } from '@kith/sdk';
import { Errors } from '../../errors/index.js';
import { addressType } from './address.js';
import { booleanType } from './boolean.js';
import { computedType } from './computed.js';
import { currencyType } from './currency.js';
import { dateType } from './date.js';
import { datetimeType } from './datetime.js';
import { decimalType } from './decimal.js';
import { emailType } from './email.js';
import type { FieldType } from './field-type.js';
import { integerType } from './integer.js';
import { jsonType } from './json.js';
import { longTextType } from './long-text.js';
import { multiSelectType } from './multi-select.js';
import { percentType } from './percent.js';
import { personNameType } from './person-name.js';
import { phoneType } from './phone.js';
import { relationType } from './relation.js';
import { rollupType } from './rollup.js';
import { selectType } from './select.js';
import { textType } from './text.js';
import { urlType } from './url.js';
import { userType } from './user.js';

/** Every field type by name; the record type makes a type missing from FIELD_TYPES a compile error. */
export const fieldTypes: Readonly<Record<FieldTypeName, FieldType>> = Object.freeze({
  text: textType,
  longText: longTextType,
  email: emailType,
  phone: phoneType,
  url: urlType,
  integer: integerType,
  decimal: decimalType,
  currency: currencyType,
  percent: percentType,
  boolean: booleanType,
  date: dateType,
  datetime: datetimeType,
  select: selectType,
  multiSelect: multiSelectType,
  relation: relationType,
  user: userType,
  json: jsonType,
  computed: computedType,
  rollup: rollupType,
  address: addressType,
  personName: personNameType,
});

function isFieldTypeName(name: string): name is FieldTypeName {
  return (FIELD_TYPES as readonly string[]).includes(name);
}

/** The field type of that name; throws KITH_METADATA_INVALID for a name Kith does not know. */
export function getFieldType(name: string): FieldType {
  if (isFieldTypeName(name)) return fieldTypes[name];
  const message = `unknown field type "${name}"; use one of: ${FIELD_TYPES.join(', ')}`;
  throw Errors.definitionInvalid('Field type', [{ field: 'type', code: 'KITH_METADATA_INVALID', message }]);
}

export { normalisePhone } from './phone.js';
export { normaliseEmail } from './email.js';
export { normaliseUrl } from './url.js';
export { normaliseDatetime } from './datetime.js';
export type { ColumnKind, ColumnSpec, CsvParseOptions, Dialect, FieldType, FilterOperator, ValueCheck } from './field-type.js';
export { FILTER_OPERATORS } from './field-type.js';
