import { FIELD_TYPES, type FieldDefinition, type FieldTypeName } from '@kith/sdk';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import fastJson from 'fast-json-stringify';
import { describe, expect, it } from 'vitest';
import '../compile/typebox-kinds.js';
import { FILTER_OPERATORS } from './field-type.js';
import { fieldTypes, getFieldType } from './index.js';

const options = [
  { value: 'new', label: { en: 'New' } },
  { value: 'won', label: { en: 'Won' } },
];

/** A valid definition and a stored value for every type: what the contract tests below run on. */
const cases: Record<FieldTypeName, { settings?: Partial<FieldDefinition>; value: unknown; widget: string }> = {
  text: { value: 'Ada', widget: 'text' },
  longText: { value: 'line one\nline two', widget: 'textarea' },
  email: { value: 'ada@example.com', widget: 'email' },
  phone: { value: '+4930901820', widget: 'phone' },
  url: { value: 'https://example.com/a?b=c', widget: 'url' },
  integer: { value: -42, widget: 'integer' },
  decimal: { settings: { scale: 3 }, value: 12.125, widget: 'decimal' },
  currency: { value: { amount: 1234.5, currency: 'EUR' }, widget: 'currency' },
  percent: { value: 12.5, widget: 'percent' },
  boolean: { value: false, widget: 'checkbox' },
  date: { value: '2024-02-29', widget: 'date' },
  datetime: { value: '2026-11-25T09:30:00.000Z', widget: 'datetime' },
  select: { settings: { options }, value: 'won', widget: 'select' },
  multiSelect: { settings: { options }, value: ['new', 'won'], widget: 'multiSelect' },
  relation: { settings: { target: 'company' }, value: 7, widget: 'relation' },
  user: { value: 3, widget: 'user' },
  json: { value: { tags: ['a'], n: 1, ok: true }, widget: 'json' },
  computed: { settings: { formula: { var: 'x' }, resultType: 'integer' }, value: 5, widget: 'computed' },
  rollup: { settings: { rollup: { relation: 'deals', op: 'sum', field: 'amount' } }, value: 1250.5, widget: 'rollup' },
  address: { value: { street: 'Rue de Rivoli 1', city: 'Paris', country: 'FR' }, widget: 'address' },
  personName: { value: { first: 'Grace', last: 'Hopper' }, widget: 'personName' },
};

const fieldOf = (name: FieldTypeName): FieldDefinition => ({
  id: `thing.${name}`,
  name,
  type: name,
  label: { en: name },
  source: 'core',
  ...cases[name].settings,
});

describe('field type registry', () => {
  it('has one type per FIELD_TYPES name, under its own name', () => {
    expect(Object.keys(fieldTypes).sort()).toEqual([...FIELD_TYPES].sort());
    for (const name of FIELD_TYPES) expect(getFieldType(name).name).toBe(name);
  });

  it('refuses an unknown type with a coded error', () => {
    expect(() => getFieldType('money')).toThrow(expect.objectContaining({ code: 'KITH_METADATA_INVALID' }));
  });
});

describe.each(FIELD_TYPES.map((name) => [name] as const))('%s honours the FieldType contract', (name) => {
  const type = fieldTypes[name];
  const field = fieldOf(name);
  const { value, widget } = cases[name];

  it('accepts its sample definition and names its widget', () => {
    expect(type.checkDefinition(field)).toEqual([]);
    expect(type.widget).toBe(widget);
  });

  it('declares columns with distinct suffixes, and a primaryKey among their keys', () => {
    const columns = type.columns(field);
    expect(columns.length).toBeGreaterThan(0);
    expect(new Set(columns.map((c) => c.suffix)).size).toBe(columns.length);
    if (type.primaryKey !== undefined) expect(columns.map((c) => c.key)).toContain(type.primaryKey);
    for (const op of type.operators) expect(FILTER_OPERATORS).toContain(op);
  });

  it('normalises its stored form to itself (normalise is idempotent)', () => {
    expect(type.normalise(field, value)).toEqual({ ok: true, value });
  });

  it('round-trips through its columns, and reads all-null columns as null', () => {
    const columns = type.toColumns(field, value);
    expect(columns).toHaveLength(type.columns(field).length);
    expect(type.fromColumns(field, columns)).toEqual(value);
    expect(type.fromColumns(field, type.columns(field).map(() => null))).toBeNull();
  });

  it('round-trips through a CSV cell, and reads a blank cell as null', () => {
    expect(type.parseCsv(field, '', {})).toEqual({ ok: true, value: null });
    if (type.readOnly) return;
    const parsed = type.parseCsv(field, type.formatCsv(field, value), {});
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(type.normalise(field, parsed.value)).toEqual({ ok: true, value });
  });

  it('lets its stored form through its input schema, compiled as record input is', () => {
    if (type.readOnly) return;
    expect(TypeCompiler.Compile(type.inputSchema(field)).Check(value)).toBe(true);
  });

  it('serialises with fast-json-stringify from its output schema', () => {
    const stringify = fastJson({ type: 'object', properties: { v: type.outputSchema(field) } });
    expect(JSON.parse(stringify({ v: value }))).toEqual({ v: value });
  });
});
