import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { httpClient } from '../support/http.js';
import { crmPlugin, signedInUser } from './reports-fixture.js';

/** Personal data: export everything held about a contact; erase or anonymise it, leaving no personal value behind. */
const databases = await testDatabases();
type Http = ReturnType<typeof httpClient>;

describe.each(databases)('personal data on $name', (database) => {
  let app: TestApp;
  let drop: () => Promise<void>;
  let admin: Http;
  let clerk: Http;
  let companyId: number;

  /** Every audit entry's changes, as stored, in one string (but those of `except`: records that stay and keep their own text). */
  const auditText = async (except: readonly (readonly [string, number])[] = []) => {
    const rows = await app.db.reader.all('SELECT "entity", "record_id", "action", "changes" FROM "kith_audit" ORDER BY "id"', []);
    return JSON.stringify(rows.filter(([entity, id]) => !except.some(([e, i]) => e === entity && i === Number(id))));
  };
  const subjectPath = (id: number) => `/api/v1/privacy/subjects/contact/${id}`;

  /** A contact with a changed email (so its history holds an old value), a deal, an activity, a notification and a queued job. */
  let people = 0;
  async function person(first: string, last: string, email: string) {
    people += 1;
    const phone = `+51 987 654 ${String(300 + people)}`;
    const contact = (await admin.post('/api/v1/records/contact', { name: { first, last }, email, phone, city: `Cusco ${people}`, notes: `${first} ${last} prefers mornings`, vip: true, company: companyId })).body;
    const updated = await admin.patch(`/api/v1/records/contact/${contact.id}`, { version: 1, email: `new.${email}` });
    expect(updated.status).toBe(200);
    const deal = (await admin.post('/api/v1/records/deal', { title: `Deal with ${last}`, contact: contact.id, company: companyId })).body;
    const activity = (await admin.post('/api/v1/records/activity', { subject: `Call ${first} ${last}`, contact: contact.id, deal: deal.id })).body;
    await app.db.transaction(async (tx) => {
      const p = tx.dialect === 'postgresql' ? ['$1', '$2', '$3', '$4'] : ['?1', '?2', '?3', '?4'];
      await tx.run(`INSERT INTO "kith_notification" ("user_id", "title", "body", "entity", "record_id", "created_at") VALUES (1, ${p[0]}, ${p[1]}, 'contact', ${p[2]}, ${p[3]})`, [`New contact ${first} ${last}`, `Email: ${email}`, contact.id, new Date().toISOString()]);
      await app.jobs.enqueue(tx, { kind: 'test.unhandled', payload: { entity: 'contact', recordId: contact.id, record: { email } } });
    });
    return { contact, deal, activity };
  }

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    app = await createTestApp({ plugins: [crmPlugin], databaseUrl: fresh.url, worker: false });
    admin = httpClient(app.server, app.adminHeaders);
    clerk = (await signedInUser(app, admin, 'clerk', [])).http;
    companyId = (await admin.post('/api/v1/records/company', { name: 'Acme', country: 'PE' })).body.id;
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('exports everything Kith holds about a contact as one JSON document', async () => {
    const { contact, deal, activity } = await person('Rosa', 'Quispe', 'rosa@quispe.example');
    const res = await admin.get(`${subjectPath(contact.id)}/export`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="contact-${contact.id}.json"`);
    const doc = res.body;
    expect(doc.subject).toMatchObject({ entity: 'contact', id: contact.id, record: { email: 'new.rosa@quispe.example', name: { first: 'Rosa', last: 'Quispe' }, phone: contact.phone, deletedAt: null } });
    expect(doc.related.map((r: { entity: string; field: string; records: { id: number }[] }) => [r.entity, r.field, r.records.map((x) => x.id)])).toEqual([
      ['deal', 'contact', [deal.id]],
      ['activity', 'contact', [activity.id]],
    ]);
    const trail = doc.audit.map((e: { entity: string; recordId: number; action: string }) => `${e.entity}:${e.recordId}:${e.action}`);
    expect(trail).toEqual([`contact:${contact.id}:create`, `contact:${contact.id}:update`, `deal:${deal.id}:create`, `activity:${activity.id}:create`]);
    // The old email is part of what Kith holds: it is in the history.
    expect(JSON.stringify(doc.audit)).toContain('rosa@quispe.example');
    expect(doc.notifications).toEqual([expect.objectContaining({ title: 'New contact Rosa Quispe' })]);
    expect(doc.jobs).toEqual([expect.objectContaining({ kind: 'test.unhandled', state: 'pending' })]);
    expect(doc.workflowRuns).toEqual([]);
  });

  it('erases only with a confirmation, after showing the plan, and names references that must go too', async () => {
    const { contact, deal, activity } = await person('Luis', 'Mamani', 'luis@mamani.example');
    const blocked = await admin.post(`${subjectPath(contact.id)}/erase`, { mode: 'erase', confirm: true });
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({ code: 'KITH_PRIVACY_REFERENCE_REQUIRED', field: 'alsoErase', blocking: [{ entity: 'activity', field: 'contact', records: 1 }] });
    const plan = await admin.post(`${subjectPath(contact.id)}/erase`, { mode: 'erase', alsoErase: ['activity'] });
    expect(plan.status).toBe(409);
    expect(plan.body.code).toBe('KITH_PRIVACY_CONFIRMATION_REQUIRED');
    expect(plan.body.plan).toMatchObject({
      mode: 'erase',
      erase: [{ entity: 'contact', ids: [contact.id] }, { entity: 'activity', ids: [activity.id] }],
      unlink: [{ entity: 'deal', field: 'contact', ids: [deal.id], required: false }],
      removed: { notifications: 1, jobs: 1, workflowRuns: 0 },
    });
    expect((await admin.get(`/api/v1/records/contact/${contact.id}`)).status).toBe(200);
    expect(await auditText()).toContain('luis@mamani.example');
  });

  it('erases a contact for good: no personal value left in records, history, search, notifications or jobs', async () => {
    const { contact, deal, activity } = await person('José', 'García', 'jose@garcia.example');
    const control = await person('Ana', 'Lima', 'ana@lima.example');
    expect((await admin.get('/api/v1/records/company/' + companyId)).body.contactCount).toBeGreaterThanOrEqual(2);
    const countBefore = (await admin.get(`/api/v1/records/company/${companyId}`)).body.contactCount;
    expect((await admin.get('/api/v1/search?q=garcia')).body.data).not.toEqual([]);
    const res = await admin.post(`${subjectPath(contact.id)}/erase`, { mode: 'erase', confirm: true, alsoErase: ['activity'] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ done: true, mode: 'erase' });
    // The deal stays (it was only linked to José), but its own title names him: the answer says so, for a person to review.
    expect(res.body.mentions).toEqual([{ entity: 'deal', id: deal.id, fields: ['title'] }]);

    expect((await admin.get(`/api/v1/records/contact/${contact.id}`)).status).toBe(404);
    expect((await admin.get(`/api/v1/records/activity/${activity.id}`)).status).toBe(404);
    expect(await app.db.reader.all(`SELECT "id" FROM "contact" WHERE "id" = ${contact.id}`, [])).toEqual([]);
    const kept = await admin.get(`/api/v1/records/deal/${deal.id}`);
    expect(kept.body).toMatchObject({ contact: null, version: 2 });
    const dealHistory = await admin.get(`/api/v1/records/deal/${deal.id}/history`);
    expect(dealHistory.body.data[0]).toMatchObject({ action: 'update', changes: [{ field: 'contact', old: contact.id, new: null }] });
    expect((await admin.get(`/api/v1/records/company/${companyId}`)).body.contactCount).toBe(countBefore - 1);

    const text = await auditText([['deal', deal.id]]);
    for (const value of ['jose@garcia.example', 'García', 'José', contact.phone, contact.city, 'José García prefers']) expect(text).not.toContain(value);
    expect(text).toContain('ana@lima.example'); // the other contact keeps her history
    const history = await admin.get(`/api/v1/records/contact/${contact.id}/history`);
    expect(history.body.data.map((e: { action: string }) => e.action)).toEqual(['erase', 'update', 'create']);
    expect(history.body.data[0]).toMatchObject({ userId: 1, channel: 'api' });
    for (const e of history.body.data) for (const c of e.changes) expect(c).toMatchObject({ old: null, new: null, redacted: true });
    expect(history.body.data[0].changes.map((c: { field: string }) => c.field)).toEqual(expect.arrayContaining(['name', 'email', 'phone']));

    expect((await admin.get('/api/v1/search?q=garcia&entities=contact,activity')).body.data).toEqual([]);
    expect((await admin.get('/api/v1/search?q=lima')).body.data.map((h: { id: number }) => h.id)).toContain(control.contact.id);
    const copies = await admin.get(`${subjectPath(control.contact.id)}/export`);
    expect(copies.body.notifications).toHaveLength(1);
    expect(JSON.stringify(await app.db.reader.all('SELECT "title", "body" FROM "kith_notification"', []))).not.toContain('García');
    expect(JSON.stringify(await app.db.reader.all('SELECT "payload" FROM "kith_job"', []))).not.toContain('jose@garcia.example');
    expect((await admin.get(`${subjectPath(contact.id)}/export`)).status).toBe(404);
  });

  it('anonymises: keeps the record and what does not identify the person, clears the rest, scrubs its history', async () => {
    const { contact, deal } = await person('Carmen', 'Flores', 'carmen@flores.example');
    const plan = await admin.post(`${subjectPath(contact.id)}/erase`, { mode: 'anonymise' });
    expect(plan.status).toBe(409);
    expect(plan.body.plan.clear.sort()).toEqual(['city', 'email', 'name', 'notes', 'phone']);
    const activityId = (await admin.get(`/api/v1/records/contact/${contact.id}?expand=activities`)).body.activities[0].id;
    expect(plan.body.plan.mentions).toEqual([
      { entity: 'deal', id: deal.id, fields: ['title'] },
      { entity: 'activity', id: activityId, fields: ['subject'] },
    ]);
    const res = await admin.post(`${subjectPath(contact.id)}/erase`, { mode: 'anonymise', confirm: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const after = (await admin.get(`/api/v1/records/contact/${contact.id}`)).body;
    expect(after).toMatchObject({ name: { last: 'Anonymised' }, email: null, phone: null, city: null, notes: null, vip: true, company: companyId, version: 3 });
    expect(String(after.greeting)).not.toContain('Carmen');
    expect((await admin.get(`/api/v1/records/deal/${deal.id}`)).body.contact).toBe(contact.id);
    const text = await auditText([['deal', deal.id], ['activity', activityId]]);
    for (const value of ['carmen@flores.example', 'Flores', 'Carmen', contact.phone, contact.city]) expect(text).not.toContain(value);
    const history = (await admin.get(`/api/v1/records/contact/${contact.id}/history`)).body.data;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['anonymise', 'update', 'create']);
    // What is not personal keeps its history.
    expect(history[2].changes).toContainEqual({ field: 'vip', old: null, new: true });
    expect(history[0].changes.every((c: { redacted?: boolean }) => c.redacted)).toBe(true);
    expect((await admin.get('/api/v1/search?q=flores&entities=contact')).body.data).toEqual([]);
    expect((await admin.get('/api/v1/search?q=anonymised')).body.data.map((h: { id: number }) => h.id)).toContain(contact.id);
  });

  it.each([
    ['no mode', {}, 'mode'],
    ['an unknown mode', { mode: 'delete', confirm: true }, 'mode'],
    ['a confirm that is not a boolean', { mode: 'erase', confirm: 'yes' }, 'confirm'],
    ['an entity that does not point at contacts', { mode: 'erase', confirm: true, alsoErase: ['company'] }, 'alsoErase[0]'],
    ['alsoErase with anonymise', { mode: 'anonymise', confirm: true, alsoErase: ['activity'] }, 'alsoErase'],
    ['an unknown member', { mode: 'erase', confirm: true, everything: true }, 'everything'],
  ])('refuses %s, naming it', async (_what, body, field) => {
    const { contact } = await person('Test', 'Person', `t${Math.random().toString(36).slice(2)}@x.example`);
    const res = await admin.post(`${subjectPath(contact.id)}/erase`, body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('KITH_PRIVACY_INVALID');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await admin.get(`/api/v1/records/contact/${contact.id}`)).status).toBe(200);
  });

  it('is for administrators only; unknown subjects are 404s', async () => {
    const { contact } = await person('Eva', 'Ramos', 'eva@ramos.example');
    expect((await clerk.get(`${subjectPath(contact.id)}/export`)).status).toBe(403);
    expect((await clerk.post(`${subjectPath(contact.id)}/erase`, { mode: 'erase', confirm: true, alsoErase: ['activity'] })).status).toBe(403);
    expect((await admin.get('/api/v1/privacy/subjects/nope/1/export')).body.code).toBe('KITH_ENTITY_NOT_FOUND');
    expect((await admin.get('/api/v1/privacy/subjects/contact/999999/export')).body.code).toBe('KITH_RECORD_NOT_FOUND');
    expect((await admin.get('/api/v1/privacy/subjects/contact/abc/export')).status).toBe(400);
    expect((await admin.get(`/api/v1/records/contact/${contact.id}`)).status).toBe(200);
  });
});
