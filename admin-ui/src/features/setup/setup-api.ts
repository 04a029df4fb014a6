import { api, query } from '../../api/client.js';
import type { Labels } from '../../api/types.js';

/** A validation rule (`/metadata/entities/:entity/rules`). */
export interface RuleDef {
  readonly id: string;
  readonly name: string;
  readonly entity: string;
  readonly condition: unknown;
  readonly message: Labels;
  readonly fields: readonly string[];
  readonly active: boolean;
  readonly source: string;
}

/** One rule's answer in a dry-run. */
export interface RuleResult {
  readonly rule: string | null;
  readonly failed: boolean;
  readonly message?: string;
  readonly fields?: readonly string[];
  readonly active?: boolean;
  readonly error?: string;
}

/** `POST …/rules/test`. */
export interface RuleDryRun {
  readonly record: Readonly<Record<string, unknown>>;
  readonly results: readonly RuleResult[];
}

/** A workflow (`/workflows`). */
export interface WorkflowDef {
  readonly id: string;
  readonly label: Labels;
  readonly description?: string;
  readonly entity?: string;
  readonly trigger: { readonly type: string; readonly [key: string]: unknown };
  readonly condition?: unknown;
  readonly actions: readonly { readonly type: string; readonly [key: string]: unknown }[];
  readonly enabled: boolean;
  readonly version?: number;
  readonly source?: string;
}

/** `POST /workflows/:id/test`. */
export interface WorkflowDryRun {
  readonly workflow: { readonly id: string; readonly version: number };
  readonly triggerMatched: boolean;
  readonly conditionMatched: boolean;
  readonly conditionError?: string;
  readonly actions: readonly { readonly index: number; readonly type: string; readonly wouldRun: boolean; readonly payload?: unknown; readonly problem?: string }[];
}

/** One run of a workflow. */
export interface WorkflowRun {
  readonly id: number;
  readonly workflowId: string;
  readonly workflowVersion: number;
  readonly entity: string | null;
  readonly recordId: number | null;
  readonly status: string;
  readonly attempts: number;
  readonly error: string | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

/** An access scope of a grant. */
export type Scope = 'none' | 'own' | 'team' | 'all';

/** One entity's grant of a role. */
export interface Grant {
  readonly create: Scope;
  readonly read: Scope;
  readonly edit: Scope;
  readonly delete: Scope;
  readonly fields?: Readonly<Record<string, { readonly read: boolean; readonly edit: boolean }>>;
  readonly condition?: unknown;
}

/** A role (`/metadata/roles`). */
export interface RoleDef {
  readonly id: string;
  readonly name: string;
  readonly label: Labels;
  readonly description?: string;
  readonly grants: Readonly<Record<string, Grant>>;
  readonly source: string;
}

/** `GET /access/explain`. */
export interface Explain {
  readonly user: { readonly id: number; readonly email: string; readonly isAdmin: boolean; readonly active: boolean; readonly roles: readonly string[] };
  readonly entity: string;
  readonly record?: { readonly id: number; readonly exists: boolean; readonly deleted: boolean };
  readonly operations: Readonly<Record<string, { readonly allowed: boolean; readonly reason: string; readonly grantedBy: readonly { readonly role: string; readonly scope: string; readonly matches?: boolean }[] }>>;
  readonly fields: readonly { readonly name: string; readonly read: boolean; readonly edit: boolean; readonly grantedBy: readonly string[]; readonly deniedBy: readonly string[] }[];
}

/** A plugin in `GET /plugins`. */
export interface PluginInfo {
  readonly id: string;
  readonly version: string | null;
  readonly installedVersion: string | null;
  readonly state: string;
  readonly requires: Readonly<Record<string, string>>;
  readonly dependents: readonly string[];
  readonly error?: { readonly code: string; readonly message: string; readonly errors?: readonly { readonly message: string }[] };
  readonly disabledWith?: string;
  readonly pending?: 'enabled' | 'disabled';
}

/** Package files by path. */
export type PackageFiles = Readonly<Record<string, string>>;

/** One change of a package plan. */
export interface PlannedChange {
  readonly file: string;
  readonly index: number;
  readonly kind: string;
  readonly summary: string;
  readonly destructive: boolean;
  readonly rowsAtRisk: number;
  readonly risk?: string;
  readonly change: unknown;
  readonly status?: 'applied' | 'failed' | 'notApplied';
}

/** `POST /config/plan`. */
export interface PackagePlan {
  readonly changes: readonly PlannedChange[];
  readonly onlyInTarget: readonly { readonly file: string; readonly kind: string; readonly summary: string }[];
  readonly plugins: readonly { readonly plugin: string; readonly package: string | null; readonly target: string | null }[];
}

/** One entry of the metadata history. */
export interface MetadataChange {
  readonly seq: number;
  readonly kind: string;
  readonly entityId: string;
  readonly fieldId: string | null;
  readonly createdAt: string;
  readonly createdBy: number | null;
  readonly change: unknown;
}

/** `POST /metadata/history/:seq/revert`. */
export interface RevertPlan {
  readonly dryRun: boolean;
  readonly revert: { readonly seq: number; readonly kind: string; readonly summary: string };
  readonly changes: readonly { readonly kind: string; readonly summary: string; readonly destructive: boolean; readonly rowsAtRisk: number; readonly risk?: string; readonly restoresRows?: number; readonly seq?: number }[];
}

const e = encodeURIComponent;

/** The calls the consultant screens make; every one is for administrators. */
export const setupApi = {
  addEntity: (body: unknown) => api<unknown>('POST', '/metadata/entities', body),
  addField: (entity: string, body: unknown) => api<unknown>('POST', `/metadata/entities/${e(entity)}/fields`, body),
  updateField: (entity: string, field: string, body: unknown) => api<unknown>('PATCH', `/metadata/entities/${e(entity)}/fields/${e(field)}`, body),
  removeField: (entity: string, field: string, confirm: boolean) => api<void>('DELETE', `/metadata/entities/${e(entity)}/fields/${e(field)}${query({ confirm: confirm || undefined })}`),
  rules: async (entity: string) => (await api<{ data: RuleDef[] }>('GET', `/metadata/entities/${e(entity)}/rules`)).data,
  addRule: (entity: string, body: unknown) => api<RuleDef>('POST', `/metadata/entities/${e(entity)}/rules`, body),
  updateRule: (entity: string, name: string, body: unknown) => api<RuleDef>('PATCH', `/metadata/entities/${e(entity)}/rules/${e(name)}`, body),
  removeRule: (entity: string, name: string) => api<void>('DELETE', `/metadata/entities/${e(entity)}/rules/${e(name)}`),
  testRules: (entity: string, body: unknown) => api<RuleDryRun>('POST', `/metadata/entities/${e(entity)}/rules/test`, body),
  workflows: async () => (await api<{ data: WorkflowDef[] }>('GET', '/workflows')).data,
  addWorkflow: (body: unknown) => api<WorkflowDef>('POST', '/workflows', body),
  updateWorkflow: (id: string, body: unknown) => api<WorkflowDef>('PATCH', `/workflows/${e(id)}`, body),
  testWorkflow: (id: string, body: unknown) => api<WorkflowDryRun>('POST', `/workflows/${e(id)}/test`, body),
  runs: async (id: string) => (await api<{ data: WorkflowRun[] }>('GET', `/workflows/${e(id)}/runs${query({ limit: 10 })}`)).data,
  roles: async () => (await api<{ data: RoleDef[] }>('GET', '/metadata/roles')).data,
  addRole: (body: unknown) => api<RoleDef>('POST', '/metadata/roles', body),
  updateRole: (name: string, body: unknown) => api<RoleDef>('PATCH', `/metadata/roles/${e(name)}`, body),
  explain: (user: number | string, entity: string, id?: number) => api<Explain>('GET', `/access/explain${query({ user, entity, id })}`),
  plugins: async () => (await api<{ data: PluginInfo[] }>('GET', '/plugins')).data,
  upgradePlan: (id: string) => api<unknown>('GET', `/plugins/${e(id)}/upgrade-plan`),
  exportPackage: () => api<{ files: PackageFiles; leftOut?: readonly { seq: number; kind: string; message: string }[] }>('GET', '/config/export'),
  planPackage: (files: PackageFiles) => api<PackagePlan>('POST', '/config/plan', { files }),
  applyPackage: (files: PackageFiles, confirmDestructive: boolean) => api<{ applied: number; changes: PlannedChange[] }>('POST', '/config/apply', { files, confirmDestructive }),
  history: (cursor?: string) => api<{ data: MetadataChange[]; nextCursor: string | null }>('GET', `/metadata/history${query({ limit: 50, cursor })}`),
  revert: (seq: number, options: { dryRun?: boolean; confirm?: boolean }) =>
    api<RevertPlan>('POST', `/metadata/history/${seq}/revert${query({ dryRun: options.dryRun || undefined, confirm: options.confirm || undefined })}`),
};
