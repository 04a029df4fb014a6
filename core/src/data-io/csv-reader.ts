import { Readable } from 'node:stream';
import { parse, type CsvError, type Parser } from 'csv-parse';
import { ImportErrors } from './import-errors.js';
import { DELIMITERS, type Delimiter, type Encoding } from './import-options.js';

/** One record of the file after the header. */
export interface CsvRow {
  readonly cells: readonly string[];
  /** The row number a spreadsheet shows (the header is row 1). */
  readonly row: number;
  /** The text line the record starts on (differs from `row` after a cell spanning lines). */
  readonly line: number;
  /** Why the record cannot be read at all (broken quoting, not UTF-8); the row is rejected with it. */
  readonly problem?: string;
}

/** The header and how the file is written. */
export interface CsvHeader {
  readonly names: readonly string[];
  readonly delimiter: Delimiter;
  /** The file started with a UTF-8 byte order mark (Excel's "CSV UTF-8"); a rejected-rows file gets one too. */
  readonly bom: boolean;
}

/** Records in batches; `consumed` counts every record after the header read so far, blank ones included (to resume). */
export interface CsvBatch {
  readonly rows: CsvRow[];
  readonly consumed: number;
}

/** An open file: its header, then its records in batches. */
export interface CsvFile {
  readonly header: CsvHeader;
  readonly batches: AsyncGenerator<CsvBatch>;
}

/** How to read a file. */
export interface CsvReadOptions {
  /** The declared separator; detected from the header row when undefined. */
  readonly delimiter?: Delimiter | undefined;
  /** How bytes become text (default utf-8); strings are taken as they are. */
  readonly encoding?: Encoding | undefined;
  readonly batchSize: number;
  /** Records after the header to pass over without yielding them (an interrupted import resuming). */
  readonly skip?: number;
  /** Told of the bytes read so far (progress). */
  readonly onBytes?: (bytes: number) => void;
}

/** How far to look for the end of the header row before giving up on it. */
const HEADER_LOOKAHEAD = 256 * 1024;
const UTF8_REPLACEMENT = '\uFFFD';

/**
 * Opens a CSV stream with csv-parse (streaming: memory stays flat whatever the file's size):
 * a UTF-8 byte order mark is dropped, CRLF, LF and CR line ends are all read, quoted cells may
 * span lines, and the separator is taken from the header row unless it was declared. Bytes
 * that are not UTF-8 (a file saved as Latin-1) are never silently replaced: their row is
 * rejected, naming the problem.
 */
export async function openCsv(source: AsyncIterable<Buffer | string>, options: CsvReadOptions): Promise<CsvFile> {
  const decoder = new TextDecoder(options.encoding ?? 'utf-8');
  const iterator = source[Symbol.asyncIterator]();
  let bytes = 0;
  const decode = (chunk: Buffer | string): string => {
    const size = typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    bytes += size;
    options.onBytes?.(bytes);
    return typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  };
  // Read ahead to the end of the header row, so the separator can be checked before parsing.
  let head = '';
  let ended = false;
  while (!ended && !/[\r\n]/.test(head.replace(/^[\ufeff\s]*[\r\n]+/, '')) && head.length < HEADER_LOOKAHEAD) {
    const next = await iterator.next();
    if (next.done) ended = true;
    else head += decode(next.value);
  }
  if (ended) head += decoder.decode();
  const bom = head.startsWith('\ufeff');
  const firstLine = firstNonBlankLine(head);
  if (firstLine === undefined) throw ImportErrors.empty();
  const delimiter = options.delimiter ?? detectDelimiter(firstLine);
  if (options.delimiter !== undefined) {
    const likely = detectDelimiter(firstLine);
    if (countOutsideQuotes(firstLine, options.delimiter) === 0 && likely !== options.delimiter && countOutsideQuotes(firstLine, likely) > 0) {
      throw ImportErrors.delimiterMismatch(options.delimiter, likely, firstLine);
    }
  }
  async function* text(): AsyncGenerator<string> {
    yield head;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      yield decode(next.value);
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  }
  // A record csv-parse cannot read is pushed into its output as a marker, so it keeps its place among the good ones.
  const parser: Parser = parse({ bom: true, delimiter, relax_column_count: true, skip_records_with_error: true, on_skip: (error) => void parser.push(new Broken(error)) });
  const records = Readable.from(text()).pipe(parser)[Symbol.asyncIterator]() as AsyncIterator<string[] | Broken>;
  let line = 1;
  let row = 0;
  // The header is the first record that is not blank.
  let names: string[] | undefined;
  while (!names) {
    const next = await records.next();
    if (next.done) throw ImportErrors.empty();
    row += 1;
    const cells = next.value;
    if (cells instanceof Broken) throw ImportErrors.mappingInvalid('', [{ field: 'header', code: 'KITH_IMPORT_ROW_UNREADABLE', message: `The header row is not valid CSV: ${describeCsvError(cells.error)}.` }]);
    line += linesIn(cells);
    if (!isBlank(cells)) names = cells.map((c) => c.trim());
  }
  return { header: { names, delimiter, bom }, batches: batchesOf(records, { line, row }, options) };
}

/** A record csv-parse could not read, in its place among the records. */
class Broken {
  constructor(readonly error: CsvError | undefined) {}
}

async function* batchesOf(records: AsyncIterator<string[] | Broken>, start: { line: number; row: number }, options: CsvReadOptions): AsyncGenerator<CsvBatch> {
  let { line, row } = start;
  let consumed = 0;
  let rows: CsvRow[] = [];
  const skip = options.skip ?? 0;
  const take = (r: CsvRow) => {
    consumed += 1;
    if (consumed > skip) rows.push(r);
  };
  let afterBroken = false;
  for (;;) {
    const next = await records.next();
    if (next.done) break;
    const cells = next.value;
    if (cells instanceof Broken) {
      // csv-parse may report one broken record several times as it resynchronises: one rejected row.
      if (!afterBroken) {
        row += 1;
        take({ cells: [], row, line, problem: `this row is not valid CSV (${describeCsvError(cells.error)}); check its quotes: a quote inside a cell is written twice ("")` });
      }
      afterBroken = true;
      const at = (cells.error as { lines?: unknown } | undefined)?.lines;
      line = typeof at === 'number' && at >= line ? at + 1 : line + 1;
      continue;
    }
    afterBroken = false;
    row += 1;
    const startLine = line;
    line += linesIn(cells);
    if (isBlank(cells)) {
      consumed += 1; // a blank line (or a row of empty cells, as spreadsheets export) is no record
    } else {
      const problem = cells.some((c) => c.includes(UTF8_REPLACEMENT))
        ? 'this row has bytes that are not UTF-8 (the file was probably saved as Windows-1252 or Latin-1); save it as "CSV UTF-8", or import it with encoding windows-1252'
        : undefined;
      take({ cells, row, line: startLine, ...(problem ? { problem } : {}) });
    }
    if (rows.length >= options.batchSize) {
      yield { rows, consumed };
      rows = [];
    }
  }
  if (rows.length > 0 || consumed > 0) yield { rows, consumed };
}

/** The separator the header row uses most (outside quotes); ',' when it has none (one column). */
export function detectDelimiter(line: string): Delimiter {
  let best: Delimiter = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const n = countOutsideQuotes(line, d);
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, char: string): number {
  let quoted = false;
  let n = 0;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === char && !quoted) n += 1;
  }
  return n;
}

function firstNonBlankLine(text: string): string | undefined {
  for (const line of text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/)) if (line.trim() !== '') return line;
  return undefined;
}

/** Lines a record spans: one, plus the line breaks inside its quoted cells. */
function linesIn(cells: readonly string[]): number {
  let n = 1;
  for (const c of cells) if (c.includes('\n') || c.includes('\r')) n += c.match(/\r\n|\r|\n/g)!.length;
  return n;
}

function isBlank(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}

function describeCsvError(error: CsvError | undefined): string {
  if (!error) return 'unreadable';
  return error.message.replace(/^Invalid Record Length: /, '').replace(/ at line \d+/, '');
}
