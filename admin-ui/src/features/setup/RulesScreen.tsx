import { useMemo, useState } from 'react';
import type { EntityMeta } from '../../api/types.js';
import { useI18n } from '../../app/i18n.js';
import { paths } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { ErrorNotice, Loading } from '../../app/states.js';
import { useAsync } from '../../app/use-async.js';
import { conditionFields } from './condition-fields.js';
import { ConditionBuilder } from './ConditionBuilder.js';
import { RuleDryRunPanel } from './RuleDryRunPanel.js';
import { setupApi, type RuleDef } from './setup-api.js';
import { EntityPicker, Problems, SetupPage, SourceBadge } from './setup-ui.js';
import { SetupTableHead } from './SetupTableHead.js';

/** Validation rules of one entity: the list, an editor with a condition builder, and the dry-run. */
export default function RulesScreen({ entityName }: { entityName: string | undefined }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { entities } = useSession();
  const entity = entities.find((e) => e.name === entityName);
  const [state, reload] = useAsync(async () => (entity ? setupApi.rules(entity.name) : []), [entity?.name]);
  const [editing, setEditing] = useState<RuleDef | 'new' | null>(null);

  return (
    <SetupPage title={t('setup.rules')} intro={t('rules.intro')} tools={<EntityPicker entities={entities} value={entity?.name} base={paths.setup('rules')} />}>
      {!entity ? (
        <p className="empty">{t('setup.pickEntity')}</p>
      ) : state.status === 'loading' ? (
        <Loading />
      ) : state.status === 'error' ? (
        <ErrorNotice error={state.error} onRetry={reload} />
      ) : (
        <>
          <div className="toolbar">
            <button type="button" className="primary" onClick={() => setEditing('new')}>
              {t('rules.new')}
            </button>
          </div>
          {state.value.length === 0 ? (
            <p className="muted">{t('rules.none')}</p>
          ) : (
            <div className="table-wrap">
              <table className="records setup-table">
                <SetupTableHead columns={[t('rules.name'), t('rules.message'), t('rules.fields'), t('rules.active'), t('setup.source')]} />
                <tbody>
                  {state.value.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <code>{r.name}</code>
                      </td>
                      <td className="wrap">{i18n.label(r.message)}</td>
                      <td>{r.fields.join(', ')}</td>
                      <td>{r.active ? t('filter.yes') : t('filter.no')}</td>
                      <td>
                        <SourceBadge source={r.source} />
                      </td>
                      <td>
                        <button type="button" onClick={() => setEditing(r)} aria-label={t('rules.editNamed', { name: r.name })}>
                          {t('record.edit')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {editing && (
            <RuleEditor
              key={editing === 'new' ? 'new' : editing.id}
              entity={entity}
              rule={editing === 'new' ? undefined : editing}
              onDone={() => {
                setEditing(null);
                reload();
              }}
              onCancel={() => setEditing(null)}
            />
          )}
        </>
      )}
    </SetupPage>
  );
}

/** Adds or changes one rule; the condition is the error condition: when it holds, the save is refused. */
function RuleEditor({ entity, rule, onDone, onCancel }: { entity: EntityMeta; rule: RuleDef | undefined; onDone: () => void; onCancel: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const fields = useMemo(() => conditionFields(entity, i18n), [entity, i18n]);
  const [name, setName] = useState(rule?.name ?? '');
  const [messageEn, setMessageEn] = useState(rule?.message.en ?? '');
  const [messageEs, setMessageEs] = useState(rule?.message.es ?? '');
  const [concerns, setConcerns] = useState<readonly string[]>(rule?.fields ?? []);
  const [active, setActive] = useState(rule?.active ?? true);
  const [condition, setCondition] = useState<unknown>(rule?.condition);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [removing, setRemoving] = useState(false);

  const save = async () => {
    setSaving(true);
    setError(null);
    const message = messageEs ? { en: messageEn, es: messageEs } : { en: messageEn };
    try {
      if (rule) await setupApi.updateRule(entity.name, rule.name, { condition, message, fields: concerns, active });
      else await setupApi.addRule(entity.name, { name, condition, message, fields: concerns, active });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  const remove = async () => {
    if (!rule || !window.confirm(t('rules.confirmRemove', { name: rule.name }))) return;
    setRemoving(true);
    try {
      await setupApi.removeRule(entity.name, rule.name);
      onDone();
    } catch (e) {
      setError(e);
      setRemoving(false);
    }
  };

  return (
    <section className="panel editor" aria-labelledby="rule-editor-title">
      <h2 id="rule-editor-title">{rule ? t('rules.editNamed', { name: rule.name }) : t('rules.new')}</h2>
      <div className="form-grid">
        {!rule && (
          <label>
            {t('rules.name')}
            <input value={name} onChange={(e) => setName(e.target.value)} placeholder="wonNeedsAmount" pattern="[A-Za-z0-9-]+" />
          </label>
        )}
        <label>
          {t('rules.messageEn')}
          <input value={messageEn} onChange={(e) => setMessageEn(e.target.value)} />
        </label>
        <label>
          {t('rules.messageEs')}
          <input value={messageEs} onChange={(e) => setMessageEs(e.target.value)} />
        </label>
      </div>
      <ConditionBuilder label={t('rules.condition')} fields={fields} value={condition} onChange={setCondition} />
      <fieldset className="choices">
        <legend>{t('rules.fieldsHint')}</legend>
        {entity.fields.map((f) => (
          <label key={f.name} className="choice">
            <input type="checkbox" checked={concerns.includes(f.name)} onChange={(e) => setConcerns(e.target.checked ? [...concerns, f.name] : concerns.filter((n) => n !== f.name))} />
            {i18n.label(f.label, f.name)}
          </label>
        ))}
      </fieldset>
      <label className="inline">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
        {t('rules.activeHint')}
      </label>
      <Problems error={error} />
      <div className="actions form-actions">
        {rule?.source === 'custom' && (
          <button type="button" className="danger" disabled={removing} onClick={() => void remove()}>
            {t('rules.remove')}
          </button>
        )}
        <span className="spacer" />
        <button type="button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
        <button type="button" className="primary" disabled={saving || condition === undefined || !messageEn || (!rule && !name)} onClick={() => void save()}>
          {saving ? t('form.saving') : t('rules.save')}
        </button>
      </div>
      <RuleDryRunPanel entity={entity} rule={rule?.name} condition={condition} />
    </section>
  );
}
