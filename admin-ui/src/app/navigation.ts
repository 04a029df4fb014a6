import type { EntityMeta, Me, MenuContribution } from '../api/types.js';
import { entityLabel } from './format.js';
import type { I18n } from './i18n.js';
import { paths } from './router.js';

/** One link of the navigation. */
export interface NavItem {
  readonly key: string;
  readonly label: string;
  readonly to: string;
}

/** A titled group of links. */
export interface NavSection {
  readonly key: string;
  readonly title: string;
  readonly items: readonly NavItem[];
}

/**
 * Screens for consultants, shown in a "Setup" section for administrators, under `/setup/…`
 * (`features/setup/SetupScreen.tsx` picks the screen by the section).
 */
export const SETUP_SCREENS: readonly { readonly key: string; readonly label: (i18n: I18n) => string; readonly path: string }[] = (
  ['entities', 'layouts', 'rules', 'workflows', 'roles', 'plugins', 'packages', 'history'] as const
).map((key) => ({ key, label: (i18n: I18n) => i18n.t(`setup.${key}`), path: `/setup/${key}` }));

/** The address a plugin's menu entry opens: an entity's list, or the page of one of its GET routes. */
export function menuTarget(item: MenuContribution): string | undefined {
  if (item.entity) return paths.list(item.entity);
  const prefix = `/api/v1/plugins/${item.plugin}`;
  if (item.url?.startsWith(prefix)) return `/p/${encodeURIComponent(item.plugin)}${item.url.slice(prefix.length)}`;
  return undefined;
}

function sourceTitle(source: string | undefined, i18n: I18n): string {
  if (!source || source === 'core') return i18n.t('nav.core');
  if (source === 'custom') return i18n.t('nav.custom');
  // A plugin's id, made readable: `demo-company` → "Demo company".
  const id = source.replace(/^plugin:/, '');
  return id.replace(/[-_]/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
}

/**
 * The navigation for the effective metadata: entities the user may read, grouped by where they
 * come from; then the plugins' menu groups (an entity a plugin places in its menu moves there,
 * and a source group titled like a menu group joins it after its entries, so "Sales" is one
 * heading); then Setup for administrators.
 */
export function navSections(entities: readonly EntityMeta[], me: Me, i18n: I18n, menu: readonly MenuContribution[] = []): NavSection[] {
  const placed = new Set(menu.flatMap((m) => (m.entity ? [m.entity] : [])));
  const groups = new Map<string, EntityMeta[]>();
  for (const entity of entities) if (!placed.has(entity.name)) groups.set(entity.source ?? 'core', [...(groups.get(entity.source ?? 'core') ?? []), entity]);
  const order = (source: string) => (source === 'core' ? 0 : source === 'custom' ? 2 : 1);
  const sections: NavSection[] = [...groups.entries()]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([source, list]) => ({
      key: source,
      title: sourceTitle(source, i18n),
      items: list.map((e) => ({ key: e.name, label: entityLabel(e, i18n, true), to: paths.list(e.name) })).sort((a, b) => a.label.localeCompare(b.label, i18n.locale)),
    }));
  const menuGroups = new Map<string, NavItem[]>();
  for (const item of menu) {
    const to = menuTarget(item);
    if (!to) continue;
    const label = typeof item.label === 'string' ? item.label : i18n.label(item.label);
    menuGroups.set(item.group, [...(menuGroups.get(item.group) ?? []), { key: `${item.plugin}:${to}`, label, to }]);
  }
  for (const [group, items] of menuGroups) {
    const title = sourceTitle(group, i18n);
    const same = sections.findIndex((s) => !s.key.startsWith('menu:') && s.title.toLowerCase() === title.toLowerCase());
    const rest = same === -1 ? [] : sections.splice(same, 1)[0]!.items;
    sections.push({ key: `menu:${group}`, title, items: [...items, ...rest] });
  }
  if (me.isAdmin && SETUP_SCREENS.length > 0) {
    sections.push({ key: 'setup', title: i18n.t('nav.setup'), items: SETUP_SCREENS.map((s) => ({ key: s.key, label: s.label(i18n), to: s.path })) });
  }
  return sections;
}
