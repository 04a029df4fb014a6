import { Fragment, useState } from 'react';
import { api } from '../../api/client.js';
import { useI18n } from '../../app/i18n.js';
import type { MessageKey } from '../../app/messages.js';
import { ErrorNotice, Loading } from '../../app/states.js';
import { useAsync } from '../../app/use-async.js';
import { setupApi, type PluginInfo } from './setup-api.js';
import { Json, Problems, SetupPage } from './setup-ui.js';
import { SetupTableHead } from './SetupTableHead.js';

/** The plugins of kith.config.js: versions, state, errors, what an upgrade would do; enable and disable (on the next start). */
export default function PluginsScreen() {
  const { t } = useI18n();
  const [state, reload] = useAsync(() => setupApi.plugins(), []);
  const [detail, setDetail] = useState<{ id: string; value: unknown } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const upgradePlan = async (id: string) => {
    setError(null);
    try {
      setDetail({ id, value: await setupApi.upgradePlan(id) });
    } catch (e) {
      setError(e);
    }
  };
  const setState = async (p: PluginInfo, action: 'enable' | 'disable') => {
    setError(null);
    try {
      const result = await api<PluginInfo & { restartRequired: boolean }>('POST', `/plugins/${encodeURIComponent(p.id)}/${action}`);
      setNotice(result.restartRequired ? t('plugins.restart', { id: p.id }) : t('plugins.noChange', { id: p.id }));
      reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <SetupPage title={t('setup.plugins')} intro={t('plugins.intro')}>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <Problems error={error} />
      {state.status === 'loading' ? (
        <Loading />
      ) : state.status === 'error' ? (
        <ErrorNotice error={state.error} onRetry={reload} />
      ) : (
        <div className="table-wrap">
          <table className="records setup-table plugins">
            <SetupTableHead columns={[t('plugins.id'), t('plugins.version'), t('plugins.installed'), t('plugins.state'), t('plugins.requires')]} />
            <tbody>
              {state.value.map((p) => (
                <Fragment key={p.id}>
                  <tr>
                    <td>
                      <code>{p.id}</code>
                    </td>
                    <td>{p.version ?? '—'}</td>
                    <td>{p.installedVersion ?? '—'}</td>
                    <td>
                      <span className={`badge state-${p.state}`}>{t(`plugins.state.${p.state}` as MessageKey) === `plugins.state.${p.state}` ? p.state : t(`plugins.state.${p.state}` as MessageKey)}</span>
                      {p.pending && <span className="muted"> → {p.pending}</span>}
                      {p.disabledWith && <span className="muted"> ({t('plugins.disabledWith', { id: p.disabledWith })})</span>}
                    </td>
                    <td className="wrap">
                      {Object.entries(p.requires)
                        .map(([id, range]) => `${id} ${range}`)
                        .join(', ')}
                    </td>
                    <td className="row-actions">
                      <div>
                        <button type="button" onClick={() => void upgradePlan(p.id)}>
                          {t('plugins.upgradePlan')}
                        </button>
                        {p.state === 'disabled' || p.pending === 'disabled' ? (
                          <button type="button" onClick={() => void setState(p, 'enable')}>
                            {t('plugins.enable')}
                          </button>
                        ) : (
                          <button type="button" className="danger" onClick={() => void setState(p, 'disable')}>
                            {t('plugins.disable')}
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                  {p.error && (
                    <tr className="plugin-error">
                      <td colSpan={6}>
                        <div className="notice error">
                          <strong>{p.error.code}</strong> {p.error.message}
                          {p.error.errors && (
                            <ul>
                              {p.error.errors.map((e, i) => (
                                <li key={i}>{e.message}</li>
                              ))}
                            </ul>
                          )}
                        </div>
                      </td>
                    </tr>
                  )}
                  {detail?.id === p.id && (
                    <tr>
                      <td colSpan={6}>
                        <h3>{t('plugins.upgradePlanOf', { id: p.id })}</h3>
                        <Json value={detail.value} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </SetupPage>
  );
}
