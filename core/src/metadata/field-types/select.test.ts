import type { FieldDefinition, SelectOption } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { multiSelectType } from './multi-select.js';
import { selectType } from './select.js';

const options: SelectOption[] = [
  { value: 'new', label: { en: 'New', de: 'Neu' } },
  { value: 'won', label: { en: 'Won', de: 'Gewonnen' } },
  { value: 'lost', label: { en: 'Lost' } },
];
const field = (s: Partial<FieldDefinition> = {}): FieldDefinition => ({
  id: 'deal.stage', name: 'stage', type: 'select', label: { en: 'Stage' }, source: 'core', options,
  ...s,
});
const multi = (s: Partial<FieldDefinition> = {}) => field({ type: 'multiSelect', name: 'tags', ...s });

describe('select field', () => {
  it('describes its values as a plain string enum, which forms can render', () => {
    const schema = selectType.inputSchema(field());
    expect(JSON.parse(JSON.stringify(schema))).toEqual({ type: 'string', enum: ['new', 'won', 'lost'] });
    expect(schema).not.toHaveProperty('anyOf');
    expect(JSON.parse(JSON.stringify(selectType.outputSchema(field())))).toEqual({ type: 'string', enum: ['new', 'won', 'lost'] });
  });

  it('accepts option values only, listing them when it refuses', () => {
    expect(selectType.normalise(field(), 'won')).toEqual({ ok: true, value: 'won' });
    const result = selectType.normalise(field(), 'Won');
    expect(!result.ok && result.message).toMatch(/new, won, lost/);
  });

  it('checks options', () => {
    expect(selectType.checkDefinition(field())).toEqual([]);
    expect(selectType.checkDefinition(field({ options: [] }))[0]).toMatch(/needs options/);
    expect(selectType.checkDefinition(field({ options: [options[0]!, options[0]!] }))[0]).toMatch(/twice/);
    expect(selectType.checkDefinition(field({ options: [{ value: 'x'.repeat(256), label: { en: 'X' } }] }))[0]).toMatch(/255/);
  });

  it('reads CSV cells by value or by a label, ignoring case', () => {
    expect(selectType.parseCsv(field(), 'won', {})).toEqual({ ok: true, value: 'won' });
    expect(selectType.parseCsv(field(), ' WON ', {})).toEqual({ ok: true, value: 'won' });
    expect(selectType.parseCsv(field(), 'Gewonnen', {})).toEqual({ ok: true, value: 'won' });
    expect(selectType.parseCsv(field(), 'maybe', {}).ok).toBe(false);
  });

  it('refuses a cell two options could mean', () => {
    const clash = field({ options: [{ value: 'a', label: { en: 'B' } }, { value: 'b', label: { en: 'Other' } }] });
    const result = selectType.parseCsv(clash, 'B', {});
    expect(!result.ok && result.message).toMatch(/could mean a or b/);
  });
});

describe('multiSelect field', () => {
  it('is an array of unique enum values in a json column', () => {
    expect(JSON.parse(JSON.stringify(multiSelectType.inputSchema(multi())))).toEqual({
      type: 'array',
      items: { type: 'string', enum: ['new', 'won', 'lost'] },
      uniqueItems: true,
    });
    expect(multiSelectType.columns(multi())).toEqual([{ key: '', suffix: '', kind: 'json' }]);
    expect(multiSelectType.operators).toEqual(['$in', '$nin', '$null']);
  });

  it('stores the selection in option order, and an empty one as null', () => {
    expect(multiSelectType.normalise(multi(), ['lost', 'new'])).toEqual({ ok: true, value: ['new', 'lost'] });
    expect(multiSelectType.normalise(multi(), [])).toEqual({ ok: true, value: null });
  });

  it('refuses unknown and repeated values', () => {
    expect(multiSelectType.normalise(multi(), ['new', 'maybe']).ok).toBe(false);
    expect(multiSelectType.normalise(multi(), ['new', 'new']).ok).toBe(false);
    expect(multiSelectType.normalise(multi(), 'new').ok).toBe(false);
  });

  it('reads ;-separated cells and writes them back', () => {
    expect(multiSelectType.parseCsv(multi(), 'won; Lost;;won', {})).toEqual({ ok: true, value: ['won', 'lost'] });
    expect(multiSelectType.formatCsv(multi(), ['new', 'lost'])).toBe('new;lost');
    expect(multiSelectType.parseCsv(multi(), 'won;maybe', {}).ok).toBe(false);
  });

  it('refuses option values containing the CSV separator', () => {
    expect(multiSelectType.checkDefinition(multi({ options: [{ value: 'a;b', label: { en: 'AB' } }] }))[0]).toMatch(/";"/);
  });
});
