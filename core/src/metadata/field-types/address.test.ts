import type { FieldDefinition } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { addressType } from './address.js';
import { COUNTRY_CODES } from './iso3166.js';
import { personNameType } from './person-name.js';

const field = (s: Partial<FieldDefinition> = {}): FieldDefinition => ({
  id: 'company.hq', name: 'hq', type: 'address', label: { en: 'HQ' }, source: 'core',
  ...s,
});

/** normalise → toColumns → fromColumns, as a write and a read do. */
function roundTrip(value: unknown, type = addressType): unknown {
  const checked = type.normalise(field(), value);
  if (!checked.ok) throw new Error(checked.message);
  return checked.value === null ? null : type.fromColumns(field(), type.toColumns(field(), checked.value));
}

describe('address field', () => {
  it('has five text columns and no primary part', () => {
    expect(addressType.columns(field()).map((c) => [c.key, c.suffix, c.kind])).toEqual([
      ['street', '_street', 'text'],
      ['city', '_city', 'text'],
      ['postalCode', '_postal_code', 'text'],
      ['region', '_region', 'text'],
      ['country', '_country', 'text'],
    ]);
    expect(addressType.primaryKey).toBeUndefined();
  });

  it('round-trips through its columns, country upper-cased', () => {
    expect(roundTrip({ street: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'de' })).toEqual({
      street: 'Unter den Linden 1',
      city: 'Berlin',
      postalCode: '10117',
      country: 'DE',
    });
    expect(roundTrip({ city: 'Zürich' })).toEqual({ city: 'Zürich' });
  });

  it('treats empty parts as absent and an address with no parts as null', () => {
    expect(roundTrip({ city: '', country: 'FR' })).toEqual({ country: 'FR' });
    expect(addressType.normalise(field(), {})).toEqual({ ok: true, value: null });
    expect(addressType.toColumns(field(), { city: 'Paris' })).toEqual([null, 'Paris', null, null, null]);
    expect(addressType.fromColumns(field(), [null, null, null, null, null])).toBeNull();
  });

  it('refuses unknown countries, unknown parts and over-long parts, naming the part', () => {
    const country = addressType.normalise(field(), { country: 'UK' });
    expect(!country.ok && country.message).toMatch(/^country: .*ISO 3166/);
    expect(addressType.normalise(field(), { town: 'Paris' }).ok).toBe(false);
    expect(addressType.normalise(field(), { postalCode: '1'.repeat(33) }).ok).toBe(false);
    expect(addressType.normalise(field(), 'Berlin').ok).toBe(false);
  });

  it('reads a JSON object cell and writes one back', () => {
    const value = { city: 'Lyon', country: 'FR' };
    const cell = addressType.formatCsv(field(), value);
    expect(addressType.parseCsv(field(), cell, {})).toEqual({ ok: true, value });
    expect(addressType.parseCsv(field(), 'Lyon, France', {}).ok).toBe(false);
    expect(addressType.parseCsv(field(), '["Lyon"]', {}).ok).toBe(false);
  });
});

describe('country codes', () => {
  it('are the 249 ISO 3166-1 codes plus XK, each one a region ICU knows', () => {
    expect(COUNTRY_CODES.size).toBe(250);
    const names = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });
    expect([...COUNTRY_CODES].filter((code) => !/^[A-Z]{2}$/.test(code) || names.of(code) === undefined)).toEqual([]);
  });
});

describe('personName field', () => {
  it('sorts and filters by last name', () => {
    expect(personNameType.primaryKey).toBe('last');
    expect(personNameType.columns(field()).map((c) => c.suffix)).toEqual(['_first', '_last']);
  });

  it('round-trips through its columns', () => {
    expect(roundTrip({ first: 'Ada', last: 'Lovelace' }, personNameType)).toEqual({ first: 'Ada', last: 'Lovelace' });
    expect(roundTrip({ last: 'Hopper' }, personNameType)).toEqual({ last: 'Hopper' });
    expect(personNameType.normalise(field(), { first: 'A\u0000' }).ok).toBe(false);
  });
});
