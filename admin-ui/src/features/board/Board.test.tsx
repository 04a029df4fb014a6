// @vitest-environment happy-dom
import { cleanup, createEvent, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearCaches } from '../../api/metadata.js';
import type { Abilities, EntityDetail, RecordRow } from '../../api/types.js';
import { clearTitles } from '../../app/names.js';
import { BoardView } from './Board.js';
import { confirmMove, moveCard, revertMove, type BoardColumn } from './kanban-move.js';

const row = (id: number, title: string, stage: string, version = 1): RecordRow => ({ id, version, title, stage, createdAt: '', updatedAt: '', createdBy: null, updatedBy: null });

const deal: EntityDetail = {
  name: 'deal',
  label: { en: 'Deal' },
  labelPlural: { en: 'Deals' },
  titleField: 'title',
  fields: [
    { name: 'title', type: 'text', label: { en: 'Title' } },
    { name: 'stage', type: 'select', label: { en: 'Stage' }, required: true, options: [{ value: 'proposal', label: { en: 'Proposal' } }, { value: 'won', label: { en: 'Won' } }] },
  ],
  inverses: [],
  schema: { type: 'object' },
};
const canEdit: Abilities = { create: true, edit: true, delete: false, readOnlyFields: new Set() };

describe('moving a card', () => {
  const columns: BoardColumn[] = [
    { value: 'proposal', cards: [row(1, 'Pumps', 'proposal', 4), row(2, 'Valves', 'proposal')], total: 12 },
    { value: 'won', cards: [row(3, 'Drills', 'won')], total: 3 },
  ];

  it('moves the card to the top of its new column at once and sends the version it read', () => {
    const result = moveCard(columns, 'stage', 1, 'won')!;
    expect(result.move.body).toEqual({ version: 4, stage: 'won' });
    expect(result.columns.map((c) => [c.value, c.cards.map((r) => r.id), c.total])).toEqual([['proposal', [2], 11], ['won', [1, 3], 4]]);
    expect(result.columns[1]!.cards[0]!.stage).toBe('won');
    expect(moveCard(columns, 'stage', 1, 'proposal')).toBeUndefined();
    expect(moveCard(columns, 'stage', 99, 'won')).toBeUndefined();
  });

  it('takes the stored record when the server agrees, and puts the card back when it refuses', () => {
    const result = moveCard(columns, 'stage', 1, 'won')!;
    expect(confirmMove(result.columns, { ...row(1, 'Pumps', 'won', 5) })[1]!.cards[0]!.version).toBe(5);
    const back = revertMove(result.columns, result.move);
    expect(back.map((c) => [c.value, c.cards.map((r) => r.id), c.total])).toEqual([['proposal', [1, 2], 12], ['won', [3], 3]]);
    expect(back[0]!.cards[0]).toBe(result.move.card);
  });
});

describe('the board', () => {
  let patches: { url: string; body: unknown }[];
  let refuse: boolean;

  beforeEach(() => {
    clearCaches();
    clearTitles();
    patches = [];
    refuse = false;
    globalThis.fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' } });
      if (init?.method === 'PATCH') {
        const body = JSON.parse(String(init.body)) as Record<string, unknown>;
        patches.push({ url, body });
        if (refuse) return json(400, { status: 400, code: 'KITH_VALIDATION_RULE_FAILED', detail: 'A won deal needs an amount.', errors: [{ field: 'amount', code: 'KITH_RULE_FAILED', message: 'A won deal needs an amount.' }] });
        return json(200, { ...row(1, 'Pumps', String(body.stage), 5) });
      }
      const filter = JSON.parse(new URL(url, 'http://x').searchParams.get('filter') ?? '{}') as { stage?: string };
      const data = filter.stage === 'proposal' ? [row(1, 'Pumps', 'proposal', 4)] : [];
      return json(200, { data, nextCursor: null, total: data.length });
    }) as typeof fetch;
  });
  afterEach(cleanup);

  const drag = (card: HTMLElement, column: HTMLElement) => {
    const store = new Map<string, string>();
    const dataTransfer = { setData: (k: string, v: string) => store.set(k, v), getData: (k: string) => store.get(k) ?? '', effectAllowed: 'all', dropEffect: 'move' };
    fireEvent(card, Object.assign(createEvent.dragStart(card), { dataTransfer }));
    fireEvent(column, Object.assign(createEvent.dragOver(column), { dataTransfer }));
    fireEvent(column, Object.assign(createEvent.drop(column), { dataTransfer }));
  };

  it('drags a card to another column: a PATCH with the version read, the card stays where it was dropped', async () => {
    render(<BoardView entity={deal} abilities={canEdit} fieldName="stage" />);
    const proposal = await screen.findByRole('region', { name: 'Proposal' });
    const won = screen.getByRole('region', { name: 'Won' });
    const card = await within(proposal).findByText('Pumps');
    drag(card.closest('li')!, won);
    await waitFor(() => expect(patches).toEqual([{ url: '/api/v1/records/deal/1', body: { version: 4, stage: 'won' } }]));
    await screen.findByText('Moved “Pumps” to Won.');
    expect(within(won).getByText('Pumps')).toBeTruthy();
    expect(within(proposal).queryByText('Pumps')).toBeNull();
  });

  it('puts the card back and says why when the server refuses the move', async () => {
    refuse = true;
    render(<BoardView entity={deal} abilities={canEdit} fieldName="stage" />);
    const proposal = await screen.findByRole('region', { name: 'Proposal' });
    await within(proposal).findByText('Pumps');
    // The keyboard way: the card's own "Move to" list.
    fireEvent.change(screen.getByLabelText('Move “Pumps” to'), { target: { value: 'won' } });
    await screen.findByText('Could not move “Pumps”: A won deal needs an amount.');
    expect(within(proposal).getByText('Pumps')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Won' })).queryByText('Pumps')).toBeNull();
  });

  it('offers no moving to someone who may not edit', async () => {
    render(<BoardView entity={deal} abilities={{ ...canEdit, edit: false }} fieldName="stage" />);
    await within(await screen.findByRole('region', { name: 'Proposal' })).findByText('Pumps');
    expect(screen.queryByLabelText('Move “Pumps” to')).toBeNull();
    expect(screen.getByText('Pumps').closest('li')!.getAttribute('draggable')).toBe('false');
  });
});
