import type { RecordRow } from '../../api/types.js';
import type { ColumnValue } from './board-columns.js';

/** One column of a board: the records whose field holds `value` (an option, a related record's id; null: no value). */
export interface BoardColumn {
  readonly value: ColumnValue;
  readonly cards: readonly RecordRow[];
  /** How many records the column has in all (the board shows the first few). */
  readonly total: number;
}

/** A card moved from one column to another, before the server has answered. */
export interface PendingMove {
  readonly card: RecordRow;
  readonly from: ColumnValue;
  readonly to: ColumnValue;
  /** The body of the PATCH: the version read, and the new value. */
  readonly body: Record<string, unknown>;
}

/**
 * Moves a card to the top of column `to` (optimistically) and says what to send; undefined
 * when the card is not on the board or is already there.
 */
export function moveCard(columns: readonly BoardColumn[], field: string, cardId: number, to: ColumnValue): { columns: BoardColumn[]; move: PendingMove } | undefined {
  const source = columns.find((c) => c.cards.some((r) => r.id === cardId));
  if (!source || source.value === to || !columns.some((c) => c.value === to)) return undefined;
  const card = source.cards.find((r) => r.id === cardId)!;
  const moved = { ...card, [field]: to };
  const next = columns.map((c) => {
    if (c === source) return { ...c, cards: c.cards.filter((r) => r.id !== cardId), total: c.total - 1 };
    if (c.value === to) return { ...c, cards: [moved, ...c.cards], total: c.total + 1 };
    return c;
  });
  return { columns: next, move: { card, from: source.value, to, body: { version: card.version, [field]: to } } };
}

/** The server stored the move: the card takes the stored record (new version, values a rule may have set). */
export function confirmMove(columns: readonly BoardColumn[], stored: RecordRow): BoardColumn[] {
  return columns.map((c) => ({ ...c, cards: c.cards.map((r) => (r.id === stored.id ? stored : r)) }));
}

/** The server refused the move: the card goes back where it was, as it was. */
export function revertMove(columns: readonly BoardColumn[], move: PendingMove): BoardColumn[] {
  return columns.map((c) => {
    if (c.value === move.to) return { ...c, cards: c.cards.filter((r) => r.id !== move.card.id), total: c.total - 1 };
    if (c.value === move.from) return { ...c, cards: [move.card, ...c.cards.filter((r) => r.id !== move.card.id)], total: c.total + 1 };
    return c;
  });
}
