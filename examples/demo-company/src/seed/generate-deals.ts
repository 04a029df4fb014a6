import { CLOSED_STAGES, STAGE_PROBABILITY, type DealSource, type DealStage } from '../entities/deal.entity.js';
import { isoDate, isoDateTime } from './calendar.js';
import { EXPECTED_CLOSE_DAYS, LOST_REASONS, OFFERS, SOURCE_WEIGHTS, STAGE_WEIGHTS } from './data/sales.js';
import { SIZE_PROFILES, type CompanyDraft } from './generate-companies.js';
import type { ContactDraft } from './generate-contacts.js';
import type { Rng } from './random.js';
import { money, type Money } from './values.js';

/** The values of one deal record, without its relations. */
export type DealValues = {
  readonly title: string;
  readonly stage: DealStage;
  readonly amount: Money;
  readonly probability: number;
  readonly expectedClose: string;
  readonly closedAt?: string;
  readonly source: DealSource;
  readonly lostReason?: string;
};

/** A deal to create; `company` and `contact` are indexes into their drafts. */
export interface DealDraft {
  readonly values: DealValues;
  readonly company: number;
  readonly contact: number;
  /** What is being sold, for activity subjects. */
  readonly offer: string;
}

/** Units of each currency per US dollar (rounded mid-2026 levels; only the proportions matter). */
const PER_USD: Readonly<Record<string, number>> = { USD: 1, PEN: 3.75, EUR: 0.92, COP: 4_100 };

/** A quote in `currency`: cents on small quotes, whole units on large ones, thousands of pesos in COP. */
function quote(usd: number, currency: string): Money {
  const local = usd * (PER_USD[currency] ?? 1);
  if (currency === 'COP') return money(Math.round(local / 1_000) * 1_000, currency);
  return money(local >= 50_000 ? Math.round(local) : local, currency);
}

/** Indexes of each company's contacts. */
export function contactsByCompany(companyCount: number, contacts: readonly ContactDraft[]): number[][] {
  const byCompany = Array.from({ length: companyCount }, (): number[] => []);
  contacts.forEach((c, index) => byCompany[c.company]?.push(index));
  return byCompany;
}

/**
 * `count` deals, more of them at bigger companies. Stage, probability and dates agree:
 * won and lost deals closed before the reference date, open ones are expected after it.
 */
export function generateDeals(
  rng: Rng,
  companies: readonly CompanyDraft[],
  contacts: readonly ContactDraft[],
  count: number,
): DealDraft[] {
  const weights = companies.map((c, index) => [index, SIZE_PROFILES[c.values.size].activity] as const);
  const people = contactsByCompany(companies.length, contacts);
  const drafts: DealDraft[] = [];
  for (let i = 0; i < count; i++) {
    const companyIndex = rng.weighted(weights);
    const company = companies[companyIndex];
    if (!company) throw new RangeError(`no company at index ${companyIndex}`);
    const offer = rng.pick(OFFERS);
    const stage = rng.weighted(STAGE_WEIGHTS);
    const [minUsd, maxUsd] = SIZE_PROFILES[company.values.size].dealUsd;
    const currency = rng.weighted(company.country.dealCurrencies);
    let dates: Pick<DealValues, 'expectedClose' | 'closedAt'>;
    if (CLOSED_STAGES.includes(stage)) {
      const closedDay = -rng.int(2, 700);
      dates = {
        expectedClose: isoDate(Math.min(closedDay + rng.int(-20, 20), -1)),
        closedAt: isoDateTime(closedDay, rng.int(9, 17), rng.pick([0, 15, 30, 45]), company.country.utcOffsetHours),
      };
    } else {
      const [from, to] = EXPECTED_CLOSE_DAYS[stage];
      dates = { expectedClose: isoDate(rng.int(from, to)) };
    }
    drafts.push({
      company: companyIndex,
      contact: rng.pick(people[companyIndex] ?? []),
      offer: offer.title,
      values: {
        title: `${offer.title} – ${company.shortName}`,
        stage,
        amount: quote(rng.logBetween(minUsd, maxUsd) * offer.scale, currency),
        probability: STAGE_PROBABILITY[stage],
        ...dates,
        source: rng.weighted(SOURCE_WEIGHTS),
        ...(stage === 'lost' ? { lostReason: rng.pick(LOST_REASONS) } : {}),
      },
    });
  }
  return drafts;
}
