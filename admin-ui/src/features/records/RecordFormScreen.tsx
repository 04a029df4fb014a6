import { api } from '../../api/client.js';
import { loadAbilities, loadEntity } from '../../api/metadata.js';
import type { RecordRow } from '../../api/types.js';
import { entityLabel } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import { clearTitles } from '../../app/names.js';
import { navigate, paths } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { ErrorNotice, Loading } from '../../app/states.js';
import { useAsync } from '../../app/use-async.js';
import { loadLayout } from './form-layout.js';
import { RecordForm } from './RecordForm.js';

/** The create and edit screens (loaded on first use: they bring RJSF and ajv). */
export default function RecordFormScreen({ entityName, id }: { entityName: string; id?: number }) {
  const i18n = useI18n();
  const { me } = useSession();
  const url = `/records/${encodeURIComponent(entityName)}`;
  const [state] = useAsync(async () => {
    const [entity, abilities, record, layout] = await Promise.all([
      loadEntity(entityName),
      loadAbilities(me, entityName),
      id === undefined ? undefined : api<RecordRow>('GET', `${url}/${id}`),
      // Without a layout (a server before layouts) the form is one plain section.
      loadLayout(entityName).catch(() => undefined),
    ]);
    return { entity, abilities, record, layout };
  }, [entityName, id]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorNotice error={state.error} />;
  const { entity, abilities, record, layout } = state.value;
  const name = entityLabel(entity, i18n);
  if (!(record ? abilities.edit : abilities.create)) return <p className="empty">{i18n.t('error.forbidden')}</p>;
  return (
    <div className="page form-page">
      <h1>{record ? i18n.t('form.edit', { entity: name }) : i18n.t('form.new', { entity: name })}</h1>
      <RecordForm
        entity={entity}
        abilities={abilities}
        {...(record ? { record } : {})}
        {...(layout ? { layout } : {})}
        save={(body) => (record ? api<RecordRow>('PATCH', `${url}/${record.id}`, body) : api<RecordRow>('POST', url, body))}
        reload={() => api<RecordRow>('GET', `${url}/${id}`)}
        onSaved={(saved) => {
          clearTitles();
          navigate(paths.record(entityName, saved.id), { replace: true });
        }}
        onCancel={() => (record ? navigate(paths.record(entityName, record.id)) : history.back())}
      />
    </div>
  );
}
