import { roundToScale } from '../metadata/field-types/decimal-rounding.js';
import { currencyScale } from '../metadata/field-types/currency.js';

/**
 * Operations Kith adds to JsonLogic for formulas (JsonLogic itself cannot round), namespaced
 * `kith.<name>` like plugin operations, so they never shadow JsonLogic's own:
 *
 * - `{"kith.round": [value, digits]}` rounds half away from zero on the decimal form
 *   (1.005 → 1.01), digits 0–10 (default 0); null or a non-number gives null.
 * - `{"kith.roundMoney": [amount, "JPY"]}` rounds to the currency's ISO 4217 minor unit
 *   (JPY 0, EUR 2, KWD 3); an unknown code rounds to 4 digits like a stored amount.
 */
export const CORE_OPERATIONS: Readonly<Record<string, (...args: unknown[]) => unknown>> = {
  round: (value, digits = 0) => {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n)) return null;
    const d = Number(digits);
    return roundToScale(n, Number.isInteger(d) && d >= 0 && d <= 10 ? d : 0);
  },
  roundMoney: (amount, code) => {
    const n = typeof amount === 'string' && amount.trim() !== '' ? Number(amount) : amount;
    if (typeof n !== 'number' || !Number.isFinite(n)) return null;
    return roundToScale(n, typeof code === 'string' ? currencyScale(code.toUpperCase()) : 2);
  },
};

/** The namespace of Kith's own operations (no plugin may use it as its id). */
export const CORE_OPERATION_NAMESPACE = 'kith';
