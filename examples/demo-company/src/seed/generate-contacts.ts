import type { ContactChannel } from '../entities/contact.entity.js';
import { JOB_TITLES, NAMES } from './data/people.js';
import { SIZE_PROFILES, type CompanyDraft } from './generate-companies.js';
import { randomPhone } from './phones.js';
import type { Rng } from './random.js';
import { toAsciiSlug } from './text.js';
import type { PersonName } from './values.js';

/** The values of one contact record, without its company (resolved to an id when seeding). */
export type ContactValues = {
  readonly name: PersonName;
  readonly email: string;
  readonly phone?: string;
  readonly jobTitle: string;
  readonly preferredChannel: ContactChannel;
  readonly doNotContact: boolean;
};

/** A contact to create; `company` is an index into the companies. */
export interface ContactDraft {
  readonly values: ContactValues;
  readonly company: number;
}

const CHANNEL_WEIGHTS: readonly (readonly [ContactChannel, number])[] = [
  ['email', 45],
  ['phone', 30],
  ['visit', 15],
  ['web', 10],
];

/** A person's name: one given name and, usually, both surnames. */
function personName(rng: Rng, company: CompanyDraft): PersonName {
  const pool = NAMES[company.country.code];
  const first = rng.pick(pool.firstNames);
  const surname = rng.pick(pool.lastNames);
  const second = rng.pick(pool.lastNames);
  return { first, last: rng.chance(0.7) && second !== surname ? `${surname} ${second}` : surname };
}

/** `maria.quispe@…` or `mquispe@…`, made unique with a digit when two people share a name. */
function uniqueEmail(rng: Rng, name: PersonName, domain: string, taken: Set<string>): string {
  const first = toAsciiSlug(name.first.split(' ')[0] ?? name.first);
  const last = toAsciiSlug(name.last.split(' ')[0] ?? name.last);
  const local = rng.chance(0.7) ? `${first}.${last}` : `${first.charAt(0)}${last}`;
  let email = `${local}@${domain}`;
  for (let n = 2; taken.has(email); n++) email = `${local}${n}@${domain}`;
  return email;
}

/**
 * `count` contacts: first one decision maker per company, then the rest spread by
 * company size, so bigger customers have more people on file.
 */
export function generateContacts(rng: Rng, companies: readonly CompanyDraft[], count: number): ContactDraft[] {
  const emails = new Set<string>();
  const weights = companies.map((c, index) => [index, SIZE_PROFILES[c.values.size].activity] as const);
  const drafts: ContactDraft[] = [];
  for (let i = 0; i < count; i++) {
    const companyIndex = i < companies.length ? i : rng.weighted(weights);
    const company = companies[companyIndex];
    if (!company) throw new RangeError(`no company at index ${companyIndex}`);
    const name = personName(rng, company);
    const email = uniqueEmail(rng, name, company.domain, emails);
    emails.add(email);
    const titles = i < companies.length ? JOB_TITLES.decisionMakers : JOB_TITLES.others;
    drafts.push({
      company: companyIndex,
      values: {
        name,
        email,
        ...(rng.chance(0.9) ? { phone: randomPhone(rng, company.country.mobile) } : {}),
        jobTitle: rng.pick(titles),
        preferredChannel: rng.weighted(CHANNEL_WEIGHTS),
        doNotContact: rng.chance(0.03),
      },
    });
  }
  return drafts;
}
