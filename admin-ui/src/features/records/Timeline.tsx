import { useState } from 'react';
import { api, query } from '../../api/client.js';
import type { EntityMeta, FieldMeta, HistoryEntry, RecordRow } from '../../api/types.js';
import { formatDateTime, formatValue, optionLabel, pathLabel, recordTitle } from '../../app/format.js';
import { useI18n, type I18n } from '../../app/i18n.js';
import { namesFor } from '../../app/names.js';
import { Link, paths } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { ErrorNotice, Loading } from '../../app/states.js';
import { useAsync } from '../../app/use-async.js';
import { personNames } from '../../api/metadata.js';
import { loadActivities, loadRuns, mergeTimeline, TIMELINE_PAGE, type RecordRun } from './timeline-items.js';

const ACTIVITY = 'activity';
/** A source that cannot be read (an older server, a refused list) leaves the others standing. */
const orNone = <T,>(load: Promise<T[]>): Promise<T[]> => load.catch(() => []);

/**
 * Everything that happened to a record, newest first: the audit history (who changed which
 * fields from what to what), the activities linked to it, and the workflow runs on it.
 */
export function Timeline({ entity, id, refresh }: { entity: EntityMeta; id: number; refresh: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const activity = useSession().entities.find((e) => e.name === ACTIVITY);
  const [older, setOlder] = useState<{ entries: HistoryEntry[]; cursor: string | null }>({ entries: [], cursor: null });
  const [state] = useAsync(
    async (signal) => {
      const [page, activities, runs] = await Promise.all([
        api<{ data: HistoryEntry[]; nextCursor: string | null }>('GET', `/records/${encodeURIComponent(entity.name)}/${id}/history${query({ limit: TIMELINE_PAGE })}`, undefined, { signal }),
        orNone(loadActivities(activity, entity.name, id, signal)),
        orNone(loadRuns(entity.name, id, signal)),
      ]);
      setOlder({ entries: [], cursor: page.nextCursor });
      return { history: page.data, activities, runs };
    },
    [entity.name, id, refresh],
  );
  const entries = state.status === 'ready' ? [...state.value.history, ...older.entries] : [];
  const activities = state.status === 'ready' ? state.value.activities : [];
  const [names] = useAsync(async () => {
    const values = entries.flatMap((e) => e.changes.flatMap((c) => [{ [c.field]: c.old }, { [c.field]: c.new }]));
    const [fieldNames, people] = await Promise.all([namesFor(entity.fields, values, i18n), personNames([...entries.flatMap((e) => (e.userId === null ? [] : [e.userId])), ...activities.flatMap((a) => (typeof a.owner === 'number' ? [a.owner] : []))])]);
    people.forEach((name, userId) => fieldNames.set(`user:${userId}`, name));
    return fieldNames;
  }, [entries.map((e) => e.id).join(','), activities.map((a) => a.id).join(','), i18n.locale]);

  const more = async () => {
    const page = await api<{ data: HistoryEntry[]; nextCursor: string | null }>('GET', `/records/${encodeURIComponent(entity.name)}/${id}/history${query({ limit: 20, cursor: older.cursor })}`);
    setOlder({ entries: [...older.entries, ...page.data], cursor: page.nextCursor });
  };

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorNotice error={state.error} />;
  const items = state.status === 'ready' ? mergeTimeline(entries, activities, state.value.runs) : [];
  if (items.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  const known = names.status === 'ready' ? names.value : new Map<string, string>();
  const show = (field: FieldMeta | undefined, path: string, value: unknown) => formatValue(field, path, value, i18n, known) || t('form.none');

  return (
    <>
      <ol className="timeline">
        {items.map((item) => {
          if (item.kind === 'activity') return <ActivityEvent key={item.key} activity={activity!} row={item.activity} at={item.at} owner={known} />;
          if (item.kind === 'run') return <RunEvent key={item.key} run={item.run} />;
          const { entry } = item;
          const who = entry.userId === null ? t('timeline.system') : (known.get(`user:${entry.userId}`) ?? `#${entry.userId}`);
          return (
            <li key={item.key} className={`event ${entry.action}`}>
              <div className="event-head">
                <strong>{t(`timeline.${entry.action}`, { who })}</strong>
                <time dateTime={entry.at}>{formatDateTime(entry.at, i18n.locale)}</time>
                <span className="muted">{t('timeline.via', { channel: entry.channel })}</span>
              </div>
              {entry.changes.length > 0 && (
                <ul className="changes">
                  {entry.changes.map((c) => {
                    const field = entity.fields.find((f) => f.name === c.field);
                    return (
                      <li key={c.field}>
                        <span className="change-field">{pathLabel(entity, c.field, i18n)}</span>{' '}
                        {c.redacted ? (
                          <em className="muted">{t('timeline.hidden')}</em>
                        ) : entry.action === 'create' ? (
                          show(field, c.field, c.new)
                        ) : (
                          <>
                            <del>{show(field, c.field, c.old)}</del> → <ins>{show(field, c.field, c.new)}</ins>
                          </>
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
      {older.cursor && (
        <button type="button" onClick={() => void more()}>
          {t('timeline.more')}
        </button>
      )}
    </>
  );
}

function When({ at, i18n }: { at: string; i18n: I18n }) {
  return <time dateTime={at}>{formatDateTime(at, i18n.locale)}</time>;
}

/** An activity linked to the record: its type and subject (a link to it), who, when. */
function ActivityEvent({ activity, row, at, owner }: { activity: EntityMeta; row: RecordRow; at: string; owner: ReadonlyMap<string, string> }) {
  const i18n = useI18n();
  const typeField = activity.fields.find((f) => f.name === 'type');
  const type = typeField && row.type != null ? optionLabel(typeField, row.type, i18n) : i18n.label(activity.label, activity.name);
  const who = typeof row.owner === 'number' ? owner.get(`user:${row.owner}`) : undefined;
  return (
    <li className="event activity">
      <div className="event-head">
        <strong>
          {type}: <Link to={paths.record(activity.name, row.id)}>{recordTitle(activity, row, i18n)}</Link>
        </strong>
        <When at={at} i18n={i18n} />
        {who && <span className="muted">{who}</span>}
      </div>
    </li>
  );
}

/** A workflow run on the record: which workflow, how it ended, and the first line of its error. */
function RunEvent({ run }: { run: RecordRun }) {
  const i18n = useI18n();
  const workflow = run.workflowLabel ? i18n.label(run.workflowLabel, run.workflowId) : run.workflowId;
  return (
    <li className={`event run ${run.status}`}>
      <div className="event-head">
        <strong>{i18n.t('timeline.run', { workflow, status: i18n.t(`timeline.runStatus.${run.status}` as 'timeline.runStatus.succeeded') })}</strong>
        <When at={run.startedAt} i18n={i18n} />
      </div>
      {run.error && <p className="error-text">{run.error}</p>}
    </li>
  );
}
