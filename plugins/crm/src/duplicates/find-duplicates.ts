import type { RecordsApi, StoredRecord } from '@kith/sdk';
import { FREE_MAIL_DOMAINS, companyKey, domainOf, likeLiteral, personKey, phoneDigits, similarity } from './normalise.js';

/** Why a record may be the same as the candidate. */
export interface DuplicateReason {
  readonly field: string;
  readonly match: 'same' | 'similar';
  readonly value: string;
  /** For similar names: how alike (0–1). */
  readonly similarity?: number;
}

/** A stored record that may be the same as the one about to be created. */
export interface DuplicateCandidate {
  readonly id: number;
  /** 0–1: how likely it is the same (independent reasons combine). */
  readonly score: number;
  readonly reasons: DuplicateReason[];
  readonly record: StoredRecord;
}

/** How strongly one reason alone says "duplicate". */
const WEIGHT: Readonly<Record<string, number>> = { email: 0.95, taxId: 0.95, domain: 0.85, phone: 0.8 };
/** Candidates looked at per query: duplicate checks are a hint, not a scan of the table. */
const SCAN = 200;

class Collector {
  private readonly found = new Map<number, { record: StoredRecord; reasons: DuplicateReason[] }>();
  constructor(private readonly exclude: number | undefined) {}

  add(record: StoredRecord, reason: DuplicateReason): void {
    if (record.id === this.exclude) return;
    const entry = this.found.get(record.id) ?? { record, reasons: [] };
    if (!entry.reasons.some((r) => r.field === reason.field && r.value === reason.value)) entry.reasons.push(reason);
    this.found.set(record.id, entry);
  }

  result(limit: number): DuplicateCandidate[] {
    return [...this.found.values()]
      .map(({ record, reasons }) => {
        const miss = reasons.reduce((p, r) => p * (1 - (r.match === 'same' ? (WEIGHT[r.field] ?? 0.8) : 0.75 * (r.similarity ?? 0))), 1);
        return { id: record.id, score: Math.round((1 - miss) * 1000) / 1000, reasons, record };
      })
      .sort((a, b) => b.score - a.score || a.id - b.id)
      .slice(0, limit);
  }
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** The significant word of a key most likely to find the same name by a pattern (the longest). */
const longestWord = (key: string): string | undefined => key.split(' ').sort((a, b) => b.length - a.length)[0] || undefined;

/** Accounts that may be the same: same web domain (from the website, or a company e-mail), same tax id, a similar name. */
export async function accountDuplicates(records: RecordsApi, input: Readonly<Record<string, unknown>>, threshold: number, limit: number): Promise<DuplicateCandidate[]> {
  const found = new Collector(typeof input.id === 'number' ? input.id : undefined);
  const domains = new Set<string>();
  const fromSite = domainOf(input.website);
  if (fromSite) domains.add(fromSite);
  const fromMail = domainOf(input.email);
  if (fromMail && !FREE_MAIL_DOMAINS.has(fromMail)) domains.add(fromMail);
  if (domains.size > 0) {
    // Websites are stored as canonical URLs (https://www.acme.com/…): match the host, with or without www.
    const patterns = [...domains].flatMap((d) => [`%//${likeLiteral(d)}/%`, `%//www.${likeLiteral(d)}/%`]);
    const { data } = await records.list('account', { filter: { $or: patterns.map((p) => ({ website: { $ilike: p } })) }, limit: SCAN });
    for (const r of data) {
      const domain = domainOf(r.website);
      if (domain && domains.has(domain)) found.add(r, { field: 'domain', match: 'same', value: domain });
    }
  }
  const taxId = text(input.taxId);
  if (taxId) {
    const { data } = await records.list('account', { filter: { taxId: { $ilike: likeLiteral(taxId) } }, limit: SCAN });
    for (const r of data) found.add(r, { field: 'taxId', match: 'same', value: taxId });
  }
  const name = text(input.name);
  const key = name ? companyKey(name) : '';
  const word = longestWord(key);
  if (word && word.length >= 3) {
    const { data } = await records.list('account', { filter: { name: { $ilike: `%${likeLiteral(word)}%` } }, limit: SCAN });
    for (const r of data) {
      const score = similarity(key, companyKey(String(r.name ?? '')));
      if (score >= threshold) found.add(r, { field: 'name', match: score === 1 ? 'same' : 'similar', value: String(r.name), similarity: Math.round(score * 1000) / 1000 });
    }
  }
  return found.result(limit);
}

/** Contacts that may be the same: an e-mail in common, a phone in common, a similar name (stronger at the same account). */
export async function contactDuplicates(records: RecordsApi, input: Readonly<Record<string, unknown>>, threshold: number, limit: number): Promise<DuplicateCandidate[]> {
  const found = new Collector(typeof input.id === 'number' ? input.id : undefined);
  const emails = [input.email, input.secondaryEmail].map(text).filter((e): e is string => e !== undefined);
  for (const email of new Set(emails.map((e) => e.toLowerCase()))) {
    const pattern = { $ilike: likeLiteral(email) };
    const { data } = await records.list('contact', { filter: { $or: [{ email: pattern }, { secondaryEmail: pattern }] }, limit: SCAN });
    for (const r of data) found.add(r, { field: 'email', match: 'same', value: email });
  }
  for (const phone of new Set([input.phone, input.mobile].map(phoneDigits).filter((d) => d.length >= 7))) {
    // The national significant number's tail matches "+51 987 654 321" and "987654321" alike.
    const tail = phone.slice(-8);
    const pattern = { $like: `%${tail}` };
    const { data } = await records.list('contact', { filter: { $or: [{ phone: pattern }, { mobile: pattern }] }, limit: SCAN });
    for (const r of data) {
      const same = [r.phone, r.mobile].map(phoneDigits).some((d) => d !== '' && (d.endsWith(phone) || phone.endsWith(d)));
      if (same) found.add(r, { field: 'phone', match: 'same', value: phone });
    }
  }
  const name = input.name as { first?: unknown; last?: unknown } | undefined;
  const key = name && typeof name === 'object' ? personKey(name.first, name.last) : '';
  const last = name && typeof name === 'object' ? text(name.last) : undefined;
  if (key && last) {
    const word = longestWord(personKey('', last));
    if (word && word.length >= 2) {
      const { data } = await records.list('contact', { filter: { 'name.last': { $ilike: `%${likeLiteral(word)}%` } }, limit: SCAN });
      for (const r of data) {
        const other = r.name as { first?: unknown; last?: unknown } | null;
        let score = similarity(key, personKey(other?.first, other?.last));
        // The same name at the same account is a stronger signal than the same name anywhere.
        if (typeof input.account === 'number' && r.account === input.account) score = Math.min(1, score + 0.05);
        if (score >= threshold) found.add(r, { field: 'name', match: score === 1 ? 'same' : 'similar', value: personKey(other?.first, other?.last), similarity: Math.round(score * 1000) / 1000 });
      }
    }
  }
  return found.result(limit);
}
