import type { ReactNode } from 'react';
import { ApiError } from '../../api/client.js';
import type { EntityMeta } from '../../api/types.js';
import { entityLabel } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import { navigate } from '../../app/router.js';

/**
 * A server's refusal in full: its detail and every problem it lists (metadata, rule and
 * workflow checks report all problems at once, each with the path it concerns).
 */
export function Problems({ error, reading = false }: { error: unknown; reading?: boolean }) {
  const { t } = useI18n();
  if (error === null || error === undefined) return null;
  const problem = error instanceof ApiError ? error.problem : undefined;
  return (
    <div className="notice error" role="alert">
      <strong>{problem?.status === 403 ? t('error.forbidden') : reading ? t('error.title') : t('setup.refused')}</strong>
      <p>{problem ? problem.detail : String(error)}</p>
      {problem?.errors && problem.errors.length > 0 && (
        <ul className="problems">
          {problem.errors.map((e, i) => (
            <li key={i}>
              {e.field && <code>{e.field}</code>} {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A page of the Setup section: title, optional tools on the right, body. */
export function SetupPage({ title, intro, tools, children }: { title: string; intro?: string; tools?: ReactNode; children: ReactNode }) {
  return (
    <div className="page setup">
      <div className="page-head">
        <h1>{title}</h1>
        <span className="spacer" />
        {tools}
      </div>
      {intro && <p className="muted intro">{intro}</p>}
      {children}
    </div>
  );
}

/** Picks the entity a screen works on; the choice is part of the address (`/setup/rules/deal`). */
export function EntityPicker({ entities, value, base }: { entities: readonly EntityMeta[]; value: string | undefined; base: string }) {
  const i18n = useI18n();
  return (
    <label className="inline">
      {i18n.t('setup.entity')}
      <select value={value ?? ''} onChange={(e) => navigate(`${base}/${encodeURIComponent(e.target.value)}`)}>
        {value === undefined && <option value="">{i18n.t('setup.pickEntity')}</option>}
        {[...entities]
          .sort((a, b) => entityLabel(a, i18n).localeCompare(entityLabel(b, i18n), i18n.locale))
          .map((e) => (
            <option key={e.name} value={e.name}>
              {entityLabel(e, i18n)} ({e.name})
            </option>
          ))}
      </select>
    </label>
  );
}

/** Where a definition comes from, in words: a plugin, core or the consultant. */
export function SourceBadge({ source }: { source: string | undefined }) {
  const { t } = useI18n();
  const text = !source || source === 'core' ? t('nav.core') : source === 'custom' ? t('setup.custom') : source.replace(/^plugin:/, '');
  return <span className={source === 'custom' ? 'badge custom' : 'badge'}>{text}</span>;
}

/** A JSON value for reading. */
export function Json({ value }: { value: unknown }) {
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}
