import type { EntityMeta, FilterPath } from '../../api/types.js';
import { pathLabel } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import type { SortKey } from './list-config.js';

/** Several sort keys, each a path and a direction; the first sorts first. */
export function SortEditor({ entity, paths, sort, onChange }: { entity: EntityMeta; paths: readonly FilterPath[]; sort: readonly SortKey[]; onChange: (sort: SortKey[]) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const unused = paths.filter((p) => !sort.some((s) => s.path === p.path));
  return (
    <div className="sort-editor">
      <h2 className="panel-title">{t('sort.title')}</h2>
      {sort.length === 0 && <p className="muted">{t('sort.none')}</p>}
      <ol>
        {sort.map((key, index) => (
          <li key={key.path} className="filter-row">
            <select aria-label={`${t('sort.title')} ${index + 1}`} value={key.path} onChange={(e) => onChange(sort.map((s, i) => (i === index ? { ...s, path: e.target.value } : s)))}>
              {[paths.find((p) => p.path === key.path) ?? { path: key.path }, ...unused].map((p) => (
                <option key={p.path} value={p.path}>
                  {pathLabel(entity, p.path, i18n)}
                </option>
              ))}
            </select>
            <select aria-label={`${t('sort.asc')} / ${t('sort.desc')} ${index + 1}`} value={key.desc ? 'desc' : 'asc'} onChange={(e) => onChange(sort.map((s, i) => (i === index ? { ...s, desc: e.target.value === 'desc' } : s)))}>
              <option value="asc">{t('sort.asc')}</option>
              <option value="desc">{t('sort.desc')}</option>
            </select>
            <button type="button" className="icon" aria-label={t('sort.remove', { n: index + 1 })} title={t('sort.remove', { n: index + 1 })} onClick={() => onChange(sort.filter((_, i) => i !== index))}>
              ×
            </button>
          </li>
        ))}
      </ol>
      <button type="button" disabled={unused.length === 0} onClick={() => onChange([...sort, { path: unused[0]!.path, desc: false }])}>
        + {t('sort.add')}
      </button>
    </div>
  );
}
