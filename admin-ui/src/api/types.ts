/** Labels per locale, as metadata carries them (`en` always present). */
export type Labels = { readonly en: string } & Readonly<Record<string, string>>;

/** One option of a select or multi-select field. */
export interface SelectOption {
  readonly value: string;
  readonly label: Labels;
  readonly color?: string;
}

/** A field as `GET /api/v1/metadata/entities` describes it (only the fields the caller may read). */
export interface FieldMeta {
  readonly name: string;
  readonly type: string;
  readonly label: Labels;
  readonly description?: string;
  readonly required?: boolean;
  readonly readonly?: boolean;
  readonly hidden?: boolean;
  readonly options?: readonly SelectOption[];
  readonly target?: string;
  readonly inverse?: string;
  readonly defaultCurrency?: string;
  readonly defaultRegion?: string;
  readonly maxLength?: number;
  readonly min?: number;
  readonly max?: number;
  readonly source?: string;
}

/** An entity of the effective metadata. */
export interface EntityMeta {
  readonly name: string;
  readonly label: Labels;
  readonly labelPlural?: Labels;
  readonly description?: string;
  readonly fields: readonly FieldMeta[];
  readonly titleField?: string;
  readonly ownerField?: string;
  /** `core`, `plugin:<id>` or `custom`. */
  readonly source?: string;
}

/** One entity with its create body's JSON Schema and the one-to-many lists that point at it. */
export interface EntityDetail extends EntityMeta {
  readonly schema: JsonSchemaObject;
  readonly inverses: readonly { readonly name: string; readonly entity: string; readonly field: string }[];
}

/** The slice of JSON Schema the forms use. */
export interface JsonSchemaObject {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchemaObject>>;
  readonly required?: readonly string[];
  readonly [key: string]: unknown;
}

/** A filter operator of the API. */
export type FilterOperator = '$eq' | '$ne' | '$gt' | '$gte' | '$lt' | '$lte' | '$in' | '$nin' | '$like' | '$ilike' | '$null';

/** A path the caller may filter and sort on (`GET …/entities/:entity/filters`). */
export interface FilterPath {
  readonly path: string;
  readonly field?: string;
  readonly part?: string;
  readonly type: string;
  readonly kind: string;
  readonly widget?: string;
  readonly operators: readonly FilterOperator[];
}

/** A record as the API returns it. */
export interface RecordRow {
  readonly id: number;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly createdBy: number | null;
  readonly updatedBy: number | null;
  readonly [field: string]: unknown;
}

/** One page of a list. */
export interface RecordPage {
  readonly data: RecordRow[];
  readonly nextCursor: string | null;
  readonly total?: number;
}

/** The signed-in user (`GET /api/v1/auth/me`). */
export interface Me {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  readonly isAdmin: boolean;
  readonly roles: readonly string[];
  readonly teams: readonly { readonly id: number; readonly name: string }[];
}

/** What a saved view remembers. */
export interface ViewConfig {
  readonly columns: readonly string[];
  readonly filter: Record<string, unknown> | null;
  readonly sort: readonly string[];
  readonly layout?: 'list' | 'board';
  readonly groupBy?: string;
}

/** A saved list view (`/api/v1/views`). */
export interface SavedView {
  readonly id: number;
  readonly entity: string;
  readonly name: string;
  readonly ownerId: number;
  readonly shared: boolean;
  readonly mine: boolean;
  readonly version: number;
  readonly config: ViewConfig;
}

/** One audit entry of a record's history. */
export interface HistoryEntry {
  readonly id: number;
  readonly at: string;
  readonly action: 'create' | 'update' | 'delete' | 'restore';
  readonly userId: number | null;
  readonly channel: string;
  readonly changes: readonly { readonly field: string; readonly old: unknown; readonly new: unknown; readonly redacted?: boolean }[];
}

/** One problem of an error response. */
export interface ProblemDetail {
  readonly field?: string;
  readonly code: string;
  readonly message: string;
  readonly index?: number;
}

/** An `application/problem+json` body. */
export interface Problem {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly field?: string;
  readonly errors?: readonly ProblemDetail[];
  readonly currentVersion?: number;
  readonly retryAfter?: number;
}

/** What the caller may do on an entity (from `GET /api/v1/access/explain`). */
export interface Abilities {
  readonly create: boolean;
  readonly edit: boolean;
  readonly delete: boolean;
  /** Fields the caller may read but not change. */
  readonly readOnlyFields: ReadonlySet<string>;
}

/** A plugin's menu entry (`GET /api/v1/ui/contributions`): an entity's list or a page of one of its GET routes. */
export interface MenuContribution {
  readonly plugin: string;
  readonly label: string | Labels;
  readonly group: string;
  readonly entity?: string;
  /** The route as a full URL (`/api/v1/plugins/<id>/backlog`). */
  readonly url?: string;
}

/** A plugin's panel on a record page, fed by a GET route taking `:id`. */
export interface RecordPanelContribution {
  readonly plugin: string;
  readonly id: string;
  readonly entity: string;
  readonly title: string | Labels;
  /** The route as a full URL with `:id` (`/api/v1/plugins/<id>/complaints/:id/sla`). */
  readonly url: string;
}

/** What the running plugins add to the admin UI for the caller. */
export interface UiContributions {
  readonly menu: readonly MenuContribution[];
  readonly recordPanels: readonly RecordPanelContribution[];
}
