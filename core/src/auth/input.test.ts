import { describe, expect, it } from 'vitest';
import { bodyObject, optionalIds, optionalRoles, pathId, requiredString } from './input.js';

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { field?: string; status?: number }).field;
  }
  return 'no error';
};

describe('auth body readers', () => {
  it('refuse non-objects and members that cannot be set, naming them', () => {
    expect(fieldOf(() => bodyObject([], ['a']))).toBe('body');
    expect(fieldOf(() => bodyObject(null, ['a']))).toBe('body');
    expect(fieldOf(() => bodyObject({ a: 1, passwordHash: 'x' }, ['a']))).toBe('passwordHash');
    expect(bodyObject({ a: 1 }, ['a'])).toEqual({ a: 1 });
  });

  it('check strings, role names and id lists', () => {
    expect(fieldOf(() => requiredString({ name: '  ' }, 'name'))).toBe('name');
    expect(fieldOf(() => requiredString({ name: 'x'.repeat(11) }, 'name', 10))).toBe('name');
    expect(optionalRoles({ roles: ['sales-rep', 'sales-rep', 'support'] }, 'roles')).toEqual(['sales-rep', 'support']);
    for (const roles of ['sales-rep', ['Sales'], ['a b'], ['x'.repeat(65)], [1]]) expect(fieldOf(() => optionalRoles({ roles }, 'roles'))).toBe('roles');
    expect(optionalIds({ ids: [3, 1, 3] }, 'ids')).toEqual([3, 1]);
    for (const ids of [[0], [1.5], ['1'], 'x', [Number.MAX_SAFE_INTEGER + 1]]) expect(fieldOf(() => optionalIds({ ids }, 'ids'))).toBe('ids');
    expect(optionalIds({}, 'ids')).toBeUndefined();
  });

  it('read path ids strictly', () => {
    const notFound = (id: string) => new Error(`no ${id}`);
    expect(pathId('12', notFound)).toBe(12);
    for (const raw of ['0', '01', '1e3', '-1', 'abc', '99999999999999999']) expect(() => pathId(raw, notFound)).toThrow(`no ${raw}`);
  });
});
