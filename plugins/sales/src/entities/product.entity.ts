import { defineEntity } from '@kith/sdk';

/** Something the company sells: a good, a service, a subscription. */
export const productEntity = defineEntity({
  name: 'product',
  label: { en: 'Product', es: 'Producto' },
  labelPlural: { en: 'Products', es: 'Productos' },
  titleField: 'name',
  fields: {
    name: { type: 'text', required: true, searchable: true, maxLength: 200, label: { en: 'Name', es: 'Nombre' } },
    code: { type: 'text', required: true, unique: true, maxLength: 40, searchable: true, label: { en: 'Code (SKU)', es: 'Código' } },
    family: { type: 'select', options: ['equipment', 'spare-parts', 'service', 'subscription', 'software', 'training'], label: { en: 'Family', es: 'Familia' } },
    unit: { type: 'select', options: ['unit', 'hour', 'day', 'month', 'year', 'kit', 'licence'], default: 'unit', label: { en: 'Unit', es: 'Unidad' } },
    taxRate: { type: 'percent', min: 0, max: 100, label: { en: 'Default tax rate', es: 'Impuesto por defecto' } },
    active: { type: 'boolean', default: true, label: { en: 'Active', es: 'Activo' } },
    description: { type: 'longText', label: { en: 'Description', es: 'Descripción' } },
  },
  indexes: [['family', 'name']],
});

/** A price book entry: the list price of a product in one currency, in one price book. */
export const priceBookEntryEntity = defineEntity({
  name: 'priceBookEntry',
  label: { en: 'Price book entry', es: 'Precio de lista' },
  labelPlural: { en: 'Price book', es: 'Lista de precios' },
  fields: {
    product: { type: 'relation', target: 'product', inverse: 'prices', required: true, label: { en: 'Product', es: 'Producto' } },
    priceBook: { type: 'select', required: true, options: [{ value: 'standard', label: { en: 'Standard', es: 'Estándar' } }], default: 'standard', label: { en: 'Price book', es: 'Lista' } },
    listPrice: { type: 'currency', required: true, min: 0, label: { en: 'List price', es: 'Precio de lista' } },
    currency: { type: 'computed', resultType: 'text', formula: { var: 'listPrice.currency' }, label: { en: 'Currency', es: 'Moneda' } },
    active: { type: 'boolean', default: true, label: { en: 'Active', es: 'Activo' } },
  },
  indexes: [{ fields: ['product', 'priceBook', 'currency'], unique: true }],
});
