import { describe, expect, it } from 'vitest';
import { isKithError, type KithError } from '../errors/index.js';
import type { PackageProblem } from './package-errors.js';
import { stableJson } from './package-format.js';
import { readPackage } from './read-package.js';

const field = { id: 'deal.region.a1b2c3', name: 'region', type: 'select', label: { en: 'Region' }, options: [{ value: 'north', label: { en: 'North' } }], source: 'custom' };
const valid = () => ({
  'kith-package.json': stableJson({ format: 1, plugins: { sales: '1.0.0' }, order: ['entities/deal.json', 'roles/rep.json', 'entities/deal.json'] }),
  'entities/deal.json': stableJson([
    { kind: 'addField', entityId: 'deal', field },
    { kind: 'updateField', entityId: 'deal', fieldId: field.id, changes: { required: true, addOptions: [{ value: 'south', label: { en: 'South' } }] } },
  ]),
  'roles/rep.json': stableJson([{ kind: 'addRole', role: { id: 'rep.x', name: 'rep', label: { en: 'Rep' }, grants: { deal: { create: 'own', read: 'team', edit: 'own', delete: 'none' } }, source: 'custom' } }]),
});

function problemsOf(files: Record<string, string>): PackageProblem[] {
  try {
    readPackage(files);
  } catch (error) {
    expect(isKithError(error) && error.code).toBe('KITH_PACKAGE_INVALID');
    expect((error as KithError).status).toBe(400);
    return (error as KithError).errors as PackageProblem[];
  }
  throw new Error('expected KITH_PACKAGE_INVALID');
}

describe('reading a customisation package', () => {
  it('returns the customisations in the order the manifest gives, across files', () => {
    const pkg = readPackage(valid());
    expect(pkg.items.map((i) => `${i.file}[${i.index}] ${i.change.kind}`)).toEqual(['entities/deal.json[0] addField', 'roles/rep.json[0] addRole', 'entities/deal.json[1] updateField']);
  });

  it('writes files deterministically: keys in a fixed order (kind, id, name, type first), 2 spaces, a trailing newline', () => {
    const text = stableJson({ type: 'x', b: { z: 1, a: [3, 1] }, kind: 'k', a: undefined });
    expect(text).toBe('{\n  "kind": "k",\n  "type": "x",\n  "b": {\n    "a": [\n      3,\n      1\n    ],\n    "z": 1\n  }\n}\n');
  });

  it('names the file and JSON path of an unknown key', () => {
    const files = valid();
    const items = JSON.parse(files['entities/deal.json']) as Record<string, unknown>[];
    items[1] = { ...items[1], colour: 'red' };
    const problems = problemsOf({ ...files, 'entities/deal.json': JSON.stringify(items) });
    expect(problems).toEqual([expect.objectContaining({ file: 'entities/deal.json', path: '[1].colour', field: 'entities/deal.json: [1].colour', message: expect.stringMatching(/^unknown key; the keys allowed here are "kind", "entityId", "fieldId", "changes"/) })]);
  });

  it('names the file and JSON path of a wrong type, with the values allowed', () => {
    const files = valid();
    const bad = files['entities/deal.json'].replace('"type": "select"', '"type": "dropdown"').replace('"required": true', '"required": "yes"');
    const problems = problemsOf({ ...files, 'entities/deal.json': bad });
    expect(problems.map((p) => [p.file, p.path])).toEqual([
      ['entities/deal.json', '[0].field.type'],
      ['entities/deal.json', '[1].changes.required'],
    ]);
    expect(problems[0]!.message).toMatch(/^expected one of "text", "longText", .*"select".*; got "dropdown"$/);
    expect(problems[1]!.message).toBe('expected boolean; got "yes"');
  });

  it('refuses a kind in the wrong folder, an unknown file, bad JSON, a missing manifest and a __proto__ key', () => {
    const files = valid();
    const problems = problemsOf({
      'entities/deal.json': files['entities/deal.json'].replace('"kind": "addField"', '"kind": "addRole"'),
      'entity/deal.json': '[]',
      'rules/deal.json': '[{',
      'roles/rep.json': '[{"__proto__": {"polluted": true}}]',
    });
    expect(problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      'entities/deal.json: [0].kind: "addRole" belongs in roles/, not entities/',
      expect.stringMatching(/^entity\/deal.json: not a package file/),
      'roles/rep.json: a "__proto__" key is not allowed',
      expect.stringMatching(/^rules\/deal.json: not valid JSON/),
      'kith-package.json: missing: every package has a kith-package.json',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('checks the manifest: its format, unknown keys, and that its order lists each file once per customisation', () => {
    const files = valid();
    expect(problemsOf({ ...files, 'kith-package.json': stableJson({ format: 2, plugins: {}, order: [], exportedAt: 'today' }) }).map((p) => p.path)).toEqual(['exportedAt', 'format']);
    const short = stableJson({ format: 1, plugins: {}, order: ['entities/deal.json', 'roles/rep.json', 'rules/deal.json'] });
    expect(problemsOf({ ...files, 'kith-package.json': short }).map((p) => p.message)).toEqual([
      expect.stringMatching(/names "entities\/deal.json" 1 time\(s\), but the file holds 2 customisation\(s\)/),
      'names "rules/deal.json", which is not in the package',
    ]);
  });
});
