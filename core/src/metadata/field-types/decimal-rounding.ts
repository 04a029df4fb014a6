/**
 * Rounds half away from zero to `scale` digits, on the number's shortest decimal form
 * rather than its binary value, so 1.005 → 1.01 as a person expects (Math.round(1.005 * 100)
 * gives 100, because 1.005 is stored as 1.00499…). The shift goes through exponent notation,
 * which JS parses exactly.
 */
export function roundToScale(value: number, scale: number): number {
  if (!Number.isFinite(value)) return value;
  const shift = (n: number, by: number) => {
    const [mantissa, exponent = '0'] = String(n).split('e');
    return Number(`${mantissa}e${Number(exponent) + by}`);
  };
  const rounded = shift(Math.round(shift(Math.abs(value), scale)), -scale);
  // `|| 0` turns -0 into 0, so a tiny negative amount rounded away never stores as "-0".
  return (value < 0 ? -rounded : rounded) || 0;
}
