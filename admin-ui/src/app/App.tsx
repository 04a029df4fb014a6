import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiError, csrfToken, onSignedOut } from '../api/client.js';
import { clearCaches, loadContributions, loadEntities } from '../api/metadata.js';
import type { EntityMeta, Me, UiContributions } from '../api/types.js';
import { ListView } from '../features/records/ListView.js';
import { RecordPage } from '../features/records/RecordPage.js';
import { Home } from './Home.js';
import { I18nContext, initialLocale, makeI18n, rememberLocale, type Locale } from './i18n.js';
import { clearTitles } from './names.js';
import { parseRoute, useLocation } from './router.js';
import { SessionContext, type Session } from './session.js';
import { Shell } from './Shell.js';
import { SignIn } from './SignIn.js';
import { ErrorNotice, Loading, NotFound } from './states.js';

// The heavy screens load on first use: forms bring RJSF and ajv, the board its own code.
const RecordFormScreen = lazy(() => import('../features/records/RecordFormScreen.js'));
const Board = lazy(() => import('../features/board/Board.js'));
// Consultant screens: administrators only, each loaded on first use (the condition builder is the heavy part).
const SetupScreen = lazy(() => import('../features/setup/SetupScreen.js'));
// Dashboards bring the chart library: loaded on first use.
const DashboardsScreen = lazy(() => import('../features/dashboards/DashboardsScreen.js'));
const PluginPage = lazy(() => import('../features/plugins/PluginPage.js'));

type Auth = { state: 'loading' } | { state: 'signedOut' } | { state: 'error'; error: ApiError } | { state: 'signedIn'; me: Me; entities: EntityMeta[]; contributions: UiContributions };

/** The admin UI: session, language, and the screen for the current address. */
export function App() {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const i18n = useMemo(() => ({ ...makeI18n(locale), setLocale: (l: Locale) => (rememberLocale(l), setLocale(l)) }), [locale]);
  const [auth, setAuth] = useState<Auth>({ state: 'loading' });

  const load = useCallback(async () => {
    // Sign-in sets the readable CSRF cookie with the session one: without it there is no session to ask about.
    if (!csrfToken()) {
      setAuth({ state: 'signedOut' });
      return;
    }
    try {
      const me = await api<Me>('GET', '/auth/me');
      const [entities, contributions] = await Promise.all([loadEntities(), loadContributions()]);
      setAuth({ state: 'signedIn', me, entities, contributions });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setAuth({ state: 'signedOut' });
      else setAuth({ state: 'error', error: error instanceof ApiError ? error : new ApiError({ status: 0, code: 'KITH_UI', detail: String(error) }) });
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  useEffect(() => {
    void load();
    return onSignedOut(() => {
      clearCaches();
      clearTitles();
      setAuth({ state: 'signedOut' });
    });
  }, [load]);

  const session: Session | null = useMemo(
    () =>
      auth.state === 'signedIn'
        ? {
            me: auth.me,
            entities: auth.entities,
            contributions: auth.contributions,
            refresh: async () => {
              clearCaches();
              clearTitles();
              const [entities, contributions] = await Promise.all([loadEntities(), loadContributions()]);
              setAuth((a) => (a.state === 'signedIn' ? { ...a, entities, contributions } : a));
            },
            signOut: async () => {
              await api('POST', '/auth/logout').catch(() => undefined);
              clearCaches();
              clearTitles();
              setAuth({ state: 'signedOut' });
            },
          }
        : null,
    [auth],
  );

  let body;
  if (auth.state === 'loading') body = <Loading />;
  else if (auth.state === 'error') body = <ErrorNotice error={auth.error} onRetry={() => void load()} />;
  else if (auth.state === 'signedOut')
    body = (
      <SignIn
        onSignedIn={() => {
          clearCaches();
          clearTitles();
          void load();
        }}
      />
    );
  else
    body = (
      <SessionContext.Provider value={session}>
        <Shell>
          <Screen />
        </Shell>
      </SessionContext.Provider>
    );
  return <I18nContext.Provider value={i18n}>{body}</I18nContext.Provider>;
}

/** The screen for the current address. */
function Screen() {
  const location = useLocation();
  const [pathname, search = ''] = location.split('?');
  const route = parseRoute(pathname!, search);
  let screen;
  switch (route.name) {
    case 'home':
      screen = <Home />;
      break;
    case 'list':
      screen = <ListView key={route.entity} entityName={route.entity} params={route.params} />;
      break;
    case 'record':
      screen = <RecordPage key={`${route.entity}:${route.id}`} entityName={route.entity} id={route.id} />;
      break;
    case 'create':
      screen = <RecordFormScreen key={`new:${route.entity}`} entityName={route.entity} />;
      break;
    case 'edit':
      screen = <RecordFormScreen key={`${route.entity}:${route.id}`} entityName={route.entity} id={route.id} />;
      break;
    case 'board':
      screen = <Board key={`${route.entity}:${route.field}`} entityName={route.entity} field={route.field} />;
      break;
    case 'setup':
      screen = <SetupScreen section={route.section} rest={route.rest} />;
      break;
    case 'dashboards':
      screen = <DashboardsScreen rest={route.rest} />;
      break;
    case 'pluginPage':
      screen = <PluginPage key={`${route.plugin}${route.route}`} plugin={route.plugin} route={route.route} />;
      break;
    default:
      screen = <NotFound />;
  }
  return <Suspense fallback={<Loading />}>{screen}</Suspense>;
}
