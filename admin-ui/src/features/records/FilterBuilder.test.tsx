// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EntityMeta, FilterPath } from '../../api/types.js';
import { FilterBuilder } from './FilterBuilder.js';
import { toApiFilter, type FilterState } from './filter-model.js';

const deal: EntityMeta = {
  name: 'deal',
  label: { en: 'Deal' },
  titleField: 'title',
  fields: [
    { name: 'title', type: 'text', label: { en: 'Title' } },
    { name: 'stage', type: 'select', label: { en: 'Stage', es: 'Etapa' }, options: [{ value: 'won', label: { en: 'Won' } }, { value: 'lost', label: { en: 'Lost' } }] },
    { name: 'amount', type: 'currency', label: { en: 'Amount' } },
  ],
};
const paths: FilterPath[] = [
  { path: 'title', field: 'title', type: 'text', kind: 'text', operators: ['$eq', '$ne', '$ilike', '$null'] },
  { path: 'stage', field: 'stage', type: 'select', kind: 'text', widget: 'select', operators: ['$eq', '$ne', '$in', '$nin', '$null'] },
  { path: 'amount', field: 'amount', type: 'currency', kind: 'decimal', operators: ['$eq', '$gt', '$lt', '$null'] },
  { path: 'amount.currency', field: 'amount', part: 'currency', type: 'text', kind: 'text', operators: ['$eq', '$ilike'] },
];
const options = (label: string) => [...(screen.getByLabelText(label) as HTMLSelectElement).options].map((o) => o.text);

afterEach(cleanup);

describe('the filter builder', () => {
  it('offers conditions and a value input that fit each field, and applies the filter in the API language', () => {
    const onApply = vi.fn<(state: FilterState) => void>();
    render(<FilterBuilder entity={deal} paths={paths} value={{ mode: 'and', rows: [] }} onApply={onApply} />);
    expect(screen.getByText('No conditions: every record is shown.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '+ Add condition' }));
    expect(options('Field 1')).toEqual(['Title', 'Stage', 'Amount', 'Amount: currency']);
    expect(options('Condition 1')).toEqual(['is', 'is not', 'contains', 'starts with', 'is empty', 'is not empty']);

    fireEvent.change(screen.getByLabelText('Field 1'), { target: { value: 'stage' } });
    expect(options('Condition 1')).toEqual(['is', 'is not', 'is one of', 'is none of', 'is empty', 'is not empty']);
    expect(options('Value 1')).toEqual(['', 'Won', 'Lost']);
    fireEvent.change(screen.getByLabelText('Value 1'), { target: { value: 'won' } });

    fireEvent.click(screen.getByRole('button', { name: '+ Add condition' }));
    fireEvent.change(screen.getByLabelText('Field 2'), { target: { value: 'amount' } });
    expect(options('Condition 2')).toEqual(['is', 'is greater than', 'is less than', 'is empty', 'is not empty']);
    fireEvent.change(screen.getByLabelText('Condition 2'), { target: { value: '$gt' } });
    expect((screen.getByLabelText('Value 2') as HTMLInputElement).type).toBe('number');
    fireEvent.change(screen.getByLabelText('Value 2'), { target: { value: '5000' } });
    fireEvent.change(screen.getByDisplayValue('all conditions'), { target: { value: 'or' } });

    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(toApiFilter(onApply.mock.calls[0]![0], paths)).toEqual({ $or: [{ stage: { $eq: 'won' } }, { amount: { $gt: 5000 } }] });
  });

  it('shows a list of checkboxes for "is one of" on a select, and removes a condition', () => {
    const onApply = vi.fn<(state: FilterState) => void>();
    render(<FilterBuilder entity={deal} paths={paths} value={{ mode: 'and', rows: [{ path: 'stage', op: '$in', value: ['lost'] }, { path: 'title', op: 'contains', value: 'Lima' }] }} onApply={onApply} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Won' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove condition 2' }));
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(toApiFilter(onApply.mock.calls[0]![0], paths)).toEqual({ stage: { $in: ['won', 'lost'] } });
  });

  it('does not offer a field the server did not list (a field the role may not read)', () => {
    render(<FilterBuilder entity={deal} paths={paths.filter((p) => p.field !== 'amount')} value={{ mode: 'and', rows: [{ path: 'amount', op: '$gt', value: 1 }] }} onApply={() => undefined} />);
    expect(screen.queryByLabelText('Field 1')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '+ Add condition' }));
    expect(options('Field 1')).toEqual(['Title', 'Stage']);
  });
});
