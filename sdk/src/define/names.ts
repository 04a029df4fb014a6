import { SYSTEM_FIELDS } from '../constants/field-types.js';

/** API names of entities and fields: camelCase ASCII, starting with a letter. */
export const NAME_PATTERN = /^[a-z][a-zA-Z0-9]{0,47}$/;

/** Names that would clash with system columns, SQL-generated columns or JS internals. */
const RESERVED_NAMES = new Set<string>([
  ...SYSTEM_FIELDS,
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
]);

/** Why `name` cannot name a field, or undefined when it can. */
export function fieldNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    return `"${String(name)}" is not a valid name: use camelCase letters and digits, starting with a lower-case letter (at most 48 characters)`;
  }
  if (RESERVED_NAMES.has(name)) {
    return `"${name}" is reserved for a system field; choose another name`;
  }
  return undefined;
}

/** Why `name` cannot name an entity, or undefined when it can. */
export function entityNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    return `"${String(name)}" is not a valid entity name: use camelCase letters and digits, starting with a lower-case letter (at most 48 characters)`;
  }
  if (name.startsWith('kith')) return `"${name}" is reserved: names starting with "kith" belong to the system`;
  return undefined;
}

/** A database identifier for a camelCase name: `expectedClose` → `expected_close`. */
export function toSnakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** A readable default label for a camelCase name: `expectedClose` → `Expected close`. */
export function labelFromName(name: string): string {
  const words = toSnakeCase(name).split('_').filter(Boolean);
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A readable default plural label: `company` → `Companies`, `address` → `Addresses`, `deal` → `Deals`. */
export function pluralLabelFromName(name: string): string {
  const label = labelFromName(name);
  if (/[^aeiou]y$/i.test(label)) return `${label.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(label)) return `${label}es`;
  return `${label}s`;
}
