import { defineEntity, type RoleDefinition } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../metadata/compile/compile-model.js';
import { entityAccess } from './entity-access.js';

const deal = defineEntity({ name: 'deal', ownerField: 'owner', fields: { title: { type: 'text' }, margin: { type: 'decimal' }, owner: { type: 'user' }, region: { type: 'text' } } });
const note = defineEntity({ name: 'note', fields: { body: { type: 'text' } } });
const role = (name: string, grants: RoleDefinition['grants']): RoleDefinition => ({ id: name, name, label: { en: name }, grants, source: 'custom' });
const rep = role('rep', { deal: { create: 'own', read: 'own', edit: 'own', delete: 'none', fields: { margin: { read: false, edit: false } } } });
const south = role('south', { deal: { create: 'none', read: 'all', edit: 'none', delete: 'none', condition: { '==': [{ var: 'region' }, 'south'] }, fields: { margin: { read: true, edit: false } } } });
const model = compileModel([deal, note], 'sqlite', 1, [], [rep, south]);
const dealC = model.entities.get('deal')!;
const noteC = model.entities.get('note')!;

describe('entityAccess', () => {
  it('gives administrators everything and a user with no role nothing', () => {
    expect(entityAccess(model, dealC, { userId: 1, channel: 'api', isAdmin: true }).read).toEqual({ allowed: true, filter: undefined });
    const none = entityAccess(model, dealC, { userId: 2, channel: 'api', roles: [] });
    expect([none.read.allowed, none.create.allowed, none.edit.allowed, none.delete.allowed]).toEqual([false, false, false, false]);
  });

  it('turns scopes into filters on the owner field and hides restricted fields', () => {
    const a = entityAccess(model, dealC, { userId: 5, channel: 'api', roles: ['rep'], teamUserIds: [5, 6] });
    expect(a.read).toEqual({ allowed: true, filter: { owner: 5 } });
    expect(a.delete.allowed).toBe(false);
    expect([...a.readable!].sort()).toEqual(['owner', 'region', 'title']);
    expect(entityAccess(model, noteC, { userId: 5, channel: 'api', roles: ['rep'] }).read.allowed).toBe(false);
  });

  it('combines several roles as a union of rows and fields', () => {
    const a = entityAccess(model, dealC, { userId: 5, channel: 'api', roles: ['rep', 'south'] });
    expect(a.read.filter).toEqual({ $or: [{ owner: 5 }, { region: { $eq: 'south' } }] });
    expect(a.edit.filter).toEqual({ owner: 5 });
    expect(a.readable).toBeUndefined();
    expect([...a.editable!].sort()).toEqual(['owner', 'region', 'title']);
  });

  it('team scope reaches the owners who share a team with the caller', () => {
    const team = compileModel([deal], 'sqlite', 1, [], [role('mgr', { deal: { create: 'team', read: 'team', edit: 'team', delete: 'own' } })]);
    const a = entityAccess(team, team.entities.get('deal')!, { userId: 5, channel: 'api', roles: ['mgr'], teamUserIds: [5, 6, 7] });
    expect(a.read.filter).toEqual({ owner: { $in: [5, 6, 7] } });
    expect(a.delete.filter).toEqual({ owner: 5 });
  });
});
