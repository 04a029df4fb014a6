import type { FieldDefinition } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { datetimeType, normaliseDatetime } from './datetime.js';

const field = (s: Partial<FieldDefinition> = {}): FieldDefinition => ({
  id: 'call.at', name: 'at', type: 'datetime', label: { en: 'At' }, source: 'core',
  ...s,
});

describe('datetime', () => {
  it.each([
    ['2026-11-25T09:30:00Z', '2026-11-25T09:30:00.000Z'],
    ['2026-11-25T10:30:00+01:00', '2026-11-25T09:30:00.000Z'],
    ['2026-11-25T04:00:00-05:30', '2026-11-25T09:30:00.000Z'],
    ['2026-11-25T09:30+0000', '2026-11-25T09:30:00.000Z'],
    ['2026-11-25 09:30:00.123456z', '2026-11-25T09:30:00.123Z'],
    ['2026-01-01T00:30:00+01:00', '2025-12-31T23:30:00.000Z'],
    ['2024-02-29T23:00:00-02:00', '2024-03-01T01:00:00.000Z'],
    ['0050-06-01T12:00:00Z', '0050-06-01T12:00:00.000Z'],
  ])('normalises %s to %s', (input, expected) => {
    expect(normaliseDatetime(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    '2026-11-25T09:30:00',
    '2026-11-25',
    '2026-02-30T09:30:00Z',
    '2026-11-25T24:00:00Z',
    '2026-11-25T23:59:60Z',
    '2026-11-25T09:30:00+25:00',
    '0001-01-01T00:30:00+01:00',
    'yesterday',
    1764063000000,
  ])('refuses %j', (input) => {
    expect(normaliseDatetime(input).ok).toBe(false);
  });

  it('says a zone is needed when one is missing', () => {
    const result = datetimeType.normalise(field(), '2026-11-25T09:30:00');
    expect(!result.ok && result.message).toMatch(/time zone/);
  });

  it('reads CSV cells the same way', () => {
    expect(datetimeType.parseCsv(field(), ' 2026-11-25T10:30:00+01:00 ', {})).toEqual({ ok: true, value: '2026-11-25T09:30:00.000Z' });
    expect(datetimeType.parseCsv(field(), '25/11/2026 10:30', {}).ok).toBe(false);
  });
});
