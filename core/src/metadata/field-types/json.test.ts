import type { FieldDefinition } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { booleanType } from './boolean.js';
import { jsonType } from './json.js';

const field = (s: Partial<FieldDefinition> = {}): FieldDefinition => ({
  id: 'contact.extra', name: 'extra', type: 'json', label: { en: 'Extra' }, source: 'core',
  ...s,
});

describe('json field', () => {
  it('stores any JSON value and only supports $null', () => {
    for (const value of [{ a: [1, 'b', null] }, [1, 2], 'text', 3.5, true]) {
      expect(jsonType.normalise(field(), value)).toEqual({ ok: true, value });
    }
    expect(jsonType.operators).toEqual(['$null']);
  });

  it('refuses documents over 64 KB, counted in UTF-8 bytes', () => {
    expect(jsonType.normalise(field(), 'x'.repeat(64 * 1024 - 2)).ok).toBe(true);
    expect(jsonType.normalise(field(), 'x'.repeat(64 * 1024 - 1)).ok).toBe(false);
    expect(jsonType.normalise(field(), 'é'.repeat(40 * 1024)).ok).toBe(false);
  });

  it('refuses NUL in keys and strings, which jsonb cannot store, but not an escaped backslash-u', () => {
    expect(jsonType.normalise(field(), { a: ['x\u0000'] }).ok).toBe(false);
    expect(jsonType.normalise(field(), { 'k\u0000': 1 }).ok).toBe(false);
    expect(jsonType.normalise(field(), { a: '\\u0000' }).ok).toBe(true);
  });

  it('reads JSON cells', () => {
    expect(jsonType.parseCsv(field(), '{"a":1}', {})).toEqual({ ok: true, value: { a: 1 } });
    expect(jsonType.parseCsv(field(), '{a:1}', {}).ok).toBe(false);
    expect(jsonType.formatCsv(field(), { a: 1 })).toBe('{"a":1}');
  });
});

describe('boolean field', () => {
  it.each([
    ['true', true],
    ['FALSE', false],
    [' Yes ', true],
    ['no', false],
    ['1', true],
    ['0', false],
  ])('reads %j as %s', (cell, expected) => {
    expect(booleanType.parseCsv(field(), cell, {})).toEqual({ ok: true, value: expected });
  });

  it('refuses other words and non-booleans', () => {
    expect(booleanType.parseCsv(field(), 'maybe', {}).ok).toBe(false);
    expect(booleanType.parseCsv(field(), 'constructor', {}).ok).toBe(false);
    expect(booleanType.normalise(field(), 1).ok).toBe(false);
    expect(booleanType.operators).toEqual(['$eq', '$ne', '$null']);
  });
});
