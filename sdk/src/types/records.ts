/** The values a caller writes: field name to value. */
export type RecordInput = Readonly<Record<string, unknown>>;

/** A stored record: system fields plus the entity's fields. */
export interface StoredRecord {
  readonly id: number;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly createdBy: number | null;
  readonly updatedBy: number | null;
  readonly [field: string]: unknown;
}

/** A filter in the MikroORM / Mongo style, e.g. `{ stage: 'won', amount: { $gt: 5000 } }`. */
export type RecordFilter = Readonly<Record<string, unknown>>;

/** What to list: filter, sort (`-amount,name`), page size, cursor, fields, relations to expand. */
export interface ListQuery {
  readonly filter?: RecordFilter;
  readonly sort?: string;
  readonly limit?: number;
  readonly cursor?: string | null;
  readonly fields?: readonly string[];
  readonly expand?: readonly string[];
  readonly count?: boolean;
}

/** One page of records. `nextCursor` is null on the last page. */
export interface ListResult {
  readonly data: StoredRecord[];
  readonly nextCursor: string | null;
  readonly total?: number;
}

/** Permission-aware access to records, the same path the REST API uses. */
export interface RecordsApi {
  create(entity: string, data: RecordInput): Promise<StoredRecord>;
  bulkCreate(entity: string, rows: readonly RecordInput[]): Promise<StoredRecord[]>;
  get(entity: string, id: number): Promise<StoredRecord>;
  list(entity: string, query?: ListQuery): Promise<ListResult>;
  update(entity: string, id: number, patch: RecordInput, version: number): Promise<StoredRecord>;
  delete(entity: string, id: number): Promise<void>;
  restore(entity: string, id: number): Promise<StoredRecord>;
}
