import { describe, expect, it } from 'vitest';
import { detectDelimiter, openCsv, type CsvRow } from './csv-reader.js';

async function read(text: string | Buffer[], delimiter?: ',' | ';') {
  async function* source() {
    if (typeof text === 'string') yield text;
    else yield* text;
  }
  const file = await openCsv(source(), { delimiter, batchSize: 2 });
  const rows: CsvRow[] = [];
  const consumed: number[] = [];
  for await (const batch of file.batches) {
    rows.push(...batch.rows);
    consumed.push(batch.consumed);
  }
  return { header: file.header, rows, consumed };
}

describe('openCsv', () => {
  it('takes the separator the header row uses most, outside quotes', () => {
    expect(detectDelimiter('name;email;"a,b,c"')).toBe(';');
    expect(detectDelimiter('name\temail')).toBe('\t');
    expect(detectDelimiter('name')).toBe(',');
  });

  it('drops a byte order mark and numbers rows as a spreadsheet does, lines as an editor does', async () => {
    const { header, rows } = await read('\ufeffa,b\r\n1,"x\r\ny"\r\n\r\n2,z\r\n,\r\n3,w');
    expect(header).toEqual({ names: ['a', 'b'], delimiter: ',', bom: true });
    expect(rows.map((r) => [r.cells[0], r.row, r.line])).toEqual([['1', 2, 2], ['2', 4, 5], ['3', 6, 7]]);
  });

  it('counts blank rows as consumed, so a resumed import skips exactly what it did', async () => {
    const { consumed } = await read('a\n1\n\n2\n3\n');
    expect(consumed).toEqual([3, 4]);
  });

  it('decodes UTF-8 split across chunks, and flags bytes that are not UTF-8', async () => {
    const bytes = Buffer.from('n\nJosé\n', 'utf8');
    const { rows } = await read([bytes.subarray(0, 5), bytes.subarray(5)]);
    expect(rows[0]!.cells).toEqual(['José']);
    const latin = await read([Buffer.from('n\nJos\xe9\n', 'latin1')]);
    expect(latin.rows[0]!.problem).toMatch(/not UTF-8/);
  });

  it('reports a broken record once, in its place', async () => {
    const { rows } = await read('a,b\n1,2\n"x"y,3\n');
    expect(rows.map((r) => r.problem === undefined)).toEqual([true, false]);
    expect(rows[1]!.problem).toMatch(/not valid CSV/);
  });

  it('refuses an empty file and a declared separator the header does not use', async () => {
    await expect(read('')).rejects.toMatchObject({ code: 'KITH_IMPORT_EMPTY' });
    await expect(read(' \r\n\r\n')).rejects.toMatchObject({ code: 'KITH_IMPORT_EMPTY' });
    await expect(read('a;b\n1;2\n', ',')).rejects.toMatchObject({ code: 'KITH_IMPORT_DELIMITER_MISMATCH' });
  });
});
