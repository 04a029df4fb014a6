import type { ListQuery } from '@kith/sdk';
import { readScopes } from '../acl/read-scope.js';
import type { Actor } from '../data/actor.js';
import type { RecordService } from '../data/record-service.js';
import type { RecordRow } from '../data/row-mapper.js';
import { Errors } from '../errors/index.js';
import { csvLine, neutralise, UTF8_BOM } from './csv-writer.js';
import type { Delimiter } from './import-options.js';

/** Rows per page read from the record service (its largest page). */
const PAGE = 500;

/** The formats an export writes. */
export const EXPORT_FORMATS = ['csv', 'json'] as const;
/** One export format. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What to export: a list view (filter, sort, chosen columns) and how to write it. */
export interface ExportRequest {
  readonly entity: string;
  readonly query: Pick<ListQuery, 'filter' | 'sort' | 'fields'>;
  readonly format: ExportFormat;
  readonly actor: Actor;
  /** CSV only: the separator (default ','), and a byte order mark for Excel. */
  readonly delimiter?: Delimiter;
  readonly bom?: boolean;
}

/** An export ready to stream: the first page is already read, so a bad filter fails before anything is sent. */
export interface OpenExport {
  readonly filename: string;
  readonly contentType: string;
  readonly chunks: AsyncGenerator<string>;
}

/**
 * Exports a list view through `records.list` with the caller's own actor, page by page along
 * the keyset cursor (memory stays flat, and concurrent inserts never shift a page): rows
 * outside the caller's read scope never appear, and a field they may not read is neither a
 * column nor a value — naming it in `fields`, `filter` or `sort` is the same 400 as an
 * unknown field. CSV cells go through each field type's CSV form, and cells a spreadsheet
 * would run as a formula are neutralised.
 */
export async function openExport(records: RecordService, request: ExportRequest): Promise<OpenExport> {
  const model = records.currentModel();
  const entity = records.entity(request.entity, model);
  const scope = readScopes(model, request.actor)(entity);
  if (!scope) throw Errors.entityNotFound(entity.name);
  const names = request.query.fields?.length ? [...new Set(request.query.fields)] : entity.fields.filter((f) => !scope.visible || scope.visible.has(f.name)).map((f) => f.name);
  const query: ListQuery = { ...request.query, limit: PAGE, fields: names };
  // Read before the response starts: an unknown or hidden field, a bad filter or sort is a 400, not a broken download.
  const first = await records.list(entity.name, query, request.actor, 'live', model);
  const columns = names.filter((n) => n !== 'id').map((name): Column => {
    const field = entity.fieldsByName.get(name);
    return field ? { name, cell: (v) => field.type.formatCsv(field.def, v) } : { name, cell: (v) => String(v) };
  });
  async function* pages(): AsyncGenerator<RecordRow[]> {
    let page = first;
    yield page.data;
    while (page.nextCursor) {
      page = await records.list(entity.name, { ...query, cursor: page.nextCursor }, request.actor, 'live', model);
      yield page.data;
    }
  }
  const stamp = new Date().toISOString().slice(0, 10);
  if (request.format === 'json') {
    return { filename: `${entity.name}-${stamp}.json`, contentType: 'application/json; charset=utf-8', chunks: jsonChunks(pages()) };
  }
  const delimiter = request.delimiter ?? ',';
  return { filename: `${entity.name}-${stamp}.csv`, contentType: 'text/csv; charset=utf-8', chunks: csvChunks(pages(), columns, delimiter, request.bom === true) };
}

/** A CSV column: its header and how a (non-empty) value becomes a cell. */
interface Column {
  readonly name: string;
  readonly cell: (value: unknown) => string;
}

async function* csvChunks(pages: AsyncGenerator<RecordRow[]>, columns: readonly Column[], delimiter: string, bom: boolean): AsyncGenerator<string> {
  yield `${bom ? UTF8_BOM : ''}${csvLine(['id', ...columns.map((c) => c.name)], delimiter)}`;
  for await (const page of pages) {
    let text = '';
    for (const record of page) {
      const cells = [String(record.id)];
      for (const column of columns) {
        const value = record[column.name];
        cells.push(value === null || value === undefined ? '' : neutralise(column.cell(value)));
      }
      text += csvLine(cells, delimiter);
    }
    if (text) yield text;
  }
}

async function* jsonChunks(pages: AsyncGenerator<RecordRow[]>): AsyncGenerator<string> {
  let first = true;
  yield '[';
  for await (const page of pages) {
    if (page.length === 0) continue;
    let text = '';
    for (const record of page) {
      text += `${first ? '\n' : ',\n'}${JSON.stringify(record)}`;
      first = false;
    }
    yield text;
  }
  yield first ? ']\n' : '\n]\n';
}
