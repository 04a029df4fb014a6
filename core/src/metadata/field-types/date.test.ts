import type { FieldDefinition } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { parseCsvDate } from './csv-dates.js';
import { dateType } from './date.js';

const field = (s: Partial<FieldDefinition> = {}): FieldDefinition => ({
  id: 'contact.born', name: 'born', type: 'date', label: { en: 'Born' }, source: 'core',
  ...s,
});

describe('date field', () => {
  it.each(['2026-02-28', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])('accepts %s', (value) => {
    expect(dateType.normalise(field(), value)).toEqual({ ok: true, value });
  });

  it.each([
    '2026-02-30',
    '2026-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '0000-01-01',
    '2026-1-5',
    '2026-01-05T00:00:00Z',
    20260105,
  ])('refuses %j', (value) => {
    expect(dateType.normalise(field(), value).ok).toBe(false);
  });

  it('annotates the output as a date', () => {
    expect(dateType.outputSchema(field())).toMatchObject({ type: 'string', format: 'date' });
  });
});

describe('date CSV cells', () => {
  it('reads ISO dates without a declared format', () => {
    expect(parseCsvDate('2026-03-01')).toEqual({ ok: true, value: '2026-03-01' });
  });

  it('refuses an ambiguous date instead of guessing, and says to declare the format', () => {
    const result = parseCsvDate('2/6/20');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/declare/);
    expect(parseCsvDate('02/06/2020').ok).toBe(false);
  });

  it.each([
    ['02/06/2020', 'DD/MM/YYYY', '2020-06-02'],
    ['02/06/2020', 'MM/DD/YYYY', '2020-02-06'],
    ['2.6.2020', 'D.M.YYYY', '2020-06-02'],
    ['12.11.2020', 'D.M.YYYY', '2020-11-12'],
    ['2020/6/2', 'YYYY/M/D', '2020-06-02'],
    ['2026-03-01', 'DD/MM/YYYY', '2026-03-01'],
  ])('reads %j as %s with %s', (cell, format, expected) => {
    expect(parseCsvDate(cell, format)).toEqual({ ok: true, value: expected });
  });

  it('refuses a cell that does not match the declared format or the calendar', () => {
    expect(parseCsvDate('2/6/20', 'D/M/YYYY').ok).toBe(false);
    expect(parseCsvDate('30/02/2026', 'DD/MM/YYYY').ok).toBe(false);
    expect(parseCsvDate('02/06/2020', 'DD.MM.YYYY').ok).toBe(false);
  });

  it('refuses formats it cannot read unambiguously', () => {
    for (const format of ['DD/MM/YY', 'DD/MM', 'MMM D, YYYY', 'DD/DD/YYYY']) {
      const result = parseCsvDate('02/06/2020', format);
      expect(result.ok, format).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/format/);
    }
  });

  it('goes through the field with the options, blank cells as null', () => {
    expect(dateType.parseCsv(field(), ' 1/2/2026 ', { dateFormat: 'M/D/YYYY' })).toEqual({ ok: true, value: '2026-01-02' });
    expect(dateType.parseCsv(field(), '', {})).toEqual({ ok: true, value: null });
  });
});
