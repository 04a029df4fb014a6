import { useMemo, useState } from 'react';
import { entityLabel, formatDateTime } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import { Link, navigate, paths } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { ErrorNotice, Loading } from '../../app/states.js';
import { useAsync } from '../../app/use-async.js';
import { conditionFields } from './condition-fields.js';
import { ConditionBuilder } from './ConditionBuilder.js';
import { setupApi, type WorkflowDef } from './setup-api.js';
import { Problems, SetupPage, SourceBadge } from './setup-ui.js';
import { WorkflowDryRunPanel } from './WorkflowDryRunPanel.js';

const TRIGGERS = ['created', 'updated', 'deleted', 'fieldChanged', 'relativeTime', 'schedule', 'manual', 'webhook'] as const;
/** The keys each trigger type takes besides `type`. */
const TRIGGER_KEYS: Readonly<Record<string, readonly string[]>> = { fieldChanged: ['field', 'from', 'to'], relativeTime: ['field', 'offsetMinutes'], schedule: ['cron', 'timezone'], webhook: ['secret'] };

/** Workflows: the list, and one workflow's editor with its dry-run and recent runs. */
export default function WorkflowsScreen({ id }: { id: string | undefined }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [state, reload] = useAsync(() => setupApi.workflows(), []);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorNotice error={state.error} onRetry={reload} />;
  const workflow = state.value.find((w) => w.id === id);
  if (id !== undefined && (id === 'new' || workflow)) {
    return (
      <SetupPage title={workflow ? i18n.label(workflow.label, workflow.id) : t('workflows.new')}>
        <Link to={paths.setup('workflows')} className="back">
          ← {t('setup.workflows')}
        </Link>
        <WorkflowEditor key={id} workflow={workflow} onSaved={(w) => (reload(), navigate(paths.setup('workflows', w.id), { replace: true }))} />
      </SetupPage>
    );
  }
  return (
    <SetupPage
      title={t('setup.workflows')}
      intro={t('workflows.intro')}
      tools={
        <Link className="button primary" to={paths.setup('workflows', 'new')}>
          {t('workflows.new')}
        </Link>
      }
    >
      {state.value.length === 0 ? (
        <p className="empty">{t('workflows.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="records setup-table">
            <thead>
              <tr>
                <th scope="col">{t('workflows.label')}</th>
                <th scope="col">{t('setup.entity')}</th>
                <th scope="col">{t('workflows.trigger')}</th>
                <th scope="col">{t('workflows.enabled')}</th>
                <th scope="col">{t('workflows.version')}</th>
                <th scope="col">{t('setup.source')}</th>
              </tr>
            </thead>
            <tbody>
              {state.value.map((w) => (
                <tr key={w.id}>
                  <td>
                    <Link to={paths.setup('workflows', w.id)}>{i18n.label(w.label, w.id)}</Link> <code className="muted">{w.id}</code>
                  </td>
                  <td>{w.entity ?? ''}</td>
                  <td>{t(`trigger.${w.trigger.type}` as 'trigger.created')}</td>
                  <td>{w.enabled ? t('filter.yes') : t('filter.no')}</td>
                  <td>{w.version}</td>
                  <td>
                    <SourceBadge source={w.source} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </SetupPage>
  );
}

function WorkflowEditor({ workflow, onSaved }: { workflow: WorkflowDef | undefined; onSaved: (w: WorkflowDef) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { entities } = useSession();
  const [id, setId] = useState(workflow?.id ?? '');
  const [label, setLabel] = useState(workflow?.label.en ?? '');
  const [entityName, setEntityName] = useState(workflow?.entity ?? entities[0]?.name ?? '');
  const [trigger, setTrigger] = useState<Record<string, unknown>>({ ...(workflow?.trigger ?? { type: 'created' }) });
  const [condition, setCondition] = useState<unknown>(workflow?.condition);
  const [actions, setActions] = useState(JSON.stringify(workflow?.actions ?? [{ type: 'notify', to: [], title: 'New {{record.id}}' }], null, 2));
  const [enabled, setEnabled] = useState(workflow?.enabled ?? true);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const entity = entities.find((e) => e.name === entityName);
  const fields = useMemo(() => (entity ? conditionFields(entity, i18n, 'record.') : []), [entity, i18n]);

  const save = async () => {
    setError(null);
    setSaved(false);
    try {
      const parsedActions = JSON.parse(actions) as unknown;
      const cleanTrigger = Object.fromEntries(Object.entries(trigger).filter(([, v]) => v !== '' && v !== undefined));
      const common = { label: { ...(workflow?.label ?? {}), en: label }, trigger: cleanTrigger, actions: parsedActions, enabled };
      const result = workflow
        ? await setupApi.updateWorkflow(workflow.id, { ...common, condition: condition ?? null })
        : await setupApi.addWorkflow({ id, ...common, ...(entityName ? { entity: entityName } : {}), ...(condition !== undefined ? { condition } : {}) });
      setSaved(true);
      onSaved(result);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <section className="panel editor" aria-label={t('workflows.definition')}>
        <div className="form-grid">
          {!workflow && (
            <label>
              {t('workflows.id')}
              <input value={id} onChange={(e) => setId(e.target.value)} placeholder="won-deal-follow-up" />
            </label>
          )}
          <label>
            {t('workflows.label')}
            <input value={label} onChange={(e) => setLabel(e.target.value)} />
          </label>
          <label>
            {t('setup.entity')}
            <select value={entityName} disabled={!!workflow} onChange={(e) => setEntityName(e.target.value)}>
              {entities.map((e) => (
                <option key={e.name} value={e.name}>
                  {entityLabel(e, i18n)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('workflows.trigger')}
            <select value={String(trigger.type)} onChange={(e) => setTrigger({ type: e.target.value })}>
              {TRIGGERS.map((type) => (
                <option key={type} value={type}>
                  {t(`trigger.${type}`)}
                </option>
              ))}
            </select>
          </label>
          {(TRIGGER_KEYS[String(trigger.type)] ?? []).map((key) =>
            key === 'field' && entity ? (
              <label key={key}>
                {t('workflows.triggerField')}
                <select value={String(trigger.field ?? '')} onChange={(e) => setTrigger({ ...trigger, field: e.target.value })}>
                  <option value="" />
                  {entity.fields.map((f) => (
                    <option key={f.name} value={f.name}>
                      {i18n.label(f.label, f.name)}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <label key={key}>
                {key}
                <input value={String(trigger[key] ?? '')} onChange={(e) => setTrigger({ ...trigger, [key]: key === 'offsetMinutes' && /^-?\d+$/.test(e.target.value) ? Number(e.target.value) : e.target.value })} />
              </label>
            ),
          )}
        </div>
        {entity && <ConditionBuilder key={entity.name} label={t('workflows.condition')} fields={fields} value={condition} onChange={setCondition} />}
        <label className="wide block">
          {t('workflows.actions')}
          <textarea className="code" rows={8} value={actions} onChange={(e) => setActions(e.target.value)} />
        </label>
        <p className="muted">{t('workflows.actionsHint')}</p>
        <label className="inline">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          {t('workflows.enabled')}
        </label>
        <Problems error={error} />
        {saved && (
          <p className="notice" role="status">
            {t('workflows.saved')}
          </p>
        )}
        <div className="actions form-actions">
          <button type="button" className="primary" disabled={!label || (!workflow && !id)} onClick={() => void save()}>
            {t('rules.save')}
          </button>
        </div>
      </section>
      {workflow && <WorkflowDryRunPanel workflow={workflow} />}
      {workflow && <WorkflowRuns id={workflow.id} />}
    </>
  );
}

/** The last runs of a workflow. */
function WorkflowRuns({ id }: { id: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [state] = useAsync(() => setupApi.runs(id), [id]);
  return (
    <section className="panel" aria-labelledby="runs-title">
      <h2 id="runs-title">{t('workflows.runs')}</h2>
      {state.status === 'loading' ? (
        <Loading />
      ) : state.status === 'error' ? (
        <ErrorNotice error={state.error} />
      ) : state.value.length === 0 ? (
        <p className="muted">{t('workflows.noRuns')}</p>
      ) : (
        <ul className="runs">
          {state.value.map((r) => (
            <li key={r.id}>
              <span className={`badge run-${r.status}`}>{r.status}</span> #{r.id} · v{r.workflowVersion} · {r.recordId !== null && r.entity ? <Link to={paths.record(r.entity, r.recordId)}>{`${r.entity} #${r.recordId}`}</Link> : null} ·{' '}
              <time dateTime={r.startedAt}>{formatDateTime(r.startedAt, i18n.locale)}</time>
              {r.error && <p className="field-error">{r.error}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
