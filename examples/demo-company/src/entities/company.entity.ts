import { defineEntity } from '@kith/sdk';
import { readableOptions } from './options.js';

/** Industries a company is filed under. */
export const INDUSTRIES = [
  'manufacturing',
  'retail',
  'logistics',
  'healthcare',
  'energy',
  'agriculture',
  'construction',
  'technology',
  'education',
  'hospitality',
] as const;

/** One industry. */
export type Industry = (typeof INDUSTRIES)[number];

/** Head-count bands. */
export const COMPANY_SIZES = ['1-10', '11-50', '51-200', '201-1000', '1000+'] as const;

/** One head-count band. */
export type CompanySize = (typeof COMPANY_SIZES)[number];

/** A customer or prospect of Andes Industrial Supply. */
export const companyEntity = defineEntity({
  ownerField: 'owner',
  name: 'company',
  labelPlural: 'Companies',
  description: 'A customer or prospect organisation.',
  titleField: 'name',
  fields: {
    owner: { type: 'user', label: { en: 'Account manager', es: 'Ejecutivo de cuenta' } },
    name: { type: 'text', required: true, searchable: true, maxLength: 200 },
    industry: { type: 'select', options: readableOptions(INDUSTRIES) },
    size: {
      type: 'select',
      label: 'Employees',
      options: COMPANY_SIZES.map((value) => ({ value, label: `${value} employees` })),
    },
    website: { type: 'url' },
    phone: { type: 'phone', defaultRegion: 'PE' },
    address: { type: 'address' },
    annualRevenue: { type: 'currency', defaultCurrency: 'USD' },
    customerSince: { type: 'date' },
    notes: { type: 'longText' },
  },
  indexes: [['industry'], ['name']],
});
