import { api } from '../../api/client.js';
import { useI18n } from '../../app/i18n.js';
import { menuTarget } from '../../app/navigation.js';
import { useSession } from '../../app/session.js';
import { ErrorNotice, Loading, NotFound } from '../../app/states.js';
import { useAsync } from '../../app/use-async.js';
import { PluginData } from './PluginData.js';

/** A plugin's menu page: what its GET route answers for the signed-in user (the route applies their permissions). */
export default function PluginPage({ plugin, route }: { plugin: string; route: string }) {
  const i18n = useI18n();
  const { contributions } = useSession();
  const here = `/p/${encodeURIComponent(plugin)}${route}`;
  const entry = contributions.menu.find((m) => m.plugin === plugin && menuTarget(m) === here);
  const [state] = useAsync((signal) => api<unknown>('GET', `/plugins/${encodeURIComponent(plugin)}${route}`, undefined, { signal }), [plugin, route]);
  if (!entry) return <NotFound />;
  return (
    <div className="page">
      <div className="page-head">
        <h1>{typeof entry.label === 'string' ? entry.label : i18n.label(entry.label)}</h1>
      </div>
      {state.status === 'loading' ? <Loading /> : state.status === 'error' ? <ErrorNotice error={state.error} /> : <PluginData value={state.value} />}
    </div>
  );
}
