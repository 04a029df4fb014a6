import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../tests/support/databases.js';
import { httpClient, q } from '../../../tests/support/http.js';
import { crm } from './index.js';

const databases = await testDatabases();
const PASSWORD = 'crm test password';

describe.each(databases)('the crm plugin on $name', (database) => {
  let app: TestApp;
  let drop: () => Promise<void>;
  let admin: ReturnType<typeof httpClient>;
  let rep: ReturnType<typeof httpClient>;
  let repId: number;

  const created = async (entity: string, body: Record<string, unknown>) => {
    const res = await admin.post(`/api/v1/records/${entity}`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    app = await createTestApp({
      plugins: [crm],
      databaseUrl: fresh.url,
      seed: true,
      initialUsers: [{ email: 'ana.quispe@example.com', password: PASSWORD, name: 'Ana', roles: ['only-own-activities'] }],
      customisations: [
        {
          kind: 'addRole',
          role: {
            id: 'only-own-activities',
            name: 'only-own-activities',
            label: { en: 'Own activities' },
            grants: {
              account: { create: 'none', read: 'all', edit: 'none', delete: 'none' },
              contact: { create: 'none', read: 'all', edit: 'none', delete: 'none', fields: { email: { read: false, edit: false } } },
              activity: { create: 'all', read: 'own', edit: 'own', delete: 'none' },
            },
            source: 'custom',
          },
        },
      ],
    });
    admin = httpClient(app.server, app.adminHeaders);
    const login = await admin.post('/api/v1/auth/login', { email: 'ana.quispe@example.com', password: PASSWORD });
    repId = login.body.user.id;
    rep = httpClient(app.server, { authorization: `Bearer ${login.body.token}` });
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('seeds a real-looking book of accounts, people and activities, owned by the demo’s sales people', async () => {
    const accounts = (await admin.get(`/api/v1/records/account${q({ count: true, limit: 100 })}`)).body;
    expect(accounts.total).toBeGreaterThanOrEqual(15);
    const minera = accounts.data.find((a: { name: string }) => a.name === 'Minera Cordillera Blanca – Unidad Sur');
    expect(minera.parent).toEqual(expect.any(Number));
    const contacts = (await admin.get(`/api/v1/records/contact${q({ filter: { email: 'rosa.villanueva@cementosdelnorte.com.pe' } })}`)).body.data;
    expect(contacts[0]).toMatchObject({ name: { first: 'Rosa', last: 'Villanueva Castro' }, mobile: '+51987321654', consentChannels: ['email', 'phone'] });
    const own = (await admin.get(`/api/v1/records/activity${q({ filter: { owner: repId }, count: true, limit: 1 })}`)).body.total;
    expect(own).toBeGreaterThan(0);
  });

  describe('timeline', () => {
    let account: { id: number };
    let contact: { id: number };
    beforeAll(async () => {
      account = await created('account', { name: 'Timeline Test S.A.', website: 'https://timeline.example' });
      contact = await created('contact', { name: { first: 'Tina', last: 'Lopez' }, account: account.id, email: 'tina@timeline.example' });
      for (let i = 0; i < 7; i++) {
        await created('activity', { subject: `Call ${i}`, type: 'call', account: account.id, contact: i % 2 === 0 ? contact.id : undefined, occurredAt: `2030-01-0${i + 1}T10:00:00.000Z`, ...(i < 3 ? { owner: repId } : {}) });
      }
      // Two at the same instant: the order is still total (time, entity, id).
      await created('activity', { subject: 'Same time A', type: 'note', account: account.id, occurredAt: '2030-01-05T10:00:00.000Z' });
    });

    it('pages through contacts and activities newest first with a keyset cursor, every item once', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await admin.get(`/api/v1/plugins/crm/accounts/${account.id}/timeline?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        seen.push(...res.body.data.map((i: { entity: string; title: string }) => `${i.entity}:${i.title}`));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      // Same instant, same entity: the higher id first. The contact was created today, before 2030.
      expect(seen).toEqual([
        'activity:Call 6', 'activity:Call 5', 'activity:Same time A', 'activity:Call 4', 'activity:Call 3',
        'activity:Call 2', 'activity:Call 1', 'activity:Call 0', 'contact:Tina Lopez',
      ]);
      expect(pages).toBe(3);
    });

    it('is permission-aware: a role reading only its own activities, and no contact e-mails, sees just those', async () => {
      const res = await rep.get(`/api/v1/plugins/crm/accounts/${account.id}/timeline?limit=50`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const activities = res.body.data.filter((i: { entity: string }) => i.entity === 'activity');
      expect(activities.map((i: { title: string }) => i.title)).toEqual(['Call 2', 'Call 1', 'Call 0']);
      const tina = res.body.data.find((i: { entity: string }) => i.entity === 'contact');
      expect(tina.record.email).toBeUndefined();
      const contactView = await rep.get(`/api/v1/plugins/crm/contacts/${contact.id}/timeline`);
      expect(contactView.body.data.map((i: { title: string }) => i.title)).toEqual(['Call 2', 'Call 0']);
      expect((await rep.get('/api/v1/plugins/crm/accounts/999999/timeline')).status).toBe(404);
      expect((await rep.get(`/api/v1/plugins/crm/accounts/${account.id}/timeline?cursor=nonsense`)).body.code).toBe('CRM_TIMELINE_CURSOR_INVALID');
    });
  });

  describe('duplicates and merge', () => {
    it('finds accounts with the same web domain, a company e-mail of it, or a similar name; contacts by e-mail, phone and name', async () => {
      const byDomain = await admin.post('/api/v1/plugins/crm/duplicates', { entity: 'account', record: { name: 'Something else', website: 'http://cementosdelnorte.com.pe/contacto' } });
      expect(byDomain.status, JSON.stringify(byDomain.body)).toBe(200);
      expect(byDomain.body.candidates[0]).toMatchObject({ reasons: [{ field: 'domain', match: 'same', value: 'cementosdelnorte.com.pe' }] });
      expect(byDomain.body.candidates[0].record.name).toBe('Cementos del Norte S.A.A.');
      const byName = await admin.post('/api/v1/plugins/crm/duplicates', { entity: 'account', record: { name: 'CEMENTOS DEL NORTE SAA' } });
      expect(byName.body.candidates[0].record.name).toBe('Cementos del Norte S.A.A.');
      expect(byName.body.candidates[0].reasons[0]).toMatchObject({ field: 'name', match: 'same' });
      const similar = await admin.post('/api/v1/plugins/crm/duplicates', { entity: 'account', record: { name: 'Agroindustria Andina SAC' } });
      expect(similar.body.candidates[0]).toMatchObject({ reasons: [{ field: 'name', match: 'similar' }] });
      const none = await admin.post('/api/v1/plugins/crm/duplicates', { entity: 'account', record: { name: 'Zapatería Completamente Distinta', email: 'info@gmail.com' } });
      expect(none.body.candidates).toEqual([]);

      const byEmail = await admin.post('/api/v1/plugins/crm/duplicates', { entity: 'contact', record: { name: { first: 'R.', last: 'Villanueva' }, email: 'Rosa.Villanueva@CementosDelNorte.com.pe' } });
      expect(byEmail.body.candidates[0].reasons.map((r: { field: string }) => r.field)).toContain('email');
      const byPhone = await admin.post('/api/v1/plugins/crm/duplicates', { entity: 'contact', record: { name: { first: 'X', last: 'Y' }, phone: '987 321 654' } });
      expect(byPhone.body.candidates[0]).toMatchObject({ reasons: [{ field: 'phone', match: 'same' }] });
      const bad = await admin.post('/api/v1/plugins/crm/duplicates', { entity: 'lead', record: {} });
      expect(bad.status).toBe(400);
    });

    it('merges a duplicate account: relations re-pointed, empty fields filled, the other soft-deleted, lineage recorded', async () => {
      const survivor = await created('account', { name: 'Andes Pumps S.A.', phone: '+51 1 611 4000' });
      const duplicate = await created('account', { name: 'Andes Pumps SA', website: 'https://andespumps.example', industry: 'manufacturing' });
      const child = await created('account', { name: 'Andes Pumps Norte', parent: duplicate.id });
      const person = await created('contact', { name: { first: 'Hugo', last: 'Paz' }, account: duplicate.id });
      const call = await created('activity', { subject: 'Intro call', type: 'call', account: duplicate.id, contact: person.id });
      const linked = await created('activity', { subject: 'Linked by id', type: 'note', relatedEntity: 'account', relatedId: duplicate.id });

      expect((await rep.post('/api/v1/plugins/crm/merge', { entity: 'account', survivorId: survivor.id, mergedId: duplicate.id })).status).toBe(403);
      expect((await admin.post('/api/v1/plugins/crm/merge', { entity: 'account', survivorId: survivor.id, mergedId: survivor.id })).body.code).toBe('CRM_MERGE_SAME_RECORD');

      const merged = await admin.post('/api/v1/plugins/crm/merge', { entity: 'account', survivorId: survivor.id, mergedId: duplicate.id });
      expect(merged.status, JSON.stringify(merged.body)).toBe(200);
      expect(merged.body.survivor).toMatchObject({ name: 'Andes Pumps S.A.', website: 'https://andespumps.example/', industry: 'manufacturing', phone: '+5116114000' });
      expect(merged.body.repointed).toEqual({ 'account.parent': [child.id], 'contact.account': [person.id], 'activity.account': [call.id], 'activity.relatedId': [linked.id] });
      expect((await admin.get(`/api/v1/records/contact/${person.id}`)).body.account).toBe(survivor.id);
      expect((await admin.get(`/api/v1/records/account/${duplicate.id}`)).status).toBe(404);
      expect((await admin.post(`/api/v1/records/account/${duplicate.id}/restore`)).status).toBe(200); // soft-deleted: nothing lost
      const lineage = (await admin.get(`/api/v1/records/recordMerge${q({ filter: { entity: 'account', survivorId: survivor.id } })}`)).body.data;
      expect(lineage).toEqual([expect.objectContaining({ mergedId: duplicate.id, mergedTitle: 'Andes Pumps SA', copiedFields: expect.arrayContaining(['website', 'industry']) })]);
      expect(lineage[0].snapshot).toMatchObject({ id: duplicate.id, name: 'Andes Pumps SA' });
      const timeline = (await admin.get(`/api/v1/plugins/crm/accounts/${survivor.id}/timeline`)).body.data.map((i: { title: string }) => i.title);
      expect(timeline).toEqual(expect.arrayContaining(['Intro call', 'Hugo Paz']));
    });
  });

  it('logs an activity on any record: the target must exist and its account and contact are filled in', async () => {
    const account = await created('account', { name: 'Activity Target Ltd' });
    const person = await created('contact', { name: { first: 'Olga', last: 'Ríos' }, account: account.id });
    const logged = await admin.post('/api/v1/plugins/crm/activities', { subject: 'Visit', type: 'visit', relatedEntity: 'contact', relatedId: person.id });
    expect(logged.status, JSON.stringify(logged.body)).toBe(201);
    expect(logged.body).toMatchObject({ account: account.id, contact: person.id, relatedEntity: 'contact', relatedId: person.id, occurredAt: expect.any(String) });
    const listed = await admin.get(`/api/v1/plugins/crm/related/contact/${person.id}/activities`);
    expect(listed.body.data.map((a: { subject: string }) => a.subject)).toEqual(['Visit']);
    const missing = await admin.post('/api/v1/plugins/crm/activities', { subject: 'X', relatedEntity: 'account', relatedId: 999999 });
    expect(missing.body).toMatchObject({ status: 400, code: 'CRM_ACTIVITY_TARGET_NOT_FOUND', field: 'relatedId' });
    const half = await admin.post('/api/v1/records/activity', { subject: 'Half', relatedEntity: 'account' });
    expect(half.body.errors[0]).toMatchObject({ rule: 'relatedTargetComplete' });
    const task = await admin.post('/api/v1/records/activity', { subject: 'Task', type: 'task' });
    expect(task.body.errors[0]).toMatchObject({ rule: 'taskNeedsDueDate', field: 'dueAt' });
  });
});
