import type { SelectOption } from '../../api/types.js';
import { useI18n } from '../../app/i18n.js';

/** An option as edited: value, English and Spanish labels. */
export interface OptionDraft {
  readonly value: string;
  readonly en: string;
  readonly es: string;
  /** Stored before: its value cannot change (records hold it), only its labels. */
  readonly stored?: boolean;
}

/** Drafts from stored options. */
export const toDrafts = (options: readonly SelectOption[] | undefined): OptionDraft[] => (options ?? []).map((o) => ({ value: o.value, en: o.label.en, es: o.label.es ?? '', stored: true }));

/** The options as the metadata API takes them (the full list wanted). */
export const fromDrafts = (drafts: readonly OptionDraft[]) =>
  drafts.filter((d) => d.value.trim()).map((d) => ({ value: d.value.trim(), label: d.es.trim() ? { en: d.en.trim() || d.value.trim(), es: d.es.trim() } : { en: d.en.trim() || d.value.trim() } }));

/** The options of a select field: add, relabel, remove (the server refuses removing one in use). */
export function OptionsEditor({ value, onChange }: { value: readonly OptionDraft[]; onChange: (v: OptionDraft[]) => void }) {
  const { t } = useI18n();
  const set = (i: number, patch: Partial<OptionDraft>) => onChange(value.map((d, j) => (i === j ? { ...d, ...patch } : d)));
  return (
    <fieldset className="options-editor">
      <legend>{t('fields.options')}</legend>
      <ol>
        {value.map((d, i) => (
          <li key={i} className="filter-row">
            <input aria-label={t('fields.optionValue', { n: i + 1 })} value={d.value} readOnly={d.stored} placeholder="value" onChange={(e) => set(i, { value: e.target.value })} />
            <input aria-label={t('fields.optionEn', { n: i + 1 })} value={d.en} placeholder="English" onChange={(e) => set(i, { en: e.target.value })} />
            <input aria-label={t('fields.optionEs', { n: i + 1 })} value={d.es} placeholder="Español" onChange={(e) => set(i, { es: e.target.value })} />
            <button type="button" className="icon" aria-label={t('fields.optionRemove', { n: i + 1 })} onClick={() => onChange(value.filter((_, j) => j !== i))}>
              ×
            </button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => onChange([...value, { value: '', en: '', es: '' }])}>
        {t('fields.optionAdd')}
      </button>
    </fieldset>
  );
}
