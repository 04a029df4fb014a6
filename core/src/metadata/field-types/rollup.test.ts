import type { FieldDefinition, RollupDefinition } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { rollupResultType, rollupType } from './rollup.js';

const field = (rollup: Partial<RollupDefinition> = {}, s: Partial<FieldDefinition> = {}): FieldDefinition => ({
  id: 'company.pipeline',
  name: 'pipeline',
  type: 'rollup',
  label: { en: 'Pipeline' },
  source: 'core',
  rollup: { relation: 'deals', op: 'sum', field: 'amount', ...rollup },
  ...s,
});

describe('roll-up field', () => {
  it('is read-only: clients and imports cannot write it', () => {
    expect(rollupType.readOnly).toBe(true);
    expect(JSON.parse(JSON.stringify(rollupType.inputSchema(field())))).toEqual({ not: {} });
    expect(rollupType.parseCsv(field(), '12', {})).toEqual({ ok: false, message: expect.stringContaining('roll-up') });
    expect(rollupType.parseCsv(field(), ' ', {})).toEqual({ ok: true, value: null });
  });

  it.each([
    [{ op: 'count' }, 'integer', 'integer'],
    [{ op: 'sum' }, 'decimal', 'decimal'],
    [{ op: 'sum', resultType: 'integer' }, 'integer', 'integer'],
    [{ op: 'avg' }, 'decimal', 'decimal'],
    [{ op: 'min', resultType: 'date' }, 'date', 'date'],
    [{ op: 'max', resultType: 'datetime' }, 'datetime', 'datetime'],
  ] as const)('%j is stored as %s in a %s column', (rollup, resultType, kind) => {
    expect(rollupResultType(field(rollup))).toBe(resultType);
    expect(rollupType.columns(field(rollup))[0]?.kind).toBe(kind);
  });

  it('keeps the decimal scale it is given', () => {
    expect(rollupType.columns(field({}, { scale: 4 }))[0]).toMatchObject({ kind: 'decimal', scale: 4 });
    expect(rollupType.formatCsv(field(), 12.5)).toBe('12.50');
  });

  it('refuses settings that cannot be stored', () => {
    expect(rollupType.checkDefinition({ ...field(), rollup: undefined })).toEqual([expect.stringContaining('rollup is missing')]);
    expect(rollupType.checkDefinition(field({ op: 'median' as never }))).toEqual([expect.stringContaining('op must be one of count, sum, min, max, avg')]);
    expect(rollupType.checkDefinition(field({ op: 'count', resultType: 'date' }))).toEqual(['rollup.resultType of a count is integer']);
    expect(rollupType.checkDefinition(field({ op: 'avg', resultType: 'integer' }))).toEqual(['rollup.resultType of an average is decimal']);
    expect(rollupType.checkDefinition(field({ resultType: 'text' as never }))).toEqual([expect.stringContaining('resultType must be one of')]);
    expect(rollupType.checkDefinition(field({}, { scale: 12 }))).toEqual([expect.stringContaining('scale')]);
  });
});
