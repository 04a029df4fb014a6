import type { FieldProps, RegistryFieldsType, RegistryWidgetsType, WidgetProps } from '@rjsf/utils';
import { useId, useState } from 'react';
import { useI18n } from '../app/i18n.js';
import { Typeahead } from '../app/Typeahead.js';

type Choice = { value: string; label: string; color?: string };

/** Common ISO 4217 codes offered first; any other code can be typed. */
const CURRENCIES = ['USD', 'EUR', 'PEN', 'COP', 'CLP', 'MXN', 'ARS', 'BRL', 'BOB', 'UYU', 'GBP', 'CHF', 'JPY', 'CNY', 'CAD'];

const describedBy = (id: string, errors?: readonly string[]) => (errors?.length ? `${id}__error` : undefined);

/** A select with the options' labels in the user's language. */
function SelectWidget({ id, value, onChange, options, required, disabled, readonly, rawErrors }: WidgetProps) {
  const choices = (options.choices ?? []) as Choice[];
  return (
    <select id={id} value={typeof value === 'string' ? value : ''} required={required} disabled={disabled || readonly} aria-invalid={rawErrors?.length ? true : undefined} aria-describedby={describedBy(id, rawErrors)} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}>
      <option value="" />
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  );
}

/** Checkboxes for a multi-select, in option order. */
function MultiSelectWidget({ id, value, onChange, options, disabled, readonly, label }: WidgetProps) {
  const choices = (options.choices ?? []) as Choice[];
  const chosen = new Set(Array.isArray(value) ? (value as string[]) : []);
  return (
    <fieldset id={id} className="choices" aria-label={label}>
      {choices.map((c) => (
        <label key={c.value} className="choice">
          <input
            type="checkbox"
            disabled={disabled || readonly}
            checked={chosen.has(c.value)}
            onChange={(e) => {
              const next = choices.map((x) => x.value).filter((v) => (v === c.value ? e.target.checked : chosen.has(v)));
              onChange(next.length ? next : undefined);
            }}
          />
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}

/** A date and time in the user's time zone; the API gets ISO 8601 with the offset. */
function DateTimeWidget({ id, value, onChange, required, disabled, readonly, rawErrors }: WidgetProps) {
  const local = typeof value === 'string' && value ? toLocalInput(value) : '';
  return <input id={id} type="datetime-local" value={local} required={required} disabled={disabled} readOnly={readonly} aria-invalid={rawErrors?.length ? true : undefined} aria-describedby={describedBy(id, rawErrors)} onChange={(e) => onChange(e.target.value ? new Date(e.target.value).toISOString() : undefined)} />;
}

function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A percentage: a number with the sign beside it. */
function PercentWidget({ id, value, onChange, required, disabled, readonly, rawErrors, schema }: WidgetProps) {
  return (
    <span className="suffixed">
      <input id={id} type="number" step="any" min={schema.minimum} max={schema.maximum} value={typeof value === 'number' ? value : ''} required={required} disabled={disabled} readOnly={readonly} aria-invalid={rawErrors?.length ? true : undefined} aria-describedby={describedBy(id, rawErrors)} onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))} />
      <span aria-hidden="true">%</span>
    </span>
  );
}

/** A relation or user: type part of a title, pick from the matches. */
function RelationWidget({ id, value, onChange, options, required, disabled, readonly, label, rawErrors }: WidgetProps) {
  return <Typeahead id={id} label={label} target={(options.target as string | null | undefined) ?? null} value={typeof value === 'number' ? value : null} onChange={(v) => onChange(v ?? undefined)} required={required} disabled={disabled || readonly} invalid={!!rawErrors?.length} describedBy={describedBy(id, rawErrors)} />;
}

/** A titled group of inputs for a composite value (money, address, name). */
function Group({ props, children }: { props: FieldProps; children: React.ReactNode }) {
  const errors = props.errorSchema?.__errors;
  return (
    <fieldset className={`composite${errors?.length ? ' invalid' : ''}`} id={props.fieldPathId.$id}>
      <legend>
        {String(props.schema.title ?? props.name)}
        {props.required && <span className="required" aria-hidden="true"> *</span>}
      </legend>
      <div className="composite-parts">{children}</div>
    </fieldset>
  );
}

function Part({ label, id, children }: { label: string; id: string; children: (id: string) => React.ReactNode }) {
  return (
    <label className="part" htmlFor={id}>
      <span>{label}</span>
      {children(id)}
    </label>
  );
}

/** Money: an amount and its ISO 4217 currency. */
function CurrencyField(props: FieldProps) {
  const { t, locale } = useI18n();
  const id = useId();
  const value = (props.formData ?? {}) as { amount?: number; currency?: string };
  const fallback = (props.uiSchema?.['ui:options']?.defaultCurrency as string | undefined) ?? 'USD';
  const currency = value.currency ?? fallback;
  const [typed, setTyped] = useState<string | null>(null);
  const set = (next: { amount?: number; currency?: string }) => props.onChange(next.amount === undefined ? undefined : { amount: next.amount, currency: next.currency ?? currency }, props.fieldPathId.path);
  const codes = CURRENCIES.includes(currency) ? CURRENCIES : [currency, ...CURRENCIES];
  const readOnly = props.readonly || props.disabled;
  return (
    <Group props={props}>
      <Part label={t('form.amount')} id={`${id}-amount`}>
        {(pid) => (
          <input
            id={pid}
            type="number"
            step="any"
            inputMode="decimal"
            readOnly={readOnly}
            lang={locale}
            value={typed ?? (value.amount === undefined ? '' : String(value.amount))}
            aria-invalid={props.errorSchema?.__errors?.length ? true : undefined}
            onChange={(e) => {
              setTyped(e.target.value);
              set({ amount: e.target.value === '' ? undefined : Number(e.target.value), currency });
            }}
            onBlur={() => setTyped(null)}
          />
        )}
      </Part>
      <Part label={t('form.currency')} id={`${id}-currency`}>
        {(pid) => (
          <select id={pid} value={currency} disabled={readOnly} onChange={(e) => set({ amount: value.amount, currency: e.target.value })}>
            {codes.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        )}
      </Part>
    </Group>
  );
}

/** A composite of text parts (address, person name). */
function textParts(parts: readonly { key: string; labelKey: Parameters<ReturnType<typeof useI18n>['t']>[0]; autoComplete: string }[]) {
  return function TextPartsField(props: FieldProps) {
    const { t } = useI18n();
    const id = useId();
    const value = (props.formData ?? {}) as Record<string, string | undefined>;
    const set = (key: string, text: string) => {
      const next = { ...value, [key]: text === '' ? undefined : text };
      const filled = Object.entries(next).filter(([, v]) => v !== undefined && v !== '');
      props.onChange(filled.length ? Object.fromEntries(filled) : undefined, props.fieldPathId.path);
    };
    return (
      <Group props={props}>
        {parts.map((p) => (
          <Part key={p.key} label={t(p.labelKey)} id={`${id}-${p.key}`}>
            {(pid) => <input id={pid} type="text" autoComplete={p.autoComplete} readOnly={props.readonly || props.disabled} value={value[p.key] ?? ''} onChange={(e) => set(p.key, e.target.value)} />}
          </Part>
        ))}
      </Group>
    );
  };
}

const AddressField = textParts([
  { key: 'street', labelKey: 'part.street', autoComplete: 'street-address' },
  { key: 'city', labelKey: 'part.city', autoComplete: 'address-level2' },
  { key: 'postalCode', labelKey: 'part.postalCode', autoComplete: 'postal-code' },
  { key: 'region', labelKey: 'part.region', autoComplete: 'address-level1' },
  { key: 'country', labelKey: 'part.country', autoComplete: 'country' },
]);

const PersonNameField = textParts([
  { key: 'first', labelKey: 'part.first', autoComplete: 'given-name' },
  { key: 'last', labelKey: 'part.last', autoComplete: 'family-name' },
]);

/** Free JSON, edited as text; kept as text until it parses. */
function JsonField(props: FieldProps) {
  const id = useId();
  const [text, setText] = useState(() => (props.formData === undefined ? '' : JSON.stringify(props.formData, null, 2)));
  return (
    <Group props={props}>
      <textarea
        id={id}
        aria-label={String(props.schema.title ?? props.name)}
        rows={4}
        value={text}
        readOnly={props.readonly || props.disabled}
        onChange={(e) => {
          setText(e.target.value);
          try {
            props.onChange(e.target.value.trim() === '' ? undefined : JSON.parse(e.target.value), props.fieldPathId.path);
          } catch {
            // Not JSON yet: keep typing.
          }
        }}
      />
    </Group>
  );
}

/** Our widgets, by the names ui-schema.ts gives them. */
export const widgets: RegistryWidgetsType = { kithSelect: SelectWidget, kithMultiSelect: MultiSelectWidget, datetime: DateTimeWidget, percent: PercentWidget, relation: RelationWidget };

/** Our fields for composite values. */
export const fields: RegistryFieldsType = { currency: CurrencyField, address: AddressField, personName: PersonNameField, json: JsonField };
