import { defineEntity, definePlugin } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { Errors } from '../errors/index.js';
import { metadataCheck, pluginsBlamedBy, problemsWithout } from './plugin-metadata.js';

const crm = definePlugin({ id: 'crm', version: '1.0.0', entities: [defineEntity({ name: 'account', fields: { name: { type: 'text' } } })], roles: [{ name: 'viewer', grants: {} }] });
const sales = definePlugin({
  id: 'sales',
  version: '1.0.0',
  requires: { crm: '^1.0.0' },
  entities: [defineEntity({ name: 'deal', fields: { account: { type: 'relation', target: 'account', inverse: 'deals' } } })],
  roles: [{ name: 'rep', grants: { deal: { create: 'all', read: 'all', edit: 'own', delete: 'none' }, account: { create: 'none', read: 'all', edit: 'none', delete: 'none' } } }],
});

describe('metadataCheck', () => {
  it('accepts plugins whose entities and roles fit with what they require', () => {
    const check = metadataCheck([crm, sales]);
    expect(check(crm)).toBeUndefined();
    expect(check(sales)).toBeUndefined();
  });

  it('refuses a role preset that grants on an entity of a plugin it does not require, naming that plugin', () => {
    const check = metadataCheck([crm, sales]);
    const reporting = definePlugin({ id: 'reporting', version: '1.0.0', roles: [{ name: 'analyst', grants: { account: { create: 'none', read: 'all', edit: 'none', delete: 'none' } } }] });
    check(crm);
    expect(check(reporting)).toMatchObject({ plugin: 'reporting', code: 'KITH_PLUGIN_METADATA_INVALID', errors: [{ field: 'roles.analyst.grants.account', message: expect.stringContaining('defined by plugin "crm": add "crm" to requires') }] });
  });

  it('keeps a name for the first plugin: a later one reusing an entity or role name fails', () => {
    const copycat = definePlugin({ id: 'copycat', version: '1.0.0', roles: [{ name: 'viewer', grants: {} }] });
    const check = metadataCheck([crm, copycat]);
    check(crm);
    expect(check(copycat)).toMatchObject({ code: 'KITH_PLUGIN_METADATA_INVALID', errors: [{ field: 'roles.viewer', message: expect.stringContaining('defined twice') }] });
  });
});

describe('pluginsBlamedBy', () => {
  it('maps the problems of a KITH_METADATA_INVALID to the plugins owning the entities and roles they name', () => {
    const error = Errors.definitionInvalid('The effective metadata', [
      { field: 'deal.account.inverse', code: 'KITH_METADATA_INVALID', message: 'clash' },
      { field: 'roles.viewer.grants.x', code: 'KITH_ROLE_INVALID', message: 'unknown' },
      { field: 'custom', code: 'KITH_METADATA_INVALID', message: 'not a plugin entity' },
      { field: 'account.cLink.target', code: 'KITH_METADATA_INVALID', message: "a consultant's field, not crm's" },
    ]);
    const blamed = pluginsBlamedBy(error, [crm, sales]);
    expect([...blamed.keys()]).toEqual(['sales', 'crm']);
    expect(blamed.get('sales')).toEqual([expect.objectContaining({ field: 'deal.account.inverse' })]);
  });
});

describe('problemsWithout', () => {
  it('reports a custom relation that would point at an entity of a stopping plugin', () => {
    const change = { kind: 'addField', entityId: 'account', field: { id: 'c.account.lastDeal', name: 'lastDeal', type: 'relation', target: 'deal', source: 'custom' }, seq: 1, createdAt: '', createdBy: null };
    const stored = [change] as unknown as Parameters<typeof problemsWithout>[2];
    expect(problemsWithout([crm, sales], new Set(['sales']), stored)).toEqual([expect.objectContaining({ field: 'c.account.lastDeal', code: 'KITH_CUSTOMISATION_CONFLICT', message: expect.stringMatching(/account\.lastDeal points to "deal"/) })]);
    expect(problemsWithout([crm, sales], new Set(['sales']), [])).toEqual([]);
  });
});
