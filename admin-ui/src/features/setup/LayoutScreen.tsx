import { useEffect, useState, type DragEvent } from 'react';
import { api } from '../../api/client.js';
import { clearCaches } from '../../api/metadata.js';
import type { FieldMeta } from '../../api/types.js';
import { entityLabel } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import { paths } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { ErrorNotice, Loading } from '../../app/states.js';
import { useAsync } from '../../app/use-async.js';
import { loadLayout, type EntityLayout } from '../records/form-layout.js';
import { addSection, draftOf, layoutBody, moveField, previewOf, removeSection, shiftField, shiftSection, updateSection, type FieldPlace, type LayoutDraft } from './layout-editor.js';
import { EntityPicker, Problems, SetupPage } from './setup-ui.js';
import '../records/form-layout.css';

const FIELD_MIME = 'application/x-kith-field';

/** The form layout of one entity: sections with headings and columns, fields dragged or moved between them, a preview, save. */
export default function LayoutScreen({ entityName }: { entityName: string | undefined }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { entities } = useSession();
  const entity = entities.find((e) => e.name === entityName);
  const [state, reload] = useAsync(async () => (entity ? loadLayout(entity.name) : undefined), [entity?.name]);
  const [draft, setDraft] = useState<LayoutDraft | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  const [customised, setCustomised] = useState(false);
  const load = (layout: EntityLayout) => {
    setDraft(draftOf(layout));
    setCustomised(layout.customised);
  };
  useEffect(() => {
    if (state.status === 'ready' && state.value) load(state.value);
  }, [state]);

  const labelOf = (name: string) => {
    const field: FieldMeta | undefined = entity?.fields.find((f) => f.name === name);
    return field ? i18n.label(field.label, name) : name;
  };
  const change = (next: LayoutDraft) => {
    setDraft(next);
    setSaved(false);
  };
  const send = async (method: 'PUT' | 'DELETE') => {
    if (!entity || !draft) return;
    setSaving(true);
    setError(null);
    try {
      const stored = await api<EntityLayout>(method, `/metadata/entities/${encodeURIComponent(entity.name)}/layout`, method === 'PUT' ? layoutBody(draft) : undefined);
      clearCaches();
      load(stored);
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  const drop = (to: FieldPlace) => (e: DragEvent) => {
    const field = e.dataTransfer.getData(FIELD_MIME);
    if (field && draft) {
      e.preventDefault();
      change(moveField(draft, field, to));
    }
  };
  const allowDrop = (e: DragEvent) => {
    if (e.dataTransfer.types.includes(FIELD_MIME)) e.preventDefault();
  };

  const fieldRow = (field: string, place: FieldPlace, index: number, count: number) => (
    <li key={field} className="layout-field" draggable onDragStart={(e) => e.dataTransfer.setData(FIELD_MIME, field)}>
      <span className="drag-handle" aria-hidden="true">
        ⠿
      </span>
      <span className="layout-field-label">
        {labelOf(field)} <code>{field}</code>
      </span>
      {place !== 'unplaced' && (
        <>
          <button type="button" className="icon" disabled={index === 0} aria-label={t('layouts.fieldUp', { field: labelOf(field) })} onClick={() => change(shiftField(draft!, place, field, -1))}>
            ↑
          </button>
          <button type="button" className="icon" disabled={index === count - 1} aria-label={t('layouts.fieldDown', { field: labelOf(field) })} onClick={() => change(shiftField(draft!, place, field, 1))}>
            ↓
          </button>
        </>
      )}
      <select aria-label={t('layouts.moveTo', { field: labelOf(field) })} value={String(place)} onChange={(e) => change(moveField(draft!, field, e.target.value === 'unplaced' ? 'unplaced' : Number(e.target.value)))}>
        {draft!.sections.map((s, i) => (
          <option key={i} value={i}>
            {i18n.label(s.label, t('layouts.section', { n: i + 1 }))}
          </option>
        ))}
        <option value="unplaced">{t('layouts.unplaced')}</option>
      </select>
    </li>
  );

  return (
    <SetupPage title={t('setup.layouts')} intro={t('layouts.intro')} tools={<EntityPicker entities={entities} value={entity?.name} base={paths.setup('layouts')} />}>
      {!entity ? (
        <p className="empty">{t('setup.pickEntity')}</p>
      ) : state.status === 'loading' || (state.status === 'ready' && !draft) ? (
        <Loading />
      ) : state.status === 'error' ? (
        <ErrorNotice error={state.error} onRetry={reload} />
      ) : (
        <div className="layout-editor">
          <div className="layout-sections">
            {draft!.sections.map((s, i) => (
              <fieldset key={i} className="layout-section" onDragOver={allowDrop} onDrop={drop(i)}>
                <legend>{i18n.label(s.label, t('layouts.section', { n: i + 1 }))}</legend>
                <div className="layout-section-head">
                  <label>
                    {t('layouts.sectionLabel')}
                    <input value={s.label.en} onChange={(e) => change(updateSection(draft!, i, { label: { ...s.label, en: e.target.value } }))} />
                  </label>
                  <label>
                    {t('layouts.sectionLabelEs')}
                    <input value={s.label.es ?? ''} onChange={(e) => change(updateSection(draft!, i, { label: { en: s.label.en, ...(e.target.value ? { es: e.target.value } : {}) } }))} />
                  </label>
                  <label>
                    {t('layouts.columns')}
                    <select value={s.columns} onChange={(e) => change(updateSection(draft!, i, { columns: e.target.value === '2' ? 2 : 1 }))}>
                      <option value={1}>{t('layouts.oneColumn')}</option>
                      <option value={2}>{t('layouts.twoColumns')}</option>
                    </select>
                  </label>
                  <span className="spacer" />
                  <button type="button" className="icon" disabled={i === 0} aria-label={t('layouts.sectionUp', { n: i + 1 })} onClick={() => change(shiftSection(draft!, i, -1))}>
                    ↑
                  </button>
                  <button type="button" className="icon" disabled={i === draft!.sections.length - 1} aria-label={t('layouts.sectionDown', { n: i + 1 })} onClick={() => change(shiftSection(draft!, i, 1))}>
                    ↓
                  </button>
                  <button type="button" onClick={() => change(removeSection(draft!, i))}>
                    {t('layouts.removeSection')}
                  </button>
                </div>
                {s.fields.length === 0 ? <p className="muted drop-hint">{t('layouts.dropHere')}</p> : <ul className="layout-fields">{s.fields.map((f, j) => fieldRow(f, i, j, s.fields.length))}</ul>}
              </fieldset>
            ))}
            <div className="toolbar">
              <button type="button" onClick={() => change(addSection(draft!, t('layouts.newSection')))}>
                {t('layouts.addSection')}
              </button>
            </div>
            <fieldset className="layout-section unplaced" onDragOver={allowDrop} onDrop={drop('unplaced')}>
              <legend>{t('layouts.unplaced')}</legend>
              {draft!.unplaced.length === 0 ? <p className="muted drop-hint">{t('layouts.dropHere')}</p> : <ul className="layout-fields">{draft!.unplaced.map((f, j) => fieldRow(f, 'unplaced', j, draft!.unplaced.length))}</ul>}
            </fieldset>
            <Problems error={error} />
            {saved && (
              <p className="notice" role="status">
                {t('layouts.saved', { entity: entityLabel(entity, i18n) })}
              </p>
            )}
            <div className="actions">
              <button type="button" disabled={saving || !customised} onClick={() => void send('DELETE')}>
                {t('layouts.reset')}
              </button>
              <button type="button" className="primary" disabled={saving} onClick={() => void send('PUT')}>
                {saving ? t('form.saving') : t('layouts.save')}
              </button>
            </div>
          </div>
          <aside className="layout-preview" aria-label={t('layouts.preview')}>
            <h2>{t('layouts.preview')}</h2>
            {previewOf(draft!).map((s, i) => (
              <section key={i} className="form-section">
                <h3 className="form-section-title">{s.unplaced ? t('layouts.other') : i18n.label(s.label)}</h3>
                <div className={s.columns === 2 ? 'form-section-grid two' : 'form-section-grid'}>
                  {s.fields.map((f) => (
                    <div key={f} className="preview-field">
                      <span>{labelOf(f)}</span>
                      <span className="preview-input" />
                    </div>
                  ))}
                </div>
              </section>
            ))}
          </aside>
        </div>
      )}
    </SetupPage>
  );
}
