import { api, query } from '../../api/client.js';
import type { RecordPage } from '../../api/types.js';
import { entityLabel, recordTitle } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import { Link, paths } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { useAsync } from '../../app/use-async.js';

/** The first records of an inverse relation (the deals of a company), with a link to all of them. */
export function RelatedList({ inverse, id }: { inverse: { name: string; entity: string; field: string }; id: number }) {
  const i18n = useI18n();
  const { entities } = useSession();
  const entity = entities.find((e) => e.name === inverse.entity);
  const filter = { [inverse.field]: id };
  const [page] = useAsync(
    (signal) => api<RecordPage>('GET', `/records/${encodeURIComponent(inverse.entity)}${query({ filter, limit: 5, count: true, fields: entity?.titleField })}`, undefined, { signal }),
    [inverse.entity, inverse.field, id],
  );
  if (!entity) return null;
  const plural = entityLabel(entity, i18n, true);
  return (
    <section className="related" aria-label={plural}>
      <h3>
        {plural}
        {page.status === 'ready' && page.value.total !== undefined && <span className="count"> ({page.value.total})</span>}
      </h3>
      {page.status === 'ready' &&
        (page.value.data.length === 0 ? (
          <p className="muted">{i18n.t('record.relatedEmpty', { entity: plural.toLowerCase() })}</p>
        ) : (
          <ul>
            {page.value.data.map((r) => (
              <li key={r.id}>
                <Link to={paths.record(entity.name, r.id)}>{recordTitle(entity, r, i18n)}</Link>
              </li>
            ))}
            {(page.value.total ?? 0) > page.value.data.length && (
              <li>
                <Link to={paths.list(entity.name, { filter: JSON.stringify(filter) })}>{i18n.t('record.seeAll', { count: page.value.total! })}</Link>
              </li>
            )}
          </ul>
        ))}
    </section>
  );
}
