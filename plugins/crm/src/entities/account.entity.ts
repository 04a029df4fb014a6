import { defineEntity } from '@kith/sdk';
import { ACCOUNT_SIZES, INDUSTRIES } from './options.js';

/** An organisation the company sells to, buys from or partners with. */
export const accountEntity = defineEntity({
  name: 'account',
  label: { en: 'Account', es: 'Cuenta' },
  labelPlural: { en: 'Accounts', es: 'Cuentas' },
  description: 'An organisation: a customer, a prospect, a partner.',
  titleField: 'name',
  ownerField: 'owner',
  fields: {
    name: { type: 'text', required: true, searchable: true, maxLength: 200, label: { en: 'Name', es: 'Razón social' } },
    type: { type: 'select', options: ['prospect', 'customer', 'partner', 'supplier', 'competitor', 'other'], default: 'prospect', label: { en: 'Type', es: 'Tipo' } },
    industry: { type: 'select', options: INDUSTRIES, label: { en: 'Industry', es: 'Sector' } },
    size: { type: 'select', options: ACCOUNT_SIZES, label: { en: 'Size', es: 'Tamaño' } },
    employees: { type: 'integer', min: 0, label: { en: 'Employees', es: 'Empleados' } },
    annualRevenue: { type: 'currency', defaultCurrency: 'USD', label: { en: 'Annual revenue', es: 'Facturación anual' } },
    website: { type: 'url', label: { en: 'Website', es: 'Web' } },
    email: { type: 'email', label: { en: 'General e-mail', es: 'Correo general' } },
    phone: { type: 'phone', label: { en: 'Phone', es: 'Teléfono' } },
    taxId: { type: 'text', maxLength: 32, searchable: true, label: { en: 'Tax id', es: 'RUC / NIF' } },
    billingAddress: { type: 'address', label: { en: 'Billing address', es: 'Dirección de facturación' } },
    shippingAddress: { type: 'address', label: { en: 'Shipping address', es: 'Dirección de envío' } },
    parent: { type: 'relation', target: 'account', inverse: 'subsidiaries', label: { en: 'Parent account', es: 'Cuenta matriz' } },
    owner: { type: 'user', label: { en: 'Account manager', es: 'Ejecutivo de cuenta' } },
    // Marketing's ABC analysis fills it (by revenue share); until then it stays empty.
    abcClass: { type: 'select', options: ['A', 'B', 'C'], label: { en: 'ABC class', es: 'Clase ABC' } },
    description: { type: 'longText', label: { en: 'Description', es: 'Descripción' } },
  },
  indexes: [['name'], ['industry'], ['owner', 'name']],
});
