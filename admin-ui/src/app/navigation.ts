import type { EntityMeta, Me } from '../api/types.js';
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
 * Screens for consultants (entity and field manager, rules, workflows, roles, packages,
 * history) register here when they are built; they show in a "Setup" section for
 * administrators, under `/setup/…`.
 */
export const SETUP_SCREENS: readonly { readonly key: string; readonly label: (i18n: I18n) => string; readonly path: string }[] = [];

function sourceTitle(source: string | undefined, i18n: I18n): string {
  if (!source || source === 'core') return i18n.t('nav.core');
  if (source === 'custom') return i18n.t('nav.custom');
  // A plugin's id, made readable: `demo-company` → "Demo company".
  const id = source.replace(/^plugin:/, '');
  return id.replace(/[-_]/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
}

/** The navigation for the effective metadata: entities the user may read, grouped by where they come from. */
export function navSections(entities: readonly EntityMeta[], me: Me, i18n: I18n): NavSection[] {
  const groups = new Map<string, EntityMeta[]>();
  for (const entity of entities) groups.set(entity.source ?? 'core', [...(groups.get(entity.source ?? 'core') ?? []), entity]);
  const order = (source: string) => (source === 'core' ? 0 : source === 'custom' ? 2 : 1);
  const sections: NavSection[] = [...groups.entries()]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([source, list]) => ({
      key: source,
      title: sourceTitle(source, i18n),
      items: list.map((e) => ({ key: e.name, label: entityLabel(e, i18n, true), to: paths.list(e.name) })).sort((a, b) => a.label.localeCompare(b.label, i18n.locale)),
    }));
  if (me.isAdmin && SETUP_SCREENS.length > 0) {
    sections.push({ key: 'setup', title: i18n.t('nav.setup'), items: SETUP_SCREENS.map((s) => ({ key: s.key, label: s.label(i18n), to: s.path })) });
  }
  return sections;
}
