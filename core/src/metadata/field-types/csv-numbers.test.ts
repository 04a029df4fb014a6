import { describe, expect, it } from 'vitest';
import { parseCsvNumber } from './csv-numbers.js';

describe('parseCsvNumber', () => {
  it.each([
    ['42', undefined, 42],
    ['-42', undefined, -42],
    ['+3.25', undefined, 3.25],
    ['  1234.5 ', undefined, 1234.5],
    ['1,234.56', undefined, 1234.56],
    ['1 234 567', undefined, 1234567],
    ['1\u00a0234,5', ',' as const, 1234.5],
    ['1\u202f234,5', ',' as const, 1234.5],
    ['3,25', ',' as const, 3.25],
    ['1.234.567,89', ',' as const, 1234567.89],
    ['1.500', ',' as const, 1500],
    ['1,500', '.' as const, 1500],
  ])('reads %j (separator %s) as %d', (cell, separator, expected) => {
    expect(parseCsvNumber(cell, separator)).toEqual({ ok: true, value: expected });
  });

  it('refuses 1,500 when the separator was not declared: it may be 1.5', () => {
    const result = parseCsvNumber('1,500');
    expect(!result.ok && result.message).toMatch(/ambiguous/);
  });

  it.each(['5.1E+10', '1e3', '-1.2e-4'])('refuses scientific notation %j', (cell) => {
    const result = parseCsvNumber(cell);
    expect(!result.ok && result.message).toMatch(/scientific/);
  });

  it.each([
    ['3,25', undefined],
    ['3.25', ',' as const],
    ['12,34.5', undefined],
    ['1,234 567.8', undefined],
    ['12abc', undefined],
    ['--1', undefined],
    ['.5', undefined],
    ['1.', undefined],
  ])('refuses %j (separator %s)', (cell, separator) => {
    expect(parseCsvNumber(cell, separator).ok).toBe(false);
  });
});
