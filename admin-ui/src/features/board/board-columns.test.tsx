// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearCaches } from '../../api/metadata.js';
import type { EntityDetail, RecordRow } from '../../api/types.js';
import { clearTitles } from '../../app/names.js';
import { BoardView } from './Board.js';
import { groupableFields, orderFieldOf, parentFieldOf, parseBoardFilter, relationColumns } from './board-columns.js';

const base = { createdAt: '', updatedAt: '', createdBy: null, updatedBy: null, version: 1 };
const stageRow = (id: number, name: string, position: number | null, pipeline = 1): RecordRow => ({ ...base, id, name, position, pipeline });

const stage: EntityDetail = {
  name: 'stage',
  label: { en: 'Stage' },
  titleField: 'name',
  fields: [
    { name: 'name', type: 'text', label: { en: 'Name' } },
    { name: 'pipeline', type: 'relation', target: 'pipeline', required: true, label: { en: 'Pipeline' } },
    { name: 'position', type: 'integer', label: { en: 'Position' } },
  ],
  inverses: [],
  schema: { type: 'object' },
};
const pipeline: EntityDetail = { name: 'pipeline', label: { en: 'Pipeline' }, titleField: 'name', fields: [{ name: 'name', type: 'text', label: { en: 'Name' } }], inverses: [], schema: { type: 'object' } };
const deal: EntityDetail = {
  name: 'deal',
  label: { en: 'Deal' },
  labelPlural: { en: 'Deals' },
  titleField: 'title',
  fields: [
    { name: 'title', type: 'text', label: { en: 'Title' } },
    { name: 'stage', type: 'relation', target: 'stage', required: true, label: { en: 'Stage' } },
    { name: 'kind', type: 'select', label: { en: 'Kind' }, options: [{ value: 'new', label: { en: 'New' } }] },
    { name: 'note', type: 'text', label: { en: 'Note' } },
  ],
  inverses: [],
  schema: { type: 'object' },
};
const title = (r: RecordRow) => String(r.name);

describe('the column model of a board by a relation', () => {
  it('groups by select fields and many-to-one relations', () => {
    expect(groupableFields(deal).map((f) => f.name)).toEqual(['stage', 'kind']);
  });

  it('orders the target’s records by its position field, then by title; an optional relation adds “no value”', () => {
    expect(orderFieldOf(stage)).toBe('position');
    const rows = [stageRow(3, 'Won', 4), stageRow(1, 'Qualify', 1), stageRow(2, 'Propose', 2), stageRow(4, 'Archive', null)];
    expect(relationColumns(deal.fields[1]!, stage, rows, title, 'No value').map((c) => [c.value, c.label])).toEqual([[1, 'Qualify'], [2, 'Propose'], [3, 'Won'], [4, 'Archive']]);
    const optional = { ...deal.fields[1]!, required: false };
    expect(relationColumns(optional, { ...stage, fields: stage.fields.filter((f) => f.name !== 'position') }, rows, title, 'No value').map((c) => c.label)).toEqual(['Archive', 'Propose', 'Qualify', 'Won', 'No value']);
  });

  it('finds the parent the target’s records belong to, and reads the board’s filter from the address', () => {
    expect(parentFieldOf(stage)?.name).toBe('pipeline');
    expect(parentFieldOf(pipeline)).toBeUndefined();
    expect(parseBoardFilter('filter=%7B%22pipeline%22%3A2%7D')).toEqual({ pipeline: 2 });
    expect(parseBoardFilter('filter=nonsense')).toBeUndefined();
  });
});

describe('a board by a relation', () => {
  let requests: string[];
  let patches: unknown[];
  beforeEach(() => {
    clearCaches();
    clearTitles();
    requests = [];
    patches = [];
    globalThis.fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), 'http://x');
      requests.push(`${url.pathname}${url.search}`);
      const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      if (init?.method === 'PATCH') {
        patches.push(JSON.parse(String(init.body)));
        return json({ ...base, id: 7, version: 2, title: 'Pumps', stage: 2 });
      }
      if (url.pathname === '/api/v1/metadata/entities/stage') return json(stage);
      if (url.pathname === '/api/v1/metadata/entities/pipeline') return json(pipeline);
      const filter = JSON.parse(url.searchParams.get('filter') ?? '{}') as Record<string, unknown>;
      if (url.pathname === '/api/v1/records/pipeline') return json({ data: [{ ...base, id: 1, name: 'New business', isDefault: true }, { ...base, id: 9, name: 'Expansion' }], nextCursor: null });
      if (url.pathname === '/api/v1/records/stage') {
        const all = [stageRow(2, 'Propose', 2), stageRow(1, 'Qualify', 1), stageRow(5, 'Upsell', 1, 9)];
        return json({ data: all.filter((s) => filter.pipeline === undefined || s.pipeline === filter.pipeline), nextCursor: null });
      }
      const data = filter.stage === 1 ? [{ ...base, id: 7, title: 'Pumps', stage: 1, version: 4 }] : [];
      return json({ data, nextCursor: null, total: data.length });
    }) as typeof fetch;
  });
  afterEach(cleanup);

  it('shows the stages of the default pipeline in their order and moves a card by PATCHing the related id', async () => {
    render(<BoardView entity={deal} abilities={{ create: true, edit: true, delete: false, readOnlyFields: new Set() }} fieldName="stage" />);
    const qualify = await screen.findByRole('region', { name: 'Qualify' });
    expect(screen.getAllByRole('region').map((r) => r.getAttribute('aria-label'))).toEqual(['Qualify', 'Propose']);
    expect(requests).toContain(`/api/v1/records/stage?filter=${encodeURIComponent('{"pipeline":1}')}&limit=51`);
    expect((screen.getByLabelText('Pipeline') as HTMLSelectElement).value).toBe('1');
    await within(qualify).findByText('Pumps');
    fireEvent.change(screen.getByLabelText('Move “Pumps” to'), { target: { value: '2' } });
    await waitFor(() => expect(patches).toEqual([{ version: 4, stage: 2 }]));
    await screen.findByText('Moved “Pumps” to Propose.');
  });

  it('takes the pipeline from the address’s filter', async () => {
    render(<BoardView entity={deal} abilities={{ create: true, edit: true, delete: false, readOnlyFields: new Set() }} fieldName="stage" search={`filter=${encodeURIComponent('{"pipeline":9}')}`} />);
    await screen.findByRole('region', { name: 'Upsell' });
    expect(screen.getAllByRole('region')).toHaveLength(1);
  });
});
