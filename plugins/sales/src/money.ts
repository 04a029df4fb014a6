/**
 * Money in quotes: line amounts are rounded to the currency's minor unit (JPY 0 digits, EUR 2,
 * KWD 3) by formulas the core evaluates. Kith's formula language has no rounding and plugin
 * operations cannot be used in a plugin's own entity formulas yet, so the rounding is built here
 * from JsonLogic's arithmetic: floor(x · f + ½) / f, with f = 10^(minor unit).
 */

/** ISO 4217 codes whose minor unit is not 2 (the others, 2). */
export const MINOR_UNITS: Readonly<Record<0 | 3 | 4, readonly string[]>> = {
  0: ['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF'],
  3: ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'],
  4: ['CLF', 'UYW'],
};

/** Digits after the point for a currency code. */
export function minorUnit(code: string): number {
  if (MINOR_UNITS[0].includes(code)) return 0;
  if (MINOR_UNITS[3].includes(code)) return 3;
  if (MINOR_UNITS[4].includes(code)) return 4;
  return 2;
}

/** Rounds half away from zero to the currency's minor unit (the same rule as the formulas, in JS). */
export function roundMoney(amount: number, code: string): number {
  const f = 10 ** minorUnit(code);
  const r = Math.floor(Math.abs(amount) * f + 0.5 + ROUNDING_SLACK) / f;
  return (amount < 0 ? -r : r) || 0;
}

/**
 * Binary floating point stores 1.005 as 1.00499…: a little slack keeps half-way amounts rounding
 * up as a person expects, far below any minor unit for amounts under 10^8 units.
 */
const ROUNDING_SLACK = 1e-7;

/** JsonLogic: the factor 10^(minor unit) of the currency code `code` evaluates to. */
export function minorFactorFormula(code: unknown): unknown {
  return { if: [{ in: [code, MINOR_UNITS[0]] }, 1, { in: [code, MINOR_UNITS[3]] }, 1000, { in: [code, MINOR_UNITS[4]] }, 10000, 100] };
}

/** JsonLogic: `value` (≥ 0) rounded half up with the factor `factor` (a var holding 10^minor unit). */
export function roundFormula(value: unknown, factor: unknown): unknown {
  const scaled = { '+': [{ '*': [value, factor] }, 0.5 + ROUNDING_SLACK] };
  return { '/': [{ '-': [scaled, { '%': [scaled, 1] }] }, factor] };
}
