import type { CompanySize, Industry } from '../entities/company.entity.js';
import { COMPANY_NAME_TEMPLATES, COMPANY_NOTES, DOMAIN_STOPWORDS, INDUSTRY_WEIGHTS, SAINTS } from './data/company-names.js';
import { COUNTRIES, type City, type Country } from './data/countries.js';
import { NAMES } from './data/people.js';
import { randomPhone } from './phones.js';
import type { Rng } from './random.js';
import { fillTemplate, toAsciiSlug } from './text.js';
import { money, type Address, type Money } from './values.js';

/** The values of one company record, as written to the record service. */
export type CompanyValues = {
  readonly name: string;
  readonly industry: Industry;
  readonly size: CompanySize;
  readonly website: string;
  readonly phone: string;
  readonly address: Address;
  readonly annualRevenue?: Money;
  readonly customerSince?: string;
  readonly notes?: string;
};

/** A company to create, with what later generators need to know about it. */
export interface CompanyDraft {
  readonly values: CompanyValues;
  readonly country: Country;
  readonly city: City;
  readonly domain: string;
  /** The name without its legal form (`Agroexport Norte`), for deal titles. */
  readonly shortName: string;
}

/** How a head-count band shapes the data: its share, revenue and deal sizes (USD), and how much business it brings. */
export const SIZE_PROFILES: Readonly<
  Record<CompanySize, { weight: number; revenueUsd: readonly [number, number]; dealUsd: readonly [number, number]; activity: number }>
> = {
  '1-10': { weight: 20, revenueUsd: [80_000, 1_500_000], dealUsd: [600, 8_000], activity: 1 },
  '11-50': { weight: 32, revenueUsd: [800_000, 8_000_000], dealUsd: [2_500, 30_000], activity: 2 },
  '51-200': { weight: 28, revenueUsd: [5_000_000, 40_000_000], dealUsd: [8_000, 120_000], activity: 4 },
  '201-1000': { weight: 14, revenueUsd: [25_000_000, 250_000_000], dealUsd: [30_000, 400_000], activity: 7 },
  '1000+': { weight: 6, revenueUsd: [150_000_000, 2_000_000_000], dealUsd: [80_000, 1_500_000], activity: 10 },
};

const SIZE_WEIGHTS = Object.entries(SIZE_PROFILES).map(([size, p]) => [size as CompanySize, p.weight] as const);
const COUNTRY_WEIGHTS = COUNTRIES.map((c) => [c, c.weight] as const);
/** Clinics, schools and hotels are usually known without their legal form. */
const INFORMAL_INDUSTRIES: readonly Industry[] = ['healthcare', 'education', 'hospitality'];

function uniqueShortName(rng: Rng, industry: Industry, country: Country, city: City, taken: Set<string>): string {
  const tokens = () => ({
    city: city.name,
    place: rng.pick(country.places),
    surname: rng.pick(NAMES[country.code].lastNames),
    saint: rng.pick(SAINTS),
  });
  for (let attempt = 0; attempt < 12; attempt++) {
    const name = fillTemplate(rng.pick(COMPANY_NAME_TEMPLATES[industry]), tokens());
    if (!taken.has(name)) return name;
  }
  const base = fillTemplate(rng.pick(COMPANY_NAME_TEMPLATES[industry]), tokens());
  let name = base.includes(city.name) ? base : `${base} ${city.name}`;
  for (let n = 2; taken.has(name); n++) name = `${base} ${n}`;
  return name;
}

function uniqueDomain(shortName: string, country: Country, taken: Set<string>): string {
  const words = shortName.split(/\s+/).filter((w) => !DOMAIN_STOPWORDS.has(w.toLowerCase()));
  // Long names keep their first words, as real domains do (`almacenesgenerales.com.mx`).
  while (words.length > 2 && toAsciiSlug(words.join(' ')).length > 24) words.pop();
  const base = toAsciiSlug(words.join(' '));
  let domain = `${base}.${country.domainSuffix}`;
  for (let n = 2; taken.has(domain); n++) domain = `${base}${n}.${country.domainSuffix}`;
  return domain;
}

/** A street address written the way the country writes it. */
function streetAddress(rng: Rng, country: Country): string {
  const street = rng.pick(country.streets);
  switch (country.code) {
    case 'CO':
      return `${street} # ${rng.int(10, 120)}-${rng.int(10, 99)}`;
    case 'ES':
      return `${street}, ${rng.int(1, 250)}`;
    default:
      return `${street} ${rng.int(100, 3500)}`;
  }
}

/** `count` companies with unique names and web domains, spread over the countries by weight. */
export function generateCompanies(rng: Rng, count: number): CompanyDraft[] {
  const names = new Set<string>();
  const domains = new Set<string>();
  const drafts: CompanyDraft[] = [];
  for (let i = 0; i < count; i++) {
    const country = rng.weighted(COUNTRY_WEIGHTS);
    const city = rng.pick(country.cities);
    const industry = rng.weighted(INDUSTRY_WEIGHTS);
    const size = rng.weighted(SIZE_WEIGHTS);
    const shortName = uniqueShortName(rng, industry, country, city, names);
    names.add(shortName);
    const formal = rng.chance(INFORMAL_INDUSTRIES.includes(industry) ? 0.4 : 0.8);
    const domain = uniqueDomain(shortName, country, domains);
    domains.add(domain);
    const [revenueMin, revenueMax] = SIZE_PROFILES[size].revenueUsd;
    const values: CompanyValues = {
      name: formal ? `${shortName} ${rng.pick(country.legalForms)}` : shortName,
      industry,
      size,
      website: `https://www.${domain}`,
      phone: randomPhone(rng, [city.landline]),
      address: {
        street: streetAddress(rng, country),
        city: city.name,
        region: city.region,
        postalCode: city.postalCode,
        country: country.code,
      },
      ...(rng.chance(0.85) ? { annualRevenue: money(Math.round(rng.logBetween(revenueMin, revenueMax) / 10_000) * 10_000, 'USD') } : {}),
      ...(rng.chance(0.35) ? { notes: fillTemplate(rng.pick(COMPANY_NOTES), { city: city.name }) } : {}),
    };
    drafts.push({ values, country, city, domain, shortName });
  }
  return drafts;
}
