import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import type { EntityMeta, FieldMeta } from '../../api/types.js';
import { entityLabel } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import type { MessageKey } from '../../app/messages.js';
import { useSession } from '../../app/session.js';
import { fromDrafts, OptionsEditor, toDrafts, type OptionDraft } from './OptionsEditor.js';
import { setupApi } from './setup-api.js';
import { Problems } from './setup-ui.js';

/** The field types a consultant may add (the SDK's FIELD_TYPES). */
export const FIELD_TYPES = ['text', 'longText', 'email', 'phone', 'url', 'integer', 'decimal', 'currency', 'percent', 'boolean', 'date', 'datetime', 'select', 'multiSelect', 'relation', 'user', 'json', 'computed', 'rollup', 'address', 'personName'] as const;

const label = (en: string, es: string, fallback: string) => (es.trim() ? { en: en.trim() || fallback, es: es.trim() } : { en: en.trim() || fallback });
const parseJson = (text: string): unknown => (text.trim() ? JSON.parse(text) : undefined);

/**
 * Adds a field of any type, or changes one: labels, description, required, hidden, read-only,
 * options, length and bounds. A destructive change (narrowing, removing an unused option) asks
 * first and is repeated with `confirm`.
 */
export function FieldForm({ entity, field, onDone, onCancel }: { entity: EntityMeta; field?: FieldMeta; onDone: () => void; onCancel: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { entities } = useSession();
  const [name, setName] = useState('');
  const [type, setType] = useState<string>(field?.type ?? 'text');
  const [en, setEn] = useState(field?.label.en ?? '');
  const [es, setEs] = useState(field?.label.es ?? '');
  const [description, setDescription] = useState(field?.description ?? '');
  const [required, setRequired] = useState(field?.required ?? false);
  const [hidden, setHidden] = useState(field?.hidden ?? false);
  const [readonly, setReadonly] = useState(field?.readonly ?? false);
  const [options, setOptions] = useState<OptionDraft[]>(toDrafts(field?.options));
  const [maxLength, setMaxLength] = useState(field?.maxLength?.toString() ?? '');
  const [target, setTarget] = useState(entities[0]?.name ?? '');
  const [inverse, setInverse] = useState('');
  const [currency, setCurrency] = useState('USD');
  const [formula, setFormula] = useState('');
  const [resultType, setResultType] = useState('text');
  const [rollup, setRollup] = useState('{"relation": "", "op": "count"}');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const body = (): Record<string, unknown> => {
    const settings: Record<string, unknown> = {};
    const fallback = field?.name ?? name;
    if (!field || en !== field.label.en || es !== (field.label.es ?? '')) settings.label = label(en, es, fallback);
    if (description !== (field?.description ?? '')) settings.description = description;
    if (required !== (field?.required ?? false)) settings.required = required;
    if (hidden !== (field?.hidden ?? false)) settings.hidden = hidden;
    if (readonly !== (field?.readonly ?? false)) settings.readonly = readonly;
    if ((type === 'select' || type === 'multiSelect') && JSON.stringify(fromDrafts(options)) !== JSON.stringify(fromDrafts(toDrafts(field?.options)))) settings.options = fromDrafts(options);
    if ((type === 'text' || type === 'longText') && maxLength !== (field?.maxLength?.toString() ?? '') && maxLength) settings.maxLength = Number(maxLength);
    if (field) return settings;
    if (type === 'relation') Object.assign(settings, { target, ...(inverse ? { inverse } : {}) });
    if (type === 'currency') settings.defaultCurrency = currency;
    if (type === 'computed') Object.assign(settings, { formula: parseJson(formula), resultType });
    if (type === 'rollup') settings.rollup = parseJson(rollup);
    return { name, type, ...settings };
  };

  const save = async (confirm = false) => {
    setSaving(true);
    setError(null);
    try {
      const b = body();
      if (field) {
        if (Object.keys(b).length > 0) await setupApi.updateField(entity.name, field.name, confirm ? { ...b, confirm: true } : b);
      } else await setupApi.addField(entity.name, b);
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'KITH_METADATA_CONFIRMATION_REQUIRED' && !confirm && window.confirm(`${e.problem.detail}\n\n${t('fields.confirm')}`)) {
        setSaving(false);
        return save(true);
      }
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const title = field ? t('fields.editNamed', { name: i18n.label(field.label, field.name) }) : t('fields.add', { entity: entityLabel(entity, i18n) });
  return (
    <section className="panel editor" aria-labelledby="field-form-title">
      <h2 id="field-form-title">{title}</h2>
      <div className="form-grid">
        {!field && (
          <>
            <label>
              {t('fields.name')}
              <input value={name} onChange={(e) => setName(e.target.value)} placeholder="vatNumber" />
            </label>
            <label>
              {t('fields.type')}
              <select value={type} onChange={(e) => setType(e.target.value)}>
                {FIELD_TYPES.map((ft) => (
                  <option key={ft} value={ft}>
                    {t(`type.${ft}` as MessageKey)}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        <label>
          {t('fields.labelEn')}
          <input value={en} onChange={(e) => setEn(e.target.value)} />
        </label>
        <label>
          {t('fields.labelEs')}
          <input value={es} onChange={(e) => setEs(e.target.value)} />
        </label>
        <label className="wide">
          {t('fields.description')}
          <input value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        {(type === 'text' || type === 'longText') && (
          <label>
            {t('fields.maxLength')}
            <input inputMode="numeric" value={maxLength} onChange={(e) => setMaxLength(e.target.value.replace(/\D/g, ''))} />
          </label>
        )}
        {!field && type === 'relation' && (
          <>
            <label>
              {t('fields.target')}
              <select value={target} onChange={(e) => setTarget(e.target.value)}>
                {entities.map((e) => (
                  <option key={e.name} value={e.name}>
                    {entityLabel(e, i18n)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('fields.inverse')}
              <input value={inverse} onChange={(e) => setInverse(e.target.value)} placeholder="siteVisits" />
            </label>
          </>
        )}
        {!field && type === 'currency' && (
          <label>
            {t('fields.defaultCurrency')}
            <input value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value.toUpperCase())} />
          </label>
        )}
        {!field && type === 'computed' && (
          <>
            <label className="wide">
              {t('fields.formula')}
              <textarea className="code" rows={3} value={formula} onChange={(e) => setFormula(e.target.value)} placeholder='{"var": "company.industry"}' />
            </label>
            <label>
              {t('fields.resultType')}
              <select value={resultType} onChange={(e) => setResultType(e.target.value)}>
                {['text', 'integer', 'decimal', 'boolean', 'date'].map((r) => (
                  <option key={r} value={r}>
                    {t(`type.${r}` as MessageKey)}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        {!field && type === 'rollup' && (
          <label className="wide">
            {t('fields.rollup')}
            <textarea className="code" rows={3} value={rollup} onChange={(e) => setRollup(e.target.value)} />
          </label>
        )}
      </div>
      {(type === 'select' || type === 'multiSelect') && <OptionsEditor value={options} onChange={setOptions} />}
      <div className="checks">
        <label className="inline">
          <input type="checkbox" checked={required} onChange={(e) => setRequired(e.target.checked)} />
          {t('fields.required')}
        </label>
        <label className="inline">
          <input type="checkbox" checked={hidden} onChange={(e) => setHidden(e.target.checked)} />
          {t('fields.hidden')}
        </label>
        <label className="inline">
          <input type="checkbox" checked={readonly} onChange={(e) => setReadonly(e.target.checked)} />
          {t('fields.readonly')}
        </label>
      </div>
      <Problems error={error} />
      <div className="actions form-actions">
        <button type="button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
        <button type="button" className="primary" disabled={saving || (!field && !name)} onClick={() => void save()}>
          {saving ? t('form.saving') : field ? t('fields.saveChanges') : t('fields.addButton')}
        </button>
      </div>
    </section>
  );
}
