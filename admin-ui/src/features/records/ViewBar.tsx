import { useId, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client.js';
import type { EntityMeta, SavedView, ViewConfig } from '../../api/types.js';
import { entityLabel } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';

/** Props of the saved-views bar. */
export interface ViewBarProps {
  readonly entity: EntityMeta;
  readonly views: readonly SavedView[];
  readonly current: SavedView | undefined;
  /** True when the list differs from the current view (or from the default list). */
  readonly dirty: boolean;
  readonly config: ViewConfig;
  readonly onSelect: (id: number | null) => void;
  readonly onSaved: (view: SavedView) => void;
  readonly onDeleted: (id: number) => void;
}

/** Picks a saved view (personal or shared) and saves the current list as one. */
export function ViewBar({ entity, views, current, dirty, config, onSelect, onSaved, onDeleted }: ViewBarProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const plural = entityLabel(entity, i18n, true);
  const mine = views.filter((v) => v.mine);
  const others = views.filter((v) => !v.mine);

  const run = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
      setSaving(false);
    } catch (e) {
      setError(e instanceof ApiError ? e.problem.detail : String(e));
    }
  };
  const saveNew = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const view = await api<SavedView>('POST', '/views', { entity: entity.name, name, shared, config });
      setName('');
      onSaved(view);
    });
  };
  const update = () =>
    void run(async () => {
      onSaved(await api<SavedView>('PATCH', `/views/${current!.id}`, { version: current!.version, config }));
    });
  const remove = () =>
    void run(async () => {
      await api('DELETE', `/views/${current!.id}`);
      onDeleted(current!.id);
    });

  return (
    <div className="view-bar">
      <label className="inline">
        <span className="sr-only">{t('views.label')}</span>
        <select aria-label={t('views.label')} value={current?.id ?? ''} onChange={(e) => onSelect(e.target.value ? Number(e.target.value) : null)}>
          <option value="">{t('views.all', { entity: plural })}</option>
          {mine.length > 0 && (
            <optgroup label={t('views.mine')}>
              {mine.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                  {v.shared ? ' ⇄' : ''}
                </option>
              ))}
            </optgroup>
          )}
          {others.length > 0 && (
            <optgroup label={t('views.shared')}>
              {others.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      {dirty && <span className="badge">{t('views.unsaved')}</span>}
      <button type="button" aria-expanded={saving} aria-controls={`${id}-save`} onClick={() => setSaving(!saving)}>
        {t('views.save')}
      </button>
      {saving && (
        <form id={`${id}-save`} className="popover save-view" onSubmit={saveNew}>
          {current?.mine && (
            <button type="button" onClick={update} disabled={!dirty}>
              {t('views.update', { name: current.name })}
            </button>
          )}
          <label htmlFor={`${id}-name`}>{t('views.name')}</label>
          <input id={`${id}-name`} required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
          <label className="choice">
            <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
            {t('views.share', { entity: plural })}
          </label>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <div className="actions">
            {current?.mine && (
              <button type="button" className="danger" onClick={remove}>
                {t('views.delete')}
              </button>
            )}
            <span className="spacer" />
            <button type="submit" className="primary">
              {t('views.saveAs')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
