import { describe, expect, it } from 'vitest';
import { minorUnit, roundMoney } from './money.js';

describe('money rounding', () => {
  it('knows the minor units of 0-, 2- and 3-decimal currencies', () => {
    expect([minorUnit('JPY'), minorUnit('CLP'), minorUnit('EUR'), minorUnit('KWD'), minorUnit('BHD')]).toEqual([0, 0, 2, 3, 3]);
  });

  it('rounds half away from zero, as a person expects, also where binary floats are just below the half', () => {
    expect(roundMoney(1.005, 'EUR')).toBe(1.01);
    expect(roundMoney(1234.5, 'JPY')).toBe(1235);
    expect(roundMoney(0.0125, 'KWD')).toBe(0.013);
    expect(roundMoney(-2.345, 'USD')).toBe(-2.35);
  });
});
