import { useState } from 'react';
import { entityLabel } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import type { MessageKey } from '../../app/messages.js';
import { useSession } from '../../app/session.js';
import { Typeahead } from '../../app/Typeahead.js';
import { setupApi, type Explain } from './setup-api.js';
import { Problems } from './setup-ui.js';

/**
 * "Why may (or may not) this user do that?": the server's explain answer for a user, an entity
 * and optionally one record — per operation with the reason and the roles behind it, and the
 * fields the user may not read or change. Computed with the filters the queries use.
 */
export function ExplainPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const { entities } = useSession();
  const [user, setUser] = useState<number | null>(null);
  const [entity, setEntity] = useState(entities[0]?.name ?? '');
  const [recordId, setRecordId] = useState('');
  const [answer, setAnswer] = useState<Explain | null>(null);
  const [error, setError] = useState<unknown>(null);
  const explain = async () => {
    if (user === null) return;
    setError(null);
    setAnswer(null);
    try {
      setAnswer(await setupApi.explain(user, entity, recordId ? Number(recordId) : undefined));
    } catch (e) {
      setError(e);
    }
  };
  const restricted = answer?.fields.filter((f) => !f.read || !f.edit) ?? [];
  return (
    <section className="panel explain" aria-labelledby="explain-title">
      <h2 id="explain-title">{t('explain.title')}</h2>
      <p className="muted">{t('explain.hint')}</p>
      <div className="form-grid">
        <div className="typeahead-field">
          <span>{t('explain.user')}</span>
          <Typeahead label={t('explain.user')} target={null} value={user} onChange={setUser} />
        </div>
        <label>
          {t('setup.entity')}
          <select value={entity} onChange={(e) => setEntity(e.target.value)}>
            {entities.map((e) => (
              <option key={e.name} value={e.name}>
                {entityLabel(e, i18n)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dryRun.recordId')}
          <input inputMode="numeric" value={recordId} onChange={(e) => setRecordId(e.target.value.replace(/\D/g, ''))} />
        </label>
      </div>
      <button type="button" className="primary" disabled={user === null || !entity} onClick={() => void explain()}>
        {t('explain.run')}
      </button>
      <Problems error={error} reading />
      {answer && (
        <div role="status" className="explain-answer">
          <p>
            <strong>{answer.user.email}</strong> — {answer.user.isAdmin ? t('user.admin') : answer.user.roles.join(', ') || t('user.noRoles')}
            {answer.record && (
              <span className="muted">
                {' '}
                · {entity} #{answer.record.id} {answer.record.exists ? (answer.record.deleted ? t('explain.deleted') : '') : t('explain.missing')}
              </span>
            )}
          </p>
          <table className="records explain-ops">
            <tbody>
              {Object.entries(answer.operations).map(([op, o]) => (
                <tr key={op} className={o.allowed ? 'allowed' : 'denied'}>
                  <th scope="row">{t(`roles.op.${op}` as MessageKey)}</th>
                  <td>{o.allowed ? `✓ ${t('explain.allowed')}` : `✗ ${t('explain.denied')}`}</td>
                  <td className="wrap">{o.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {restricted.length > 0 && (
            <>
              <h3>{t('explain.fields')}</h3>
              <ul>
                {restricted.map((f) => (
                  <li key={f.name}>
                    <code>{f.name}</code>: {f.read ? t('explain.readOnly') : t('explain.hidden')}
                    {f.deniedBy.length > 0 && <span className="muted"> ({t('explain.by', { roles: f.deniedBy.join(', ') })})</span>}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
