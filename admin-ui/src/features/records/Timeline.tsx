import { useState } from 'react';
import { api, query } from '../../api/client.js';
import type { EntityMeta, FieldMeta, HistoryEntry } from '../../api/types.js';
import { formatDateTime, formatValue, pathLabel } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import { namesFor } from '../../app/names.js';
import { ErrorNotice, Loading } from '../../app/states.js';
import { useAsync } from '../../app/use-async.js';
import { personNames } from '../../api/metadata.js';

/** What happened to a record, newest first: who changed which fields from what to what. */
export function Timeline({ entity, id, refresh }: { entity: EntityMeta; id: number; refresh: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [older, setOlder] = useState<{ entries: HistoryEntry[]; cursor: string | null }>({ entries: [], cursor: null });
  const [state] = useAsync(
    async (signal) => {
      const page = await api<{ data: HistoryEntry[]; nextCursor: string | null }>('GET', `/records/${encodeURIComponent(entity.name)}/${id}/history${query({ limit: 20 })}`, undefined, { signal });
      setOlder({ entries: [], cursor: page.nextCursor });
      return page.data;
    },
    [entity.name, id, refresh],
  );
  const entries = state.status === 'ready' ? [...state.value, ...older.entries] : [];
  const [names] = useAsync(async () => {
    const values = entries.flatMap((e) => e.changes.flatMap((c) => [{ [c.field]: c.old }, { [c.field]: c.new }]));
    const [fieldNames, people] = await Promise.all([namesFor(entity.fields, values, i18n), personNames(entries.flatMap((e) => (e.userId === null ? [] : [e.userId])))]);
    people.forEach((name, userId) => fieldNames.set(`user:${userId}`, name));
    return fieldNames;
  }, [entries.map((e) => e.id).join(','), i18n.locale]);

  const more = async () => {
    const page = await api<{ data: HistoryEntry[]; nextCursor: string | null }>('GET', `/records/${encodeURIComponent(entity.name)}/${id}/history${query({ limit: 20, cursor: older.cursor })}`);
    setOlder({ entries: [...older.entries, ...page.data], cursor: page.nextCursor });
  };

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorNotice error={state.error} />;
  if (entries.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  const known = names.status === 'ready' ? names.value : new Map<string, string>();
  const show = (field: FieldMeta | undefined, path: string, value: unknown) => formatValue(field, path, value, i18n, known) || t('form.none');

  return (
    <>
      <ol className="timeline">
        {entries.map((entry) => {
          const who = entry.userId === null ? t('timeline.system') : (known.get(`user:${entry.userId}`) ?? `#${entry.userId}`);
          return (
            <li key={entry.id} className={`event ${entry.action}`}>
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
