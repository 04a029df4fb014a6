import { useEffect, useState, type DragEvent } from 'react';
import { api, ApiError, query } from '../../api/client.js';
import { loadAbilities, loadEntity } from '../../api/metadata.js';
import type { Abilities, EntityDetail, FieldMeta, RecordPage, RecordRow } from '../../api/types.js';
import { entityLabel, formatValue, recordTitle } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import { namesFor } from '../../app/names.js';
import { Link, navigate, paths } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { ErrorNotice, Loading } from '../../app/states.js';
import { useAsync } from '../../app/use-async.js';
import { confirmMove, moveCard, revertMove, type BoardColumn } from './kanban-move.js';

const PER_COLUMN = 25;
/** What a card shows under its title, most telling first: money, then who, then what it belongs to. */
const CARD_TYPES = ['currency', 'user', 'relation', 'date', 'decimal', 'integer'];

/** A kanban board of an entity by one of its select fields (the deals by stage). */
export default function Board({ entityName, field }: { entityName: string; field: string }) {
  const { me } = useSession();
  const [state] = useAsync(async () => {
    const [entity, abilities] = await Promise.all([loadEntity(entityName), loadAbilities(me, entityName)]);
    return { entity, abilities };
  }, [entityName]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorNotice error={state.error} />;
  return <BoardView entity={state.value.entity} abilities={state.value.abilities} fieldName={field} />;
}

/** Props of the board itself (loaded metadata in, so tests can render it directly). */
export interface BoardViewProps {
  readonly entity: EntityDetail;
  readonly abilities: Abilities;
  readonly fieldName: string;
}

/** The board: one column per option, cards dragged (or moved with the keyboard) between them. */
export function BoardView({ entity, abilities, fieldName }: BoardViewProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const field = entity.fields.find((f) => f.name === fieldName && f.type === 'select');
  const selects = entity.fields.filter((f) => f.type === 'select');
  const shown = entity.fields
    .filter((f) => CARD_TYPES.includes(f.type) && f.name !== entity.titleField)
    .sort((a, b) => CARD_TYPES.indexOf(a.type) - CARD_TYPES.indexOf(b.type))
    .slice(0, 3);
  const [columns, setColumns] = useState<BoardColumn[] | null>(null);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<string | null | undefined>(undefined);
  const [failed, setFailed] = useState<unknown>(null);

  useEffect(() => {
    if (!field) return;
    const controller = new AbortController();
    const values: (string | null)[] = [...(field.options ?? []).map((o) => o.value), ...(field.required ? [] : [null])];
    const fields = [entity.titleField, fieldName, ...shown.map((f) => f.name)].filter(Boolean).join(',');
    void Promise.all(
      values.map(async (value) => {
        const page = await api<RecordPage>('GET', `/records/${encodeURIComponent(entity.name)}${query({ filter: { [fieldName]: value === null ? { $null: true } : value }, limit: PER_COLUMN, count: true, sort: '-updatedAt', fields })}`, undefined, { signal: controller.signal });
        return { value, cards: page.data, total: page.total ?? page.data.length };
      }),
    ).then(
      async (loaded) => {
        setColumns(loaded);
        setNames(await namesFor(shown, loaded.flatMap((c) => c.cards), i18n));
      },
      (error: unknown) => !controller.signal.aborted && setFailed(error),
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entity.name, fieldName]);

  if (!field) {
    return (
      <div className="page">
        <p className="empty">{t('board.none')}</p>
      </div>
    );
  }
  if (failed) return <ErrorNotice error={failed} />;
  if (!columns) return <Loading />;

  const labelOf = (value: string | null) => (value === null ? t('board.noValue') : i18n.label(field.options?.find((o) => o.value === value)?.label, value));
  const canMove = abilities.edit && !abilities.readOnlyFields.has(fieldName);

  const move = async (cardId: number, to: string | null) => {
    const result = moveCard(columns, fieldName, cardId, to);
    if (!result) return;
    const title = recordTitle(entity, result.move.card, i18n);
    setColumns(result.columns);
    setNotice(null);
    try {
      const stored = await api<RecordRow>('PATCH', `/records/${encodeURIComponent(entity.name)}/${cardId}`, result.move.body);
      setColumns((current) => confirmMove(current ?? result.columns, stored));
      setNotice({ text: t('board.moved', { title, to: labelOf(to) }), error: false });
    } catch (error) {
      setColumns((current) => revertMove(current ?? result.columns, result.move));
      const reason = error instanceof ApiError ? (error.problem.errors?.map((e) => e.message).join(' ') || error.problem.detail) : String(error);
      setNotice({ text: t('board.refused', { title, reason }), error: true });
    }
  };

  const drop = (to: string | null) => (event: DragEvent) => {
    event.preventDefault();
    setOver(undefined);
    // The card is re-created in its new column, so its own dragend may never come.
    setDragging(null);
    const id = Number(event.dataTransfer.getData('text/plain'));
    if (id) void move(id, to);
  };

  return (
    <div className="page board-page">
      <div className="page-head">
        <h1>{t('board.title', { entity: entityLabel(entity, i18n, true), field: i18n.label(field.label, field.name) })}</h1>
        <span className="spacer" />
        {selects.length > 1 && (
          <label className="inline">
            {t('board.pick')}{' '}
            <select value={fieldName} onChange={(e) => navigate(paths.board(entity.name, e.target.value))}>
              {selects.map((f) => (
                <option key={f.name} value={f.name}>
                  {i18n.label(f.label, f.name)}
                </option>
              ))}
            </select>
          </label>
        )}
        <Link className="button" to={paths.list(entity.name)}>
          {t('list.table')}
        </Link>
      </div>
      <p className={notice?.error ? 'notice error' : 'notice'} role={notice?.error ? 'alert' : 'status'} hidden={!notice}>
        {notice?.text}
      </p>
      <div className="board">
        {columns.map((column) => {
          const key = column.value ?? '';
          const color = field.options?.find((o) => o.value === column.value)?.color;
          return (
            <section
              key={key}
              className={over === column.value ? 'column over' : 'column'}
              aria-label={labelOf(column.value)}
              data-value={key}
              onDragOver={(e) => {
                if (!canMove) return;
                e.preventDefault();
                setOver(column.value);
              }}
              onDragLeave={() => setOver(undefined)}
              onDrop={drop(column.value)}
            >
              <h2 style={color ? { borderTopColor: color } : undefined}>
                {labelOf(column.value)} <span className="count">{new Intl.NumberFormat(i18n.locale).format(column.total)}</span>
              </h2>
              <ol className="cards-col">
                {column.cards.length === 0 && <li className="muted drop-hint">{t('board.empty')}</li>}
                {column.cards.map((card) => (
                  <Card key={card.id} entity={entity} field={field} card={card} shown={shown} names={names} draggable={canMove} dragging={dragging === card.id} onDragStart={() => setDragging(card.id)} onDragEnd={() => setDragging(null)} options={columns.map((c) => c.value)} labelOf={labelOf} onMove={(to) => void move(card.id, to)} />
                ))}
                {column.total > column.cards.length && (
                  <li className="muted">
                    <Link to={paths.list(entity.name, { filter: JSON.stringify({ [fieldName]: column.value }) })}>{t('board.more', { count: column.total - column.cards.length })}</Link>
                  </li>
                )}
              </ol>
            </section>
          );
        })}
      </div>
    </div>
  );
}

interface CardProps {
  readonly entity: EntityDetail;
  readonly field: FieldMeta;
  readonly card: RecordRow;
  readonly shown: readonly FieldMeta[];
  readonly names: ReadonlyMap<string, string>;
  readonly draggable: boolean;
  readonly dragging: boolean;
  readonly onDragStart: () => void;
  readonly onDragEnd: () => void;
  readonly options: readonly (string | null)[];
  readonly labelOf: (value: string | null) => string;
  readonly onMove: (to: string | null) => void;
}

function Card({ entity, field, card, shown, names, draggable, dragging, onDragStart, onDragEnd, options, labelOf, onMove }: CardProps) {
  const i18n = useI18n();
  const title = recordTitle(entity, card, i18n);
  const current = (card[field.name] as string | null | undefined) ?? null;
  return (
    <li
      className={dragging ? 'kcard dragging' : 'kcard'}
      draggable={draggable}
      data-id={card.id}
      onDragStart={(e) => {
        e.dataTransfer.setData('text/plain', String(card.id));
        e.dataTransfer.effectAllowed = 'move';
        onDragStart();
      }}
      onDragEnd={onDragEnd}
    >
      <Link to={paths.record(entity.name, card.id)} className="card-title">
        {title}
      </Link>
      {shown.map((f) => {
        const text = formatValue(f, f.name, card[f.name], i18n, names);
        return text ? (
          <span key={f.name} className="card-line">
            <span className="sr-only">{i18n.label(f.label, f.name)}: </span>
            {text}
          </span>
        ) : null;
      })}
      {draggable && (
        <select className="card-move" aria-label={i18n.t('board.moveTo', { title })} value={current ?? ''} onChange={(e) => onMove(e.target.value === '' ? null : e.target.value)}>
          {options.map((o) => (
            <option key={o ?? ''} value={o ?? ''}>
              {labelOf(o)}
            </option>
          ))}
        </select>
      )}
    </li>
  );
}
