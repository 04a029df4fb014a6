import type { FieldType } from './field-type.js';
import { TEXT_OPERATORS } from './operators.js';
import { textComposite } from './text-composite.js';

/** A person's name as first and last name; the bare field filters and sorts by last name. */
export const personNameType: FieldType = {
  name: 'personName',
  checkDefinition: () => [],
  ...textComposite('a name', '{"first": "Ada", "last": "Lovelace"}', [
    { key: 'first', suffix: '_first', length: 255 },
    { key: 'last', suffix: '_last', length: 255 },
  ]),
  operators: TEXT_OPERATORS,
  primaryKey: 'last',
  widget: 'personName',
};
