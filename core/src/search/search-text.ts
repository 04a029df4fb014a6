import type { CompiledField } from '../metadata/compile/compiled-types.js';

/** Longest search text accepted. */
export const MAX_QUERY_LENGTH = 200;
const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 64;
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Text as the index holds it: compatibility-decomposed, accents removed, lower case, only
 * runs of letters and digits, one space between them. Both databases index exactly these
 * words, so SQLite's FTS5 tokenizer and PostgreSQL's parser see the same tokens (PostgreSQL's
 * parser would otherwise keep `ana@example.com` as one token, and keep accents that FTS5 drops).
 */
export function foldText(text: string): string {
  return (text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().match(WORD) ?? []).join(' ');
}

/** The words of a search text, folded like the index (at most 8, each at most 64 characters). */
export function searchTerms(q: string): string[] {
  const words = foldText(q).split(' ').filter((w) => w !== '').map((w) => w.slice(0, MAX_TERM_LENGTH));
  return [...new Set(words)].slice(0, MAX_TERMS);
}

/**
 * The FTS5 query for `terms`: every word must occur, each as a word prefix (one-letter words
 * as whole words, which would otherwise match most of the index). Each term is quoted; terms
 * hold only letters and digits, so nothing in them is FTS5 syntax.
 */
export function fts5Query(terms: readonly string[]): string {
  return terms.map((t) => (t.length > 1 ? `"${t}"*` : `"${t}"`)).join(' AND ');
}

/** The PostgreSQL tsquery text for `terms` (given to `to_tsquery('simple', …)`), with the same meaning as `fts5Query`. */
export function tsQuery(terms: readonly string[]): string {
  return terms.map((t) => (t.length > 1 ? `${t}:*` : t)).join(' & ');
}

/** The text a field's value contributes to the index: strings, the parts of composites, a select option's value and label. */
export function fieldText(field: CompiledField, value: unknown): string {
  if (value === null || value === undefined) return '';
  const { def } = field;
  if (def.type === 'select' || def.type === 'multiSelect') {
    const values = Array.isArray(value) ? value : [value];
    return foldText(values.map((v) => `${String(v)} ${def.options?.find((o) => o.value === v)?.label.en ?? ''}`).join(' '));
  }
  if (def.type === 'json' || def.type === 'boolean' || def.type === 'relation' || def.type === 'user') return '';
  if (typeof value === 'object') return foldText(Object.values(value as Record<string, unknown>).filter((v) => typeof v === 'string' || typeof v === 'number').join(' '));
  return foldText(String(value));
}
