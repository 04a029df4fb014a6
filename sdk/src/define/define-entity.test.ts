import { describe, expect, it } from 'vitest';
import { DefinitionError } from '../errors/definition-error.js';
import { defineEntity } from './define-entity.js';
import { definePlugin } from './define-plugin.js';

describe('defineEntity', () => {
  it('normalises fields: stable ids, readable labels and plurals, option labels', () => {
    const e = defineEntity({ name: 'company', fields: { expectedClose: { type: 'date' }, source: { type: 'select', options: ['cold-call', 'web'] } } });
    expect(e.labelPlural.en).toBe('Companies');
    expect(e.fields[0]).toMatchObject({ id: 'company.expectedClose', label: { en: 'Expected close' }, source: 'core' });
    expect(e.fields[1]!.options!.map((o) => o.label.en)).toEqual(['Cold call', 'Web']);
    expect(defineEntity({ name: 'address', fields: {} }).labelPlural.en).toBe('Addresses');
    expect(Object.isFrozen(e.fields[0])).toBe(true);
  });

  it('reports every problem at once', () => {
    let error: unknown;
    try {
      defineEntity({
        name: 'Bad Name',
        fields: { createdAt: { type: 'text' }, kind: { type: 'select' }, parent: { type: 'relation' }, x: { type: 'rainbow' as never } },
        ownerField: 'kind',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DefinitionError);
    const paths = (error as DefinitionError).problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'fields.createdAt', 'fields.kind.options', 'fields.parent.target', 'fields.x.type', 'ownerField']));
  });
});

describe('definePlugin', () => {
  it('stamps its entities with the plugin as source and validates id and version', () => {
    const p = definePlugin({ id: 'acme-sales', version: '1.2.0', entities: [defineEntity({ name: 'quote', fields: { total: { type: 'decimal' } } })] });
    expect(p.entities[0]!.source).toBe('plugin:acme-sales');
    expect(p.entities[0]!.fields[0]!.source).toBe('plugin:acme-sales');
    expect(() => definePlugin({ id: 'Acme Sales', version: '1.0' })).toThrow(/not a valid plugin id[\s\S]*not a semantic version/);
  });
});
