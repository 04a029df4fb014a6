import { useId } from 'react';
import { useI18n } from '../../app/i18n.js';

/** The body of a dry-run: a stored record's id and/or a sample record (changes laid over it). */
export function sampleBody(recordId: string, sample: string, idKey: 'id' | 'recordId'): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (recordId.trim()) body[idKey] = Number(recordId);
  const record = sample.trim() ? (JSON.parse(sample) as unknown) : {};
  if (record && typeof record === 'object' && Object.keys(record).length > 0) body.record = record;
  return body;
}

/** The two inputs of a dry-run: a record id, and a sample record as JSON. */
export function SampleInput({ recordId, onRecordId, sample, onSample }: { recordId: string; onRecordId: (v: string) => void; sample: string; onSample: (v: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="form-grid">
      <label htmlFor={`${id}-record`}>
        {t('dryRun.recordId')}
        <input id={`${id}-record`} inputMode="numeric" value={recordId} onChange={(e) => onRecordId(e.target.value.replace(/\D/g, ''))} />
      </label>
      <label htmlFor={`${id}-sample`} className="wide">
        {t('dryRun.sample')}
        <textarea id={`${id}-sample`} className="code" rows={3} value={sample} onChange={(e) => onSample(e.target.value)} />
      </label>
    </div>
  );
}
