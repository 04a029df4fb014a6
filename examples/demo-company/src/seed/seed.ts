import type { RecordInput, RecordsApi, SeedContext } from '@kith/sdk';
import { DEMO_OWNER_EMAILS } from '../demo-users.js';
import { generateDemoData } from './generate-demo-data.js';

/** The most rows the record service takes in one bulk create. */
export const BULK_LIMIT = 1_000;

/** Creates `rows` in order, at most `BULK_LIMIT` per call, and returns their ids in the same order. */
export async function createInBatches(records: RecordsApi, entity: string, rows: readonly RecordInput[]): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; start < rows.length; start += BULK_LIMIT) {
    const batch = rows.slice(start, start + BULK_LIMIT);
    const created = await records.bulkCreate(entity, batch);
    if (created.length !== batch.length) {
      throw new Error(`demo seed: bulkCreate(${entity}) returned ${created.length} records for ${batch.length} rows`);
    }
    ids.push(...created.map((r) => r.id));
  }
  return ids;
}

/** The id created for the draft at `index`. */
function idAt(ids: readonly number[], index: number, entity: string): number {
  const id = ids[index];
  if (id === undefined) throw new Error(`demo seed: no ${entity} was created at index ${index}`);
  return id;
}

/** Writes the demo data through the record service, resolving relations to the ids it returns. */
export async function seedDemoCompany(ctx: Pick<SeedContext, 'users' | 'log'> & { readonly records: RecordsApi }): Promise<void> {
  const data = generateDemoData();
  const { records } = ctx;
  // Account managers and deal owners: the demo's sales people when they exist (pnpm start), else none.
  const owners = (await Promise.all(DEMO_OWNER_EMAILS.map((email) => ctx.users.byEmail(email)))).flatMap((u) => (u ? [u.id] : []));
  const ownerOf = (companyIndex: number) => (owners.length > 0 ? { owner: owners[companyIndex % owners.length]! } : {});
  const companyIds = await createInBatches(records, 'company', data.companies.map((c, i) => ({ ...c.values, ...ownerOf(i) })));
  const contactIds = await createInBatches(
    records,
    'contact',
    data.contacts.map((c) => ({ ...c.values, company: idAt(companyIds, c.company, 'company') })),
  );
  const dealIds = await createInBatches(
    records,
    'deal',
    data.deals.map((d) => ({
      ...d.values,
      ...ownerOf(d.company),
      company: idAt(companyIds, d.company, 'company'),
      contact: idAt(contactIds, d.contact, 'contact'),
    })),
  );
  const activityIds = await createInBatches(
    records,
    'activity',
    data.activities.map((a) => ({
      ...a.values,
      company: idAt(companyIds, a.company, 'company'),
      ...(a.contact !== undefined ? { contact: idAt(contactIds, a.contact, 'contact') } : {}),
      ...(a.deal !== undefined ? { deal: idAt(dealIds, a.deal, 'deal') } : {}),
    })),
  );
  ctx.log.info(
    { companies: companyIds.length, contacts: contactIds.length, deals: dealIds.length, activities: activityIds.length },
    'demo company seeded',
  );
}
