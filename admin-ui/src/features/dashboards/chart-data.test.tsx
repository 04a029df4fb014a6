// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EntityMeta, FilterPath } from '../../api/types.js';
import { makeI18n } from '../../app/i18n.js';
import { toWidgetModel, type ChartContext } from './chart-data.js';
import type { ReportResult } from './dashboard-api.js';
import WidgetChart from './WidgetChart.js';
import { widgetOf, newWidget } from './widget-draft.js';

const company: EntityMeta = {
  name: 'company',
  label: { en: 'Company', es: 'Empresa' },
  fields: [
    { name: 'name', type: 'text', label: { en: 'Name' } },
    { name: 'industry', type: 'select', label: { en: 'Industry', es: 'Sector' }, options: [{ value: 'retail', label: { en: 'Retail', es: 'Comercio' } }] },
  ],
};
const deal: EntityMeta = {
  name: 'deal',
  label: { en: 'Deal', es: 'Negocio' },
  fields: [
    { name: 'stage', type: 'select', label: { en: 'Stage', es: 'Etapa' }, options: [{ value: 'won', label: { en: 'Won', es: 'Ganado' } }, { value: 'lost', label: { en: 'Lost', es: 'Perdido' } }] },
    { name: 'amount', type: 'currency', label: { en: 'Amount', es: 'Importe' } },
    { name: 'closeDate', type: 'date', label: { en: 'Close date' } },
    { name: 'company', type: 'relation', target: 'company', label: { en: 'Company', es: 'Empresa' } },
  ],
};
const ctx = (locale: 'en' | 'es'): ChartContext => ({ i18n: makeI18n(locale), entities: [deal, company] });

const byStage: ReportResult = {
  entity: 'deal',
  columns: [
    { key: 'stage', role: 'group', path: 'stage', type: 'select' },
    { key: 'count', role: 'measure', op: 'count', type: 'integer' },
  ],
  rows: [
    { stage: 'lost', count: 12000 },
    { stage: 'won', count: 3 },
    { stage: null, count: 1 },
  ],
  totals: { count: 12004 },
  truncated: false,
};

afterEach(cleanup);

describe('turning a report result into chart data', () => {
  it('draws one group key as bars: option labels in the language, one value per group, the same figures in the table', () => {
    const model = toWidgetModel(byStage, 'bar', ctx('es'));
    expect(model.chart).toEqual({ kind: 'bar', labels: ['Ganado', 'Perdido', '(vacío)'], series: [{ label: 'Cantidad', values: [3, 12000, 1] }], stacked: false, axis: 'Etapa' });
    expect(model.table.headers).toEqual(['Etapa', 'Cantidad']);
    expect(model.table.rows).toEqual([
      ['Ganado', '3'],
      ['Perdido', '12.000'],
      ['(vacío)', '1'],
    ]);
    expect(model.table.totals).toEqual(['Total', '12.004']);
    expect(model.notes).toEqual([]);
  });

  it('puts a date bucket along the axis and one stacked series per value of the other key, with gaps as null', () => {
    const result: ReportResult = {
      entity: 'deal',
      columns: [
        { key: 'stage', role: 'group', path: 'stage', type: 'select' },
        { key: 'closeDate:month', role: 'group', path: 'closeDate', type: 'date', bucket: 'month' },
        { key: 'sum:amount', role: 'measure', op: 'sum', path: 'amount', type: 'currency' },
      ],
      rows: [
        { stage: 'lost', 'closeDate:month': '2026-01', 'sum:amount': { amount: 100, currency: 'USD' } },
        { stage: 'won', 'closeDate:month': '2026-01', 'sum:amount': { amount: 250.5, currency: 'USD' } },
        { stage: 'won', 'closeDate:month': '2026-02', 'sum:amount': { amount: 40, currency: 'USD' } },
      ],
      totals: { 'sum:amount': { amount: 390.5, currency: 'USD' } },
      truncated: true,
    };
    const model = toWidgetModel(result, 'bar', ctx('en'));
    expect(model.chart).toEqual({
      kind: 'bar',
      labels: ['Jan 2026', 'Feb 2026'],
      series: [
        { label: 'Won', values: [250.5, 40], currency: 'USD' },
        { label: 'Lost', values: [100, null], currency: 'USD' },
      ],
      stacked: true,
      axis: 'Close date',
    });
    expect(model.table.rows[0]).toEqual(['Won', 'Jan 2026', '$250.50']);
    expect(model.table.totals).toEqual(['Total', '', '$390.50']);
    expect(model.notes).toEqual(['dash.truncated']);
    expect(toWidgetModel(result, 'line', ctx('en')).chart).toMatchObject({ kind: 'line', stacked: false });
  });

  it('labels quarters and a related record’s field, and shows a total as a tile in the user’s locale', () => {
    const result: ReportResult = {
      entity: 'deal',
      columns: [
        { key: 'company.industry', role: 'group', path: 'company.industry', type: 'select' },
        { key: 'sum:amount', role: 'measure', op: 'sum', path: 'amount', type: 'currency' },
      ],
      rows: [{ 'company.industry': 'retail', 'sum:amount': { amount: 12345.5, currency: 'EUR' } }],
      totals: { 'sum:amount': { amount: 12345.5, currency: 'EUR' } },
      truncated: false,
    };
    expect(toWidgetModel(result, 'bar', ctx('es')).chart).toMatchObject({ labels: ['Comercio'], axis: 'Empresa › Sector', series: [{ label: 'Suma · Importe', values: [12345.5], currency: 'EUR' }] });
    expect(toWidgetModel(result, 'number', ctx('es')).chart).toEqual({ kind: 'number', tiles: [{ label: 'Suma · Importe', value: '12.345,50\u00a0€' }] });
    const quarters: ReportResult = { ...byStage, columns: [{ key: 'q', role: 'group', path: 'closeDate', type: 'date', bucket: 'quarter' }, byStage.columns[1]!], rows: [{ q: '2026-Q1', count: 2 }] };
    expect(toWidgetModel(quarters, 'line', ctx('en')).chart).toMatchObject({ labels: ['Q1 2026'] });
  });

  it('renders a number tile and the table fallback a screen reader reads', () => {
    render(<WidgetChart model={toWidgetModel(byStage, 'number', ctx('en'))} title="Deals" />);
    expect(screen.getByText('12,004')).toBeTruthy();
    cleanup();
    render(<WidgetChart model={toWidgetModel(byStage, 'table', ctx('en'))} title="Deals" />);
    const table = screen.getByRole('table', { name: 'Figures of “Deals”' });
    expect(within(table).getAllByRole('row').map((r) => r.textContent)).toEqual(['StageCount', 'Won3', 'Lost12,000', '(empty)1', 'Total12,004']);
  });

  it('saves a new widget as a count by the first select field, and a date group by month', () => {
    const paths: FilterPath[] = [
      { path: 'closeDate', field: 'closeDate', type: 'date', kind: 'date', operators: ['$eq'] },
      { path: 'stage', field: 'stage', type: 'select', kind: 'text', operators: ['$eq'] },
    ];
    const draft = newWidget('deal', paths, 'By stage');
    expect(widgetOf(draft, paths, 1)).toEqual({ title: 'By stage', chart: 'bar', layout: { x: 6, y: 0, w: 6, h: 4 }, report: { entity: 'deal', groupBy: ['stage'], measures: [{ op: 'count' }] } });
    const dated = { ...draft, groups: [{ path: 'closeDate', bucket: 'quarter' as const }], filter: { mode: 'and' as const, rows: [{ path: 'stage', op: '$eq' as const, value: 'won' }] } };
    expect(widgetOf(dated, paths, 0).report).toEqual({ entity: 'deal', filter: { stage: { $eq: 'won' } }, groupBy: [{ field: 'closeDate', bucket: 'quarter' }], measures: [{ op: 'count' }] });
  });
});

describe('the order of groups', () => {
  it('puts a select key in the order of its options unless the report sorts, keeping an earlier key first', () => {
    const result: ReportResult = {
      entity: 'deal',
      columns: [{ key: 'm', role: 'group', path: 'closeDate', type: 'date', bucket: 'month' }, { key: 'stage', role: 'group', path: 'stage', type: 'select' }, byStage.columns[1]!],
      rows: [
        { m: '2026-01', stage: 'lost', count: 1 },
        { m: '2026-01', stage: 'won', count: 2 },
        { m: '2026-02', stage: null, count: 3 },
        { m: '2026-02', stage: 'lost', count: 4 },
        { m: '2026-02', stage: 'won', count: 5 },
      ],
      totals: { count: 15 },
      truncated: false,
    };
    expect(toWidgetModel(result, 'table', ctx('en')).table.rows.map((r) => r.join(' '))).toEqual(['Jan 2026 Won 2', 'Jan 2026 Lost 1', 'Feb 2026 Won 5', 'Feb 2026 Lost 4', 'Feb 2026 (empty) 3']);
    expect(toWidgetModel(result, 'table', ctx('en'), { sorted: true }).table.rows[0]).toEqual(['Jan 2026', 'Lost', '1']);
  });
});
