/** Addresses of the dashboards screens. */
export const dashboardPaths = {
  list: () => '/dashboards',
  create: () => '/dashboards/new',
  view: (id: number) => `/dashboards/${id}`,
  edit: (id: number) => `/dashboards/${id}/edit`,
};
