import { Fragment, useState } from 'react';
import type { EntityMeta } from '../../api/types.js';
import { entityLabel } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import type { MessageKey } from '../../app/messages.js';
import { Link, navigate, paths } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { ErrorNotice, Loading } from '../../app/states.js';
import { useAsync } from '../../app/use-async.js';
import { ExplainPanel } from './ExplainPanel.js';
import { changedGrants, type Matrix } from './role-matrix.js';
import { setupApi, type Grant, type RoleDef, type Scope } from './setup-api.js';
import { Problems, SetupPage, SourceBadge } from './setup-ui.js';

const OPERATIONS = ['create', 'read', 'edit', 'delete'] as const;
const SCOPES: readonly Scope[] = ['none', 'own', 'team', 'all'];

/** Roles and their permission matrix, with the explain answer for a user and a record. */
export default function RolesScreen({ roleName }: { roleName: string | undefined }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [state, reload] = useAsync(() => setupApi.roles(), []);
  const [adding, setAdding] = useState(false);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorNotice error={state.error} onRetry={reload} />;
  const role = state.value.find((r) => r.name === roleName);
  return (
    <SetupPage
      title={t('setup.roles')}
      intro={t('roles.intro')}
      tools={
        <button type="button" className="primary" onClick={() => setAdding(true)}>
          {t('roles.new')}
        </button>
      }
    >
      {adding && <NewRoleForm onDone={(name) => (setAdding(false), reload(), navigate(paths.setup('roles', name)))} onCancel={() => setAdding(false)} />}
      <div className="setup-split">
        <nav aria-label={t('setup.roles')} className="entity-list">
          <ul>
            {state.value.map((r) => (
              <li key={r.name}>
                <Link to={paths.setup('roles', r.name)} aria-current={r.name === role?.name ? 'page' : undefined}>
                  <span>{i18n.label(r.label, r.name)}</span> <SourceBadge source={r.source} />
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="entity-detail">{role ? <RoleMatrix key={role.name} role={role} onSaved={reload} /> : <p className="empty">{t('roles.pick')}</p>}</div>
      </div>
      <ExplainPanel />
    </SetupPage>
  );
}

/** One role's grants: a scope per entity and operation, and per-field read and edit. */
function RoleMatrix({ role, onSaved }: { role: RoleDef; onSaved: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { entities, refresh } = useSession();
  const [matrix, setMatrix] = useState<Matrix>(role.grants);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const changes = changedGrants(role.grants, matrix);

  const setScope = (entity: string, op: (typeof OPERATIONS)[number], scope: Scope) => {
    const current: Grant = matrix[entity] ?? { create: 'none', read: 'none', edit: 'none', delete: 'none' };
    setMatrix({ ...matrix, [entity]: { ...current, [op]: scope } });
    setSaved(false);
  };
  const setField = (entity: string, field: string, key: 'read' | 'edit', value: boolean) => {
    const current: Grant = matrix[entity] ?? { create: 'none', read: 'none', edit: 'none', delete: 'none' };
    const fields = { ...(current.fields ?? {}) };
    const now = fields[field] ?? { read: true, edit: true };
    const next = key === 'read' ? { read: value, edit: value && now.edit } : { read: now.read || value, edit: value };
    if (next.read && next.edit) delete fields[field];
    else fields[field] = next;
    setMatrix({ ...matrix, [entity]: { ...current, fields } });
    setSaved(false);
  };
  const save = async () => {
    setError(null);
    try {
      await setupApi.updateRole(role.name, { grants: changes });
      setSaved(true);
      await refresh();
      onSaved();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <h2>
        {i18n.label(role.label, role.name)} <code className="muted">{role.name}</code>
      </h2>
      {role.description && <p className="muted">{role.description}</p>}
      <div className="table-wrap">
        <table className="records matrix">
          <thead>
            <tr>
              <th scope="col">{t('setup.entity')}</th>
              {OPERATIONS.map((op) => (
                <th key={op} scope="col">
                  {t(`roles.op.${op}` as MessageKey)}
                </th>
              ))}
              <th scope="col">{t('roles.fields')}</th>
            </tr>
          </thead>
          <tbody>
            {entities.map((e) => {
              const grant = matrix[e.name];
              const restricted = Object.keys(grant?.fields ?? {}).length;
              return (
                <Fragment key={e.name}>
                  <tr>
                    <th scope="row">{entityLabel(e, i18n)}</th>
                    {OPERATIONS.map((op) => (
                      <td key={op}>
                        <select aria-label={t('roles.scopeOf', { op: t(`roles.op.${op}` as MessageKey), entity: entityLabel(e, i18n) })} value={grant?.[op] ?? 'none'} className={`scope-${grant?.[op] ?? 'none'}`} onChange={(ev) => setScope(e.name, op, ev.target.value as Scope)}>
                          {SCOPES.map((s) => (
                            <option key={s} value={s}>
                              {t(`scope.${s}` as MessageKey)}
                            </option>
                          ))}
                        </select>
                      </td>
                    ))}
                    <td>
                      <button type="button" className="link" aria-expanded={open === e.name} onClick={() => setOpen(open === e.name ? null : e.name)}>
                        {restricted ? t('roles.restricted', { count: restricted }) : t('roles.allFields')}
                      </button>
                      {grant?.condition !== undefined && <span className="badge">{t('roles.conditional')}</span>}
                    </td>
                  </tr>
                  {open === e.name && (
                    <tr className="field-grants">
                      <td colSpan={6}>
                        <FieldGrants entity={e} grant={grant} onChange={(field, key, value) => setField(e.name, field, key, value)} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      <Problems error={error} />
      {saved && (
        <p className="notice" role="status">
          {t('roles.saved')}
        </p>
      )}
      <div className="actions form-actions">
        <span className="muted">{t('roles.changes', { count: Object.keys(changes).length })}</span>
        <button type="button" onClick={() => setMatrix(role.grants)} disabled={Object.keys(changes).length === 0}>
          {t('roles.reset')}
        </button>
        <button type="button" className="primary" onClick={() => void save()} disabled={Object.keys(changes).length === 0}>
          {t('roles.save')}
        </button>
      </div>
    </>
  );
}

function FieldGrants({ entity, grant, onChange }: { entity: EntityMeta; grant: Grant | undefined; onChange: (field: string, key: 'read' | 'edit', value: boolean) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <table className="field-matrix">
      <thead>
        <tr>
          <th scope="col">{t('fields.label')}</th>
          <th scope="col">{t('roles.read')}</th>
          <th scope="col">{t('roles.change')}</th>
        </tr>
      </thead>
      <tbody>
        {entity.fields.map((f) => {
          const g = grant?.fields?.[f.name] ?? { read: true, edit: true };
          const label = i18n.label(f.label, f.name);
          return (
            <tr key={f.name}>
              <td>{label}</td>
              <td>
                <input type="checkbox" aria-label={t('roles.readField', { field: label })} checked={g.read} onChange={(e) => onChange(f.name, 'read', e.target.checked)} />
              </td>
              <td>
                <input type="checkbox" aria-label={t('roles.changeField', { field: label })} checked={g.edit} onChange={(e) => onChange(f.name, 'edit', e.target.checked)} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function NewRoleForm({ onDone, onCancel }: { onDone: (name: string) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [label, setLabel] = useState('');
  const [error, setError] = useState<unknown>(null);
  const save = async () => {
    setError(null);
    try {
      await setupApi.addRole({ name, label: label || name, grants: {} });
      onDone(name);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="panel editor" aria-labelledby="new-role-title">
      <h2 id="new-role-title">{t('roles.new')}</h2>
      <div className="form-grid">
        <label>
          {t('fields.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="field-engineer" />
        </label>
        <label>
          {t('fields.labelEn')}
          <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder="Field engineer" />
        </label>
      </div>
      <Problems error={error} />
      <div className="actions form-actions">
        <button type="button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
        <button type="button" className="primary" disabled={!name} onClick={() => void save()}>
          {t('roles.create')}
        </button>
      </div>
    </section>
  );
}
