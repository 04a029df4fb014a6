import type { FieldDefinition } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { relationType } from './relation.js';
import { userType } from './user.js';

const field = (s: Partial<FieldDefinition> = {}): FieldDefinition => ({
  id: 'deal.company', name: 'company', type: 'relation', label: { en: 'Company' }, source: 'core', target: 'company',
  ...s,
});

describe.each([
  ['relation', relationType],
  ['user', userType],
] as const)('%s field', (_name, type) => {
  it('stores an id in one integer column suffixed _id', () => {
    expect(type.columns(field())).toEqual([{ key: '', suffix: '_id', kind: 'integer' }]);
    expect(type.operators).toEqual(['$eq', '$ne', '$in', '$nin', '$null']);
    expect(type.fromColumns(field(), type.toColumns(field(), 7))).toBe(7);
  });

  it.each([0, -1, 1.5, '7', 2 ** 31, null])('refuses %j as an id', (value) => {
    expect(type.normalise(field(), value).ok).toBe(false);
  });

  it('reads numeric ids from CSV and refuses names', () => {
    expect(type.parseCsv(field(), ' 12 ', {})).toEqual({ ok: true, value: 12 });
    expect(type.parseCsv(field(), 'Acme Ltd', {}).ok).toBe(false);
    expect(type.parseCsv(field(), '', {})).toEqual({ ok: true, value: null });
  });
});

describe('relation definition', () => {
  it('needs a target', () => {
    expect(relationType.checkDefinition(field())).toEqual([]);
    expect(relationType.checkDefinition(field({ target: undefined }))[0]).toMatch(/target/);
  });
});
