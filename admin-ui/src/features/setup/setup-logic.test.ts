import { describe, expect, it } from 'vitest';
import type { EntityMeta } from '../../api/types.js';
import { makeI18n } from '../../app/i18n.js';
import { conditionFields } from './condition-fields.js';
import { fromJsonLogic, toJsonLogic } from './ConditionBuilder.js';
import { changeSign, packageDiff } from './package-diff.js';
import { changedGrants } from './role-matrix.js';

const deal: EntityMeta = {
  name: 'deal',
  label: { en: 'Deal' },
  fields: [
    { name: 'title', type: 'text', label: { en: 'Title' } },
    { name: 'stage', type: 'select', label: { en: 'Stage' }, options: [{ value: 'won', label: { en: 'Won', es: 'Ganado' } }] },
    { name: 'amount', type: 'currency', label: { en: 'Amount' } },
    { name: 'probability', type: 'percent', label: { en: 'Probability' } },
    { name: 'extra', type: 'json', label: { en: 'Extra' } },
  ],
};
const i18n = makeI18n('en');

describe('the fields a condition may read', () => {
  it('lists fields by API name, composite values by their parts, no JSON field, and prefixes workflow conditions with record.', () => {
    const names = conditionFields(deal, i18n).map((f) => f.name);
    expect(names).toEqual(['title', 'stage', 'amount.amount', 'amount.currency', 'probability', 'id', 'createdBy']);
    expect(conditionFields(deal, i18n, 'record.')[1]!.name).toBe('record.stage');
    const stage = conditionFields(deal, makeI18n('es'))[1]!;
    expect(stage.values).toEqual([{ name: 'won', label: 'Ganado' }]);
    // Only operators that export plain JsonLogic the server knows: never beginsWith / endsWith.
    expect(conditionFields(deal, i18n)[0]!.operators!.map((o) => (o as { name: string }).name)).not.toContain('beginsWith');
  });
});

describe('conditions between the builder and JsonLogic', () => {
  const fields = conditionFields(deal, i18n);

  it('exports numbers as numbers and empty checks as == null, and reads its own output back', () => {
    const query = {
      combinator: 'and',
      rules: [
        { field: 'stage', operator: '=', value: 'won' },
        { field: 'amount.amount', operator: '<', value: '1000' },
        { field: 'title', operator: 'null', value: '' },
      ],
    };
    const logic = toJsonLogic(query);
    expect(logic).toEqual({ and: [{ '==': [{ var: 'stage' }, 'won'] }, { '<': [{ var: 'amount.amount' }, 1000] }, { '==': [{ var: 'title' }, null] }] });
    expect(toJsonLogic(fromJsonLogic(logic, fields)!)).toEqual(logic);
  });

  it('leaves a condition the builder cannot show exactly to the JSON editor, and an empty one undefined', () => {
    expect(fromJsonLogic({ and: [{ '==': [{ var: 'stage' }, 'won'] }, { '!': { var: 'amount.amount' } }] }, fields)).toBeNull();
    expect(fromJsonLogic({ '+': [1, 2] }, fields)).toBeNull();
    expect(toJsonLogic({ combinator: 'and', rules: [] })).toBeUndefined();
    expect(fromJsonLogic(undefined, fields)).toEqual({ combinator: 'and', rules: [] });
  });
});

describe('a role matrix as a PATCH', () => {
  const before = { deal: { create: 'own', read: 'team', edit: 'own', delete: 'none' }, company: { create: 'all', read: 'all', edit: 'own', delete: 'none' } } as const;

  it('sends only the entities whose grant changed; a grant set to none everywhere is taken away', () => {
    expect(changedGrants(before, before)).toEqual({});
    expect(changedGrants(before, { ...before, deal: { ...before.deal, delete: 'own' } })).toEqual({ deal: { create: 'own', read: 'team', edit: 'own', delete: 'own' } });
    expect(changedGrants(before, { ...before, company: { create: 'none', read: 'none', edit: 'none', delete: 'none' } })).toEqual({ company: null });
    expect(changedGrants(before, { ...before, activity: { create: 'none', read: 'none', edit: 'none', delete: 'none' } })).toEqual({});
    expect(changedGrants(before, { ...before, deal: { ...before.deal, fields: { margin: { read: false, edit: false } } } })).toEqual({ deal: { ...before.deal, fields: { margin: { read: false, edit: false } } } });
  });
});

describe('a package against this instance', () => {
  it('diffs file by file, new and changed files with context, identical ones left out, the manifest last', () => {
    const here = { 'kith-package.json': '{\n  "order": []\n}\n', 'entities/deal.json': '[\n  1,\n  2\n]\n', 'roles/a.json': '[]\n' };
    const incoming = { 'kith-package.json': '{\n  "order": ["x"]\n}\n', 'entities/deal.json': '[\n  1,\n  2,\n  3\n]\n', 'rules/deal.json': '[]\n', 'roles/a.json': '[]\n' };
    const diff = packageDiff(here, incoming);
    expect(diff.map((f) => [f.path, f.status])).toEqual([
      ['entities/deal.json', 'changed'],
      ['rules/deal.json', 'added'],
      ['kith-package.json', 'changed'],
    ]);
    expect(diff[0]!.hunks[0]!.lines).toEqual([
      { kind: ' ', text: '[' },
      { kind: ' ', text: '  1,' },
      { kind: '-', text: '  2' },
      { kind: '+', text: '  2,' },
      { kind: '+', text: '  3' },
      { kind: ' ', text: ']' },
    ]);
  });

  it('marks each planned change as the command line does', () => {
    expect(['addField', 'updateField', 'removeRule'].map((kind) => changeSign({ kind, destructive: false }))).toEqual(['+', '~', '-']);
    expect(changeSign({ kind: 'removeField', destructive: true })).toBe('!');
  });
});
