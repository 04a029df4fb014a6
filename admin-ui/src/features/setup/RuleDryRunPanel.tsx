import { useState } from 'react';
import type { EntityMeta } from '../../api/types.js';
import { useI18n } from '../../app/i18n.js';
import { setupApi, type RuleDryRun } from './setup-api.js';
import { Json, Problems } from './setup-ui.js';
import { SampleInput, sampleBody } from './SampleInput.js';

/**
 * The rule dry-run: the condition being edited (in place of the stored rule's) against a sample
 * record or a stored one with changes; the server writes nothing.
 */
export function RuleDryRunPanel({ entity, rule, condition }: { entity: EntityMeta; rule: string | undefined; condition: unknown }) {
  const { t } = useI18n();
  const [recordId, setRecordId] = useState('');
  const [sample, setSample] = useState('{}');
  const [result, setResult] = useState<RuleDryRun | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = async () => {
    setError(null);
    setResult(null);
    try {
      const body = { ...sampleBody(recordId, sample, 'id'), ...(rule ? { rule } : {}), ...(condition !== undefined ? { condition } : {}) };
      setResult(await setupApi.testRules(entity.name, body));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="dry-run" aria-labelledby="rule-dry-run-title">
      <h3 id="rule-dry-run-title">{t('dryRun.title')}</h3>
      <p className="muted">{t('dryRun.rulesHint')}</p>
      <SampleInput recordId={recordId} onRecordId={setRecordId} sample={sample} onSample={setSample} />
      <button type="button" onClick={() => void run()}>
        {t('dryRun.run')}
      </button>
      <Problems error={error} reading />
      {result && (
        <div role="status" className="dry-run-result">
          {result.results.length === 0 && <p>{t('dryRun.noRules')}</p>}
          <ul className="results">
            {result.results.map((r, i) => (
              <li key={i} className={r.failed ? 'fail' : 'pass'}>
                <strong>{r.failed ? t('dryRun.refused') : t('dryRun.passes')}</strong> <code>{r.rule ?? t('dryRun.thisCondition')}</code>
                {r.failed && r.message && <span> — “{r.message}”</span>}
                {r.fields && r.fields.length > 0 && <span className="muted"> ({r.fields.join(', ')})</span>}
                {r.active === false && <span className="muted"> · {t('dryRun.inactive')}</span>}
                {r.error && <p className="field-error">{r.error}</p>}
              </li>
            ))}
          </ul>
          <details>
            <summary>{t('dryRun.record')}</summary>
            <Json value={result.record} />
          </details>
        </div>
      )}
    </section>
  );
}
