import { readFileSync } from 'node:fs';
import type { FieldDefinition } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { emailType, normaliseEmail } from './email.js';

const field = (s: Partial<FieldDefinition> = {}): FieldDefinition => ({
  id: 'contact.email', name: 'email', type: 'email', label: { en: 'Email' }, source: 'core',
  ...s,
});

interface CorpusCase {
  readonly id: string;
  readonly address: string;
  readonly category: string;
  readonly diagnosis: string;
}

/** XML entities, then the corpus's convention: control character n is written as U+2400 + n. */
function decode(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[\u2400-\u241f]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x2400));
}

const xml = readFileSync(new URL('../../../../tests/fixtures/email-isemail/isemail_tests.xml', import.meta.url), 'utf8');
const corpus: CorpusCase[] = [...xml.matchAll(/<test id="(\d+)">([\s\S]*?)<\/test>/g)].map(([, id, body = '']) => ({
  id: id!,
  address: decode(/<address>([\s\S]*?)<\/address>/.exec(body)?.[1] ?? ''),
  category: /<category>(.*?)<\/category>/.exec(body)![1]!,
  diagnosis: /<diagnosis>(.*?)<\/diagnosis>/.exec(body)![1]!,
}));
const inCategory = (category: string) => corpus.filter((c) => c.category === category);
const accepted = (c: CorpusCase) => normaliseEmail(c.address).ok;
const show = (cases: readonly CorpusCase[]) => cases.map((c) => `#${c.id} ${JSON.stringify(c.address)} (${c.diagnosis})`).join('\n');

describe('email against the isemail corpus', () => {
  it('reads the whole corpus, control characters decoded', () => {
    expect(corpus).toHaveLength(164);
    expect(corpus.find((c) => c.id === '136')?.address).toBe('\u0007@iana.org');
  });

  it('accepts every ISEMAIL_VALID address', () => {
    const valid = inCategory('ISEMAIL_VALID_CATEGORY');
    const refused = valid.filter((c) => !accepted(c));
    expect(refused, `${refused.length} of ${valid.length} valid addresses refused:\n${show(refused)}`).toEqual([]);
    expect(valid).toHaveLength(14);
  });

  it('refuses every ISEMAIL_ERR address', () => {
    const errors = inCategory('ISEMAIL_ERR');
    const admitted = errors.filter(accepted);
    expect(admitted, `${admitted.length} of ${errors.length} invalid addresses accepted:\n${show(admitted)}`).toEqual([]);
    expect(errors).toHaveLength(66);
  });

  it('accepts DNS warnings: syntax cannot see DNS', () => {
    const dns = inCategory('ISEMAIL_DNSWARN');
    expect(dns.filter((c) => !accepted(c)), show(dns)).toEqual([]);
    expect(dns).toHaveLength(8);
  });

  it('refuses quoted strings, address literals and numeric TLDs, but lets a dotless domain through', () => {
    const rfc5321 = inCategory('ISEMAIL_RFC5321');
    const acceptedOnes = rfc5321.filter(accepted);
    expect(acceptedOnes.map((c) => c.address)).toEqual(['test@org']);
    expect(rfc5321).toHaveLength(16);
  });

  it.each(['ISEMAIL_CFWS', 'ISEMAIL_DEPREC', 'ISEMAIL_RFC5322'])('refuses every %s address', (category) => {
    const cases = inCategory(category);
    expect(cases.length).toBeGreaterThan(0);
    const acceptedOnes = cases.filter(accepted);
    expect(acceptedOnes, `${acceptedOnes.length} of ${cases.length} accepted:\n${show(acceptedOnes)}`).toEqual([]);
  });
});

describe('email field', () => {
  it('lower-cases the domain only', () => {
    expect(emailType.normalise(field(), 'Ada.Lovelace@Example.COM')).toEqual({ ok: true, value: 'Ada.Lovelace@example.com' });
  });

  it('accepts internationalised addresses (RFC 6531)', () => {
    expect(emailType.normalise(field(), 'josé@Bücher.de')).toEqual({ ok: true, value: 'josé@bücher.de' });
  });

  it('refuses with a message that shows the expected form', () => {
    const result = emailType.normalise(field(), '"john doe"@example.com');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/name@example\.com/);
  });

  it('honours a smaller maxLength and refuses one above 254', () => {
    expect(emailType.normalise(field({ maxLength: 10 }), 'abcdef@example.com').ok).toBe(false);
    expect(emailType.checkDefinition(field({ maxLength: 300 }))).toHaveLength(1);
    expect(emailType.columns(field())[0]).toMatchObject({ kind: 'text', length: 254 });
  });

  it('trims CSV cells and reads blank ones as null', () => {
    expect(emailType.parseCsv(field(), '  a@example.com ', {})).toEqual({ ok: true, value: 'a@example.com' });
    expect(emailType.parseCsv(field(), '   ', {})).toEqual({ ok: true, value: null });
  });
});
