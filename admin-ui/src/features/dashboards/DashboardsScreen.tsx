import { lazy } from 'react';
import { NotFound } from '../../app/states.js';
import { DashboardList } from './DashboardList.js';
import { DashboardView } from './DashboardView.js';

// The editor brings the filter builder; readers of a dashboard never need it.
const DashboardEditor = lazy(() => import('./DashboardEditor.js'));

/**
 * The dashboards (`/dashboards`, `/dashboards/new`, `/dashboards/:id`, `/dashboards/:id/edit`),
 * loaded on first use with the chart library.
 */
export default function DashboardsScreen({ rest }: { rest: readonly string[] }) {
  if (rest.length === 0) return <DashboardList />;
  if (rest.length === 1 && rest[0] === 'new') return <DashboardEditor />;
  const id = Number(rest[0]);
  if (!Number.isSafeInteger(id) || id < 1) return <NotFound />;
  if (rest.length === 1) return <DashboardView key={id} id={id} />;
  if (rest.length === 2 && rest[1] === 'edit') return <DashboardEditor key={id} id={id} />;
  return <NotFound />;
}
