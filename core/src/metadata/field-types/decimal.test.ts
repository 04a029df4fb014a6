import type { FieldDefinition } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { roundToScale } from './decimal-rounding.js';
import { decimalType } from './decimal.js';
import { percentType } from './percent.js';

const field = (s: Partial<FieldDefinition> = {}): FieldDefinition => ({
  id: 'deal.prob', name: 'prob', type: 'decimal', label: { en: 'Prob' }, source: 'core',
  ...s,
});

describe('roundToScale', () => {
  it.each([
    [1.005, 2, 1.01],
    [1.004999, 2, 1],
    [-1.005, 2, -1.01],
    [2.5, 0, 3],
    [-2.5, 0, -3],
    [1e-7, 2, 0],
    [-1e-7, 2, 0],
    [123456789.123456, 4, 123456789.1235],
    [0.1 + 0.2, 10, 0.3],
  ])('rounds %d to %d digits as %d', (value, scale, expected) => {
    expect(Object.is(roundToScale(value, scale), expected)).toBe(true);
  });
});

describe('decimal field', () => {
  it('rounds to scale, default 2', () => {
    expect(decimalType.normalise(field(), 3.14159)).toEqual({ ok: true, value: 3.14 });
    expect(decimalType.normalise(field({ scale: 4 }), 3.14159)).toEqual({ ok: true, value: 3.1416 });
    expect(decimalType.columns(field({ scale: 4 }))).toEqual([{ key: '', suffix: '', kind: 'decimal', precision: 18, scale: 4 }]);
  });

  it('honours min and max after rounding', () => {
    expect(decimalType.normalise(field({ max: 1 }), 1.004)).toEqual({ ok: true, value: 1 });
    expect(decimalType.normalise(field({ max: 1 }), 1.006).ok).toBe(false);
    expect(decimalType.normalise(field({ min: 0 }), -0.01).ok).toBe(false);
  });

  it('refuses numbers a double cannot keep to the cent', () => {
    expect(decimalType.normalise(field(), 9e13).ok).toBe(true);
    expect(decimalType.normalise(field(), 1e14).ok).toBe(false);
  });

  it('checks scale and range settings', () => {
    expect(decimalType.checkDefinition(field({ scale: 10 }))).toEqual([]);
    expect(decimalType.checkDefinition(field({ scale: 11 }))[0]).toMatch(/scale/);
    expect(decimalType.checkDefinition(field({ scale: -1 }))).toHaveLength(1);
    expect(decimalType.checkDefinition(field({ min: 5, max: 1 }))[0]).toMatch(/min/);
  });

  it('reads and writes CSV with the declared separator', () => {
    expect(decimalType.parseCsv(field(), '1.234,5', { decimalSeparator: ',' })).toEqual({ ok: true, value: 1234.5 });
    expect(decimalType.formatCsv(field(), 1234.5)).toBe('1234.50');
  });
});

describe('percent field', () => {
  const pct = (s: Partial<FieldDefinition> = {}) => field({ type: 'percent', ...s });

  it('means 12.5 = 12.5 % and keeps 4 decimals in numeric(7,4)', () => {
    expect(percentType.normalise(pct(), 12.345678)).toEqual({ ok: true, value: 12.3457 });
    expect(percentType.columns(pct())).toEqual([{ key: '', suffix: '', kind: 'decimal', precision: 7, scale: 4 }]);
  });

  it('allows ±999.9999 by default, what the column holds', () => {
    expect(percentType.normalise(pct(), 999.9999).ok).toBe(true);
    expect(percentType.normalise(pct(), -999.9999).ok).toBe(true);
    expect(percentType.normalise(pct(), 1000).ok).toBe(false);
    expect(percentType.normalise(pct(), 999.99996).ok).toBe(false);
    expect(percentType.checkDefinition(pct({ max: 5000 }))[0]).toMatch(/between/);
  });

  it('reads cells with a percent sign', () => {
    expect(percentType.parseCsv(pct(), '12,5 %', { decimalSeparator: ',' })).toEqual({ ok: true, value: 12.5 });
    expect(percentType.parseCsv(pct(), '7%', {})).toEqual({ ok: true, value: 7 });
  });
});
