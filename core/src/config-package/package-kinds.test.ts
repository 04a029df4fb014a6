import { describe, expect, it } from 'vitest';
import type { CompiledModel } from '../metadata/compile/compiled-types.js';
import type { CustomisationChange, CustomisationKind } from '../metadata/customisation.js';
import { describeChange, fileOf } from './describe-change.js';
import { NameBook } from './name-book.js';
import { MANIFEST, PACKAGE_FORMAT, stableJson } from './package-format.js';
import { PACKAGE_FILE, PACKAGE_FOLDERS, type ChangeOf } from './package-kinds.js';
import { readPackage } from './read-package.js';

const labels = (en: string) => ({ en });
const region = { id: 'visit.region.a1', name: 'region', type: 'select', label: labels('Region'), options: [{ value: 'north', label: labels('North') }], source: 'custom' } as const;
const grant = { create: 'own', read: 'all', edit: 'own', delete: 'none' } as const;

// One of each kind, in an order that applies: a new kind fails to compile here until it has one.
const samples: { readonly [K in CustomisationKind]: ChangeOf<K> } = {
  addEntity: { kind: 'addEntity', entity: { id: 'visit.e1', name: 'visit', label: labels('Visit'), labelPlural: labels('Visits'), fields: [{ id: 'visit.subject.b2', name: 'subject', type: 'text', label: labels('Subject'), source: 'custom' }], indexes: [], source: 'custom' } },
  updateEntity: { kind: 'updateEntity', entityId: 'visit.e1', changes: { label: labels('Site visit') } },
  addField: { kind: 'addField', entityId: 'visit.e1', field: region },
  updateField: { kind: 'updateField', entityId: 'visit.e1', fieldId: region.id, changes: { required: true, addOptions: [{ value: 'south', label: labels('South') }] } },
  removeField: { kind: 'removeField', entityId: 'visit.e1', fieldId: region.id },
  addIndex: { kind: 'addIndex', entityId: 'visit.e1', index: { fields: ['subject'], unique: true } },
  addRole: { kind: 'addRole', role: { id: 'visitor.r1', name: 'visitor', label: labels('Visitor'), grants: { visit: grant }, source: 'custom' } },
  updateRole: { kind: 'updateRole', roleId: 'visitor.r1', changes: { grants: { visit: null } } },
  addRule: { kind: 'addRule', rule: { id: 'visit.needsSubject.c3', name: 'needsSubject', entity: 'visit', condition: { '!': { var: 'subject' } }, message: labels('A visit needs a subject.'), fields: ['subject'], active: true, source: 'custom' } },
  updateRule: { kind: 'updateRule', ruleId: 'visit.needsSubject.c3', changes: { active: false } },
  removeRule: { kind: 'removeRule', ruleId: 'visit.needsSubject.c3' },
  addWorkflow: {
    kind: 'addWorkflow',
    workflow: { id: 'visit-follow-up', label: labels('Follow up'), entity: 'visit', trigger: { type: 'schedule', cron: '0 8 * * 1-5', timezone: 'America/Lima' }, actions: [{ type: 'crm.remind', params: { days: 2 } }], enabled: true, version: 1, source: 'custom' },
  },
  updateWorkflow: { kind: 'updateWorkflow', workflowId: 'visit-follow-up', changes: { condition: null, enabled: false } },
  removeWorkflow: { kind: 'removeWorkflow', workflowId: 'visit-follow-up' },
  setLayout: { kind: 'setLayout', entityId: 'visit.e1', layout: { sections: [{ label: { en: 'Main', es: 'Principal' }, columns: 2, fields: ['visit.subject.b2'] }] } },
};

const emptyModel = { revision: 0, dialect: 'sqlite', entities: new Map(), roles: new Map(), workflows: new Map(), conflicts: [] } as unknown as CompiledModel;

describe('customisation kinds in a package', () => {
  it('every kind travels: it has a package file and reads back exactly as written, in order', () => {
    const changes = Object.values(samples) as CustomisationChange[];
    const names = new NameBook(emptyModel, changes);
    const byFile = new Map<string, CustomisationChange[]>();
    for (const c of changes) byFile.set(fileOf(c, names), [...(byFile.get(fileOf(c, names)) ?? []), c]);
    expect([...byFile.keys()].every((f) => PACKAGE_FILE.test(f))).toBe(true);
    expect([...byFile.keys()].sort()).toEqual(['entities/visit.json', 'layouts/visit.json', 'roles/visitor.json', 'rules/visit.json', 'workflows/visit-follow-up.json']);
    const files = Object.fromEntries([[MANIFEST, stableJson({ format: PACKAGE_FORMAT, plugins: {}, order: changes.map((c) => fileOf(c, names)) })], ...[...byFile].map(([f, cs]) => [f, stableJson(cs)])]);
    expect(readPackage(files).items.map((i) => i.change)).toEqual(changes);
  });

  it('names each change by the names the package introduces', () => {
    const names = new NameBook(emptyModel, Object.values(samples) as CustomisationChange[]);
    const summaries = (Object.values(samples) as CustomisationChange[]).map((c) => describeChange(c, names));
    expect(summaries).toEqual([
      'add entity visit (1 field)',
      'change entity visit: label',
      'add field visit.region (select)',
      'change field visit.region: required, add options south',
      'remove field visit.region',
      'add unique index on visit (subject)',
      'add role visitor (grants on visit)',
      'change role visitor: revoke visit',
      'add rule visit.needsSubject',
      'change rule visit.needsSubject: active',
      'remove rule visit.needsSubject',
      'add workflow visit-follow-up (schedule on visit, 1 action)',
      'change workflow visit-follow-up: condition, enabled',
      'remove workflow visit-follow-up',
      'set layout of visit (1 section: Main)',
    ]);
  });

  it('keeps each folder to its own kinds', () => {
    expect(Object.fromEntries(PACKAGE_FOLDERS)).toEqual({
      entities: ['addEntity', 'updateEntity', 'addField', 'updateField', 'removeField', 'addIndex'],
      roles: ['addRole', 'updateRole'],
      rules: ['addRule', 'updateRule', 'removeRule'],
      workflows: ['addWorkflow', 'updateWorkflow', 'removeWorkflow'],
      layouts: ['setLayout'],
    });
  });
});
