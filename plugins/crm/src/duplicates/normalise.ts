/**
 * The text forms duplicate detection compares: a web domain, an e-mail, a company or person
 * name with accents, punctuation and legal suffixes taken away. Pure functions, also used by the
 * `crm.domainOf` formula operation.
 */

/** `https://www.Acme.com/about` → `acme.com`; an e-mail gives its domain; anything else null. */
export function domainOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase();
  if (text === '') return null;
  const at = text.lastIndexOf('@');
  if (at > 0 && !text.includes('/')) return stripWww(text.slice(at + 1)) || null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(text) ? text : `https://${text}`);
    return stripWww(url.hostname) || null;
  } catch {
    return null;
  }
}

function stripWww(host: string): string {
  return host.replace(/^www\d*\./, '').replace(/\.$/, '');
}

/** Free-mail providers: a shared e-mail domain says nothing about the company. */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'hotmail.com', 'hotmail.es', 'outlook.com', 'outlook.es', 'live.com', 'yahoo.com',
  'yahoo.es', 'icloud.com', 'me.com', 'aol.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.de', 'mail.com',
]);

/** Legal forms and filler words that do not tell two companies apart. */
const COMPANY_NOISE = new Set([
  'sa', 'sac', 'saa', 'sas', 'srl', 'sl', 'slu', 'sau', 'eirl', 'ltda', 'ltd', 'limited', 'inc', 'incorporated', 'corp',
  'corporation', 'co', 'company', 'llc', 'llp', 'plc', 'gmbh', 'ag', 'bv', 'nv', 'spa', 'cia', 'y', 'and', 'the', 'de', 'del', 'la', 'el', 'los', 'las', 'e', 'hijos',
]);

/** Lower-case ASCII words: accents folded, punctuation gone (`Industrias Pérez S.A.C.` → `industrias perez s a c`, joined later). */
function words(value: string): string[] {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    // Dotted abbreviations become one word: s.a.c. → sac
    .replace(/\b((?:[a-z]\.){2,})/g, (m) => m.replace(/\./g, ''))
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** A company name reduced to what tells it apart: `Grupo Pérez & Hijos S.A.C.` → `grupo perez`. */
export function companyKey(name: string): string {
  const all = words(name);
  const kept = all.filter((w) => !COMPANY_NOISE.has(w));
  return (kept.length > 0 ? kept : all).join(' ');
}

/** A person's name as one comparable string. */
export function personKey(first: unknown, last: unknown): string {
  return words(`${typeof first === 'string' ? first : ''} ${typeof last === 'string' ? last : ''}`).join(' ');
}

/** The digits of a phone number, for comparing what people typed with stored E.164 numbers. */
export function phoneDigits(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\D/g, '') : '';
}

/** Jaro-Winkler similarity of two strings, 0 (nothing alike) to 1 (equal). */
export function similarity(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : 1;
  if (a === '' || b === '') return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j < Math.min(b.length, i + window + 1); j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < Math.min(4, a.length, b.length) && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Escapes `%`, `_` and `\` so a value matches itself in a $like / $ilike pattern. */
export function likeLiteral(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
