import { useState } from 'react';
import { api, ApiError } from '../../api/client.js';
import { loadAbilities, loadEntity } from '../../api/metadata.js';
import type { RecordRow } from '../../api/types.js';
import { entityLabel, formatValue, pathLabel, recordTitle } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import { namesFor } from '../../app/names.js';
import { Link, navigate, paths } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { ErrorNotice, Loading, NotFound } from '../../app/states.js';
import { useAsync } from '../../app/use-async.js';
import { SelectBadge } from './ListTable.js';
import { formSections, loadLayout } from './form-layout.js';
import { PluginPanels } from './PluginPanels.js';
import { RelatedList } from './RelatedList.js';
import { Timeline } from './Timeline.js';

/** One record: its fields, the lists that point at it, and its timeline. */
export function RecordPage({ entityName, id }: { entityName: string; id: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { me, entities } = useSession();
  const entity = entities.find((e) => e.name === entityName);
  const [state] = useAsync(async () => {
    const [record, detail, abilities, layout] = await Promise.all([
      api<RecordRow>('GET', `/records/${encodeURIComponent(entityName)}/${id}`),
      loadEntity(entityName),
      loadAbilities(me, entityName),
      // A layout that fails to load leaves the fields in their plain order.
      loadLayout(entityName).catch(() => undefined),
    ]);
    const names = await namesFor(detail.fields, [record], i18n, true);
    return { record, detail, abilities, names, layout };
  }, [entityName, id, i18n.locale]);
  const [error, setError] = useState<unknown>(null);

  if (!entity) return <NotFound />;
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return state.error instanceof ApiError && state.error.status === 404 ? <p className="empty">{t('record.notFound')}</p> : <ErrorNotice error={state.error} />;
  const { record, detail, abilities, names, layout } = state.value;
  const shown = detail.fields.filter((f) => !f.hidden);
  const byName = new Map(shown.map((f) => [f.name, f]));
  // The consultant's layout, when there is one: the same sections as the form, headings included.
  const sections = layout?.customised ? formSections(layout, shown.map((f) => f.name), i18n) : [{ title: '', columns: 1 as const, fields: shown.map((f) => f.name) }];
  const title = recordTitle(entity, record, i18n);
  const remove = async () => {
    if (!window.confirm(t('record.confirmDelete', { entity: entityLabel(entity, i18n).toLowerCase() }))) return;
    try {
      await api('DELETE', `/records/${encodeURIComponent(entityName)}/${id}?version=${record.version}`);
      navigate(paths.list(entityName));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div className="page record-page">
      <Link to={paths.list(entityName)} className="back">
        ← {t('record.back', { entity: entityLabel(entity, i18n, true) })}
      </Link>
      <div className="page-head">
        <h1>{title}</h1>
        <span className="spacer" />
        {abilities.edit && (
          <Link className="button primary" to={paths.edit(entityName, id)}>
            {t('record.edit')}
          </Link>
        )}
        {abilities.delete && (
          <button type="button" className="danger" onClick={() => void remove()}>
            {t('record.delete')}
          </button>
        )}
      </div>
      {error !== null && <ErrorNotice error={error} />}
      <div className="record-grid">
        <section className="card" aria-labelledby="details-title">
          <h2 id="details-title">{t('record.details')}</h2>
          {sections.map((section, index) => (
            <div key={index} className="field-section">
              {section.title !== '' && <h3>{section.title}</h3>}
              <dl className={section.columns === 2 ? 'fields two-columns' : 'fields'}>
                {section.fields
                  .map((name) => byName.get(name)!)
                  .map((f) => {
                    const text = formatValue(f, f.name, record[f.name], i18n, names);
                    const value = record[f.name];
                    return (
                      <div key={f.name} className="field-row">
                        <dt>{i18n.label(f.label, f.name)}</dt>
                        <dd>
                          {text === '' ? (
                            <span className="muted">{t('form.none')}</span>
                          ) : f.type === 'relation' && typeof value === 'number' && f.target ? (
                            <Link to={paths.record(f.target, value)}>{text}</Link>
                          ) : f.type === 'select' ? (
                            <SelectBadge color={f.options?.find((o) => o.value === value)?.color} text={text} />
                          ) : f.type === 'email' ? (
                            <a href={`mailto:${text}`}>{text}</a>
                          ) : f.type === 'phone' ? (
                            <a href={`tel:${text}`}>{text}</a>
                          ) : f.type === 'url' ? (
                            <a href={text} rel="noreferrer noopener" target="_blank">
                              {text}
                            </a>
                          ) : (
                            text
                          )}
                        </dd>
                      </div>
                    );
                  })}
              </dl>
            </div>
          ))}
          <dl className="fields">
            {(['createdAt', 'createdBy', 'updatedAt', 'updatedBy'] as const).map((k) => (
              <div key={k} className="field-row system">
                <dt>{pathLabel(entity, k, i18n)}</dt>
                <dd>{formatValue(undefined, k, record[k], i18n, names) || t('form.none')}</dd>
              </div>
            ))}
          </dl>
        </section>
        <div className="side">
          <PluginPanels entity={entityName} id={id} refresh={record.version} />
          {detail.inverses.length > 0 && (
            <section className="card" aria-labelledby="related-title">
              <h2 id="related-title">{t('record.related')}</h2>
              {detail.inverses.map((inv) => (
                <RelatedList key={inv.name} inverse={inv} id={id} />
              ))}
            </section>
          )}
          <section className="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t('record.timeline')}</h2>
            <Timeline entity={entity} id={id} refresh={record.version} />
          </section>
        </div>
      </div>
    </div>
  );
}
