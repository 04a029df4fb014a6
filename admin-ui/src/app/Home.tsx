import { entityLabel } from './format.js';
import { useI18n } from './i18n.js';
import { Link, paths } from './router.js';
import { useSession } from './session.js';

/** The start page: a greeting and the lists the user may open. */
export function Home() {
  const i18n = useI18n();
  const { me, entities } = useSession();
  return (
    <div className="page">
      <h1>{i18n.t('home.title', { name: me.name })}</h1>
      {entities.length === 0 ? (
        <p className="empty">{i18n.t('nav.empty')}</p>
      ) : (
        <>
          <p className="muted">{i18n.t('home.pick')}</p>
          <ul className="cards">
            {entities.map((e) => (
              <li key={e.name}>
                <Link to={paths.list(e.name)}>
                  <strong>{entityLabel(e, i18n, true)}</strong>
                  {e.description && <span className="muted">{e.description}</span>}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
