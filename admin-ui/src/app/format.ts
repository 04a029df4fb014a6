import type { EntityMeta, FieldMeta } from '../api/types.js';
import type { I18n } from './i18n.js';
import type { MessageKey } from './messages.js';

const SYSTEM_FIELDS = ['id', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy'] as const;

/** System fields shown in lists and filters. */
export const systemFields: readonly string[] = SYSTEM_FIELDS;

/** The label of a field, a composite's part (`amount.currency`) or a system field. */
export function pathLabel(entity: EntityMeta, path: string, i18n: I18n): string {
  if ((SYSTEM_FIELDS as readonly string[]).includes(path)) return i18n.t(`field.${path}` as MessageKey);
  const [name, part] = path.split('.') as [string, string | undefined];
  const field = entity.fields.find((f) => f.name === name);
  const label = field ? i18n.label(field.label, name) : name;
  if (!part) return label;
  const partKey = `part.${part}` as MessageKey;
  return i18n.t('field.part', { field: label, part: i18n.t(partKey) === partKey ? part : i18n.t(partKey) });
}

/** The label of an entity (plural for lists). */
export function entityLabel(entity: EntityMeta | undefined, i18n: I18n, plural = false): string {
  if (!entity) return '';
  return plural && entity.labelPlural ? i18n.label(entity.labelPlural, entity.name) : i18n.label(entity.label, entity.name);
}

/** The option label of a select value. */
export function optionLabel(field: FieldMeta, value: unknown, i18n: I18n): string {
  const option = field.options?.find((o) => o.value === value);
  return option ? i18n.label(option.label, option.value) : String(value);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, kind: 'date' | 'datetime'): Intl.DateTimeFormat {
  const key = `${locale}:${kind}`;
  let format = dateFormats.get(key);
  if (!format) {
    // A date has no time zone: show the calendar day as stored (UTC), never shifted a day.
    format = kind === 'date' ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }) : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    dateFormats.set(key, format);
  }
  return format;
}

/** A date (`YYYY-MM-DD`) in the user's locale. */
export function formatDate(value: string, locale: string): string {
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(time) ? value : dateFormat(locale, 'date').format(time);
}

/** A date-time in the user's locale and time zone. */
export function formatDateTime(value: string, locale: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : dateFormat(locale, 'datetime').format(time);
}

/** An amount of money in the user's locale (the currency's own symbol and decimals). */
export function formatMoney(value: { amount: number; currency: string }, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: value.currency }).format(value.amount);
  } catch {
    return `${new Intl.NumberFormat(locale).format(value.amount)} ${value.currency}`;
  }
}

/** What to show for a value of `field` (or a system field) as text; relations and users come resolved in `names`. */
export function formatValue(field: FieldMeta | undefined, path: string, value: unknown, i18n: I18n, names?: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined || value === '') return '';
  if (!field) {
    if (path === 'createdAt' || path === 'updatedAt') return formatDateTime(String(value), i18n.locale);
    if ((path === 'createdBy' || path === 'updatedBy') && typeof value === 'number') return names?.get(`user:${value}`) ?? `#${value}`;
    return String(value);
  }
  const locale = i18n.locale;
  switch (field.type) {
    case 'currency':
      return typeof value === 'object' ? formatMoney(value as { amount: number; currency: string }, locale) : String(value);
    case 'percent':
      return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(Number(value))} %`;
    case 'integer':
    case 'decimal':
    case 'computed':
    case 'rollup':
      return typeof value === 'number' ? new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(value) : typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'date':
      return formatDate(String(value), locale);
    case 'datetime':
      return formatDateTime(String(value), locale);
    case 'boolean':
      return value ? i18n.t('filter.yes') : i18n.t('filter.no');
    case 'select':
      return optionLabel(field, value, i18n);
    case 'multiSelect':
      return Array.isArray(value) ? value.map((v) => optionLabel(field, v, i18n)).join(', ') : String(value);
    case 'personName': {
      const { first, last } = value as { first?: string; last?: string };
      return [first, last].filter(Boolean).join(' ');
    }
    case 'address': {
      const a = value as Record<string, string | undefined>;
      return [a.street, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country].filter(Boolean).join(', ');
    }
    case 'relation':
      if (typeof value === 'object') return String((value as { id: number }).id);
      return names?.get(`${field.target}:${String(value)}`) ?? `#${String(value)}`;
    case 'user':
      return names?.get(`user:${String(value)}`) ?? `#${String(value)}`;
    case 'json':
      return JSON.stringify(value);
    default:
      return String(value);
  }
}

/** The title of a record: its entity's title field, formatted, else `#id`. */
export function recordTitle(entity: EntityMeta | undefined, record: Readonly<Record<string, unknown>>, i18n: I18n): string {
  const titleField = entity?.titleField ? entity.fields.find((f) => f.name === entity.titleField) : undefined;
  const value = titleField ? formatValue(titleField, titleField.name, record[titleField.name], i18n) : '';
  return value || `#${String(record.id)}`;
}
