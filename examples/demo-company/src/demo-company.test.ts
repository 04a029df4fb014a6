import type { PluginLogger, RecordInput, RecordsApi, StoredRecord } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import demoCompanyDefault, { demoCompany } from './index.js';
import { REFERENCE_DATE } from './seed/calendar.js';
import { COUNTRIES } from './seed/data/countries.js';
import { DEMO_COUNTS, generateDemoData } from './seed/generate-demo-data.js';
import { BULK_LIMIT, seedDemoCompany } from './seed/seed.js';

const REFERENCE_INSTANT = `${REFERENCE_DATE}T00:00:00.000Z`;
const PROBABILITY = { prospecting: 10, qualification: 20, proposal: 50, negotiation: 70, won: 100, lost: 0 };
const CALLING_CODES: Readonly<Record<string, string>> = { PE: '+51', EC: '+593', CO: '+57', CL: '+56', MX: '+52', AR: '+54', ES: '+34' };

/** A RecordsApi that keeps rows in memory and hands out ids from a per-entity range. */
function fakeRecords() {
  const stored = new Map<string, StoredRecord[]>();
  const batches: { entity: string; size: number }[] = [];
  const base: Record<string, number> = { company: 1_000, contact: 10_000, deal: 50_000, activity: 90_000 };
  const unused = () => Promise.reject(new Error('not used by the seed'));
  const api: RecordsApi = {
    async bulkCreate(entity: string, rows: readonly RecordInput[]) {
      batches.push({ entity, size: rows.length });
      const list = stored.get(entity) ?? [];
      const created = rows.map((row, i): StoredRecord => ({
        ...row,
        id: (base[entity] ?? 0) + list.length + i + 7,
        version: 1,
        createdAt: REFERENCE_INSTANT,
        updatedAt: REFERENCE_INSTANT,
        createdBy: null,
        updatedBy: null,
      }));
      stored.set(entity, [...list, ...created]);
      return created;
    },
    create: unused,
    get: unused,
    list: unused,
    update: unused,
    delete: unused,
    restore: unused,
  };
  return { api, stored, batches };
}

const silent: PluginLogger = { info() {}, warn() {}, error() {}, debug() {} };
const data = generateDemoData();

describe('demo-company plugin definition', () => {
  it('is a valid, frozen plugin with the four entities', () => {
    expect(demoCompanyDefault).toBe(demoCompany);
    expect(demoCompany.id).toBe('demo-company');
    expect(demoCompany.version).toBe('1.0.0');
    expect(Object.isFrozen(demoCompany)).toBe(true);
    expect(typeof demoCompany.seed).toBe('function');
    expect(demoCompany.entities.map((e) => e.name)).toEqual(['company', 'contact', 'deal', 'activity']);
    expect(demoCompany.entities.every((e) => e.source === 'plugin:demo-company')).toBe(true);
  });

  it('points every relation at an entity of the plugin', () => {
    const names = new Set(demoCompany.entities.map((e) => e.name));
    const relations = demoCompany.entities.flatMap((e) => e.fields.filter((f) => f.type === 'relation'));
    expect(relations).toHaveLength(6);
    for (const r of relations) expect(names.has(r.target ?? '')).toBe(true);
  });

  it('declares weightedAmount as a decimal formula', () => {
    const deal = demoCompany.entities.find((e) => e.name === 'deal');
    const weighted = deal?.fields.find((f) => f.name === 'weightedAmount');
    expect(weighted).toMatchObject({ type: 'computed', resultType: 'decimal' });
    expect(weighted?.formula).toEqual({ '*': [{ var: 'amount.amount' }, { '/': [{ var: 'probability' }, 100] }] });
  });
});

describe('demo data generator', () => {
  it('is deterministic', () => {
    expect(generateDemoData()).toEqual(data);
    expect(JSON.stringify(generateDemoData(7))).not.toEqual(JSON.stringify(data));
  });

  it('makes the stated number of records', () => {
    expect(data.companies).toHaveLength(DEMO_COUNTS.companies);
    expect(data.contacts).toHaveLength(DEMO_COUNTS.contacts);
    expect(data.deals).toHaveLength(DEMO_COUNTS.deals);
    expect(data.activities).toHaveLength(DEMO_COUNTS.activities);
    expect(DEMO_COUNTS).toEqual({ companies: 300, contacts: 1_200, deals: 2_000, activities: 3_000 });
  });

  it('gives companies unique names and domains, and every company a contact', () => {
    expect(new Set(data.companies.map((c) => c.values.name)).size).toBe(data.companies.length);
    expect(new Set(data.companies.map((c) => c.domain)).size).toBe(data.companies.length);
    const withContacts = new Set(data.contacts.map((c) => c.company));
    expect(withContacts.size).toBe(data.companies.length);
    for (const c of data.companies) expect(c.values.website).toMatch(/^https:\/\/www\.[a-z0-9]+\.[a-z.]+$/);
  });

  it('writes lower-case ASCII emails, unique, on the company domain', () => {
    const emails = data.contacts.map((c) => c.values.email);
    for (const email of emails) expect(email).toMatch(/^[a-z0-9.]+@[a-z0-9-]+(\.[a-z]+)+$/);
    expect(new Set(emails).size).toBe(emails.length);
    for (const c of data.contacts) expect(c.values.email.endsWith(`@${data.companies[c.company]?.domain}`)).toBe(true);
  });

  it('writes E.164 phones in the company’s country', () => {
    const check = (phone: string | undefined, country: string | undefined) => {
      if (phone === undefined) return;
      expect(phone).toMatch(/^\+[1-9]\d{7,14}$/);
      expect(phone.startsWith(CALLING_CODES[country ?? ''] ?? '?')).toBe(true);
    };
    for (const c of data.companies) check(c.values.phone, c.country.code);
    for (const c of data.contacts) check(c.values.phone, data.companies[c.company]?.country.code);
  });

  it('keeps stage, probability and dates consistent', () => {
    for (const { values: d } of data.deals) {
      expect(d.probability).toBe(PROBABILITY[d.stage]);
      if (d.stage === 'won' || d.stage === 'lost') {
        expect(d.closedAt).toBeDefined();
        expect(d.closedAt! < REFERENCE_INSTANT).toBe(true);
        expect(d.expectedClose < REFERENCE_DATE).toBe(true);
      } else {
        expect(d.closedAt).toBeUndefined();
        expect(d.expectedClose > REFERENCE_DATE).toBe(true);
      }
      expect(d.lostReason !== undefined).toBe(d.stage === 'lost');
    }
    const stages = new Set(data.deals.map((d) => d.values.stage));
    expect(stages.size).toBe(6);
  });

  it('quotes amounts in the right currencies with the right decimals', () => {
    const allowed = new Set(['USD', 'PEN', 'EUR', 'COP']);
    for (const { values: d } of data.deals) {
      expect(allowed.has(d.amount.currency)).toBe(true);
      expect(d.amount.amount).toBeGreaterThan(0);
      const decimals = d.amount.currency === 'COP' ? 0 : 2;
      expect(Number(d.amount.amount.toFixed(decimals))).toBe(d.amount.amount);
    }
    for (const c of data.companies) {
      if (c.country.code === 'ES') expect(c.values.address.country).toBe('ES');
      expect(COUNTRIES.some((k) => k.cities.some((city) => city.name === c.values.address.city))).toBe(true);
    }
  });

  it('ties deals and activities to people of the same company, and dates activities sensibly', () => {
    for (const d of data.deals) expect(data.contacts[d.contact]?.company).toBe(d.company);
    for (const a of data.activities) {
      if (a.deal !== undefined) expect(data.deals[a.deal]?.company).toBe(a.company);
      if (a.contact !== undefined) expect(data.contacts[a.contact]?.company).toBe(a.company);
      if (a.values.dueAt >= REFERENCE_INSTANT) expect(a.values.done).toBe(false);
      const closedAt = a.deal === undefined ? undefined : data.deals[a.deal]?.values.closedAt;
      if (closedAt) expect(a.values.dueAt.slice(0, 10) <= closedAt.slice(0, 10)).toBe(true);
    }
  });

  it('marks as customers exactly the companies with a won deal', () => {
    const winners = new Set(data.deals.filter((d) => d.values.stage === 'won').map((d) => d.company));
    data.companies.forEach((c, index) => {
      expect(c.values.customerSince !== undefined).toBe(winners.has(index));
      if (c.values.customerSince) expect(c.values.customerSince < REFERENCE_DATE).toBe(true);
    });
  });
});

describe('seed', () => {
  it('writes in batches of at most 1,000 and links records by the ids it got back', async () => {
    const { api, stored, batches } = fakeRecords();
    await seedDemoCompany({ records: api, users: { byEmail: async () => undefined }, log: silent });

    expect(batches.every((b) => b.size > 0 && b.size <= BULK_LIMIT)).toBe(true);
    expect(batches.map((b) => b.entity)).toEqual(['company', 'contact', 'contact', 'deal', 'deal', 'activity', 'activity', 'activity']);
    const rows = (entity: string) => stored.get(entity) ?? [];
    const ids = (entity: string) => new Set(rows(entity).map((r) => r.id));
    expect(rows('company')).toHaveLength(300);
    expect(rows('contact')).toHaveLength(1_200);
    expect(rows('deal')).toHaveLength(2_000);
    expect(rows('activity')).toHaveLength(3_000);

    const companyIds = ids('company');
    const contactsById = new Map(rows('contact').map((r) => [r.id, r]));
    const dealsById = new Map(rows('deal').map((r) => [r.id, r]));
    for (const c of rows('contact')) expect(companyIds.has(c.company as number)).toBe(true);
    for (const d of rows('deal')) {
      expect(companyIds.has(d.company as number)).toBe(true);
      expect(contactsById.get(d.contact as number)?.company).toBe(d.company);
    }
    for (const a of rows('activity')) {
      expect(companyIds.has(a.company as number)).toBe(true);
      if (a.contact !== undefined) expect(contactsById.get(a.contact as number)?.company).toBe(a.company);
      if (a.deal !== undefined) expect(dealsById.get(a.deal as number)?.company).toBe(a.company);
    }
  });
});
