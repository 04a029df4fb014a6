import { lazy } from 'react';
import { useI18n } from '../../app/i18n.js';
import { SETUP_SCREENS } from '../../app/navigation.js';
import { Link } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { NotFound } from '../../app/states.js';
import './setup.css';

// The rule and workflow screens bring the query builder: each screen loads on first use.
const EntitiesScreen = lazy(() => import('./EntitiesScreen.js'));
const LayoutScreen = lazy(() => import('./LayoutScreen.js'));
const RulesScreen = lazy(() => import('./RulesScreen.js'));
const WorkflowsScreen = lazy(() => import('./WorkflowsScreen.js'));
const RolesScreen = lazy(() => import('./RolesScreen.js'));
const PluginsScreen = lazy(() => import('./PluginsScreen.js'));
const PackagesScreen = lazy(() => import('./PackagesScreen.js'));
const HistoryScreen = lazy(() => import('./HistoryScreen.js'));

/** The consultant screens under `/setup/:section/…`; administrators only (the server refuses others anyway). */
export default function SetupScreen({ section, rest }: { section: string; rest: readonly string[] }) {
  const i18n = useI18n();
  const { me } = useSession();
  if (!me.isAdmin) return <p className="empty">{i18n.t('error.forbidden')}</p>;
  switch (section) {
    case 'entities':
      return <EntitiesScreen entityName={rest[0]} />;
    case 'layouts':
      return <LayoutScreen key={rest[0]} entityName={rest[0]} />;
    case 'rules':
      return <RulesScreen key={rest[0]} entityName={rest[0]} />;
    case 'workflows':
      return <WorkflowsScreen id={rest[0]} />;
    case 'roles':
      return <RolesScreen roleName={rest[0]} />;
    case 'plugins':
      return <PluginsScreen />;
    case 'packages':
      return <PackagesScreen />;
    case 'history':
      return <HistoryScreen />;
    case '':
      return (
        <div className="page">
          <h1>{i18n.t('nav.setup')}</h1>
          <ul className="cards">
            {SETUP_SCREENS.map((s) => (
              <li key={s.key}>
                <Link to={s.path}>
                  <strong>{s.label(i18n)}</strong>
                  <span className="muted">{i18n.t(`setup.${s.key}.about` as 'setup.entities.about')}</span>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      );
    default:
      return <NotFound />;
  }
}
