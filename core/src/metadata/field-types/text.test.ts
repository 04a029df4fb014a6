import type { FieldDefinition } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { longTextType } from './long-text.js';
import { textType } from './text.js';

const field = (s: Partial<FieldDefinition> = {}): FieldDefinition => ({
  id: 'contact.note', name: 'note', type: 'text', label: { en: 'Note' }, source: 'core',
  ...s,
});

describe('text field', () => {
  it('stores text as given, without trimming', () => {
    expect(textType.normalise(field(), '  Ada  ')).toEqual({ ok: true, value: '  Ada  ' });
  });

  it('refuses NUL, which PostgreSQL cannot store', () => {
    const result = textType.normalise(field(), 'a\u0000b');
    expect(!result.ok && result.message).toMatch(/NUL/);
  });

  it('limits length to maxLength, default 255, counting characters not UTF-16 units', () => {
    expect(textType.normalise(field(), 'x'.repeat(255)).ok).toBe(true);
    expect(textType.normalise(field(), 'x'.repeat(256)).ok).toBe(false);
    expect(textType.normalise(field({ maxLength: 3 }), '😀😀😀').ok).toBe(true);
    expect(textType.columns(field({ maxLength: 80 }))).toEqual([{ key: '', suffix: '', kind: 'text', length: 80 }]);
    expect(textType.columns(field())[0]?.length).toBe(255);
  });

  it.each([0, -1, 2.5, 10_001])('refuses maxLength %d', (maxLength) => {
    expect(textType.checkDefinition(field({ maxLength }))[0]).toMatch(/maxLength/);
  });

  it('reads blank cells as null and keeps others as they are', () => {
    expect(textType.parseCsv(field(), '  ', {})).toEqual({ ok: true, value: null });
    expect(textType.parseCsv(field(), ' a ', {})).toEqual({ ok: true, value: ' a ' });
  });
});

describe('longText field', () => {
  const long = (s: Partial<FieldDefinition> = {}) => field({ type: 'longText', ...s });

  it('uses an unbounded column and a 100,000-character default limit', () => {
    expect(longTextType.columns(long())).toEqual([{ key: '', suffix: '', kind: 'text' }]);
    expect(longTextType.normalise(long(), 'x'.repeat(100_000)).ok).toBe(true);
    expect(longTextType.normalise(long(), 'x'.repeat(100_001)).ok).toBe(false);
    expect(longTextType.normalise(long(), 'line\u0000').ok).toBe(false);
    expect(longTextType.widget).toBe('textarea');
  });
});
