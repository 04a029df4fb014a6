import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/**
 * A small history router: the UI's addresses are real paths (`/r/deal/42`), so links can be
 * shared and survive a reload (the server answers index.html for them).
 *
 * | path | screen |
 * | --- | --- |
 * | `/` | start |
 * | `/r/:entity?view=&filter=` | list |
 * | `/r/:entity/board/:field` | kanban |
 * | `/r/:entity/new` | form (create) |
 * | `/r/:entity/:id` | record page |
 * | `/r/:entity/:id/edit` | form (edit) |
 * | `/dashboards`, `/dashboards/new`, `/dashboards/:id`, `/dashboards/:id/edit` | dashboards |
 * | `/setup/:section/…` | consultant screens (entities, layouts, rules, workflows, roles, plugins, packages, history) |
 * | `/p/:plugin/…` | a plugin's menu page (the JSON of its GET route) |
 */
export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'list'; readonly entity: string; readonly params: URLSearchParams }
  | { readonly name: 'board'; readonly entity: string; readonly field: string }
  | { readonly name: 'create'; readonly entity: string }
  | { readonly name: 'record'; readonly entity: string; readonly id: number }
  | { readonly name: 'edit'; readonly entity: string; readonly id: number }
  | { readonly name: 'setup'; readonly section: string; readonly rest: readonly string[] }
  | { readonly name: 'dashboards'; readonly rest: readonly string[] }
  | { readonly name: 'pluginPage'; readonly plugin: string; readonly route: string }
  | { readonly name: 'notFound' };

/** The route of a location. */
export function parseRoute(pathname: string, search: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'home' };
  if (parts[0] === 'dashboards') return { name: 'dashboards', rest: parts.slice(1) };
  if (parts[0] === 'setup') return { name: 'setup', section: parts[1] ?? '', rest: parts.slice(2) };
  if (parts[0] === 'p' && parts[1] && parts.length > 2) return { name: 'pluginPage', plugin: parts[1], route: `/${parts.slice(2).map(encodeURIComponent).join('/')}` };
  if (parts[0] !== 'r' || !parts[1]) return { name: 'notFound' };
  const entity = parts[1];
  if (parts.length === 2) return { name: 'list', entity, params: new URLSearchParams(search) };
  if (parts[2] === 'new' && parts.length === 3) return { name: 'create', entity };
  if (parts[2] === 'board' && parts[3] && parts.length === 4) return { name: 'board', entity, field: parts[3] };
  const id = Number(parts[2]);
  if (!Number.isSafeInteger(id) || id < 1) return { name: 'notFound' };
  if (parts.length === 3) return { name: 'record', entity, id };
  if (parts[3] === 'edit' && parts.length === 4) return { name: 'edit', entity, id };
  return { name: 'notFound' };
}

const listeners = new Set<() => void>();
const notify = () => {
  for (const l of listeners) l();
};
globalThis.addEventListener?.('popstate', notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => `${location.pathname}${location.search}`;

/** The current path and query, re-rendering on navigation. */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/** Goes to `to` (a path with an optional query); `replace` keeps the history entry. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  notify();
  if (!options.replace) window.scrollTo?.(0, 0);
}

/** Paths of the screens. */
export const paths = {
  list: (entity: string, params?: Readonly<Record<string, string | undefined>>) => {
    const search = new URLSearchParams(Object.entries(params ?? {}).filter((e): e is [string, string] => e[1] !== undefined)).toString();
    return `/r/${encodeURIComponent(entity)}${search ? `?${search}` : ''}`;
  },
  board: (entity: string, field: string) => `/r/${encodeURIComponent(entity)}/board/${encodeURIComponent(field)}`,
  create: (entity: string) => `/r/${encodeURIComponent(entity)}/new`,
  record: (entity: string, id: number) => `/r/${encodeURIComponent(entity)}/${id}`,
  edit: (entity: string, id: number) => `/r/${encodeURIComponent(entity)}/${id}/edit`,
  setup: (section: string, ...rest: readonly string[]) => `/setup/${[section, ...rest].map(encodeURIComponent).join('/')}`,
};

/** A link that navigates inside the app (and opens a new tab with a modifier key, as links do). */
export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}
