import type { ActivityKind } from '../entities/activity.entity.js';
import { CLOSED_STAGES } from '../entities/deal.entity.js';
import { daysFromReference, isoDateTime } from './calendar.js';
import { ACTIVITY_KIND_WEIGHTS, ACTIVITY_NOTES, ACTIVITY_SUBJECTS, OFFERS } from './data/sales.js';
import { SIZE_PROFILES, type CompanyDraft } from './generate-companies.js';
import type { ContactDraft } from './generate-contacts.js';
import { contactsByCompany, type DealDraft } from './generate-deals.js';
import type { Rng } from './random.js';
import { fillTemplate } from './text.js';

/** The values of one activity record, without its relations. */
export type ActivityValues = {
  readonly subject: string;
  readonly kind: ActivityKind;
  readonly dueAt: string;
  readonly done: boolean;
  readonly notes?: string;
};

/** An activity to create; relations are indexes into their drafts. */
export interface ActivityDraft {
  readonly values: ActivityValues;
  readonly company: number;
  readonly contact?: number;
  readonly deal?: number;
}

/** Share of activities logged against a deal; the rest are account-level. */
const DEAL_SHARE = 0.75;

/**
 * When an activity falls and whether it is done. Past activities sit at least two days
 * before the reference date and future ones after it, whatever the time zone.
 */
function timing(rng: Rng, deal: DealDraft | undefined): { day: number; done: boolean } {
  if (deal && CLOSED_STAGES.includes(deal.values.stage) && deal.values.closedAt) {
    return { day: daysFromReference(deal.values.closedAt) - rng.int(0, 90), done: true };
  }
  const horizon = deal ? Math.max(1, daysFromReference(deal.values.expectedClose)) : 60;
  if (rng.chance(deal ? 0.6 : 0.7)) {
    return { day: -rng.int(2, deal ? 90 : 365), done: rng.chance(0.9) };
  }
  return { day: rng.int(1, horizon), done: false };
}

/**
 * `count` activities: most tied to a deal (with its company and contact), the rest to a
 * company alone. Activities of closed deals are done and precede the close.
 */
export function generateActivities(
  rng: Rng,
  companies: readonly CompanyDraft[],
  contacts: readonly ContactDraft[],
  deals: readonly DealDraft[],
  count: number,
): ActivityDraft[] {
  const weights = companies.map((c, index) => [index, SIZE_PROFILES[c.values.size].activity] as const);
  const people = contactsByCompany(companies.length, contacts);
  const drafts: ActivityDraft[] = [];
  for (let i = 0; i < count; i++) {
    const dealIndex = rng.chance(DEAL_SHARE) ? rng.int(0, deals.length - 1) : undefined;
    const deal = dealIndex === undefined ? undefined : deals[dealIndex];
    const companyIndex = deal ? deal.company : rng.weighted(weights);
    const company = companies[companyIndex];
    if (!company) throw new RangeError(`no company at index ${companyIndex}`);
    const contactIndex = deal ? deal.contact : rng.chance(0.7) ? rng.pick(people[companyIndex] ?? []) : undefined;
    const person = contactIndex === undefined ? undefined : contacts[contactIndex];
    const kind = rng.weighted(ACTIVITY_KIND_WEIGHTS);
    const { day, done } = timing(rng, deal);
    const subject = fillTemplate(rng.pick(ACTIVITY_SUBJECTS[kind]), {
      person: person?.values.name.first ?? 'compras',
      offer: deal?.offer ?? rng.pick(OFFERS).title,
      city: company.city.name,
    });
    drafts.push({
      company: companyIndex,
      ...(contactIndex !== undefined ? { contact: contactIndex } : {}),
      ...(dealIndex !== undefined ? { deal: dealIndex } : {}),
      values: {
        subject,
        kind,
        dueAt: isoDateTime(day, rng.int(8, 18), rng.pick([0, 15, 30, 45]), company.country.utcOffsetHours),
        done,
        ...(rng.chance(0.3) ? { notes: rng.pick(ACTIVITY_NOTES) } : {}),
      },
    });
  }
  return drafts;
}
