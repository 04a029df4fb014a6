import { readFileSync } from 'node:fs';
import type { FieldDefinition } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { currencyType } from './currency.js';
import { ACTIVE_CURRENCY_CODES, findCurrencyCode } from './iso4217.js';

const field = (s: Partial<FieldDefinition> = {}): FieldDefinition => ({
  id: 'deal.value', name: 'value', type: 'currency', label: { en: 'Value' }, source: 'core',
  ...s,
});
const money = (amount: number, currency?: string) => (currency === undefined ? { amount } : { amount, currency });

/** The fixture's rows, with the CSV's quoted fields ("BONAIRE, SINT EUSTATIUS AND SABA") handled. */
const rows = readFileSync(new URL('../../../../tests/fixtures/iso4217/codes-all.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1]!))
  .map((cells) => ({ code: cells[2] ?? '', minorUnit: cells[4] ?? '', withdrawn: (cells[5] ?? '') !== '' }))
  .filter((r) => r.code !== '');
const active = new Map(rows.filter((r) => !r.withdrawn).map((r) => [r.code, r.minorUnit]));
const withdrawn = [...new Set(rows.filter((r) => r.withdrawn && !active.has(r.code)).map((r) => r.code))];

describe('currency codes against ISO 4217', () => {
  it('ships exactly the active codes of the fixture, with their minor units', () => {
    expect(active.size).toBe(178);
    expect([...ACTIVE_CURRENCY_CODES]).toEqual([...active.keys()].sort());
    for (const [code, minorUnit] of active) {
      expect(findCurrencyCode(code)?.minorUnit, code).toBe(minorUnit === '-' ? null : Number(minorUnit));
    }
  });

  it('accepts every active code', () => {
    const refused = [...active.keys()].filter((code) => !currencyType.normalise(field(), money(1, code)).ok);
    expect(refused, `${refused.length} of ${active.size} active codes refused`).toEqual([]);
  });

  it('refuses every withdrawn code, saying it was withdrawn', () => {
    expect(withdrawn.length).toBe(129);
    const accepted = withdrawn.filter((code) => currencyType.normalise(field(), money(1, code)).ok);
    expect(accepted, `${accepted.length} of ${withdrawn.length} withdrawn codes accepted`).toEqual([]);
    const result = currencyType.normalise(field(), money(1, 'DEM'));
    expect(!result.ok && result.message).toMatch(/withdrawn/);
  });

  it('refuses codes ISO never issued', () => {
    expect(currencyType.normalise(field(), money(1, 'ABC')).ok).toBe(false);
  });
});

describe('currency amounts', () => {
  it.each([
    [1234.5678, 'JPY', 1235],
    [1234.5678, 'KWD', 1234.568],
    [1234.5678, 'EUR', 1234.57],
    [1.005, 'EUR', 1.01],
    [-2.5, 'JPY', -3],
    [0.123456, 'XAU', 0.1235],
    [1234.56789, 'CLF', 1234.5679],
  ])('rounds %d %s to %d', (amount, code, expected) => {
    expect(currencyType.normalise(field(), money(amount, code))).toEqual({ ok: true, value: { amount: expected, currency: code } });
  });

  it('takes defaultCurrency when the value has none, and refuses without either', () => {
    expect(currencyType.normalise(field({ defaultCurrency: 'EUR' }), money(3.333))).toEqual({ ok: true, value: { amount: 3.33, currency: 'EUR' } });
    const result = currencyType.normalise(field(), money(3));
    expect(!result.ok && result.message).toMatch(/currency/);
  });

  it('honours min and refuses amounts a double cannot hold to the cent', () => {
    expect(currencyType.normalise(field({ min: 0 }), money(-1, 'EUR')).ok).toBe(false);
    expect(currencyType.normalise(field(), money(1e15, 'EUR')).ok).toBe(false);
  });

  it('checks defaultCurrency', () => {
    expect(currencyType.checkDefinition(field({ defaultCurrency: 'EUR' }))).toEqual([]);
    expect(currencyType.checkDefinition(field({ defaultCurrency: 'DEM' }))[0]).toMatch(/^defaultCurrency: .*withdrawn/);
    expect(currencyType.checkDefinition(field({ defaultCurrency: 'eur' }))).toHaveLength(1);
  });

  it('makes currency optional in the input schema only with a defaultCurrency', () => {
    const required = (f: FieldDefinition) => (currencyType.inputSchema(f) as { required?: string[] }).required;
    expect(required(field())).toEqual(['amount', 'currency']);
    expect(required(field({ defaultCurrency: 'EUR' }))).toEqual(['amount']);
  });
});

describe('currency columns and CSV', () => {
  it('stores amount and code in two columns, amount first', () => {
    expect(currencyType.columns(field())).toEqual([
      { key: 'amount', suffix: '', kind: 'decimal', precision: 19, scale: 4 },
      { key: 'currency', suffix: '_currency', kind: 'text', length: 3 },
    ]);
    expect(currencyType.primaryKey).toBe('amount');
    const value = { amount: 12.5, currency: 'EUR' };
    expect(currencyType.fromColumns(field(), currencyType.toColumns(field(), value))).toEqual(value);
    expect(currencyType.fromColumns(field(), [null, null])).toBeNull();
  });

  it.each([
    ['1234.50 EUR', {}, { amount: 1234.5, currency: 'EUR' }],
    ['EUR 1234.50', {}, { amount: 1234.5, currency: 'EUR' }],
    ['usd12', {}, { amount: 12, currency: 'USD' }],
    ['1.234,50 EUR', { decimalSeparator: ',' as const }, { amount: 1234.5, currency: 'EUR' }],
    ['99.95', {}, { amount: 99.95 }],
  ])('reads the cell %j', (cell, options, expected) => {
    expect(currencyType.parseCsv(field(), cell, options)).toEqual({ ok: true, value: expected });
  });

  it('refuses a cell that is not money', () => {
    expect(currencyType.parseCsv(field(), 'twelve euros', {}).ok).toBe(false);
  });

  it('writes the amount with the currency minor unit', () => {
    expect(currencyType.formatCsv(field(), { amount: 1234.5, currency: 'EUR' })).toBe('1234.50 EUR');
    expect(currencyType.formatCsv(field(), { amount: 1234.568, currency: 'KWD' })).toBe('1234.568 KWD');
    expect(currencyType.formatCsv(field(), { amount: 500, currency: 'JPY' })).toBe('500 JPY');
  });
});
