import { useState } from 'react';
import { useI18n } from '../../app/i18n.js';
import { setupApi, type WorkflowDef, type WorkflowDryRun } from './setup-api.js';
import { Json, Problems } from './setup-ui.js';
import { SampleInput, sampleBody } from './SampleInput.js';

/** The workflow dry-run: which trigger and condition match and what each action would do; nothing is written or sent. */
export function WorkflowDryRunPanel({ workflow }: { workflow: WorkflowDef }) {
  const { t } = useI18n();
  const [recordId, setRecordId] = useState('');
  const [sample, setSample] = useState('{}');
  const [op, setOp] = useState('');
  const [result, setResult] = useState<WorkflowDryRun | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    setError(null);
    setResult(null);
    try {
      setResult(await setupApi.testWorkflow(workflow.id, { ...sampleBody(recordId, sample, 'recordId'), ...(op ? { op } : {}) }));
    } catch (e) {
      setError(e);
    }
  };
  const yes = (b: boolean) => (b ? t('filter.yes') : t('filter.no'));
  return (
    <section className="panel dry-run" aria-labelledby="wf-dry-run-title">
      <h2 id="wf-dry-run-title">{t('dryRun.title')}</h2>
      <p className="muted">{t('dryRun.workflowHint')}</p>
      <SampleInput recordId={recordId} onRecordId={setRecordId} sample={sample} onSample={setSample} />
      <label className="inline">
        {t('dryRun.op')}
        <select value={op} onChange={(e) => setOp(e.target.value)}>
          <option value="">—</option>
          <option value="create">create</option>
          <option value="update">update</option>
          <option value="delete">delete</option>
        </select>
      </label>{' '}
      <button type="button" onClick={() => void run()}>
        {t('dryRun.run')}
      </button>
      <Problems error={error} reading />
      {result && (
        <div role="status" className="dry-run-result">
          <p>
            {t('dryRun.triggerMatched')}: <strong>{yes(result.triggerMatched)}</strong> · {t('dryRun.conditionMatched')}: <strong>{yes(result.conditionMatched)}</strong>
          </p>
          {result.conditionError && <p className="field-error">{result.conditionError}</p>}
          <ol className="results">
            {result.actions.map((a) => (
              <li key={a.index} className={a.wouldRun ? 'pass' : 'skip'}>
                <strong>{a.type}</strong> — {a.wouldRun ? t('dryRun.wouldRun') : t('dryRun.wouldNotRun')}
                {a.problem && <p className="field-error">{a.problem}</p>}
                {a.payload !== undefined && <Json value={a.payload} />}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
