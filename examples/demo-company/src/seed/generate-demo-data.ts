import { isoDate } from './calendar.js';
import { generateActivities, type ActivityDraft } from './generate-activities.js';
import { generateCompanies, type CompanyDraft } from './generate-companies.js';
import { generateContacts, type ContactDraft } from './generate-contacts.js';
import { generateDeals, type DealDraft } from './generate-deals.js';
import { createRng, type Rng } from './random.js';

/** How many records of each entity the demo holds. */
export const DEMO_COUNTS = { companies: 300, contacts: 1_200, deals: 2_000, activities: 3_000 } as const;

/** The default seed: the same data on every run. */
export const DEMO_SEED = 20_261_101;

/** All demo records, with relations as indexes into the earlier lists. */
export interface DemoData {
  readonly companies: readonly CompanyDraft[];
  readonly contacts: readonly ContactDraft[];
  readonly deals: readonly DealDraft[];
  readonly activities: readonly ActivityDraft[];
}

/** One independent stream per entity, so changing one generator leaves the others' data as it was. */
function stream(seed: number, salt: number): Rng {
  return createRng((seed ^ Math.imul(salt, 0x9e3779b9)) >>> 0);
}

/** Customers are companies with a won deal; some have bought from us since before the oldest deal on file. */
function withCustomerSince(rng: Rng, companies: readonly CompanyDraft[], deals: readonly DealDraft[]): CompanyDraft[] {
  const firstWin = new Map<number, string>();
  for (const deal of deals) {
    const closed = deal.values.closedAt?.slice(0, 10);
    if (deal.values.stage !== 'won' || !closed) continue;
    const known = firstWin.get(deal.company);
    if (!known || closed < known) firstWin.set(deal.company, closed);
  }
  return companies.map((company, index) => {
    const won = firstWin.get(index);
    if (!won) return company;
    const customerSince = rng.chance(0.4) ? isoDate(-rng.int(760, 4_000)) : won;
    return { ...company, values: { ...company.values, customerSince } };
  });
}

/** Generates the whole demo data set; pure and deterministic for a given seed. */
export function generateDemoData(seed: number = DEMO_SEED): DemoData {
  const drafts = generateCompanies(stream(seed, 1), DEMO_COUNTS.companies);
  const contacts = generateContacts(stream(seed, 2), drafts, DEMO_COUNTS.contacts);
  const deals = generateDeals(stream(seed, 3), drafts, contacts, DEMO_COUNTS.deals);
  const activities = generateActivities(stream(seed, 4), drafts, contacts, deals, DEMO_COUNTS.activities);
  const companies = withCustomerSince(stream(seed, 5), drafts, deals);
  return { companies, contacts, deals, activities };
}
