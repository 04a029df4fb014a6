import type { FieldDefinition } from '@kith/sdk';
import { Type } from '@sinclair/typebox';
import { parseCsvNumber } from './csv-numbers.js';
import { decimalLimit, normaliseDecimal } from './decimal.js';
import type { FieldType, ValueCheck } from './field-type.js';
import { currencyCodeProblem, findCurrencyCode } from './iso4217.js';
import { fieldBounds, rangeProblems } from './number-range.js';
import { isBlankCell, isNothing } from './nullable.js';
import { ORDERED_OPERATORS } from './operators.js';
import { accept, quote, refuse } from './value-check.js';

const AMOUNT_PRECISION = 19;
const AMOUNT_SCALE = 4;
/** ISO's code for "no currency involved": what a row with an amount but no code reads as. */
const NO_CURRENCY = 'XXX';

/**
 * Digits an amount keeps. Codes whose minor unit ISO gives as "N.A." (XAU gold, XDR, XTS…)
 * keep the column's 4: rounding them to whole units would turn 0.5 oz of gold into 1.
 */
export function currencyScale(code: string): number {
  return findCurrencyCode(code)?.minorUnit ?? AMOUNT_SCALE;
}

/** The amount bounds for a code, capped where a JS number still holds every minor unit exactly. */
const amountBounds = (field: FieldDefinition, code: string) =>
  fieldBounds(field, decimalLimit(AMOUNT_PRECISION, currencyScale(code)));

function normaliseMoney(field: FieldDefinition, value: unknown): ValueCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return refuse(`expected an amount and a currency such as {"amount": 12.5, "currency": "EUR"}, got ${quote(value)}`);
  }
  const { amount, currency = field.defaultCurrency } = value as { amount?: unknown; currency?: unknown };
  if (currency === undefined) return refuse('give the currency as an ISO 4217 code, e.g. {"amount": 12.5, "currency": "EUR"}');
  if (typeof currency !== 'string') return refuse(`the currency must be an ISO 4217 code such as EUR, got ${quote(currency)}`);
  const problem = currencyCodeProblem(currency);
  if (problem) return refuse(problem);
  const checked = normaliseDecimal(amount, currencyScale(currency), amountBounds(field, currency));
  return checked.ok ? accept({ amount: checked.value, currency }) : refuse(`amount: ${checked.message}`);
}

const CELL_CODE_FIRST = /^([A-Za-z]{3})\s*(.+)$/;
const CELL_CODE_LAST = /^(.+?)\s*([A-Za-z]{3})$/;

/** An amount of money in an ISO 4217 currency, rounded to the currency's minor unit. */
export const currencyType: FieldType = {
  name: 'currency',
  checkDefinition: (field) => {
    const problems = rangeProblems(field, decimalLimit(AMOUNT_PRECISION, AMOUNT_SCALE), false);
    const code = field.defaultCurrency;
    const problem = code === undefined ? undefined : currencyCodeProblem(code);
    return problem ? [...problems, `defaultCurrency: ${problem}`] : problems;
  },
  columns: () => [
    { key: 'amount', suffix: '', kind: 'decimal', precision: AMOUNT_PRECISION, scale: AMOUNT_SCALE },
    { key: 'currency', suffix: '_currency', kind: 'text', length: 3 },
  ],
  inputSchema: (field) => {
    // Length only: normalise says why a code is refused (unknown, withdrawn, lower-case).
    const code = Type.String({ minLength: 3, maxLength: 3 });
    return Type.Object(
      { amount: Type.Number(), currency: field.defaultCurrency === undefined ? code : Type.Optional(code) },
      { additionalProperties: false },
    );
  },
  outputSchema: () => Type.Object({ amount: Type.Number(), currency: Type.String({ minLength: 3, maxLength: 3 }) }),
  normalise: normaliseMoney,
  toColumns: (_field, value) => {
    const money = value as { amount?: unknown; currency?: unknown } | null;
    return [money?.amount ?? null, money?.currency ?? null];
  },
  fromColumns: (field, [amount = null, currency = null]) => {
    // Without an amount there is no money to show; a lone code is a leftover of a cleared value.
    if (isNothing(amount)) return null;
    return { amount, currency: currency ?? field.defaultCurrency ?? NO_CURRENCY };
  },
  operators: ORDERED_OPERATORS,
  primaryKey: 'amount',
  parseCsv: (_field, cell, options) => {
    if (isBlankCell(cell)) return accept(null);
    const text = cell.trim();
    const first = CELL_CODE_FIRST.exec(text);
    const last = first ? null : CELL_CODE_LAST.exec(text);
    const [amountText, code] = first ? [first[2]!, first[1]] : last ? [last[1]!, last[2]] : [text, undefined];
    const amount = parseCsvNumber(amountText, options.decimalSeparator);
    if (!amount.ok) return refuse(`${amount.message}; a money cell reads like 1234.50 EUR or EUR 1234.50`);
    return accept(code === undefined ? { amount: amount.value } : { amount: amount.value, currency: code.toUpperCase() });
  },
  formatCsv: (_field, value) => {
    const { amount, currency } = value as { amount: number; currency: string };
    return `${amount.toFixed(currencyScale(currency))} ${currency}`;
  },
  widget: 'currency',
};
