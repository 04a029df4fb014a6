import { describe, expect, it } from 'vitest';
import { foldText, fts5Query, searchTerms, tsQuery } from './search-text.js';

describe('foldText', () => {
  it('keeps only words, lower case, without accents', () => {
    expect(foldText('José GARCÍA-López, ana@example.com')).toBe('jose garcia lopez ana example com');
    expect(foldText('Ｆｕｌｌｗｉｄｔｈ ①')).toBe('fullwidth 1');
    expect(foldText('  ')).toBe('');
  });
});

describe('searchTerms', () => {
  it('splits into distinct folded words, at most 8', () => {
    expect(searchTerms('Acme acme ÉNERGIE')).toEqual(['acme', 'energie']);
    expect(searchTerms('a b c d e f g h i j')).toHaveLength(8);
    expect(searchTerms('!!! "" *:')).toEqual([]);
  });

  it('leaves nothing of either query syntax in a term', () => {
    for (const text of ['acme" OR "1', 'NEAR(a b)', 'x:* | !y & z', "'; DROP TABLE t; --", '{title}: acme', '^acme*']) {
      for (const term of searchTerms(text)) expect(term).toMatch(/^[\p{L}\p{N}]+$/u);
    }
  });
});

describe('queries', () => {
  it('asks for every word, as a prefix from two letters on', () => {
    expect(fts5Query(['ana', 'g'])).toBe('"ana"* AND "g"');
    expect(tsQuery(['ana', 'g'])).toBe('ana:* & g');
  });
});
