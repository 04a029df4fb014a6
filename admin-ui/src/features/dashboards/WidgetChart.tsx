import { ArcElement, BarElement, CategoryScale, Chart as ChartJS, Filler, Legend, LinearScale, LineElement, PointElement, Tooltip, type ChartData, type ChartOptions } from 'chart.js';
import { useId, useState } from 'react';
import { Bar, Line, Pie } from 'react-chartjs-2';
import { useI18n } from '../../app/i18n.js';
import type { ChartModel, ChartSeries, WidgetModel } from './chart-data.js';

// Only the parts the widgets draw, so the chunk stays small (chart.js is tree-shaken by what is registered).
ChartJS.register(CategoryScale, LinearScale, BarElement, LineElement, PointElement, ArcElement, Filler, Tooltip, Legend);

const PALETTE = ['#2f5bd3', '#e07b39', '#2a9d8f', '#c0392b', '#8e6bbf', '#d4a017', '#5b6470', '#3aa655', '#d1495b', '#00798c'];
const color = (i: number) => PALETTE[i % PALETTE.length]!;

function valueText(series: ChartSeries | undefined, value: number, locale: string, compact = false): string {
  const options: Intl.NumberFormatOptions = compact ? { notation: 'compact', maximumFractionDigits: 1 } : { maximumFractionDigits: 2 };
  if (series?.currency) {
    try {
      return new Intl.NumberFormat(locale, { ...options, style: 'currency', currency: series.currency }).format(value);
    } catch {
      // An unknown code: the number alone, below.
    }
  }
  return new Intl.NumberFormat(locale, options).format(value);
}

function Drawing({ chart, title }: { chart: Exclude<ChartModel, { kind: 'number' | 'table' }>; title: string }) {
  const { locale } = useI18n();
  const pie = chart.kind === 'pie';
  const whole = chart.series.every((s) => s.values.every((v) => v === null || Number.isInteger(v)));
  const data = {
    labels: [...chart.labels],
    datasets: chart.series.map((s, i) => ({
      label: s.label,
      data: [...s.values],
      backgroundColor: pie ? chart.labels.map((_, j) => color(j)) : chart.kind === 'area' ? `${color(i)}55` : color(i),
      borderColor: pie ? '#fff' : color(i),
      fill: chart.kind === 'area',
      tension: 0.2,
    })),
  };
  const tooltip = { callbacks: { label: (item: { datasetIndex: number; raw: unknown; dataset: { label?: string }; label: string }) => `${pie ? item.label : (item.dataset.label ?? '')}: ${typeof item.raw === 'number' ? valueText(chart.series[item.datasetIndex], item.raw, locale) : '—'}` } };
  const legend = { display: pie || chart.series.length > 1, position: 'bottom' as const };
  const options = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false as const,
    locale,
    plugins: { legend, tooltip },
    ...(pie
      ? {}
      : {
          scales: {
            x: { stacked: chart.stacked, title: { display: true, text: chart.axis } },
            // Counts are whole numbers: no 0.5 steps on their axis.
            y: { stacked: chart.stacked, beginAtZero: true, ticks: { ...(whole ? { precision: 0 } : {}),  callback: (v: number | string) => (typeof v === 'number' ? valueText(chart.series[0], v, locale, true) : v) } },
          },
        }),
  };
  const props = { data, options, 'aria-label': title, role: 'img' };
  // The chart's types differ per kind; the data and options above fit each.
  if (chart.kind === 'bar') return <Bar {...props} data={data as ChartData<'bar'>} options={options as ChartOptions<'bar'>} />;
  if (pie) return <Pie {...props} data={data as unknown as ChartData<'pie'>} options={options as ChartOptions<'pie'>} />;
  return <Line {...props} data={data as unknown as ChartData<'line'>} options={options as ChartOptions<'line'>} />;
}

/**
 * One widget's figures: a chart drawn by Chart.js (a canvas, hidden from screen readers) or
 * number tiles, and under it the same figures as a table: always there for screen readers,
 * shown on the page for a table widget or when asked ("Show the figures").
 */
export default function WidgetChart({ model, title }: { model: WidgetModel; title: string }) {
  const { t } = useI18n();
  const id = useId();
  const [showTable, setShowTable] = useState(false);
  const { chart, table } = model;
  const tableNode = (
    <table className="widget-table" aria-labelledby={`${id}-caption`}>
      <caption id={`${id}-caption`} className="sr-only">
        {t('dash.tableOf', { title })}
      </caption>
      <thead>
        <tr>
          {table.headers.map((h, i) => (
            <th key={i} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, r) => (
          <tr key={r}>
            {row.map((cell, c) => (c === 0 ? <th key={c} scope="row">{cell}</th> : <td key={c}>{cell}</td>))}
          </tr>
        ))}
      </tbody>
      {table.totals.length > 0 && (
        <tfoot>
          <tr>
            {table.totals.map((cell, c) => (c === 0 ? <th key={c} scope="row">{cell}</th> : <td key={c}>{cell}</td>))}
          </tr>
        </tfoot>
      )}
    </table>
  );
  return (
    <div className="widget-body">
      {chart.kind === 'number' && (
        <div className="tiles">
          {chart.tiles.map((tile, i) => (
            <p key={i} className="tile">
              <span className="tile-value">{tile.value}</span>
              <span className="tile-label">{tile.label}</span>
            </p>
          ))}
        </div>
      )}
      {chart.kind !== 'number' && chart.kind !== 'table' && (
        <div className="chart-box" aria-hidden="true">
          <Drawing chart={chart} title={title} />
        </div>
      )}
      {chart.kind === 'number' ? null : chart.kind === 'table' ? (
        tableNode
      ) : (
        <>
          <button type="button" className="link small" aria-expanded={showTable} onClick={() => setShowTable(!showTable)}>
            {t(showTable ? 'dash.hideFigures' : 'dash.showFigures')}
          </button>
          <div className={showTable ? undefined : 'sr-only'}>{tableNode}</div>
        </>
      )}
      {model.notes.map((n) => (
        <p key={n} className="muted small">
          {t(n)}
        </p>
      ))}
    </div>
  );
}
