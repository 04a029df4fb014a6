import type { FieldType } from './field-type.js';
import { COUNTRY_CODES } from './iso3166.js';
import { textComposite } from './text-composite.js';
import { accept, quote, refuse } from './value-check.js';

/**
 * A postal address in five optional parts. It has no primary part: filters and sorts name
 * one (`address.city`), since no single part stands for the address.
 */
export const addressType: FieldType = {
  name: 'address',
  checkDefinition: () => [],
  ...textComposite('an address', '{"street": "Unter den Linden 1", "postalCode": "10117", "city": "Berlin", "country": "DE"}', [
    { key: 'street', suffix: '_street', length: 255 },
    { key: 'city', suffix: '_city', length: 255 },
    { key: 'postalCode', suffix: '_postal_code', length: 32 },
    { key: 'region', suffix: '_region', length: 255 },
    {
      key: 'country',
      suffix: '_country',
      length: 2,
      normalise: (text) => {
        const code = text.toUpperCase();
        return COUNTRY_CODES.has(code) ? accept(code) : refuse(`${quote(text)} is not an ISO 3166-1 alpha-2 country code such as DE, FR or US`);
      },
    },
  ]),
  operators: [],
  primaryKey: undefined,
  widget: 'address',
};
