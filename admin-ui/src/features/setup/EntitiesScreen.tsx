import { useState } from 'react';
import type { EntityMeta, FieldMeta } from '../../api/types.js';
import { entityLabel } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import type { MessageKey } from '../../app/messages.js';
import { Link, navigate, paths } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { FieldForm } from './FieldForm.js';
import { setupApi } from './setup-api.js';
import { Problems, SetupPage, SourceBadge } from './setup-ui.js';
import { SetupTableHead } from './SetupTableHead.js';

/** The entity and field manager: entities by source, one entity's fields, add and change them. */
export default function EntitiesScreen({ entityName }: { entityName: string | undefined }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { entities } = useSession();
  const entity = entities.find((e) => e.name === entityName);
  const [adding, setAdding] = useState(false);
  const sorted = [...entities].sort((a, b) => entityLabel(a, i18n).localeCompare(entityLabel(b, i18n), i18n.locale));

  return (
    <SetupPage
      title={t('setup.entities')}
      intro={t('entities.intro')}
      tools={
        <button type="button" className="primary" onClick={() => setAdding(true)}>
          {t('entities.new')}
        </button>
      }
    >
      {adding && <NewEntityForm onDone={(name) => (setAdding(false), navigate(paths.setup('entities', name)))} onCancel={() => setAdding(false)} />}
      <div className="setup-split">
        <nav aria-label={t('setup.entities')} className="entity-list">
          <ul>
            {sorted.map((e) => (
              <li key={e.name}>
                <Link to={paths.setup('entities', e.name)} aria-current={e.name === entity?.name ? 'page' : undefined}>
                  <span>{entityLabel(e, i18n)}</span> <SourceBadge source={e.source} />
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="entity-detail">{entity ? <EntityFields key={entity.name} entity={entity} /> : <p className="empty">{t('setup.pickEntity')}</p>}</div>
      </div>
    </SetupPage>
  );
}

/** One entity's fields, with the forms to add one and change one. */
function EntityFields({ entity }: { entity: EntityMeta }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { refresh } = useSession();
  const [form, setForm] = useState<FieldMeta | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const done = async (message: string) => {
    setForm(null);
    setNotice(message);
    await refresh();
  };
  const remove = async (field: FieldMeta) => {
    setError(null);
    if (!window.confirm(t('fields.confirmRemove', { name: i18n.label(field.label, field.name) }))) return;
    try {
      await setupApi.removeField(entity.name, field.name, true);
      await done(t('fields.removed', { name: field.name }));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <div className="page-head">
        <h2>
          {entityLabel(entity, i18n)} <code className="muted">{entity.name}</code>
        </h2>
        <span className="spacer" />
        <Link to={paths.setup('rules', entity.name)}>{t('entities.rules')}</Link>
        <Link to={paths.list(entity.name)}>{t('entities.records')}</Link>
        <button type="button" className="primary" onClick={() => setForm('new')}>
          {t('fields.addButton')}
        </button>
      </div>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <Problems error={error} />
      {form && <FieldForm key={form === 'new' ? 'new' : form.name} entity={entity} {...(form === 'new' ? {} : { field: form })} onDone={() => void done(t('fields.saved'))} onCancel={() => setForm(null)} />}
      <div className="table-wrap">
        <table className="records setup-table">
          <SetupTableHead columns={[t('fields.label'), t('fields.name'), t('fields.type'), t('fields.flags'), t('setup.source')]} />
          <tbody>
            {entity.fields.map((f) => (
              <tr key={f.name} className={f.hidden ? 'muted-row' : undefined}>
                <td>{i18n.label(f.label, f.name)}</td>
                <td>
                  <code>{f.name}</code>
                </td>
                <td>
                  {t(`type.${f.type}` as MessageKey)}
                  {f.target && <span className="muted"> → {f.target}</span>}
                  {f.options && <span className="muted"> ({f.options.length})</span>}
                </td>
                <td>
                  {[f.required && t('fields.required'), f.hidden && t('fields.hidden'), f.readonly && t('fields.readonly')].filter(Boolean).join(', ')}
                </td>
                <td>
                  <SourceBadge source={f.source} />
                </td>
                <td className="row-actions">
                  <div>
                    <button type="button" onClick={() => setForm(f)} aria-label={t('fields.editNamed', { name: i18n.label(f.label, f.name) })}>
                      {t('record.edit')}
                    </button>
                    {f.source === 'custom' && (
                      <button type="button" className="danger" onClick={() => void remove(f)} aria-label={t('fields.removeNamed', { name: f.name })}>
                        {t('record.delete')}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** A new entity: name, labels, and a first text field that is its title. */
function NewEntityForm({ onDone, onCancel }: { onDone: (name: string) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const { refresh } = useSession();
  const [name, setName] = useState('');
  const [en, setEn] = useState('');
  const [enPlural, setEnPlural] = useState('');
  const [es, setEs] = useState('');
  const [error, setError] = useState<unknown>(null);
  const save = async () => {
    setError(null);
    try {
      await setupApi.addEntity({
        name,
        label: es ? { en: en || name, es } : { en: en || name },
        ...(enPlural ? { labelPlural: { en: enPlural } } : {}),
        fields: [{ name: 'name', type: 'text', label: { en: 'Name', es: 'Nombre' }, required: true }],
        titleField: 'name',
      });
      await refresh();
      onDone(name);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="panel editor" aria-labelledby="new-entity-title">
      <h2 id="new-entity-title">{t('entities.new')}</h2>
      <p className="muted">{t('entities.newHint')}</p>
      <div className="form-grid">
        <label>
          {t('fields.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="siteVisit" />
        </label>
        <label>
          {t('fields.labelEn')}
          <input value={en} onChange={(e) => setEn(e.target.value)} placeholder="Site visit" />
        </label>
        <label>
          {t('entities.plural')}
          <input value={enPlural} onChange={(e) => setEnPlural(e.target.value)} placeholder="Site visits" />
        </label>
        <label>
          {t('fields.labelEs')}
          <input value={es} onChange={(e) => setEs(e.target.value)} placeholder="Visita" />
        </label>
      </div>
      <Problems error={error} />
      <div className="actions form-actions">
        <button type="button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
        <button type="button" className="primary" disabled={!name} onClick={() => void save()}>
          {t('entities.create')}
        </button>
      </div>
    </section>
  );
}
