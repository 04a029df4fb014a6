import { useId, useState, type ReactNode } from 'react';
import { GlobalSearch } from '../features/search/GlobalSearch.js';
import { LOCALES, useI18n, type Locale } from './i18n.js';
import { navSections } from './navigation.js';
import { Link, useLocation } from './router.js';
import { useSession } from './session.js';
import { ProgressBar } from './states.js';

/** The frame around every screen: header with the user, navigation, content. */
export function Shell({ children }: { children: ReactNode }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { me, entities, contributions, signOut } = useSession();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const navId = useId();
  const sections = navSections(entities, me, i18n, contributions.menu);
  const current = location.split('?')[0]!;
  const roles = me.isAdmin ? [t('user.admin'), ...me.roles] : me.roles;

  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <ProgressBar />
      <header className="topbar">
        <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls={navId} onClick={() => setMenuOpen(!menuOpen)}>
          ☰ <span className="sr-only">{t('app.menu')}</span>
        </button>
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <GlobalSearch />
        <span className="spacer" />
        <div className="user" aria-label={me.name}>
          <span className="user-name">{me.name}</span>
          <span className="user-roles" title={t('user.roles')}>
            {roles.length ? roles.join(', ') : t('user.noRoles')}
          </span>
        </div>
        <select aria-label={t('app.language')} value={i18n.locale} onChange={(e) => i18n.setLocale(e.target.value as Locale)} className="lang-select">
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {l.toUpperCase()}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => void signOut()}>
          {t('signout')}
        </button>
      </header>
      <div className="body">
        <nav id={navId} className={menuOpen ? 'sidebar open' : 'sidebar'} aria-label={t('nav.label')} onClick={(e) => (e.target as HTMLElement).closest('a') && setMenuOpen(false)}>
          <ul className="nav-top">
            <li>
              <Link to="/dashboards" aria-current={current === '/dashboards' || current.startsWith('/dashboards/') ? 'page' : undefined}>
                {t('nav.dashboards')}
              </Link>
            </li>
          </ul>
          {sections.length === 0 && <p className="muted">{t('nav.empty')}</p>}
          {sections.map((s) => (
            <section key={s.key} aria-labelledby={`${navId}-${s.key}`}>
              <h2 id={`${navId}-${s.key}`}>{s.title}</h2>
              <ul>
                {s.items.map((item) => {
                  const here = current === item.to || current.startsWith(`${item.to}/`);
                  return (
                    <li key={item.key}>
                      <Link to={item.to} aria-current={here ? 'page' : undefined}>
                        {item.label}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        </nav>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
