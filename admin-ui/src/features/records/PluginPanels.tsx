import { api } from '../../api/client.js';
import type { RecordPanelContribution } from '../../api/types.js';
import { useI18n } from '../../app/i18n.js';
import { useSession } from '../../app/session.js';
import { ErrorNotice, Loading } from '../../app/states.js';
import { useAsync } from '../../app/use-async.js';
import { PluginData } from '../plugins/PluginData.js';

/** The API path (below /api/v1) of a panel's route for one record. */
export function panelPath(panel: RecordPanelContribution, id: number): string {
  return panel.url.replace(/^\/api\/v1/, '').replace(':id', String(id));
}

function Panel({ panel, id, refresh }: { panel: RecordPanelContribution; id: number; refresh: number }) {
  const i18n = useI18n();
  const [state] = useAsync((signal) => api<unknown>('GET', panelPath(panel, id), undefined, { signal }), [panel.url, id, refresh]);
  const title = typeof panel.title === 'string' ? panel.title : i18n.label(panel.title);
  const headingId = `panel-${panel.plugin}-${panel.id}`;
  return (
    <section className="card plugin-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {state.status === 'loading' ? <Loading /> : state.status === 'error' ? <ErrorNotice error={state.error} /> : <PluginData value={state.value} />}
    </section>
  );
}

/** The plugins' panels for a record of `entity`, each fed by the plugin's own GET route. */
export function PluginPanels({ entity, id, refresh }: { entity: string; id: number; refresh: number }) {
  const { contributions } = useSession();
  const panels = contributions.recordPanels.filter((p) => p.entity === entity);
  return (
    <>
      {panels.map((p) => (
        <Panel key={`${p.plugin}:${p.id}`} panel={p} id={id} refresh={refresh} />
      ))}
    </>
  );
}
