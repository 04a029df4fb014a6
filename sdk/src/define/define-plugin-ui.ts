import type { DefinitionProblem } from '../errors/definition-error.js';
import type { Labels } from '../types/metadata.js';
import type { RouteDefinition } from './define-route.js';
import { toLabels, type LabelInput } from './labels.js';

/** A menu entry a plugin adds to the admin UI's navigation: an entity's list, or a page fed by one of its GET routes. */
export interface MenuItemInput {
  label: LabelInput;
  /** Opens the list of this entity (shown only to users who may read it). */
  entity?: string;
  /** Or: a GET route of this plugin (its path, e.g. '/backlog'), whose JSON the UI shows. */
  route?: string;
  /** Where it goes in the navigation (default: the plugin's group). */
  group?: string;
}

/** A panel a plugin adds to the record page of an entity, fed by one of its GET routes with an `:id` parameter. */
export interface RecordPanelInput {
  id: string;
  entity: string;
  title: LabelInput;
  /** A GET route of this plugin whose path has `:id`, e.g. '/accounts/:id/timeline'. */
  route: string;
}

/** What a plugin adds to the admin UI, declaratively (the UI renders it; no code runs in the browser). */
export interface UiContributionsInput {
  menu?: readonly MenuItemInput[];
  recordPanels?: readonly RecordPanelInput[];
}

export interface MenuItem {
  readonly label: Labels;
  readonly entity?: string;
  readonly route?: string;
  readonly group?: string;
}

export interface RecordPanel {
  readonly id: string;
  readonly entity: string;
  readonly title: Labels;
  readonly route: string;
}

export interface UiContributions {
  readonly menu: readonly MenuItem[];
  readonly recordPanels: readonly RecordPanel[];
}

/** Checks a plugin's UI contributions against its own routes; every problem is reported. */
export function pluginUi(input: UiContributionsInput | undefined, routes: readonly RouteDefinition[], problems: DefinitionProblem[]): UiContributions {
  const getPaths = new Set(routes.filter((r) => r.method === 'GET').map((r) => r.path));
  const menu = (input?.menu ?? []).map((m, i): MenuItem => {
    const at = `ui.menu[${i}]`;
    if ((m.entity === undefined) === (m.route === undefined)) problems.push({ path: at, message: 'a menu item opens either an "entity" list or a GET "route" of this plugin' });
    if (m.route !== undefined && !getPaths.has(m.route)) problems.push({ path: `${at}.route`, message: `"${m.route}" is not a GET route of this plugin; its GET routes: ${[...getPaths].join(', ') || 'none'}` });
    return { label: toLabels(m.label, m.entity ?? m.route ?? 'menu'), ...(m.entity !== undefined ? { entity: m.entity } : {}), ...(m.route !== undefined ? { route: m.route } : {}), ...(m.group !== undefined ? { group: m.group } : {}) };
  });
  const ids = new Set<string>();
  const recordPanels = (input?.recordPanels ?? []).map((p, i): RecordPanel => {
    const at = `ui.recordPanels[${i}]`;
    if (typeof p.id !== 'string' || !/^[a-z][a-zA-Z0-9-]{0,62}$/.test(p.id)) problems.push({ path: `${at}.id`, message: 'an id: letters, digits and dashes, starting with a lower-case letter' });
    if (ids.has(p.id)) problems.push({ path: `${at}.id`, message: `panel "${p.id}" is declared twice` });
    ids.add(p.id);
    if (typeof p.entity !== 'string' || p.entity === '') problems.push({ path: `${at}.entity`, message: 'name the entity whose record page shows the panel' });
    if (!getPaths.has(p.route)) problems.push({ path: `${at}.route`, message: `"${String(p.route)}" is not a GET route of this plugin` });
    else if (!p.route.includes(':id')) problems.push({ path: `${at}.route`, message: 'the route must take the record id as ":id"' });
    return { id: p.id, entity: p.entity, title: toLabels(p.title, p.id), route: p.route };
  });
  return { menu, recordPanels };
}
