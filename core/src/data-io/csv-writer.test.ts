import { describe, expect, it } from 'vitest';
import { csvLine, neutralise } from './csv-writer.js';

describe('neutralise (OWASP CSV injection)', () => {
  it.each(['=1+2', '=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx', '-', '+', '-abc'])('quotes %j', (cell) => {
    expect(neutralise(cell)).toBe(`'${cell}`);
  });

  it.each(['-12', '+3.5', '-1,234.50', '+4930123456', '-12.50 EUR', 'plain', '', '12-3', "'=already"])('leaves %j alone', (cell) => {
    expect(neutralise(cell)).toBe(cell);
  });
});

describe('csvLine', () => {
  it('quotes only cells that need it, doubling quotes, and ends with CRLF', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', ''], ',')).toBe('a,"b,c","say ""hi""","two\nlines",\r\n');
    expect(csvLine(['a,b', 'c;d'], ';')).toBe('a,b;"c;d"\r\n');
  });
});
