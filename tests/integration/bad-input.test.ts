import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { testDatabases } from '../support/databases.js';
import { httpClient, q } from '../support/http.js';

const databases = await testDatabases();

describe.each(databases)('bad input on $name: a clear problem, nothing stored', (database) => {
  let app: TestApp;
  let drop: () => Promise<void>;
  let http: ReturnType<typeof httpClient>;

  const dealCount = async () => (await http.get(`/api/v1/records/deal${q({ count: 'true', limit: '1' })}`)).body.total as number;

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    app = await createTestApp({ plugins: [salesFixture], databaseUrl: fresh.url });
    http = httpClient(app.server, app.adminHeaders);
    await http.post('/api/v1/records/deal', { title: 'Existing', contactEmail: 'taken@example.com' });
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  const expectProblem = (res: { status: number; headers: Record<string, unknown>; body: Record<string, unknown> }, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe(code);
    expect(typeof res.body.detail).toBe('string');
    expect((res.body.detail as string).length).toBeGreaterThan(10);
  };

  it('unknown entity: 404', async () => {
    expectProblem(await http.get('/api/v1/records/nope'), 404, 'KITH_ENTITY_NOT_FOUND');
    expectProblem(await http.post('/api/v1/records/nope', { a: 1 }), 404, 'KITH_ENTITY_NOT_FOUND');
  });

  it('unknown field: 400 naming it', async () => {
    const before = await dealCount();
    const res = await http.post('/api/v1/records/deal', { title: 'x', colour: 'red' });
    expectProblem(res, 400, 'KITH_VALIDATION_FAILED');
    expect(res.body.field).toBe('colour');
    expect(res.body.detail).toMatch(/"colour" is not a field of deal/);
    expect(await dealCount()).toBe(before);
  });

  it('wrong types, over-long text, missing required, computed written: every problem at once', async () => {
    const before = await dealCount();
    const res = await http.post('/api/v1/records/deal', { title: 'x'.repeat(201), probability: 'high', closeDate: '2026-02-30' });
    expectProblem(res, 400, 'KITH_VALIDATION_FAILED');
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['probability', 'title']);
    const dates = await http.post('/api/v1/records/deal', { title: 'x', closeDate: '2026-02-30' });
    expect(dates.body.field).toBe('closeDate');
    const missing = await http.post('/api/v1/records/deal', { stage: 'won' });
    expect(missing.body.field).toBe('title');
    expect(missing.body.errors[0].code).toBe('KITH_FIELD_REQUIRED');
    const computed = await http.post('/api/v1/records/deal', { title: 'x', weighted: 5 });
    expect(computed.body.errors[0].code).toBe('KITH_FIELD_READ_ONLY');
    expect(await dealCount()).toBe(before);
  });

  it('invalid email, phone, currency code and select option', async () => {
    const before = await dealCount();
    for (const [field, value] of [
      ['contactEmail', 'not-an-email'],
      ['contactPhone', '12'],
      ['amount', { amount: 10, currency: 'XYZ' }],
      ['amount', { amount: 10, currency: 'DEM' }],
      ['stage', 'maybe'],
    ] as const) {
      const res = await http.post('/api/v1/records/deal', { title: 'x', [field]: value });
      expectProblem(res, 400, 'KITH_VALIDATION_FAILED');
      expect(res.body.field).toBe(field);
    }
    expect(await dealCount()).toBe(before);
  });

  it('a unique value already taken: 409 naming the field', async () => {
    const res = await http.post('/api/v1/records/deal', { title: 'dup', contactEmail: 'taken@example.com' });
    expectProblem(res, 409, 'KITH_UNIQUE_VIOLATED');
    expect(res.body.field).toBe('contactEmail');
  });

  it('a relation to a record that does not exist', async () => {
    const res = await http.post('/api/v1/records/deal', { title: 'x', company: 99999 });
    expectProblem(res, 400, 'KITH_VALIDATION_FAILED');
    expect(res.body.errors[0]).toMatchObject({ field: 'company', code: 'KITH_REFERENCE_NOT_FOUND' });
  });

  it('filters on unknown fields, with operators that do not fit, or malformed', async () => {
    expectProblem(await http.get(`/api/v1/records/deal${q({ filter: { colour: 'red' } })}`), 400, 'KITH_FILTER_INVALID');
    const op = await http.get(`/api/v1/records/deal${q({ filter: { probability: { $like: '%1' } } })}`);
    expectProblem(op, 400, 'KITH_FILTER_INVALID');
    expect(op.body.field).toBe('probability');
    expectProblem(await http.get(`/api/v1/records/deal${q({ filter: { amount: { $regex: '.*' } } })}`), 400, 'KITH_FILTER_INVALID');
    expectProblem(await http.get(`/api/v1/records/deal${q({ filter: { probability: { $gt: 'ten' } } })}`), 400, 'KITH_FILTER_INVALID');
    expectProblem(await http.get(`/api/v1/records/deal?filter=${encodeURIComponent('{"stage":')}`), 400, 'KITH_FILTER_INVALID');
    expectProblem(await http.get(`/api/v1/records/deal${q({ filter: { $where: 'sleep(1)' } })}`), 400, 'KITH_FILTER_INVALID');
    expectProblem(await http.get(`/api/v1/records/deal${q({ sort: 'colour' })}`), 400, 'KITH_SORT_INVALID');
    expectProblem(await http.get(`/api/v1/records/deal${q({ limit: '100000' })}`), 400, 'KITH_QUERY_INVALID');
    expectProblem(await http.get(`/api/v1/records/deal${q({ bogus: '1' })}`), 400, 'KITH_QUERY_INVALID');
  });

  it('SQL in field names, sort keys and values is data or refused, never executed', async () => {
    const before = await dealCount();
    const evil = `x'); DROP TABLE deal; --`;
    const asValue = await http.get(`/api/v1/records/deal${q({ filter: { title: evil } })}`);
    expect(asValue.status).toBe(200);
    expect(asValue.body.data).toEqual([]);
    expectProblem(await http.get(`/api/v1/records/deal${q({ filter: { [`title" = title; DROP TABLE deal; --`]: 'x' } })}`), 400, 'KITH_FILTER_INVALID');
    expectProblem(await http.get(`/api/v1/records/deal${q({ sort: 'title; DROP TABLE deal' })}`), 400, 'KITH_SORT_INVALID');
    expectProblem(await http.get(`/api/v1/records/deal${q({ filter: { title: { $in: [evil, { $ne: null }] } } })}`), 400, 'KITH_FILTER_INVALID');
    expectProblem(await http.get(`/api/v1/records/deal${q({ filter: { title: { $eq: { $ne: null } } } })}`), 400, 'KITH_FILTER_INVALID');
    const stored = await http.post('/api/v1/records/deal', { title: evil });
    expect(stored.status).toBe(201);
    expect((await http.get(`/api/v1/records/deal/${stored.body.id}`)).body.title).toBe(evil);
    expect(await dealCount()).toBe(before + 1);
  });

  it('malformed JSON, prototype pollution, a body over 1 MB, a non-JSON content type', async () => {
    const before = await dealCount();
    expectProblem(await http.post('/api/v1/records/deal', '{"title": "x",'), 400, 'KITH_BODY_INVALID');
    expectProblem(await http.post('/api/v1/records/deal', '{"title":"x","__proto__":{"admin":true}}'), 400, 'KITH_BODY_INVALID');
    expectProblem(await http.post('/api/v1/records/deal', { title: 'x', notes: 'y'.repeat(1_100_000) }), 413, 'KITH_BODY_TOO_LARGE');
    const text = await app.server.inject({ method: 'POST', url: '/api/v1/records/deal', headers: { ...app.adminHeaders, 'content-type': 'text/plain' }, payload: 'title=x' });
    expect(text.statusCode).toBe(415);
    expect(JSON.parse(text.body).code).toBe('KITH_UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await http.post('/api/v1/records/deal', [1, 2]), 400, 'KITH_VALIDATION_FAILED');
    expect(await dealCount()).toBe(before);
  });

  it('bulk: more than 1,000 rows refused; one bad row stores nothing and names its index', async () => {
    const before = await dealCount();
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ title: `t${i}` }));
    expectProblem(await http.post('/api/v1/records/deal/bulk', tooMany), 400, 'KITH_BULK_TOO_LARGE');
    const res = await http.post('/api/v1/records/deal/bulk', [{ title: 'ok 1' }, { title: 'ok 2' }, { title: 'bad', stage: 'nope' }, { probability: 5 }]);
    expectProblem(res, 400, 'KITH_BULK_VALIDATION_FAILED');
    expect((res.body.errors as { index: number; field: string }[]).map((e) => [e.index, e.field])).toEqual([
      [2, 'stage'],
      [3, 'title'],
    ]);
    expect(await dealCount()).toBe(before);
  });

  it('ids that are not ids, and records that do not exist', async () => {
    expectProblem(await http.get('/api/v1/records/deal/abc'), 400, 'KITH_RECORD_INVALID_ID');
    expectProblem(await http.get('/api/v1/records/deal/1%20OR%201=1'), 400, 'KITH_RECORD_INVALID_ID');
    expectProblem(await http.get('/api/v1/records/deal/987654'), 404, 'KITH_RECORD_NOT_FOUND');
    expectProblem(await http.patch('/api/v1/records/deal/987654', { version: 1, title: 'x' }), 404, 'KITH_RECORD_NOT_FOUND');
  });

  it('an unknown route is problem+json too', async () => {
    expectProblem(await http.get('/api/v1/nothing-here'), 404, 'KITH_ROUTE_NOT_FOUND');
  });
});
