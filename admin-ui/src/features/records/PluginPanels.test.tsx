// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me, UiContributions } from '../../api/types.js';
import { makeI18n } from '../../app/i18n.js';
import { menuTarget, navSections } from '../../app/navigation.js';
import { SessionContext, type Session } from '../../app/session.js';
import { PluginPanels, panelPath } from './PluginPanels.js';

const me: Me = { id: 1, email: 'a@example.com', name: 'Ana', isAdmin: false, roles: ['desk-agent'], teams: [] };
const contributions: UiContributions = {
  menu: [
    { plugin: 'service-desk', label: { en: 'Complaints', es: 'Reclamos' }, group: 'Service', entity: 'complaint' },
    { plugin: 'service-desk', label: { en: 'Backlog', es: 'Pendientes' }, group: 'Service', url: '/api/v1/plugins/service-desk/backlog' },
  ],
  recordPanels: [{ plugin: 'service-desk', id: 'sla', entity: 'complaint', title: { en: 'Answer time', es: 'Tiempo de respuesta' }, url: '/api/v1/plugins/service-desk/complaints/:id/sla' }],
};
const entities = [
  { name: 'complaint', label: { en: 'Complaint' }, labelPlural: { en: 'Complaints' }, fields: [], source: 'plugin:service-desk' },
  { name: 'deal', label: { en: 'Deal' }, labelPlural: { en: 'Deals' }, fields: [], source: 'plugin:sales' },
];

describe('plugins’ menu entries', () => {
  it('become a navigation group: an entity moves there from its source group, a route opens its page', () => {
    expect(menuTarget(contributions.menu[1]!)).toBe('/p/service-desk/backlog');
    const sections = navSections(entities, me, makeI18n('es'), contributions.menu);
    expect(sections.map((s) => [s.title, s.items.map((i) => `${i.label} ${i.to}`)])).toEqual([
      ['Sales', ['Deals /r/deal']],
      ['Service', ['Reclamos /r/complaint', 'Pendientes /p/service-desk/backlog']],
    ]);
  });

  it('joins a source group to the menu group of the same title, after its entries', () => {
    const menu = [{ plugin: 'sales', label: { en: 'Opportunities' }, group: 'Sales', entity: 'opportunity' }];
    const withOpportunity = [...entities, { name: 'opportunity', label: { en: 'Opportunity' }, labelPlural: { en: 'Opportunities' }, fields: [], source: 'plugin:sales' }];
    expect(navSections(withOpportunity, me, makeI18n('en'), menu).map((s) => [s.title, s.items.map((i) => i.to)])).toEqual([
      ['Service desk', ['/r/complaint']],
      ['Sales', ['/r/opportunity', '/r/deal']],
    ]);
  });

  it('adds Setup for administrators only', () => {
    expect(navSections(entities, { ...me, isAdmin: true }, makeI18n('en')).at(-1)!.items.map((i) => i.to)).toEqual([
      '/setup/entities',
      '/setup/layouts',
      '/setup/rules',
      '/setup/workflows',
      '/setup/roles',
      '/setup/plugins',
      '/setup/packages',
      '/setup/history',
    ]);
    expect(navSections(entities, me, makeI18n('en')).some((s) => s.key === 'setup')).toBe(false);
  });
});

describe('plugins’ record panels', () => {
  const urls: string[] = [];
  beforeEach(() => {
    urls.length = 0;
    globalThis.fetch = vi.fn(async (input: RequestInfo | URL) => {
      urls.push(String(input));
      return new Response(JSON.stringify({ targetMinutes: 3, answeredAfterMinutes: null, met: null }), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
  });
  afterEach(cleanup);

  const session: Session = { me, entities, contributions, signOut: async () => undefined, refresh: async () => undefined };

  it('shows the panels of the record’s entity, fed by the plugin’s route for this record', async () => {
    expect(panelPath(contributions.recordPanels[0]!, 42)).toBe('/plugins/service-desk/complaints/42/sla');
    render(
      <SessionContext.Provider value={session}>
        <PluginPanels entity="complaint" id={42} refresh={1} />
      </SessionContext.Provider>,
    );
    const panel = await screen.findByRole('region', { name: 'Answer time' });
    await within(panel).findByText('targetMinutes');
    expect(within(panel).getByText('3')).toBeTruthy();
    expect(urls).toEqual(['/api/v1/plugins/service-desk/complaints/42/sla']);
  });

  it('shows nothing on other entities’ records', () => {
    const { container } = render(
      <SessionContext.Provider value={session}>
        <PluginPanels entity="deal" id={42} refresh={1} />
      </SessionContext.Provider>,
    );
    expect(container.innerHTML).toBe('');
    expect(urls).toEqual([]);
  });
});
