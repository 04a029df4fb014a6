import type { Actor } from '../data/actor.js';
import { isKithError, type ErrorDetail } from '../errors/index.js';
import { CHARTS, type Chart, type Dashboard, type DashboardStore, type Widget } from './dashboard-store.js';
import { ReportErrors } from './report-errors.js';
import type { ReportResult, ReportService } from './report-service.js';

const MAX_WIDGETS = 24;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

/** A dashboard as one reader gets it: `mine` says whether they may change it. */
export type DashboardForReader = Dashboard & { readonly mine: boolean };

/** One widget's figures for one reader, or why this reader cannot see them. */
export type WidgetData =
  | { readonly index: number; readonly title: string; readonly chart: Chart; readonly result: ReportResult }
  | { readonly index: number; readonly title: string; readonly chart: Chart; readonly error: Record<string, unknown> };

/**
 * Dashboards: saved reports shown as charts. Anyone signed in keeps their own and may share
 * them; only the owner (or an administrator) changes or deletes one. A widget is saved only
 * when its owner may run its report; each reader's figures are computed with the reader's own
 * permissions, so a shared dashboard never shows anyone more than the reports API would —
 * a widget over data the reader cannot see answers with the same problem the API would give.
 */
export class DashboardService {
  constructor(
    private readonly store: DashboardStore,
    private readonly reports: ReportService,
  ) {}

  async list(actor: Actor): Promise<DashboardForReader[]> {
    const userId = userOf(actor);
    return (await this.store.visibleTo(userId)).map((d) => ({ ...d, mine: d.ownerId === userId }));
  }

  async get(id: number, actor: Actor): Promise<DashboardForReader> {
    const userId = userOf(actor);
    const d = await this.store.get(id);
    if (!d || (!d.shared && d.ownerId !== userId && actor.isAdmin !== true)) throw ReportErrors.dashboardNotFound(id);
    return { ...d, mine: d.ownerId === userId };
  }

  async create(body: unknown, actor: Actor): Promise<DashboardForReader> {
    const ownerId = userOf(actor);
    const input = this.read(body, actor, false);
    const d = await this.store.add({ name: input.name!, description: input.description ?? null, ownerId, shared: input.shared ?? false, widgets: input.widgets ?? [] });
    return { ...d, mine: true };
  }

  async update(id: number, body: unknown, actor: Actor): Promise<DashboardForReader> {
    const current = await this.owned(id, actor);
    const input = this.read(body, actor, true);
    const updated = await this.store.update(id, input.version!, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.shared !== undefined ? { shared: input.shared } : {}),
      ...(input.widgets !== undefined ? { widgets: input.widgets } : {}),
    });
    if (!updated) throw ReportErrors.dashboardVersionConflict(id, input.version!, (await this.store.get(id))?.version ?? current.version);
    return { ...updated, mine: updated.ownerId === actor.userId };
  }

  async remove(id: number, actor: Actor): Promise<void> {
    await this.owned(id, actor);
    await this.store.remove(id);
  }

  /** Every widget's figures, each computed with the reader's permissions. */
  async data(id: number, actor: Actor): Promise<{ id: number; widgets: WidgetData[] }> {
    const d = await this.get(id, actor);
    const widgets: WidgetData[] = [];
    for (const [index, w] of d.widgets.entries()) {
      try {
        widgets.push({ index, title: w.title, chart: w.chart, result: await this.reports.run(w.report, actor) });
      } catch (error) {
        if (!isKithError(error) || error.status >= 500) throw error;
        widgets.push({ index, title: w.title, chart: w.chart, error: error.toProblem() });
      }
    }
    return { id, widgets };
  }

  private async owned(id: number, actor: Actor): Promise<Dashboard> {
    const d = await this.get(id, actor);
    if (d.ownerId !== actor.userId && actor.isAdmin !== true) throw ReportErrors.dashboardNotOwner(id);
    return d;
  }

  private read(body: unknown, actor: Actor, patch: boolean): { version?: number; name?: string; description?: string | null; shared?: boolean; widgets?: Widget[] } {
    const problems: ErrorDetail[] = [];
    const bad = (field: string, message: string) => problems.push({ field, code: 'KITH_DASHBOARD_INVALID', message });
    if (!isObject(body)) throw ReportErrors.dashboardInvalid([{ field: '(body)', code: 'KITH_DASHBOARD_INVALID', message: 'A dashboard is a JSON object: {"name":"Pipeline","widgets":[…]}.' }]);
    const allowed = patch ? ['version', 'name', 'description', 'shared', 'widgets'] : ['name', 'description', 'shared', 'widgets'];
    for (const key of Object.keys(body)) if (!allowed.includes(key)) bad(key, `"${key}" is not part of a dashboard; use: ${allowed.join(', ')}.`);
    if (patch && (typeof body.version !== 'number' || !Number.isInteger(body.version) || body.version < 1)) bad('version', 'Send the "version" you read, so concurrent edits are not lost.');
    if ((!patch || body.name !== undefined) && !isText(body.name, 200)) bad('name', 'name is text of 1 to 200 characters.');
    if (body.description !== undefined && body.description !== null && (typeof body.description !== 'string' || body.description.length > 2000)) bad('description', 'description is text of up to 2,000 characters, or null.');
    if (body.shared !== undefined && typeof body.shared !== 'boolean') bad('shared', 'shared is true or false.');
    let widgets: Widget[] | undefined;
    if (body.widgets !== undefined) {
      if (!Array.isArray(body.widgets) || body.widgets.length > MAX_WIDGETS) bad('widgets', `widgets is a list of at most ${MAX_WIDGETS} widgets.`);
      else widgets = body.widgets.flatMap((w, i) => this.widget(w, `widgets[${i}]`, actor, problems));
    }
    if (problems.length > 0) throw ReportErrors.dashboardInvalid(problems);
    return {
      ...(patch ? { version: body.version as number } : {}),
      ...(typeof body.name === 'string' ? { name: body.name.trim() } : {}),
      ...(body.description !== undefined ? { description: body.description as string | null } : {}),
      ...(typeof body.shared === 'boolean' ? { shared: body.shared } : {}),
      ...(widgets ? { widgets } : {}),
    };
  }

  private widget(w: unknown, at: string, actor: Actor, problems: ErrorDetail[]): Widget[] {
    const bad = (field: string, message: string) => problems.push({ field: `${at}.${field}`, code: 'KITH_DASHBOARD_INVALID', message });
    if (!isObject(w)) {
      problems.push({ field: at, code: 'KITH_DASHBOARD_INVALID', message: 'A widget is {"title":"Won by month","chart":"bar","report":{…}}.' });
      return [];
    }
    for (const key of Object.keys(w)) if (!['title', 'chart', 'report', 'layout'].includes(key)) bad(key, `"${key}" is not part of a widget; use: title, chart, report, layout.`);
    if (!isText(w.title, 200)) bad('title', 'title is text of 1 to 200 characters.');
    if (typeof w.chart !== 'string' || !(CHARTS as readonly string[]).includes(w.chart)) bad('chart', `chart is one of ${CHARTS.join(', ')}.`);
    const layout = w.layout;
    const cell = (v: unknown, min: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= 100;
    if (layout !== undefined && (!isObject(layout) || Object.keys(layout).some((k) => !['x', 'y', 'w', 'h'].includes(k)) || !cell(layout.x, 0) || !cell(layout.y, 0) || !cell(layout.w, 1) || !cell(layout.h, 1))) {
      bad('layout', 'layout is {"x":0,"y":0,"w":6,"h":4}: whole numbers, x and y from 0, w and h from 1, at most 100.');
    }
    const { query, problems: reportProblems } = this.reports.inspect(w.report, actor, `${at}.report`);
    problems.push(...reportProblems);
    if (!query || !isText(w.title, 200) || typeof w.chart !== 'string') return [];
    const grid = isObject(layout) ? { x: Number(layout.x), y: Number(layout.y), w: Number(layout.w), h: Number(layout.h) } : undefined;
    return [{ title: w.title.trim(), chart: w.chart as Chart, report: query, ...(grid ? { layout: grid } : {}) }];
  }
}

function userOf(actor: Actor): number {
  if (actor.userId === null) throw ReportErrors.userRequired();
  return actor.userId;
}
