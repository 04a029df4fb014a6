import { useEffect, useState, type DragEvent } from 'react';
import { api, ApiError, query } from '../../api/client.js';
import { loadAbilities, loadEntity } from '../../api/metadata.js';
import type { Abilities, EntityDetail, FieldMeta, RecordPage, RecordRow } from '../../api/types.js';
import { entityLabel, formatValue, optionLabel, recordTitle } from '../../app/format.js';
import { useI18n, type I18n } from '../../app/i18n.js';
import { namesFor } from '../../app/names.js';
import { Link, navigate, paths, useLocation } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { ErrorNotice, Loading } from '../../app/states.js';
import { useAsync } from '../../app/use-async.js';
import { groupableFields, MAX_RELATION_COLUMNS, parentFieldOf, parseBoardFilter, relationColumns, selectColumns, type ColumnSpec, type ColumnValue } from './board-columns.js';
import { confirmMove, moveCard, revertMove, type BoardColumn } from './kanban-move.js';

const PER_COLUMN = 25;
/** What a card shows under its title, most telling first: money, then who, then what it belongs to. */
const CARD_TYPES = ['currency', 'user', 'relation', 'date', 'decimal', 'integer'];

/** A kanban board of an entity by one of its select fields (leads by status) or many-to-one relations (opportunities by stage). */
export default function Board({ entityName, field }: { entityName: string; field: string }) {
  const { me } = useSession();
  const search = useLocation().split('?')[1] ?? '';
  const [state] = useAsync(async () => {
    const [entity, abilities] = await Promise.all([loadEntity(entityName), loadAbilities(me, entityName)]);
    return { entity, abilities };
  }, [entityName]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorNotice error={state.error} />;
  return <BoardView entity={state.value.entity} abilities={state.value.abilities} fieldName={field} search={search} />;
}

/** Props of the board itself (loaded metadata in, so tests can render it directly). */
export interface BoardViewProps {
  readonly entity: EntityDetail;
  readonly abilities: Abilities;
  readonly fieldName: string;
  /** The address's query: `filter` narrows a relation's target records (the stages of one pipeline). */
  readonly search?: string;
}

/** The parent selector of a board by a relation (the pipeline of the stages). */
interface ParentChoice {
  readonly field: FieldMeta;
  readonly options: readonly { readonly id: number; readonly label: string }[];
  readonly value: number | undefined;
}

/** How the board is laid out once its columns are known. */
interface Layout {
  readonly specs: readonly ColumnSpec[];
  readonly parent?: ParentChoice;
  readonly tooMany?: boolean;
}

const keyOf = (value: ColumnValue) => (value === null ? '' : String(value));

/** The board: one column per option or related record, cards dragged (or moved with the keyboard) between them. */
export function BoardView({ entity, abilities, fieldName, search = '' }: BoardViewProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const groupable = groupableFields(entity);
  const field = groupable.find((f) => f.name === fieldName);
  const shown = entity.fields
    .filter((f) => CARD_TYPES.includes(f.type) && f.name !== entity.titleField && f.name !== fieldName)
    .sort((a, b) => CARD_TYPES.indexOf(a.type) - CARD_TYPES.indexOf(b.type))
    .slice(0, 3);
  const [layout, setLayout] = useState<Layout | null>(null);
  const [columns, setColumns] = useState<BoardColumn[] | null>(null);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<ColumnValue | undefined>(undefined);
  const [failed, setFailed] = useState<unknown>(null);

  useEffect(() => {
    if (!field) return;
    const controller = new AbortController();
    const { signal } = controller;
    const load = async () => {
      const planned = field.type === 'select' ? { specs: selectColumns(field, (v) => optionLabel(field, v, i18n), t('board.noValue')) } : await relationLayout(field, search, i18n, signal);
      setLayout(planned);
      if (planned.tooMany) return;
      const fields = [entity.titleField, fieldName, ...shown.map((f) => f.name)].filter(Boolean).join(',');
      const loaded = await Promise.all(
        planned.specs.map(async ({ value }) => {
          const page = await api<RecordPage>('GET', `/records/${encodeURIComponent(entity.name)}${query({ filter: { [fieldName]: value === null ? { $null: true } : value }, limit: PER_COLUMN, count: true, sort: '-updatedAt', fields })}`, undefined, { signal });
          return { value, cards: page.data, total: page.total ?? page.data.length };
        }),
      );
      if (signal.aborted) return;
      setColumns(loaded);
      setNames(await namesFor(shown, loaded.flatMap((c) => c.cards), i18n));
    };
    load().catch((error: unknown) => !signal.aborted && setFailed(error));
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entity.name, fieldName, search]);

  if (!field) {
    return (
      <div className="page">
        <p className="empty">{t('board.none')}</p>
      </div>
    );
  }
  if (failed) return <ErrorNotice error={failed} />;
  if (layout?.tooMany) {
    return (
      <div className="page">
        <p className="empty">{t('board.tooMany', { count: MAX_RELATION_COLUMNS })}</p>
      </div>
    );
  }
  if (!columns || !layout) return <Loading />;

  const specOf = (value: ColumnValue) => layout.specs.find((s) => s.value === value);
  const labelOf = (value: ColumnValue) => specOf(value)?.label ?? (value === null ? t('board.noValue') : String(value));
  const canMove = abilities.edit && !abilities.readOnlyFields.has(fieldName);

  const move = async (cardId: number, to: ColumnValue) => {
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

  const drop = (to: ColumnValue) => (event: DragEvent) => {
    event.preventDefault();
    setOver(undefined);
    // The card is re-created in its new column, so its own dragend may never come.
    setDragging(null);
    const id = Number(event.dataTransfer.getData('text/plain'));
    if (id) void move(id, to);
  };
  const parent = layout.parent;

  return (
    <div className="page board-page">
      <div className="page-head">
        <h1>{t('board.title', { entity: entityLabel(entity, i18n, true), field: i18n.label(field.label, field.name) })}</h1>
        <span className="spacer" />
        {parent && (
          <label className="inline">
            {i18n.label(parent.field.label, parent.field.name)}{' '}
            <select aria-label={i18n.label(parent.field.label, parent.field.name)} value={parent.value ?? ''} onChange={(e) => navigate(`${paths.board(entity.name, fieldName)}${query({ filter: e.target.value ? { [parent.field.name]: Number(e.target.value) } : {} })}`)}>
              <option value="">{t('board.allParents')}</option>
              {parent.options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        )}
        {groupable.length > 1 && (
          <label className="inline">
            {t('board.pick')}{' '}
            <select aria-label={t('board.pick')} value={fieldName} onChange={(e) => navigate(paths.board(entity.name, e.target.value))}>
              {groupable.map((f) => (
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
          const key = keyOf(column.value);
          const color = specOf(column.value)?.color;
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

/**
 * The columns of a board by a relation: the target's records (read as the user), narrowed by the
 * address's filter or, when the target belongs to a parent, by one parent (the default one, else the first).
 */
async function relationLayout(field: FieldMeta, search: string, i18n: I18n, signal: AbortSignal): Promise<Layout> {
  const target = await loadEntity(field.target!);
  const parentField = parentFieldOf(target);
  let parent: ParentChoice | undefined;
  let filter = parseBoardFilter(search);
  if (parentField) {
    const parentEntity = await loadEntity(parentField.target!);
    const page = await api<RecordPage>('GET', `/records/${encodeURIComponent(parentEntity.name)}${query({ limit: MAX_RELATION_COLUMNS })}`, undefined, { signal });
    const options = page.data.map((row) => ({ id: row.id, label: recordTitle(parentEntity, row, i18n), isDefault: row.isDefault === true })).sort((a, b) => a.label.localeCompare(b.label));
    if (!filter && options.length > 0) filter = { [parentField.name]: (options.find((o) => o.isDefault) ?? options[0]!).id };
    const chosen = filter?.[parentField.name];
    parent = { field: parentField, options, value: typeof chosen === 'number' ? chosen : undefined };
  }
  const rows = await api<RecordPage>('GET', `/records/${encodeURIComponent(target.name)}${query({ filter, limit: MAX_RELATION_COLUMNS + 1 })}`, undefined, { signal });
  if (rows.data.length > MAX_RELATION_COLUMNS) return { specs: [], tooMany: true, ...(parent ? { parent } : {}) };
  return { specs: relationColumns(field, target, rows.data, (row) => recordTitle(target, row, i18n), i18n.t('board.noValue')), ...(parent ? { parent } : {}) };
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
  readonly options: readonly ColumnValue[];
  readonly labelOf: (value: ColumnValue) => string;
  readonly onMove: (to: ColumnValue) => void;
}

function Card({ entity, field, card, shown, names, draggable, dragging, onDragStart, onDragEnd, options, labelOf, onMove }: CardProps) {
  const i18n = useI18n();
  const title = recordTitle(entity, card, i18n);
  const current = (card[field.name] as ColumnValue | undefined) ?? null;
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
        <select className="card-move" aria-label={i18n.t('board.moveTo', { title })} value={keyOf(current)} onChange={(e) => onMove(options.find((o) => keyOf(o) === e.target.value) ?? null)}>
          {options.map((o) => (
            <option key={keyOf(o)} value={keyOf(o)}>
              {labelOf(o)}
            </option>
          ))}
        </select>
      )}
    </li>
  );
}
