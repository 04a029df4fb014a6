import { defineEntity } from '@kith/sdk';
import { minorFactorFormula, roundFormula } from '../money.js';

/** Currencies a quote may be written in (consultants add options). */
export const QUOTE_CURRENCIES = ['USD', 'EUR', 'PEN', 'COP', 'CLP', 'MXN', 'BRL', 'ARS', 'GBP', 'JPY', 'KWD', 'BHD'] as const;

/** The quote's totals: sums of its lines' rounded amounts, so they are exact in the currency's minor unit. */
const sum = (field: string, label: { en: string; es: string }) =>
  ({ type: 'rollup', label, scale: 4, rollup: { relation: 'lines', op: 'sum', field, resultType: 'decimal' } }) as const;

/** An offer to an account: lines, totals, and — once accepted — the order it becomes. */
export const quoteEntity = defineEntity({
  name: 'quote',
  label: { en: 'Quote', es: 'Cotización' },
  labelPlural: { en: 'Quotes', es: 'Cotizaciones' },
  titleField: 'number',
  ownerField: 'owner',
  fields: {
    number: { type: 'text', required: true, unique: true, maxLength: 30, searchable: true, label: { en: 'Number', es: 'Número' } },
    title: { type: 'text', maxLength: 200, label: { en: 'Title', es: 'Título' } },
    account: { type: 'relation', target: 'account', inverse: 'quotes', required: true, label: { en: 'Account', es: 'Cuenta' } },
    contact: { type: 'relation', target: 'contact', inverse: 'quotes', label: { en: 'Contact', es: 'Contacto' } },
    opportunity: { type: 'relation', target: 'opportunity', inverse: 'quotes', label: { en: 'Opportunity', es: 'Oportunidad' } },
    currency: { type: 'select', required: true, options: QUOTE_CURRENCIES, default: 'USD', label: { en: 'Currency', es: 'Moneda' } },
    status: { type: 'select', required: true, options: ['draft', 'sent', 'accepted', 'rejected', 'expired', 'ordered'], default: 'draft', label: { en: 'Status', es: 'Estado' } },
    validUntil: { type: 'date', label: { en: 'Valid until', es: 'Válida hasta' } },
    owner: { type: 'user', label: { en: 'Owner', es: 'Responsable' } },
    terms: { type: 'longText', label: { en: 'Terms', es: 'Condiciones' } },
    lineCount: { type: 'rollup', label: { en: 'Lines', es: 'Líneas' }, rollup: { relation: 'lines', op: 'count' } },
    grossTotal: sum('grossAmount', { en: 'Gross', es: 'Bruto' }),
    discountTotal: sum('discountAmount', { en: 'Discounts', es: 'Descuentos' }),
    subtotal: sum('netAmount', { en: 'Subtotal', es: 'Subtotal' }),
    taxTotal: sum('taxAmount', { en: 'Tax', es: 'Impuestos' }),
    total: { type: 'computed', resultType: 'decimal', scale: 4, formula: { '+': [{ var: 'subtotal' }, { var: 'taxTotal' }] }, label: { en: 'Total', es: 'Total' } },
    orderNumber: { type: 'text', unique: true, maxLength: 30, label: { en: 'Order number', es: 'Número de pedido' } },
    orderedAt: { type: 'datetime', label: { en: 'Ordered at', es: 'Pedido el' } },
    orderStatus: { type: 'select', options: ['open', 'in-fulfilment', 'delivered', 'invoiced', 'paid', 'cancelled'], label: { en: 'Order status', es: 'Estado del pedido' } },
  },
  indexes: [['account', 'status'], ['opportunity'], ['status', 'validUntil']],
});

const factor = { var: 'minorFactor' };

/**
 * One line of a quote. Every amount is a formula rounded to the currency's minor unit, line by
 * line (gross, discount, net, tax), so the quote's sums are exact and match an invoice.
 */
export const quoteLineEntity = defineEntity({
  name: 'quoteLine',
  label: { en: 'Quote line', es: 'Línea de cotización' },
  labelPlural: { en: 'Quote lines', es: 'Líneas de cotización' },
  titleField: 'description',
  fields: {
    quote: { type: 'relation', target: 'quote', inverse: 'lines', required: true, label: { en: 'Quote', es: 'Cotización' } },
    position: { type: 'integer', min: 0, label: { en: 'Position', es: 'Orden' } },
    product: { type: 'relation', target: 'product', inverse: 'quoteLines', label: { en: 'Product', es: 'Producto' } },
    description: { type: 'text', maxLength: 255, label: { en: 'Description', es: 'Descripción' } },
    quantity: { type: 'decimal', required: true, scale: 4, label: { en: 'Quantity', es: 'Cantidad' } },
    unitPrice: { type: 'currency', required: true, min: 0, label: { en: 'Unit price', es: 'Precio unitario' } },
    discount: { type: 'percent', min: 0, max: 100, default: 0, label: { en: 'Discount %', es: 'Descuento %' } },
    taxRate: { type: 'percent', min: 0, max: 100, default: 0, label: { en: 'Tax %', es: 'Impuesto %' } },
    currency: { type: 'computed', resultType: 'text', formula: { var: 'unitPrice.currency' }, label: { en: 'Currency', es: 'Moneda' } },
    quoteCurrency: { type: 'computed', resultType: 'text', formula: { var: 'quote.currency' }, label: { en: "Quote's currency", es: 'Moneda de la cotización' } },
    minorFactor: { type: 'computed', resultType: 'integer', formula: minorFactorFormula({ var: 'unitPrice.currency' }), hidden: true, label: { en: 'Minor unit factor', es: 'Factor de unidad menor' } },
    grossAmount: {
      type: 'computed', resultType: 'decimal', scale: 4, label: { en: 'Gross', es: 'Bruto' },
      formula: roundFormula({ '*': [{ var: 'quantity' }, { var: 'unitPrice.amount' }] }, factor),
    },
    discountAmount: {
      type: 'computed', resultType: 'decimal', scale: 4, label: { en: 'Discount', es: 'Descuento' },
      formula: roundFormula({ '/': [{ '*': [{ var: 'grossAmount' }, { var: 'discount' }] }, 100] }, factor),
    },
    netAmount: {
      type: 'computed', resultType: 'decimal', scale: 4, label: { en: 'Net', es: 'Neto' },
      // A difference of two amounts already in minor units: rounded again only to undo float noise.
      formula: roundFormula({ '-': [{ var: 'grossAmount' }, { var: 'discountAmount' }] }, factor),
    },
    taxAmount: {
      type: 'computed', resultType: 'decimal', scale: 4, label: { en: 'Tax', es: 'Impuesto' },
      formula: roundFormula({ '/': [{ '*': [{ var: 'netAmount' }, { var: 'taxRate' }] }, 100] }, factor),
    },
    lineTotal: {
      type: 'computed', resultType: 'decimal', scale: 4, label: { en: 'Line total', es: 'Total línea' },
      formula: roundFormula({ '+': [{ var: 'netAmount' }, { var: 'taxAmount' }] }, factor),
    },
  },
  indexes: [['quote', 'position']],
});
