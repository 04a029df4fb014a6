// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client.js';
import type { Abilities, EntityDetail, RecordRow } from '../../api/types.js';
import { mapProblem } from './form-errors.js';
import { RecordForm } from './RecordForm.js';

const deal: EntityDetail = {
  name: 'deal',
  label: { en: 'Deal' },
  titleField: 'title',
  fields: [
    { name: 'title', type: 'text', label: { en: 'Title' }, required: true },
    { name: 'stage', type: 'select', label: { en: 'Stage' }, required: true, options: [{ value: 'won', label: { en: 'Won' } }, { value: 'lost', label: { en: 'Lost' } }] },
    { name: 'amount', type: 'currency', label: { en: 'Amount' }, defaultCurrency: 'USD' },
    { name: 'email', type: 'email', label: { en: 'Email' } },
  ],
  inverses: [],
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['title', 'stage'],
    properties: {
      title: { type: 'string', maxLength: 200 },
      stage: { type: 'string', enum: ['won', 'lost'] },
      amount: { type: 'object', additionalProperties: false, required: ['amount'], properties: { amount: { type: 'number' }, currency: { type: 'string', minLength: 3, maxLength: 3 } } },
      email: { type: 'string' },
    },
  },
};
const everything: Abilities = { create: true, edit: true, delete: true, readOnlyFields: new Set() };
const stored: RecordRow = { id: 7, version: 3, createdAt: '', updatedAt: '', createdBy: null, updatedBy: null, title: 'Pumps', stage: 'won', amount: { amount: 10, currency: 'USD' }, email: null };

afterEach(cleanup);

describe('server errors on the form', () => {
  it('puts each problem on the field it names (parts of composites on the composite) and the rest above the form', () => {
    const mapped = mapProblem(
      {
        status: 400,
        code: 'KITH_VALIDATION_RULE_FAILED',
        detail: 'A won deal needs an amount.',
        errors: [
          { field: 'amount', code: 'KITH_RULE_FAILED', message: 'A won deal needs an amount.' },
          { field: 'amount.currency', code: 'KITH_FIELD_INVALID', message: 'Amount: "ZZZ" is not an ISO 4217 code.' },
          { field: '/email', code: 'KITH_FIELD_INVALID', message: 'Email: the domain does not exist.' },
          { field: 'margin', code: 'KITH_FIELD_INVALID', message: 'Margin may not be set.' },
          { code: 'KITH_RULE_FAILED', message: 'Deals need a reviewer this quarter.' },
        ],
      },
      new Set(['title', 'stage', 'amount', 'email']),
    );
    expect(mapped.fields).toEqual({ amount: { __errors: ['A won deal needs an amount.', 'Amount: "ZZZ" is not an ISO 4217 code.'] }, email: { __errors: ['Email: the domain does not exist.'] } });
    expect(mapped.general).toEqual(['Margin may not be set.', 'Deals need a reviewer this quarter.']);
    expect(mapProblem({ status: 409, code: 'KITH_UNIQUE_VIOLATED', detail: 'Email is taken.', field: 'email' }, new Set(['email'])).fields).toEqual({ email: { __errors: ['Email is taken.'] } });
  });

  it('shows the server’s rule message under its field when a create is refused, and sends only filled-in fields', async () => {
    const save = vi.fn(async (_body: Record<string, unknown>): Promise<RecordRow> => {
      throw new ApiError({ status: 400, code: 'KITH_VALIDATION_RULE_FAILED', detail: 'A won deal needs an amount.', errors: [{ field: 'amount', code: 'KITH_RULE_FAILED', message: 'A won deal needs an amount.' }] });
    });
    const { container } = render(<RecordForm entity={deal} abilities={everything} save={save} onSaved={() => undefined} onCancel={() => undefined} />);
    fireEvent.change(screen.getByLabelText(/^Title/), { target: { value: 'Compressors' } });
    fireEvent.change(screen.getByLabelText(/^Stage/), { target: { value: 'won' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(save).toHaveBeenCalledWith({ title: 'Compressors', stage: 'won' }));
    await waitFor(() => expect(container.querySelector('#root_amount')!.parentElement!.textContent).toContain('A won deal needs an amount.'));
    expect(screen.getByRole('alert').textContent).toContain('The deal was not saved.');
  });

  it('checks the schema before asking the server: a missing required field is marked on the field', async () => {
    const save = vi.fn();
    render(<RecordForm entity={deal} abilities={everything} save={save} onSaved={() => undefined} onCancel={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getAllByText('is required').length).toBe(2));
    expect(save).not.toHaveBeenCalled();
  });

  it('explains a version conflict and reloads the other person’s version on request', async () => {
    const save = vi.fn(async (body: Record<string, unknown>): Promise<RecordRow> => {
      if (body.version === 3) throw new ApiError({ status: 409, code: 'KITH_VERSION_CONFLICT', detail: 'deal 7 was changed by someone else', field: 'version', currentVersion: 4 });
      return { ...stored, ...body, version: 5 } as RecordRow;
    });
    const reload = vi.fn(async () => ({ ...stored, version: 4, title: 'Pumps (theirs)' }));
    const onSaved = vi.fn();
    render(<RecordForm entity={deal} abilities={everything} record={stored} save={save} reload={reload} onSaved={onSaved} onCancel={() => undefined} />);
    fireEvent.change(screen.getByLabelText(/^Title/), { target: { value: 'Pumps (mine)' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(save).toHaveBeenCalledWith({ title: 'Pumps (mine)', version: 3 }));
    await screen.findByText(/Someone else changed this deal after you opened it \(it is now at version 4\)/);
    fireEvent.click(screen.getByRole('button', { name: 'Reload their version (drops your changes)' }));
    await waitFor(() => expect((screen.getByLabelText(/^Title/) as HTMLInputElement).value).toBe('Pumps (theirs)'));
    fireEvent.change(screen.getByLabelText(/^Title/), { target: { value: 'Pumps (merged)' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(save).toHaveBeenLastCalledWith({ title: 'Pumps (merged)', version: 4 }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
  });
});
