import type { FieldDefinition } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { computedType } from './computed.js';

const field = (s: Partial<FieldDefinition> = {}): FieldDefinition => ({
  id: 'deal.weighted',
  name: 'weighted',
  type: 'computed',
  label: { en: 'Weighted' },
  source: 'core',
  formula: { '*': [{ var: 'amount' }, 0.5] },
  resultType: 'decimal',
  ...s,
});

describe('computed field', () => {
  it('is read-only: clients cannot write it', () => {
    expect(computedType.readOnly).toBe(true);
    expect(JSON.parse(JSON.stringify(computedType.inputSchema(field())))).toEqual({ not: {} });
    expect(computedType.parseCsv(field(), '12', {}).ok).toBe(false);
    expect(computedType.parseCsv(field(), '', {})).toEqual({ ok: true, value: null });
  });

  it.each([
    ['text', 'text', undefined],
    ['integer', 'integer', undefined],
    ['decimal', 'decimal', 2],
    ['boolean', 'boolean', undefined],
    ['date', 'date', undefined],
  ] as const)('stores a %s result in a %s column', (resultType, kind, scale) => {
    const [column] = computedType.columns(field({ resultType }));
    expect(column?.kind).toBe(kind);
    expect(column?.scale).toBe(scale);
    if (resultType === 'text') expect(column?.length).toBeUndefined();
  });

  it('normalises the result like its result type', () => {
    expect(computedType.normalise(field(), 10.456)).toEqual({ ok: true, value: 10.46 });
    expect(computedType.normalise(field({ resultType: 'integer' }), 1.5).ok).toBe(false);
    expect(computedType.normalise(field({ resultType: 'date' }), '2026-02-30').ok).toBe(false);
    expect(computedType.outputSchema(field({ resultType: 'boolean' }))).toMatchObject({ type: 'boolean' });
    expect(computedType.formatCsv(field(), 3.5)).toBe('3.50');
  });

  it('checks formula, resultType and the result type settings', () => {
    expect(computedType.checkDefinition(field())).toEqual([]);
    expect(computedType.checkDefinition(field({ formula: undefined }))[0]).toMatch(/formula/);
    expect(computedType.checkDefinition(field({ resultType: 'money' as never }))[0]).toMatch(/resultType must be one of text, integer/);
    expect(computedType.checkDefinition(field({ scale: 12 }))[0]).toMatch(/scale/);
  });

  it('refuses to build columns for an unknown resultType with a coded error', () => {
    expect(() => computedType.columns(field({ resultType: 'money' as never }))).toThrow(expect.objectContaining({ code: 'KITH_METADATA_INVALID' }));
  });
});
