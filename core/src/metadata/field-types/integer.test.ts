import type { FieldDefinition } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { integerType } from './integer.js';

const field = (s: Partial<FieldDefinition> = {}): FieldDefinition => ({
  id: 'company.staff', name: 'staff', type: 'integer', label: { en: 'Staff' }, source: 'core',
  ...s,
});

describe('integer field', () => {
  it('accepts the whole 32-bit range by default and nothing past it', () => {
    expect(integerType.normalise(field(), 2_147_483_647)).toEqual({ ok: true, value: 2_147_483_647 });
    expect(integerType.normalise(field(), -2_147_483_648)).toEqual({ ok: true, value: -2_147_483_648 });
    expect(integerType.normalise(field(), 2_147_483_648).ok).toBe(false);
    expect(integerType.normalise(field(), -2_147_483_649).ok).toBe(false);
  });

  it.each([1.5, Number.NaN, Infinity, '12', 2 ** 53, null])('refuses %j', (value) => {
    expect(integerType.normalise(field(), value).ok).toBe(false);
  });

  it('honours min and max, naming the bound', () => {
    const f = field({ min: 0, max: 10 });
    expect(integerType.normalise(f, 0).ok).toBe(true);
    expect(integerType.normalise(f, 10).ok).toBe(true);
    const below = integerType.normalise(f, -1);
    expect(!below.ok && below.message).toMatch(/minimum of 0/);
    expect(integerType.normalise(f, 11).ok).toBe(false);
    expect(integerType.inputSchema(f)).toMatchObject({ type: 'integer', minimum: 0, maximum: 10 });
  });

  it('checks min and max settings', () => {
    expect(integerType.checkDefinition(field({ min: 0, max: 10 }))).toEqual([]);
    expect(integerType.checkDefinition(field({ min: 10, max: 0 }))[0]).toMatch(/min \(10\) is greater than max \(0\)/);
    expect(integerType.checkDefinition(field({ max: 1.5 }))[0]).toMatch(/whole number/);
    expect(integerType.checkDefinition(field({ max: 2 ** 40 }))[0]).toMatch(/between/);
  });

  it('reads CSV cells', () => {
    expect(integerType.parseCsv(field(), ' 1 200 ', {})).toEqual({ ok: true, value: 1200 });
    expect(integerType.parseCsv(field(), '12.5', {}).ok).toBe(false);
    expect(integerType.parseCsv(field(), '', {})).toEqual({ ok: true, value: null });
  });
});
