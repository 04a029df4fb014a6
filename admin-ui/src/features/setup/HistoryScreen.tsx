import { Fragment, useState } from 'react';
import { personNames } from '../../api/metadata.js';
import { formatDateTime } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import { useSession } from '../../app/session.js';
import { ErrorNotice, Loading } from '../../app/states.js';
import { useAsync } from '../../app/use-async.js';
import { setupApi, type MetadataChange, type RevertPlan } from './setup-api.js';
import { Problems, SetupPage } from './setup-ui.js';

/** A readable target of a history entry: ids without their random suffix (`deal.region.3fa2c1` → `deal.region`). */
export function targetOf(entry: Pick<MetadataChange, 'entityId' | 'fieldId'>): string {
  const strip = (id: string) => id.replace(/\.[0-9a-f]{6}$/, '');
  return entry.fieldId ? strip(entry.fieldId) : strip(entry.entityId);
}

/** The metadata history, newest first, each change with a revert that shows its plan first. */
export default function HistoryScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const { refresh } = useSession();
  const [older, setOlder] = useState<{ entries: MetadataChange[]; cursor: string | null }>({ entries: [], cursor: null });
  const [state, reload] = useAsync(async () => {
    const page = await setupApi.history();
    setOlder({ entries: [], cursor: page.nextCursor });
    return page.data;
  }, []);
  const entries = state.status === 'ready' ? [...state.value, ...older.entries] : [];
  const [people] = useAsync(() => personNames(entries.flatMap((e) => (e.createdBy === null ? [] : [e.createdBy]))), [entries.map((e) => e.seq).join(',')]);
  const [plan, setPlan] = useState<RevertPlan | null>(null);
  const [done, setDone] = useState<RevertPlan | null>(null);
  const [error, setError] = useState<{ seq: number; error: unknown } | null>(null);

  const preview = async (seq: number) => {
    setError(null);
    setDone(null);
    setPlan(null);
    try {
      setPlan(await setupApi.revert(seq, { dryRun: true }));
    } catch (e) {
      setError({ seq, error: e });
    }
  };
  const revert = async (p: RevertPlan) => {
    setError(null);
    try {
      setDone(await setupApi.revert(p.revert.seq, { confirm: p.changes.some((c) => c.destructive) }));
      setPlan(null);
      await refresh();
      reload();
    } catch (e) {
      setError({ seq: p.revert.seq, error: e });
    }
  };
  const more = async () => {
    const page = await setupApi.history(older.cursor ?? undefined);
    setOlder({ entries: [...older.entries, ...page.data], cursor: page.nextCursor });
  };

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorNotice error={state.error} onRetry={reload} />;
  const names = people.status === 'ready' ? people.value : new Map<number, string>();
  return (
    <SetupPage title={t('setup.history')} intro={t('history.intro')}>
      {done && (
        <p className="notice" role="status">
          {t('history.reverted', { seq: done.revert.seq, summary: done.revert.summary })}
        </p>
      )}
      {entries.length === 0 ? (
        <p className="empty">{t('history.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="records setup-table history">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('history.when')}</th>
                <th scope="col">{t('history.who')}</th>
                <th scope="col">{t('history.change')}</th>
                <th scope="col">
                  <span className="sr-only">{t('setup.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <Fragment key={e.seq}>
                  <tr>
                    <td>{e.seq}</td>
                    <td>{formatDateTime(e.createdAt, i18n.locale)}</td>
                    <td>{e.createdBy === null ? t('history.cli') : (names.get(e.createdBy) ?? `#${e.createdBy}`)}</td>
                    <td>
                      <code>{e.kind}</code> {targetOf(e)}
                    </td>
                    <td>
                      <button type="button" onClick={() => void preview(e.seq)} aria-label={t('history.revertNamed', { seq: e.seq })}>
                        {t('history.revert')}
                      </button>
                    </td>
                  </tr>
                  {plan?.revert.seq === e.seq && (
                    <tr className="revert-plan">
                      <td colSpan={5}>
                        <div className="panel">
                          <h3>{t('history.planOf', { seq: e.seq, summary: plan.revert.summary })}</h3>
                          <ul>
                            {plan.changes.map((c, i) => (
                              <li key={i} className={c.destructive ? 'risk' : undefined}>
                                {c.summary}
                                {c.destructive && ` — ${t('history.atRisk', { count: c.rowsAtRisk })}`}
                                {c.restoresRows ? ` — ${t('history.restores', { count: c.restoresRows })}` : ''}
                              </li>
                            ))}
                          </ul>
                          <div className="actions">
                            <button type="button" onClick={() => setPlan(null)}>
                              {t('form.cancel')}
                            </button>
                            <button type="button" className={plan.changes.some((c) => c.destructive) ? 'danger' : 'primary'} onClick={() => void revert(plan)}>
                              {t('history.confirm', { seq: e.seq })}
                            </button>
                          </div>
                        </div>
                      </td>
                    </tr>
                  )}
                  {error?.seq === e.seq && (
                    <tr>
                      <td colSpan={5}>
                        <Problems error={error.error} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {older.cursor && (
        <button type="button" onClick={() => void more()}>
          {t('timeline.more')}
        </button>
      )}
    </SetupPage>
  );
}
